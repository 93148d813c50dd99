/**
 * `GET /embed/{scope}/{year}/{indicator}`: one indicator as a standalone SVG — YRD 2022's composite beauty index is
 * 80.90 against at least 100.00 by 2035, substantial progress (observed 52.57 in 2012), in English and Chinese;
 * 404 for an indicator the scope's report does not carry; 304 on a matching If-None-Match.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

describe("GET /embed/{scope}/{year}/{indicator}", () => {
  // the reference data as a first start loads it: the published 2012 and 2022 figures
  let runtime: AppRuntime
  let app: ReturnType<typeof makeApp>
  beforeAll(async () => {
    runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
    await runOrThrow(runtime, seedReferenceData("2025-03-01T00:00:00.000Z"))
    app = makeApp(runtime)
  })
  afterAll(() => runtime.dispose())
  const get = async (path: string, headers: Record<string, string> = {}) => {
    const res = await app.request(path, { headers })
    const text = await res.text()
    return { status: res.status, headers: res.headers, text, json: res.headers.get("content-type")?.includes("json") ? JSON.parse(text) : undefined }
  }

  it("draws the value, the judgement, the target and the trend, in the page language", async () => {
    const en = await get("/embed/YRD/2022/beauty.composite?lang=en")
    expect([en.status, en.headers.get("content-type"), en.headers.get("content-security-policy")]).toEqual([
      200,
      "image/svg+xml; charset=utf-8",
      "default-src 'none'; style-src 'unsafe-inline'",
    ])
    expect(en.text.slice(0, 87)).toBe('<svg xmlns="http://www.w3.org/2000/svg" width="520" height="382" viewBox="0 0 520 382" ')
    expect(en.text).toContain('<tspan class="value">80.90</tspan>')
    expect(en.text).toContain("at least 100.00 by 2035 (expected)")
    expect(en.text).toContain("▲ substantial progress")
    expect(en.text).toContain(">52.57<") // the 2012 point of the trend
    const zh = await get("/embed/YRD/2022/beauty.composite?lang=zh")
    expect(zh.text).toContain("▲ 进展显著")
    expect(zh.text).toContain("不低于 100.00（2035 年，预期性）")
  })

  it("says when the year has no value, and draws no chart for it", async () => {
    const res = await get("/embed/DEMO-ZONE/2025/ecology.redline-area-km2?lang=en")
    expect(res.status).toBe(200)
    expect(res.text).toContain('<tspan class="value">no value for this year</tspan>')
    expect(res.text).not.toContain('class="series"')
  })

  it("is 404 for an indicator the report does not carry, and 304 when the client has it", async () => {
    // the growth index reads no figure the zone has (the composite does: ecology's air, water and forest shares)
    const none = await get("/embed/DEMO-ZONE/2025/beauty.growth")
    expect([none.status, none.json.error.code]).toEqual([404, "not-found"])
    const first = await get("/embed/YRD/2022/beauty.composite?lang=en")
    const again = await get("/embed/YRD/2022/beauty.composite?lang=en", { "if-none-match": first.headers.get("etag")! })
    expect([again.status, again.text]).toEqual([304, ""])
  })
})

import { type Report, yrdRegions } from "@tijian/core"

import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

const SEEDED_AT = "2024-01-01T00:00:00.000Z"
/** Every built-in plugin's reference observations. */
const REFERENCE_VALUES = builtinPlugins.reduce((n, p) => n + (p.referenceData?.observations.length ?? 0), 0)
const NOW = new Date("2025-06-01T00:00:00.000Z")

let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
const logged: Array<unknown> = []

const get = async (path: string) => {
  const res = await app.request(path)
  return { status: res.status, type: res.headers.get("content-type"), body: (await res.json()) as any }
}

const evaluation = (report: Report, indicator: string) => {
  const row = report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === indicator)
  if (!row) throw new Error(`no row for ${indicator}`)
  return row
}

beforeAll(async () => {
  runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  expect(REFERENCE_VALUES).toBeGreaterThanOrEqual(10)
  expect(await runOrThrow(runtime, seedReferenceData(SEEDED_AT))).toBe(REFERENCE_VALUES)
  app = makeApp(runtime, { now: () => NOW, logError: (e) => logged.push(e) })
})

afterAll(() => runtime.dispose())

describe("seedReferenceData", () => {
  it("stores nothing once the store holds revisions", async () => {
    expect(await runOrThrow(runtime, seedReferenceData("2024-02-01T00:00:00.000Z"))).toBe(0)
  })
})

describe("GET /api/v1/health", () => {
  it("is ok", async () => {
    const res = await get("/api/v1/health")
    expect(res.status).toBe(200)
    expect(res.body).toEqual({ status: "ok" })
  })
})

describe("indicators", () => {
  it("lists every indicator without its computation", async () => {
    const { status, body } = await get("/api/v1/indicators")
    expect(status).toBe(200)
    expect(body.indicators).toHaveLength(builtinPlugins.flatMap((p) => p.indicators).length)
    const composite = body.indicators.find((i: { id: string }) => i.id === "beauty.composite")
    expect(composite).toEqual({
      id: "beauty.composite",
      plugin: "beauty",
      kind: "derived",
      name: {
        zh: "美丽城市群综合指数（计算值）",
        en: "Beautiful urban agglomeration composite index (computed)",
      },
      unit: { zh: "指数（0-100）", en: "index 0-100" },
      direction: "higher-is-better",
      range: { min: 0, max: 100 },
      decimals: 2,
    })
    expect(body.indicators.find((i: { id: string }) => i.id === "rail.origin-terminal-share").plugin).toBe("rail")
  })

  it("describes one indicator with its inputs and targets", async () => {
    const { status, body } = await get("/api/v1/indicators/beauty.composite")
    expect(status).toBe(200)
    expect(body.kind).toBe("derived")
    expect(body.inputs).toEqual([
      "beauty.carbon-reduction",
      "beauty.pollution-reduction",
      "beauty.green-expansion",
      "beauty.growth",
    ])
    expect(body.targets).toHaveLength(1)
    expect(body.targets[0]).toMatchObject({ kind: "at-least", value: 100, dueYear: 2035, scope: "*" })
    expect(body).not.toHaveProperty("compute")
  })

  it("404s an unknown indicator", async () => {
    const { status, body } = await get("/api/v1/indicators/beauty.nope")
    expect(status).toBe(404)
    expect(body.error.code).toBe("not-found")
  })
})

describe("regions", () => {
  it("lists regions and groups", async () => {
    const { status, body } = await get("/api/v1/regions")
    expect(status).toBe(200)
    expect(body.regions).toHaveLength(yrdRegions().regions.length)
    const codes = body.regions.map((r: { code: string }) => r.code)
    expect(codes).toEqual(expect.arrayContaining(["YRD", "310000", "320500", "341300", "320509"]))
    expect(body.groups.map((g: { code: string }) => g.code).sort()).toEqual(["DEMO-ZONE", "NORTH-ANHUI-HUAIHE", "YRD-CENTRAL-27"])
  })

  it("tells the two Suzhous apart by code", async () => {
    const jiangsu = await get("/api/v1/regions/320500")
    expect(jiangsu.status).toBe(200)
    expect(jiangsu.body).toMatchObject({ code: "320500", type: "region", level: "city", parent: "320000" })
    expect(jiangsu.body.name).toEqual({ zh: "苏州市", en: "Suzhou (Jiangsu)" })
    const anhui = await get("/api/v1/regions/341300")
    expect(anhui.body.name).toEqual({ zh: "宿州市", en: "Suzhou (Anhui)" })
    expect(anhui.body.parent).toBe("340000")
  })

  it("returns a group with its members", async () => {
    const { status, body } = await get("/api/v1/regions/DEMO-ZONE")
    expect(status).toBe(200)
    expect(body.type).toBe("group")
    expect(body.members.map((m: { code: string }) => m.code)).toEqual(["310118", "320509", "330421"])
  })

  it("404s an unknown code", async () => {
    const { status, body } = await get("/api/v1/regions/999999")
    expect(status).toBe(404)
    expect(body.error.code).toBe("not-found")
  })
})

describe("reads filtered by a name nothing is known by", () => {
  it("404s a misspelt indicator or region with a did-you-mean, on values, breakdowns and the SDMX export alike", async () => {
    const indicator = 'no indicator has id "beauty.growht"; did you mean "beauty.growth"? (see GET /api/v1/indicators)'
    const region = 'no region or group has code "32050"; did you mean "320500"? (regions are identified by GB/T 2260 code, e.g. 320500; see GET /api/v1/regions)'
    for (const path of ["/api/v1/observations", "/api/v1/observations/breakdowns", "/api/v1/export/sdmx.csv"]) {
      const byIndicator = await app.request(`${path}?indicator=beauty.growth,beauty.growht`)
      expect([path, byIndicator.status, ((await byIndicator.json()) as any).error.message]).toEqual([path, 404, indicator])
      const byRegion = await app.request(`${path}?region=320500,32050`)
      expect([path, byRegion.status, ((await byRegion.json()) as any).error.message]).toEqual([path, 404, region])
    }
    // nothing close: no suggestion, where to look instead
    expect((await get("/api/v1/observations?indicator=zzz.qqq")).body.error.message).toBe('no indicator has id "zzz.qqq" (see GET /api/v1/indicators)')
    // a filter of 2,500 unknown codes: the first is named (only it is compared with the known codes)
    const many = await get(`/api/v1/observations?region=${Array.from({ length: 2500 }, (_, i) => String(90000 + i)).join(",")}`)
    expect([many.status, many.body.error.message]).toEqual([404, expect.stringMatching(/^no region or group has code "90000"/)])
    // a code of 5,000 characters is quoted by its first 80
    const long = await get(`/api/v1/observations?region=${"3".repeat(5000)}`)
    expect([long.status, long.body.error.message]).toEqual([404, expect.stringContaining(`"${"3".repeat(80)}…" (5000 characters)`)])
  })

  it("reads a known name with no values as an empty list, and a retired code as a known one", async () => {
    expect(await get("/api/v1/observations?indicator=beauty.growth&region=341300&year=1999")).toMatchObject({ status: 200, body: { observations: [] } })
    // Wujiang's code until 2012: values registered under it are read under it
    expect(await get("/api/v1/observations?region=320584")).toMatchObject({ status: 200, body: { observations: [] } })
  })
})

describe("GET /api/v1/reports/:scope/:year", () => {
  it("evaluates the YRD in 2022", async () => {
    const { status, type, body } = await get("/api/v1/reports/YRD/2022")
    expect(status).toBe(200)
    expect(type).toMatch(/^application\/json/)
    const report = body as Report
    expect(report.scope).toMatchObject({ code: "YRD", type: "region" })
    expect(report.year).toBe(2022)
    // without asOf, a report is as of the latest committed change (here the seeding), so it reads the same later
    expect(report.provenance.asOf).toBe(SEEDED_AT)
    expect(report.provenance.dataAsOf).toBe(SEEDED_AT)
    expect(report.provenance.contentHash).toMatch(/^[0-9a-f]{64}$/)

    const composite = evaluation(report, "beauty.composite")
    expect(composite.value).toBeCloseTo((78.57 + 81.76 + 80.98 + 82.28) / 4, 10)
    expect(composite.value).toBeCloseTo(80.8975, 4)
    expect(composite.origin).toBe("derived")
    expect(composite.progress.status).toBe("substantial")

    const reported = evaluation(report, "beauty.composite-reported")
    expect(reported.value).toBe(80.96)
    expect(reported.targets).toHaveLength(1)
    expect(reported.targets[0]!.gap).toBeCloseTo(19.04, 2)

    expect(evaluation(report, "beauty.green-expansion").progress.status).toBe("limited")
    // Rail applies to cities: the YRD report lists it once among the indicators not reported for this scope.
    expect(report.notReported.map((n) => n.indicator)).toContain("rail.origin-terminal-share")
    expect(report.sections.map((s) => s.plugin)).not.toContain("rail")
  })

  it("reads the data as of asOf", async () => {
    const before = await get("/api/v1/reports/YRD/2022?asOf=2023-12-31T23:59:59Z")
    expect(before.status).toBe(200)
    expect(before.body.provenance.asOf).toBe("2023-12-31T23:59:59.000Z")
    expect(evaluation(before.body, "beauty.composite").status).toBe("missing")
    // An offset is normalised to UTC before comparing with stored submission times.
    const after = await get("/api/v1/reports/YRD/2022?asOf=2024-01-01T08:00:00%2B08:00")
    expect(after.body.provenance.asOf).toBe(SEEDED_AT)
    expect(evaluation(after.body, "beauty.composite").value).toBeCloseTo(80.8975, 4)
  })

  it("404s an unknown scope", async () => {
    const { status, body } = await get("/api/v1/reports/999999/2022")
    expect(status).toBe(404)
    expect(body.error.code).toBe("not-found")
    expect(body.error.message).toContain("999999")
  })

  it.each(["abc", "2022.5", "1800", "99999"])("400s the year %s", async (year) => {
    const { status, body } = await get(`/api/v1/reports/YRD/${year}`)
    expect(status).toBe(400)
    expect(body.error.code).toBe("bad-request")
  })

  it.each(["yesterday", "2024-13-45T00:00:00Z", "2024-01-01T00:00:00"])("400s asOf=%s", async (asOf) => {
    const { status, body } = await get(`/api/v1/reports/YRD/2022?asOf=${encodeURIComponent(asOf)}`)
    expect(status).toBe(400)
    expect(body.error.code).toBe("bad-request")
  })
})

describe("errors", () => {
  it("404s an unknown route as JSON", async () => {
    for (const path of ["/nope", "/api/v1/nope", "/api/v2/health"]) {
      const { status, type, body } = await get(path)
      expect(status).toBe(404)
      expect(type).toMatch(/^application\/json/)
      expect(body.error.code).toBe("not-found")
    }
  })

  it("answers an unexpected failure with a 500 that reveals nothing, and logs it", async () => {
    const broken = makeApp(runtime, { now: () => new Date(Number.NaN), logError: (e) => logged.push(e) })
    // a token is checked against the (broken) clock
    const res = await broken.request("/api/v1/reports/YRD/2022", { headers: { authorization: "Bearer tj_broken", "x-request-id": "r-500" } })
    expect(res.status).toBe(500)
    expect(await res.json()).toEqual({
      error: { code: "internal-error", message: "internal server error; the server log has the details", requestId: "r-500" },
    })
    expect(logged.at(-1)).toBeInstanceOf(RangeError)
  })
})

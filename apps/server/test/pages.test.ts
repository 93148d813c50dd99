import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { fromAcceptLanguage } from "@tijian/report"
import * as labels from "@tijian/report"
import { builtinPlugins } from "../src/plugins.js"
import { fromAccept } from "../src/render/negotiate.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let locked: ReturnType<typeof makeApp>
let token: string

const page = async (target: ReturnType<typeof makeApp>, path: string, headers: Record<string, string> = {}) => {
  const res = await target.request(path, { headers })
  return { status: res.status, type: res.headers.get("content-type") ?? "", text: await res.text() }
}

beforeAll(async () => {
  runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  await runOrThrow(runtime, seedReferenceData("2024-01-01T00:00:00.000Z"))
  const now = () => new Date("2025-06-01T00:00:00.000Z")
  app = makeApp(runtime, { now })
  locked = makeApp(runtime, { now, settings: { readsNeedToken: true } })
  token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "reviewer", agency: "expert-panel" }, "2025-01-01T00:00:00.000Z"))))
    .token
})

afterAll(() => runtime.dispose())

describe("GET / (the index)", () => {
  it("links each region and group to the report of every year with data", async () => {
    const res = await page(app, "/?lang=en")
    expect(res.status).toBe(200)
    expect(res.type).toMatch(/^text\/html/)
    expect(res.text).toContain("<h1>Reports</h1>")
    // YRD has the beauty index for 2012 and 2022; the 27 central cities have members' rail shares for 2021.
    expect(res.text).toContain('<a href="/reports/YRD/2012?lang=en" aria-label="Yangtze River Delta, report 2012">2012</a>')
    expect(res.text).toContain('<a href="/reports/YRD/2022?lang=en" aria-label="Yangtze River Delta, report 2022">2022</a>')
    expect(res.text).toMatch(/<th scope="row">The 27 central cities of the 2019 Outline<\/th><td><code>YRD-CENTRAL-27<\/code><\/td><td>27 members<\/td><td><ul class="years"><li><a href="\/reports\/YRD-CENTRAL-27\/2021\?lang=en"/)
    expect(res.text).toMatch(/<th scope="row">Eco-Green Integrated Development Demonstration Zone<\/th>.*no data yet/)
    expect(res.text).toContain("Regions without data yet")
    expect(res.text).not.toMatch(/<script/i)
  })

  it("switches language: labels and link targets", async () => {
    const zh = await page(app, "/?lang=zh")
    expect(zh.text).toContain('<html lang="zh-CN">')
    expect(zh.text).toContain("<h1>报告目录</h1>")
    expect(zh.text).toContain('<a href="/reports/YRD/2022?lang=zh" aria-label="长江三角洲地区 2022 年报告">2022 年</a>')
    expect(zh.text).toContain('<a href="/?lang=en" lang="en" hreflang="en" title="Switch to English">English</a>')
    const en = await page(app, "/", { "accept-language": "en-US,en;q=0.9" })
    expect(en.text).toContain("<h1>Reports</h1>")
  })

  it("links the report page back to the index, to the other language and to the other formats", async () => {
    const res = await page(app, "/reports/YRD/2022?lang=en&asOf=2025-01-01")
    expect(res.text).toContain('<a href="/?lang=en">All reports</a>')
    expect(res.text).toContain('<a href="/reports/YRD/2022?lang=zh&amp;asOf=2025-01-01" lang="zh-CN" hreflang="zh-CN"')
    expect(res.text).toContain('<a href="/api/v1/reports/YRD/2022.md?asOf=2025-01-01&amp;lang=en" type="text/markdown">Markdown</a>')
    expect(res.text).toContain('<a href="/api/v1/reports/YRD/2022.csv?asOf=2025-01-01&amp;lang=en" type="text/csv">CSV</a>')
    expect(res.text).toContain('<a href="/api/v1/reports/YRD/2022.json?asOf=2025-01-01" type="application/json">JSON</a>')
  })
})

describe("pages when reads need a token", () => {
  it("answers 401 without a token and 200 with one", async () => {
    for (const path of ["/", "/reports/YRD/2022", "/api/v1/reports/YRD/2022.md", "/api/v1/export/sdmx.csv", "/api/v1/reports/DEMO-ZONE/2022/comparison"]) {
      expect((await page(locked, path)).status, path).toBe(401)
      expect((await page(locked, path, { authorization: `Bearer ${token}` })).status, path).toBe(200)
    }
  })
})

describe("negotiation helpers", () => {
  it("reads Accept-Language by quality", () => {
    expect(fromAcceptLanguage("en-US,en;q=0.9,zh-CN;q=0.8")).toBe("en")
    expect(fromAcceptLanguage("fr, zh;q=0.5, en;q=0.4")).toBe("zh")
    expect(fromAcceptLanguage("zh-TW")).toBe("zh")
    expect(fromAcceptLanguage("en;q=0, fr")).toBeUndefined()
    expect(fromAcceptLanguage("*")).toBe("zh")
    expect(fromAcceptLanguage(undefined)).toBeUndefined()
  })

  it("reads Accept by quality and specificity, falling back on wildcards", () => {
    expect(fromAccept("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8", "json")).toBe("html")
    expect(fromAccept("*/*", "json")).toBe("json")
    expect(fromAccept("*/*", "html")).toBe("html")
    expect(fromAccept("text/csv;q=0.5, text/markdown", "json")).toBe("md")
    expect(fromAccept("text/*, text/csv;q=0", "json")).toBe("html")
    expect(fromAccept("image/png", "json")).toBeUndefined()
    expect(fromAccept(undefined, "html")).toBe("html")
  })
})

describe("labels", () => {
  it("have non-empty Chinese and English text everywhere", () => {
    const texts = [
      ...Object.values(labels.text),
      ...Object.values(labels.progressLabels),
      ...Object.values(labels.progressGloss),
      ...Object.values(labels.targetKindLabels),
      ...Object.values(labels.bindingLabels),
      ...Object.values(labels.rowStatusLabels),
      ...Object.values(labels.levelLabels),
    ]
    for (const t of texts) {
      expect(t.zh.trim(), JSON.stringify(t)).not.toBe("")
      expect(t.en.trim(), JSON.stringify(t)).not.toBe("")
    }
    expect(labels.progressLabels.limited).toEqual({ zh: "进展有限", en: "limited progress" })
    expect(labels.bindingLabels).toEqual({ binding: { zh: "约束性", en: "binding" }, expected: { zh: "预期性", en: "expected" } })
  })
})

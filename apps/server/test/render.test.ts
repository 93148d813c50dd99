import { parse } from "csv-parse/sync"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { progressLabels, REPORT_CSV_COLUMNS, CONTENT_SECURITY_POLICY } from "@tijian/report"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

const NOW = new Date("2025-06-01T00:00:00.000Z")
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers })
  return { status: res.status, type: res.headers.get("content-type") ?? "", headers: res.headers, text: await res.text() }
}

/** The HTML of one indicator's card on the report page. */
const card = (html: string, indicator: string) => {
  const start = html.indexOf(`<article class="indicator" id="ind-${indicator}"`)
  expect(start, `card of ${indicator}`).toBeGreaterThan(-1)
  return html.slice(start, html.indexOf("</article>", start))
}

const csvRows = (text: string) => parse<Record<string, string>>(text, { bom: true, columns: true })

beforeAll(async () => {
  runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  await runOrThrow(runtime, seedReferenceData("2024-01-01T00:00:00.000Z"))
  app = makeApp(runtime, { now: () => NOW })
})

afterAll(() => runtime.dispose())

describe("the YRD 2022 report as HTML", () => {
  it("shows the composite published 80.96 and computed 80.90, gap 19.04, excellent; green expansion limited progress (en)", async () => {
    const res = await get("/reports/YRD/2022?lang=en")
    expect(res.status).toBe(200)
    expect(res.type).toMatch(/^text\/html/)
    expect(res.headers.get("content-security-policy")).toBe(CONTENT_SECURITY_POLICY)
    expect(res.text).toContain('<html lang="en">')
    expect(res.text).toContain("<h1>Yangtze River Delta: annual check-up 2022</h1>")
    const reported = card(res.text, "beauty.composite-reported")
    expect(reported).toContain("<strong>80.96</strong> index 0-100")
    expect(reported).toContain('<td class="num">19.04</td>')
    expect(reported).toContain("<tr><th scope=\"row\">Grade</th><td>excellent</td></tr>")
    expect(card(res.text, "beauty.composite")).toContain("<strong>80.90</strong> index 0-100")
    expect(card(res.text, "beauty.green-expansion")).toMatch(/<tr><th scope="row">Progress<\/th><td><span class="status st-limited">.*limited progress<\/span>/)
    // The computed-vs-published line of the diagnosis: 80.96 - 80.8975 = +0.06.
    expect(res.text).toMatch(/composite index \(published\)<\/a><\/th><td class="num">80\.96<\/td>\s*<td class="num">80\.90<\/td><td class="num">\+0\.06<\/td>/)
    expect(res.text).not.toMatch(/<script/i)
  })

  it("shows the same in Chinese", async () => {
    const res = await get("/reports/YRD/2022?lang=zh")
    expect(res.text).toContain('<html lang="zh-CN">')
    expect(res.text).toContain("<h1>长江三角洲地区 2022 年度体检报告</h1>")
    const reported = card(res.text, "beauty.composite-reported")
    expect(reported).toContain("<strong>80.96</strong> 指数（0-100）")
    expect(reported).toContain('<td class="num">19.04</td>')
    expect(reported).toContain("<tr><th scope=\"row\">等级</th><td>优秀</td></tr>")
    expect(card(res.text, "beauty.composite")).toContain("<strong>80.90</strong>")
    expect(card(res.text, "beauty.green-expansion")).toMatch(/<tr><th scope="row">进展<\/th><td><span class="status st-limited">.*进展有限<\/span>/)
    for (const label of ["摘要", "诊断", "数据来源与方法", "约束性", "预期性"].concat(Object.values(progressLabels).map((l) => l.zh))) {
      expect(res.text).toContain(label)
    }
  })

  it("draws a trend chart per indicator with a value, with the target line, the required path and labelled points", async () => {
    const html = card((await get("/reports/YRD/2022?lang=en")).text, "beauty.composite-reported")
    expect(html).toContain('<svg viewBox="0 0 520 236" role="img" aria-labelledby="chart-beauty.composite-reported-title chart-beauty.composite-reported-desc"')
    // required (100 / 52.66)^(1/23) - 1 = 2.83 %/yr; observed (80.96 / 52.66)^(1/10) - 1 = 4.39 %/yr
    expect(html).toContain(
      "<desc id=\"chart-beauty.composite-reported-desc\">2012: 52.66; 2022: 80.96; target 100.00 (2035); needs +2.83%/yr to reach 100.00 by 2035; observed +4.39%/yr</desc>",
    )
    expect(html.match(/<polyline class="trajectory"/g)).toHaveLength(1)
    expect(html).toContain('<line class="target"')
    expect(html.match(/<circle class="point"/g)).toHaveLength(2)
    // y axis from the nice interval of [52.66, 100]: 50, 60, ..., 100.
    expect([...html.matchAll(/text-anchor="end">([\d.]+)</g)].map((m) => m[1])).toEqual(["50", "60", "70", "80", "90", "100"])
  })

  it("leads the summary with binding targets missed, and counts statuses as the JSON report does", async () => {
    const report = JSON.parse((await get("/api/v1/reports/YRD/2022")).text)
    const html = (await get("/reports/YRD/2022?lang=en")).text
    const summary = html.slice(html.indexOf('<section id="summary"'), html.indexOf("</section>", html.indexOf('<section id="summary"')))
    expect(summary.indexOf("Binding targets (red lines)")).toBeLessThan(summary.indexOf("Indicators evaluated"))
    // The YRD's two redline targets (area retention, no new encroachment) have no 2022 value: no all-clear.
    expect(report.summary.binding).toEqual({ targets: 2, met: 0, breached: 0, notAssessed: 2 })
    expect(summary).toContain('data-verdict="not-assessed"')
    expect(summary).toContain("2 of 2 binding targets could not be assessed, so no all-clear can be given; 0 met.")
    expect(summary).not.toContain("no binding target is missed")
    expect(summary).toContain(`<li><span class="n">${report.summary.indicators}</span><span class="what">Indicators evaluated</span></li>`)
    expect(summary).toMatch(new RegExp(`<span class="n">${report.summary.limited}</span><span class="status st-limited">`))
    expect(report.summary.substantial).toBe(5) // carbon, pollution, growth, composite, published composite
    expect(report.summary.limited).toBe(1) // green expansion
  })
})

describe("the YRD 2022 report as Markdown", () => {
  it("has the evaluation rows in English", async () => {
    const res = await get("/api/v1/reports/YRD/2022.md?lang=en")
    expect(res.status).toBe(200)
    expect(res.type).toBe("text/markdown; charset=utf-8")
    const md = res.text
    expect(md.startsWith("# Yangtze River Delta: annual check-up 2022\n")).toBe(true)
    expect(md).toContain(
      "| Beautiful urban agglomeration composite index (published) | 80.96 | index 0-100 | excellent | at least 100.00 by 2035 (expected) | 19.04 | ▲ substantial progress |",
    )
    expect(md).toContain(
      "| Beautiful urban agglomeration composite index (computed) | 80.90 | index 0-100 | excellent | at least 100.00 by 2035 (expected) | 19.10 | ▲ substantial progress |",
    )
    expect(md).toContain("| Green expansion index | 80.98 | index 0-100 | excellent | at least 100.00 by 2035 (expected) | 19.02 | ▼ limited progress |")
    expect(md).toContain("| Beautiful urban agglomeration composite index (published) | 80.96 | 80.90 | +0.06 |")
    expect(md).toContain("Trend: 2012: 52.66 · 2022: 80.96")
    for (const heading of ["## Summary", "## Diagnosis", "### Largest gaps", "## Provenance and method", "### Revisions used (", "### Methodology"]) {
      expect(md).toContain(heading)
    }
  })

  it("has the same rows in Chinese", async () => {
    const md = (await get("/api/v1/reports/YRD/2022.md?lang=zh")).text
    expect(md.startsWith("# 长江三角洲地区 2022 年度体检报告\n")).toBe(true)
    expect(md).toContain("| 美丽城市群综合指数（公布值） | 80.96 | 指数（0-100） | 优秀 | 不低于 100.00（2035 年，预期性） | 19.04 | ▲ 进展显著 |")
    expect(md).toContain("| 美丽城市群综合指数（计算值） | 80.90 | 指数（0-100） | 优秀 | 不低于 100.00（2035 年，预期性） | 19.10 | ▲ 进展显著 |")
    expect(md).toContain("| 扩绿指数 | 80.98 | 指数（0-100） | 优秀 | 不低于 100.00（2035 年，预期性） | 19.02 | ▼ 进展有限 |")
  })
})

describe("the YRD 2022 report as CSV", () => {
  it("has one row per indicator and target with stable columns, labels in the chosen language", async () => {
    for (const [lang, excellent, limited] of [
      ["en", "excellent", "limited progress"],
      ["zh", "优秀", "进展有限"],
    ] as const) {
      const res = await get(`/api/v1/reports/YRD/2022.csv?lang=${lang}`)
      expect(res.type).toBe("text/csv; charset=utf-8; header=present")
      // Response.text() drops the byte order mark; the bytes keep it (EF BB BF), for spreadsheets.
      expect(res.text.startsWith(`${REPORT_CSV_COLUMNS.join(",")}\r\n`)).toBe(true)
      const bytes = new Uint8Array(await (await app.request(`/api/v1/reports/YRD/2022.csv?lang=${lang}`)).arrayBuffer())
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const rows = csvRows(res.text)
      const row = (id: string) => rows.find((r) => r.indicator === id)!
      expect(row("beauty.composite-reported")).toMatchObject({
        value: "80.96",
        gap: "19.04",
        grade: "excellent",
        grade_label: excellent,
        target_kind: "at-least",
        target_value: "100.00",
        due_year: "2035",
        binding: "false",
        attainment: "0.8096",
        met: "false",
      })
      expect(row("beauty.composite")).toMatchObject({ value: "80.90", gap: "19.10" })
      expect(row("beauty.green-expansion")).toMatchObject({ value: "80.98", progress: "limited", progress_label: limited })
      // A percent indicator stays a 0..1 ratio in its stored unit; `format` says how to show it.
      expect(row("ecology.sewage-discharge-national-share")).toMatchObject({ value: "0.214", format: "percent", target_id: "" })
    }
  })
})

describe("content negotiation", () => {
  it("serves JSON by default under /api/v1, core's report unchanged", async () => {
    const res = await get("/api/v1/reports/YRD/2022")
    expect(res.type).toMatch(/^application\/json/)
    const composite = JSON.parse(res.text).sections[0].evaluations.find((e: { indicator: string }) => e.indicator === "beauty.composite")
    expect(composite.value).toBeCloseTo(80.8975, 4)
  })

  it("follows Accept, ?format= and the extension, in that order of weakness", async () => {
    expect((await get("/api/v1/reports/YRD/2022", { accept: "text/markdown" })).type).toMatch(/^text\/markdown/)
    expect((await get("/api/v1/reports/YRD/2022", { accept: "text/csv" })).type).toMatch(/^text\/csv/)
    expect((await get("/api/v1/reports/YRD/2022", { accept: "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" })).type).toMatch(/^text\/html/)
    expect((await get("/api/v1/reports/YRD/2022", { accept: "*/*" })).type).toMatch(/^application\/json/)
    expect((await get("/api/v1/reports/YRD/2022?format=html")).type).toMatch(/^text\/html/)
    expect((await get("/api/v1/reports/YRD/2022.md", { accept: "application/json" })).type).toMatch(/^text\/markdown/)
    expect((await get("/reports/YRD/2022")).type).toMatch(/^text\/html/)
    expect((await get("/reports/YRD/2022", { accept: "application/json" })).type).toMatch(/^application\/json/)
    expect((await get("/reports/YRD/2022.json")).type).toMatch(/^application\/json/)
  })

  it("answers an unknown format with 400 and an unacceptable Accept with 406, both listing the formats", async () => {
    for (const path of ["/api/v1/reports/YRD/2022?format=pdf", "/api/v1/reports/YRD/2022.pdf"]) {
      const res = await get(path)
      expect(res.status).toBe(400)
      expect(JSON.parse(res.text).error).toMatchObject({ code: "bad-request", details: { formats: ["json", "html", "md", "csv"] } })
    }
    const res = await get("/api/v1/reports/YRD/2022", { accept: "image/png" })
    expect(res.status).toBe(406)
    expect(JSON.parse(res.text).error).toMatchObject({ code: "not-acceptable", details: { formats: ["json", "html", "md", "csv"] } })
  })

  it("picks the language from ?lang, then Accept-Language, else Chinese; rejects an unknown lang", async () => {
    expect((await get("/reports/YRD/2022")).text).toContain('<html lang="zh-CN">')
    expect((await get("/reports/YRD/2022", { "accept-language": "en-GB,en;q=0.9,zh;q=0.5" })).text).toContain('<html lang="en">')
    expect((await get("/reports/YRD/2022?lang=zh", { "accept-language": "en" })).text).toContain('<html lang="zh-CN">')
    const res = await get("/reports/YRD/2022?lang=fr")
    expect(res.status).toBe(400)
    expect(JSON.parse(res.text).error.message).toBe('lang must be one of zh, en, not "fr"')
  })

  it("answers 404 for an unknown region in every format", async () => {
    for (const path of ["/reports/999999/2022", "/api/v1/reports/999999/2022.md", "/api/v1/reports/999999/2022"]) {
      expect((await get(path)).status).toBe(404)
    }
  })
})

describe("SDMX-CSV export", () => {
  it("writes the published composite's two observations with dataflow, codes and status", async () => {
    const res = await get("/api/v1/export/sdmx.csv?indicator=beauty.composite-reported&region=YRD")
    expect(res.status).toBe(200)
    expect(res.type).toBe("application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8")
    expect(res.text).toBe(
      "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\r\n" +
        "TIJIAN:DF_PLAN_MONITORING(1.0),YRD,BEAUTY_COMPOSITE-REPORTED,2012,52.66,INDEX_0_100,A\r\n" +
        "TIJIAN:DF_PLAN_MONITORING(1.0),YRD,BEAUTY_COMPOSITE-REPORTED,2022,80.96,INDEX_0_100,A\r\n",
    )
  })

  it("filters by year, keeps ratios as ratios, and names unknown indicators and regions with 404", async () => {
    const res = await get("/api/v1/export/sdmx.csv?indicator=ecology.sewage-discharge,ecology.sewage-discharge-national-share&year=2022")
    expect(res.text.split("\r\n").slice(1, -1)).toEqual([
      "TIJIAN:DF_PLAN_MONITORING(1.0),YRD,ECOLOGY_SEWAGE-DISCHARGE,2022,13.6,BILLION_TONNES,A",
      "TIJIAN:DF_PLAN_MONITORING(1.0),YRD,ECOLOGY_SEWAGE-DISCHARGE-NATIONAL-SHARE,2022,0.214,SHARE,A",
    ])
    expect((await get("/api/v1/export/sdmx.csv?indicator=beauty.nope")).status).toBe(404)
    expect((await get("/api/v1/export/sdmx.csv?region=999999")).status).toBe(404)
  })
})

describe("escaping: a note with <script> renders as text", () => {
  let xssRuntime: AppRuntime
  let xssApp: ReturnType<typeof makeApp>
  const note = "<script>alert(1)</script>"
  const source = '"><img src=x onerror=alert(1)> *bold* | pipe'

  beforeAll(async () => {
    xssRuntime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
    xssApp = makeApp(xssRuntime, { now: () => NOW })
    const { token } = await runOrThrow(
      xssRuntime,
      Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2025-01-01T00:00:00.000Z")),
    )
    const res = await xssApp.request("/api/v1/observations", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ observations: [{ indicator: "ecology.forest-coverage", region: "320500", year: 2022, value: 0.3, source, note }] }),
    })
    expect(res.status).toBe(201)
  })

  afterAll(() => xssRuntime.dispose())

  it("escapes the note and the source in HTML, with no script element anywhere", async () => {
    const html = await (await xssApp.request("/reports/320500/2022?lang=en")).text()
    expect(html).toContain("<td>&lt;script&gt;alert(1)&lt;/script&gt;</td>")
    expect(html).toContain("<td>&quot;&gt;&lt;img src=x onerror=alert(1)&gt; *bold* | pipe</td>")
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/<img/i)
    expect(html).toContain("<strong>30.00%</strong>") // forest coverage 0.3 with 4 decimals: 30.00%
  })

  it("escapes them in Markdown too, so no renderer turns them into markup", async () => {
    const md = await (await xssApp.request("/api/v1/reports/320500/2022.md?lang=en")).text()
    expect(md).toContain("| &lt;script&gt;alert(1)&lt;/script&gt; |")
    expect(md).toContain('"&gt;&lt;img src=x onerror=alert(1)&gt; \\*bold\\* \\| pipe')
    expect(md).not.toMatch(/<script|<img/i)
  })
})

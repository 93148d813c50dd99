/**
 * Editions for reviewers, over HTTP on a real SQLite file: the live page and the index link to published editions,
 * the list of editions and the diff of two editions are pages (and JSON), an edition page says which later edition
 * supersedes it (also after its page was cached), and editions come as Markdown and CSV.
 *
 * The story: YRD 2022 is published (edition 1, green expansion index 80.98, grade excellent), the value is revised
 * to 79.5 (grade good: below 80), and published again (edition 2). The equal-weight composite of the four
 * sub-indices moves by (79.5 - 80.98) / 4 = -0.37: 80.8975 -> 80.5275, shown in 2 decimals as 80.90 -> 80.53.
 */
import { Effect } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

let dir: string
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let admin = ""
let clock = new Date("2024-02-20T00:00:00.000Z")

const get = async (path: string, headers: Record<string, string> = {}) => {
  const res = await app.request(path, { headers })
  return { status: res.status, headers: res.headers, text: await res.text() }
}
const publish = () => app.request("/api/v1/reports/YRD/2022/publish", { method: "POST", headers: { authorization: `Bearer ${admin}` } })
const revise = (value: number) =>
  app.request("/api/v1/observations/beauty.green-expansion/YRD/2022", {
    method: "PUT",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json", "if-match": '"1"' },
    body: JSON.stringify({ value, note: "revised survey" }),
  })

let edition1Etag = ""
let edition1Before = ""

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tijian-editions-"))
  runtime = makeRuntime({ filename: join(dir, "tijian.sqlite"), plugins: builtinPlugins })
  await runOrThrow(runtime, seedReferenceData("2024-01-01T00:00:00.000Z"))
  admin = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2024-01-01T00:00:00.000Z")))).token
  app = makeApp(runtime, { now: () => clock })
  // before any edition: the live page names none
  expect((await get("/reports/YRD/2022?lang=en")).text).not.toContain("Published editions")
  expect((await publish()).status).toBe(201)
  // edition 1's page is rendered and cached while it is the latest
  const page = await get("/reports/YRD/2022/editions/1?lang=en")
  edition1Etag = page.headers.get("etag")!
  edition1Before = page.text
  clock = new Date("2024-03-01T00:00:00.000Z")
  expect((await revise(79.5)).status).toBe(200)
  expect((await publish()).status).toBe(201)
})
afterAll(async () => {
  await runtime.dispose()
  rmSync(dir, { recursive: true, force: true })
})

describe("links to editions", () => {
  it("the live page lists the published editions, the last marked latest, and links to the list (en and zh)", async () => {
    const en = (await get("/reports/YRD/2022?lang=en")).text
    expect(en).toContain(
      '<dt>Published editions</dt><dd class="editions"><a href="/reports/YRD/2022/editions/1?lang=en" aria-label="Edition 1, 2024-02-20 00:00 UTC">1</a>, <a href="/reports/YRD/2022/editions/2?lang=en" aria-label="Edition 2, 2024-03-01 00:00 UTC">2 (latest)</a> · <a href="/reports/YRD/2022/editions?lang=en">All editions</a></dd>',
    )
    const zh = (await get("/reports/YRD/2022?lang=zh")).text
    expect(zh).toContain("<dt>已发布版次</dt>")
    expect(zh).toContain(">1</a>、<a href=\"/reports/YRD/2022/editions/2?lang=zh\"")
    expect(zh).toContain(">2（最新）</a>")
    // a year without editions names none
    expect((await get("/reports/YRD/2012?lang=en")).text).not.toContain("Published editions")
  })

  it("the index links to the editions next to the one year that has them", async () => {
    const en = (await get("/?lang=en")).text
    expect(en).toContain('<a class="editions" href="/reports/YRD/2022/editions?lang=en" aria-label="Yangtze River Delta, report 2022: 2 published editions">editions (2)</a>')
    expect(en.match(/class="editions"/g)).toHaveLength(1)
    expect((await get("/?lang=zh")).text).toContain(">版次（2）</a>")
  })
})

describe("the list of editions", () => {
  it("is a page with number, published at, by, as-of, short content hash, formats and the diff link", async () => {
    const hashes = JSON.parse((await get("/api/v1/reports/YRD/2022/editions")).text).editions.map((e: any) => e.contentHash as string)
    const page = await get("/reports/YRD/2022/editions?lang=en")
    expect(page.status).toBe(200)
    expect(page.headers.get("content-type")).toContain("text/html")
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'")
    expect(page.text).toContain("<h1>Yangtze River Delta: annual check-up 2022, editions</h1>")
    expect(page.text).toContain('<th scope="row"><a href="/reports/YRD/2022/editions/1?lang=en">Edition 1</a></th>\n<td>2024-02-20 00:00 UTC</td><td>yrd-office</td><td>2024-01-01 00:00 UTC</td>')
    expect(page.text).toContain(`<code title="${hashes[0]}">${hashes[0].slice(0, 12)}</code>`)
    expect(page.text).toContain('<a href="/reports/YRD/2022/editions/2?lang=en">Edition 2</a> <span class="status st-target-achieved">latest</span>')
    expect(page.text).toContain('<a href="/reports/YRD/2022/editions/1/diff/2?lang=en">changes 1 → 2</a>')
    expect(page.text).toContain('<a href="/api/v1/reports/YRD/2022/editions/2.md?lang=en" type="text/markdown">Markdown</a>')
    const zh = await get("/reports/YRD/2022/editions", { "accept-language": "zh-CN" })
    expect(zh.text).toContain("<h1>长三角 2022 年度体检报告：版次</h1>".replace("长三角", JSON.parse((await get("/api/v1/reports/YRD/2022/editions/1")).text).scope.name.zh))
    expect(zh.text).toContain("第 1 版 → 第 2 版的差异")
  })

  it("is JSON by extension, Accept or the API default, the same list", async () => {
    const api = await get("/api/v1/reports/YRD/2022/editions")
    expect(JSON.parse(api.text).editions.map((e: any) => [e.edition, e.publishedAt])).toEqual([
      [1, "2024-02-20T00:00:00.000Z"],
      [2, "2024-03-01T00:00:00.000Z"],
    ])
    expect((await get("/reports/YRD/2022/editions.json")).text).toBe(api.text)
    expect((await get("/reports/YRD/2022/editions", { accept: "application/json" })).text).toBe(api.text)
    expect((await get("/api/v1/reports/YRD/2022/editions", { accept: "text/html" })).text).toContain("<!doctype html>")
  })

  it("says so when a year has no edition, and 404s an unknown scope; Markdown is a 400 naming the formats", async () => {
    const none = await get("/reports/YRD/2012/editions?lang=en")
    expect(none.status).toBe(200)
    expect(none.text).toContain("No edition of this report has been published yet.")
    const unknown = await get("/reports/NOPE/2022/editions")
    expect(unknown.status).toBe(404)
    expect(JSON.parse(unknown.text).error.message).toBe('no region or group has the code "NOPE" (see GET /api/v1/regions)')
    const md = await get("/reports/YRD/2022/editions?format=md")
    expect(md.status).toBe(400)
    expect(JSON.parse(md.text).error.message).toContain("json or html")
  })
})

describe("an edition names the edition that supersedes it", () => {
  it("edition 1's page now says it is superseded by edition 2 (the page cached before edition 2 was published is not served)", async () => {
    const page = await get("/reports/YRD/2022/editions/1?lang=en", { "if-none-match": edition1Etag })
    expect(page.status).toBe(200)
    expect(edition1Before).toContain("Edition 1 is the latest edition.")
    expect(page.text).toContain(
      '<p class="notice superseded" role="note"><span class="glyph" aria-hidden="true">⚠</span><strong>Superseded by edition 2, published 2024-03-01 00:00 UTC.</strong>\n<a href="/reports/YRD/2022/editions/2?lang=en">Read edition 2</a>',
    )
    expect(page.headers.get("etag")).not.toBe(edition1Etag)
    // superseded is final: from now on the page never changes
    expect(page.headers.get("cache-control")).toBe("public, max-age=31536000, immutable")
    expect((await get("/reports/YRD/2022/editions/1?lang=zh")).text).toContain("本版次已被第 2 版取代（2024-03-01 00:00 UTC 发布）。")
  })

  it("edition 2 says it is the latest and is revalidated", async () => {
    const page = await get("/reports/YRD/2022/editions/2?lang=en")
    expect(page.text).toContain("Edition 2 is the latest edition.")
    expect(page.headers.get("cache-control")).toBe("no-cache")
  })
})

describe("the diff of two editions", () => {
  it("shows the changed values old beside new in the indicator's decimals, and the changed grade", async () => {
    const page = await get("/reports/YRD/2022/editions/1/diff/2?lang=en")
    expect(page.status).toBe(200)
    expect(page.text).toContain("<h1>Yangtze River Delta: annual check-up 2022, edition 1 → edition 2</h1>")
    expect(page.text).toContain('Green expansion index <span class="muted">(index 0-100)</span></th><td class="num old">80.98</td>\n<td class="num new">79.50</td><td class="num">−1.48</td>')
    expect(page.text).toMatch(/>80\.90<\/td>\n<td class="num new">80\.53<\/td><td class="num">−0\.37<\/td>/)
    expect(page.text).toContain("<th scope=\"row\">Green expansion index</th><td>Grade</td>\n<td class=\"old\">excellent</td><td class=\"new\">good</td>")
    expect(page.text).toContain("Revisions added (1)</h3><p><code>beauty.green-expansion/YRD/2022/r2</code>")
    expect(page.text).toContain("Revisions no longer used (1)</h3><p><code>beauty.green-expansion/YRD/2022/r1</code>")
    const zh = (await get("/reports/YRD/2022/editions/1/diff/2?lang=zh")).text
    expect(zh).toContain("<td class=\"old\">优秀</td><td class=\"new\">良好</td>")
    expect(zh).toContain("数值变化")
  })

  it("shows the direction when a > b, and no change for an edition against itself", async () => {
    const back = (await get("/reports/YRD/2022/editions/2/diff/1?lang=en")).text
    expect(back).toContain("Backwards: from the later edition 2 back to the earlier edition 1")
    expect(back).toContain('<td class="num old">79.50</td>\n<td class="num new">80.98</td><td class="num">+1.48</td>')
    const same = (await get("/reports/YRD/2022/editions/2/diff/2?lang=en")).text
    expect(same).toContain("An edition compared with itself: nothing changed.")
    expect(same).not.toContain("Changed values")
  })

  it("404s an unknown edition with a clear message; JSON by Accept or extension", async () => {
    const missing = await get("/reports/YRD/2022/editions/1/diff/7")
    expect(missing.status).toBe(404)
    expect(JSON.parse(missing.text).error.message).toBe("YRD 2022 has no edition 7; see .../editions for the list")
    const json = JSON.parse((await get("/reports/YRD/2022/editions/1/diff/2.json")).text)
    expect(json.values.map((v: any) => [v.indicator, v.from, v.to])[1]).toEqual(["beauty.green-expansion", 80.98, 79.5])
    expect((await get("/reports/YRD/2022/editions/1/diff/2", { accept: "application/json" })).text).toBe(JSON.stringify(json))
    expect(JSON.parse((await get("/api/v1/reports/YRD/2022/editions/1/diff/2")).text)).toEqual(json)
  })
})

describe("editions as Markdown and CSV", () => {
  it("serves an edition's Markdown with its edition line and superseded notice, and its CSV with the values as published", async () => {
    const md = await get("/reports/YRD/2022/editions/1.md?lang=en")
    expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8")
    const lines = md.text.split("\n")
    expect(lines[0]).toBe("# Yangtze River Delta: annual check-up 2022")
    expect(lines[2]).toBe("Edition: edition 1, published 2024-02-20 00:00 UTC by yrd-office; it never changes")
    expect(lines[4]).toBe("> Superseded by edition 2, published 2024-03-01 00:00 UTC.")
    const csv1 = await get("/reports/YRD/2022/editions/1.csv?lang=en")
    const csv2 = await get("/reports/YRD/2022/editions/2?format=csv&lang=en")
    expect(csv1.headers.get("content-disposition")).toBe('attachment; filename="YRD-2022-edition-1-en.csv"')
    const green = (csv: string) => csv.split("\n").find((l) => l.startsWith("YRD,2022,beauty,beauty.green-expansion,"))!
    expect(green(csv1.text)).toContain(",80.98,")
    expect(green(csv2.text)).toContain(",79.50,")
  })
})

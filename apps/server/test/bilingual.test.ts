/**
 * Chinese pages in Chinese: sources and notes sent in two languages (JSON `{zh, en}`, file columns `source_zh`,
 * ...), agencies' display names, and the report in each language showing its own text, falling back to the other
 * language marked with `lang`.
 */
import { parse } from "csv-parse/sync"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"

let clock = new Date("2025-03-01T00:00:00.000Z")
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
const tokens: Record<string, string> = {}

const send = async (method: string, path: string, token: string, body: string, type = "application/json") => {
  const res = await app.request(path, { method, headers: { authorization: `Bearer ${tokens[token]}`, "content-type": type }, body })
  return { status: res.status, body: (await res.json()) as any }
}
const text = async (path: string) => (await app.request(path)).text()

/** The provenance row of a revision: agency, time, source, note cells. */
const revisionRow = (html: string, id: string) => {
  const end = html.indexOf(`<code>${id}</code>`)
  expect(end, id).toBeGreaterThan(-1)
  return html.slice(html.lastIndexOf("<tr>", end), end)
}

for (const backend of BACKENDS) {
  describe(`bilingual sources, notes and agency names (${backend.name})`, () => {
    beforeAll(async () => {
      clock = new Date("2025-03-01T00:00:00.000Z")
      runtime = makeRuntime({ filename: await backend.database(), plugins: builtinPlugins })
      app = makeApp(runtime, { now: () => clock })
      for (const [name, spec] of [
        ["admin", { role: "admin", agency: "yrd-office" }],
        ["suzhou", { role: "agency", agency: "suzhou-bureau", region: "320500" }],
      ] as const) {
        tokens[name] = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec, "2025-01-01T00:00:00.000Z")))).token
      }
    })

    afterAll(() => runtime.dispose())

    describe("sources and notes in two languages", () => {
      it("a JSON write with {zh, en}: the zh page shows the Chinese source, the en page the English; a note only in Chinese is marked on the en page", async () => {
        const write = await send("POST", "/api/v1/observations", "suzhou", JSON.stringify({
          observations: [{
            indicator: "beauty.growth", region: "320500", year: 2022, value: 71.5,
            source: { zh: "苏州统计年鉴2023", en: "Suzhou Statistical Yearbook 2023" },
            note: { zh: "初步数" },
          }],
        }))
        expect(write.status).toBe(201)
        expect(write.body.stored.map((o: any) => [o.source, o.sourceZh, o.sourceEn, o.note, o.noteZh, o.noteEn])).toEqual([
          ["苏州统计年鉴2023", "苏州统计年鉴2023", "Suzhou Statistical Yearbook 2023", "初步数", "初步数", null],
        ])
        const id = "beauty.growth/320500/2022/r1"
        expect(revisionRow(await text("/reports/320500/2022?lang=zh"), id)).toContain("<td>苏州统计年鉴2023</td><td>初步数</td>")
        const en = revisionRow(await text("/reports/320500/2022?lang=en"), id)
        expect(en).toContain('<td>suzhou-bureau</td>')
        expect(en).toContain('<td>Suzhou Statistical Yearbook 2023</td><td><span lang="zh-CN">初步数</span></td>')
        expect(await text("/api/v1/reports/320500/2022.md?lang=en")).toContain("| `beauty.growth/320500/2022/r1` | 71.50 | suzhou-bureau | 2025-03-01 00:00 UTC | Suzhou Statistical Yearbook 2023 | 初步数 | final |")
        // sending the same again changes nothing; the history keeps both languages
        const again = await send("POST", "/api/v1/observations", "suzhou", JSON.stringify({
          observations: [{ indicator: "beauty.growth", region: "320500", year: 2022, value: 71.5, source: { zh: "苏州统计年鉴2023", en: "Suzhou Statistical Yearbook 2023" }, note: { zh: "初步数" } }],
        }))
        expect([again.status, again.body.count, again.body.unchanged]).toEqual([201, 0, 1])
      })

      it("a CSV with source_zh and source_en beside a plain source: each page its own language, the CSV report too", async () => {
        clock = new Date("2025-03-02T00:00:00.000Z")
        const csv = [
          "indicator,region,year,value,source,source_zh,source_en,note_en,revision",
          "beauty.growth,320500,2022,72.25,苏州统计年鉴,苏州统计年鉴2024,Suzhou Statistical Yearbook 2024,revised with the 2024 census,1",
        ].join("\n")
        const imported = await send("POST", "/api/v1/observations/import", "suzhou", csv, "text/csv")
        expect(imported.status).toBe(201)
        expect(imported.body.stored.map((o: any) => [o.id, o.value, o.source, o.sourceZh, o.sourceEn, o.note, o.noteEn])).toEqual([
          // a note given only in English is also the plain note, for readers that know one note
          ["beauty.growth/320500/2022/r2", 72.25, "苏州统计年鉴", "苏州统计年鉴2024", "Suzhou Statistical Yearbook 2024", "revised with the 2024 census", "revised with the 2024 census"],
        ])
        const rows = async (lang: string) =>
          (parse<Record<string, string>>(await text(`/api/v1/reports/320500/2022.csv?lang=${lang}`), { bom: true, columns: true }))
            .filter((r) => r.indicator === "beauty.growth")
            .map((r) => [r.value, r.data_agency, r.data_source, r.data_note])
        expect((await rows("zh"))[0]).toEqual(["72.25", "suzhou-bureau", "苏州统计年鉴2024", "revised with the 2024 census"])
        expect((await rows("en"))[0]).toEqual(["72.25", "suzhou-bureau", "Suzhou Statistical Yearbook 2024", "revised with the 2024 census"])
        const zh = revisionRow(await text("/reports/320500/2022?lang=zh"), "beauty.growth/320500/2022/r2")
        expect(zh).toContain('<td>苏州统计年鉴2024</td><td><span lang="en">revised with the 2024 census</span></td>')
      })

      it("refuses a source that is neither text nor {zh, en} with a 422 naming the index and field; nothing is stored", async () => {
        const bad = await send("POST", "/api/v1/observations", "suzhou", JSON.stringify({
          observations: [
            { indicator: "beauty.growth", region: "320500", year: 2021, value: 60 },
            { indicator: "beauty.growth", region: "320500", year: 2020, value: 58, source: { zh: 5 } },
            { indicator: "beauty.growth", region: "320500", year: 2019, value: 57, note: { zh: " ", en: "" } },
          ],
        }))
        expect(bad.status).toBe(422)
        expect(bad.body.error.details).toEqual([
          { index: 1, field: "source", message: "source.zh must be text" },
          { index: 2, field: "note", message: "note needs text in zh or en" },
        ])
        const file = await send("POST", "/api/v1/observations/import", "suzhou", `indicator,region,year,value,source_en\nbeauty.growth,320500,2021,60,${"x".repeat(1001)}\n`, "text/csv")
        expect(file.status).toBe(422)
        expect(file.body.error.details.map((p: any) => [p.row, p.field, p.message])).toEqual([
          [2, "source_en", "source_en is 1,001 characters long, over the 1,000 kept; shorten it (cite a long document rather than pasting it)"],
        ])
        const stored = await app.request("/api/v1/observations?indicator=beauty.growth&region=320500&year=2021")
        expect(((await stored.json()) as any).observations).toEqual([])
      })
    })

    describe("agencies' names", () => {
      it("PUT /agencies/{id} names an agency; GET /agencies lists it; the live report shows the name at once, by language", async () => {
        const before = revisionRow(await text("/reports/320500/2022?lang=zh"), "beauty.growth/320500/2022/r2")
        expect(before).toContain("<td>suzhou-bureau</td>")
        expect((await send("POST", "/api/v1/reports/320500/2022/publish", "admin", "{}")).status).toBe(201)
        const edition = () => text("/reports/320500/2022/editions/1?lang=zh")
        expect(revisionRow(await edition(), "beauty.growth/320500/2022/r2")).toContain("<td>suzhou-bureau</td>")
        expect((await send("PUT", "/api/v1/agencies/suzhou-bureau", "suzhou", JSON.stringify({ zh: "苏州市统计局" }))).status).toBe(403)
        const put = await send("PUT", "/api/v1/agencies/suzhou-bureau", "admin", JSON.stringify({ zh: "苏州市统计局" }))
        expect([put.status, put.body.name]).toEqual([201, { zh: "苏州市统计局", en: null }])
        // only Chinese so far: the en page shows it marked as Chinese
        expect(revisionRow(await text("/reports/320500/2022?lang=en"), "beauty.growth/320500/2022/r2")).toContain('<td><span lang="zh-CN">苏州市统计局</span></td>')
        const en = await send("PUT", "/api/v1/agencies/suzhou-bureau", "admin", JSON.stringify({ en: "Suzhou Statistics Bureau" }))
        expect([en.status, en.body.name]).toEqual([200, { zh: "苏州市统计局", en: "Suzhou Statistics Bureau" }])
        expect(revisionRow(await text("/reports/320500/2022?lang=zh"), "beauty.growth/320500/2022/r2")).toContain("<td>苏州市统计局</td>")
        // the published edition's page shows today's names too
        expect(revisionRow(await edition(), "beauty.growth/320500/2022/r2")).toContain("<td>苏州市统计局</td>")
        expect(revisionRow(await text("/reports/320500/2022?lang=en"), "beauty.growth/320500/2022/r2")).toContain("<td>Suzhou Statistics Bureau</td>")
        expect(await text("/api/v1/reports/320500/2022.md?lang=zh")).toContain("| 苏州市统计局 |")
        const list = JSON.parse(await text("/api/v1/agencies"))
        expect(list.agencies.map((a: any) => [a.agency, a.name.zh, a.name.en, a.updatedBy])).toEqual([["suzhou-bureau", "苏州市统计局", "Suzhou Statistics Bureau", "yrd-office"]])
        const bad = await send("PUT", "/api/v1/agencies/suzhou-bureau", "admin", JSON.stringify({ zh: 5 }))
        expect([bad.status, bad.body.error.message]).toEqual([400, "zh must be text (or null to clear it); nothing was stored"])
      })
    })
  })
}

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs the bilingual tests on PostgreSQL", () => {}))

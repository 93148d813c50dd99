/**
 * Bad input, generated (fast-check, through effect's `FastCheck`): random bytes, truncated files, GBK text,
 * numbers written the ways people write them, years out of range, huge and broken cells, duplicates, ids one
 * typo away, and random report and query parameters. Every case gets a 4xx with a precise message — never a 5xx
 * — and leaves every table exactly as it was (content hash before and after).
 */
import { Effect, FastCheck as fc } from "effect"
import ExcelJS from "exceljs"
import { Registry } from "@tijian/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { runOrThrow } from "../../src/runtime.js"
import { XLSX_TYPE } from "../../src/import/sheet.js"
import { TEXT_LIMITS } from "../../src/writes.js"
import { BACKENDS, postgresSkipped } from "../backends.js"
import { type Harness, makeHarness, type Reply } from "./harness.js"

/** How many generated cases each property tries (per backend). */
const RUNS = 40
const tried = { cases: 0 }

const INDICATOR = "ecology.redline-area-km2"
const HEADER = "indicator,region,year,value,source,note"
const line = (year: number, value: string | number, source = "苏州统计年鉴", note = "") => `${INDICATOR},320509,${year},${value},${source},${note}`
const csvOf = (...lines: ReadonlyArray<string>) => `${[HEADER, ...lines].join("\n")}\n`

const utf8 = (s: string) => new TextEncoder().encode(s)
const concat = (...parts: ReadonlyArray<Uint8Array | ReadonlyArray<number>>) => new Uint8Array(parts.flatMap((p) => [...p]))

/** Levenshtein distance, to check "did you mean" suggestions. */
const distance = (a: string, b: string): number => {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!
    prev[0] = i
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j]!
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1))
      diag = up
    }
  }
  return prev[b.length]!
}

/** Values as people write them, each with what the message must say. */
const badValues: fc.Arbitrary<{ readonly cell: string; readonly says: RegExp }> = fc.oneof(
  fc.tuple(fc.integer({ min: 0, max: 999 }), fc.integer({ min: 1, max: 99 })).map(([a, b]) => ({ cell: `"${a},${b}"`, says: /decimal comma|has a comma/ })),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([a, b, c]) => ({
    cell: `"${a},${String(b).padStart(3, "0")},${String(c).padStart(3, "0")}"`,
    says: /thousands separators; write \d+ without them/,
  })),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 999 })).map(([a, b]) => ({ cell: `${a} ${String(b).padStart(3, "0")}.5`, says: /thousands separators/ })),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.constantFrom("km2", "km²", "平方公里", "ha", "亩")).map(([n, unit]) => ({ cell: `${n}.5 ${unit}`, says: /has a unit/ })),
  fc.integer({ min: 1, max: 100 }).map((n) => ({ cell: `${n}%`, says: /percent sign/ })),
  fc.constantFrom("NaN", "nan", "Infinity", "-Infinity", "inf", "#DIV/0!", "N/A", "-", "—").map((cell) => ({ cell, says: /is not a number/ })),
  fc.constantFrom("1e999", "-1e400").map((cell) => ({ cell, says: /is not a finite number/ })),
  fc.integer({ min: 1, max: 999 }).map((n) => ({ cell: [...String(n)].map((d) => String.fromCharCode(0xff10 + Number(d))).join(""), says: /full-width/ })),
)

/** Years no value can have, each with what the message must say. */
const badYears: fc.Arbitrary<{ readonly cell: string; readonly says: RegExp }> = fc.oneof(
  fc.integer({ min: 0, max: 1948 }).map((y) => ({ cell: String(y), says: /must be a whole year between 1949 and 2100/ })),
  fc.integer({ min: 2101, max: 99_999_999 }).map((y) => ({ cell: String(y), says: /must be a whole year between 1949 and 2100/ })),
  fc.tuple(fc.integer({ min: 1949, max: 2100 }), fc.integer({ min: 1, max: 9 })).map(([y, d]) => ({ cell: `${y}.${d}`, says: /is not a whole number/ })),
  fc.constantFrom("二〇二三", "2023年", "FY2023", "-2023", "2,023").map((cell) => ({ cell: cell.includes(",") ? `"${cell}"` : cell, says: /is not a whole number/ })),
)

for (const backend of BACKENDS) {
  describe(`bad input (${backend.name})`, () => {
    let h: Harness
    let indicators: ReadonlyArray<string>
    let regions: ReadonlyArray<string>
    let before: Record<string, string>

    const post = (path: string, body: string | Uint8Array, type: string) => h.call("POST", path, { token: "admin", body, headers: { "content-type": type } })
    const importCsv = (body: string | Uint8Array) => post("/api/v1/observations/import", body, "text/csv")
    const postJson = (body: string) => post("/api/v1/observations", body, "application/json")

    /** A refusal: a 4xx with an error code and a message, and every table as it was. */
    const refused = async (res: Reply, statuses: ReadonlyArray<number> = [400, 409, 413, 415, 422]) => {
      tried.cases++
      expect(statuses, res.text.slice(0, 500)).toContain(res.status)
      expect(res.json?.error?.code).toMatch(/^[a-z-]+$/)
      expect(res.json.error.message.length).toBeGreaterThan(10)
      expect(await h.contentHash()).toEqual(before)
      return res.json.error as { code: string; message: string; details?: any }
    }

    beforeAll(async () => {
      h = await makeHarness(backend)
      const registry = await runOrThrow(h.runtime, Registry.Registry)
      indicators = registry.indicators.filter((i) => i.kind !== "derived").map((i) => i.id)
      regions = registry.regions.regions.map((r) => r.code)
      // one stored value, so that refusals have something to leave alone
      expect((await importCsv(csvOf(line(2023, 30.25)))).status).toBe(201)
      before = await h.contentHash()
    })
    afterAll(() => h.dispose())

    it("random bytes as CSV, as a workbook, as JSON: 4xx, nothing stored", async () => {
      await fc.assert(
        fc.asyncProperty(fc.uint8Array({ maxLength: 3000 }), async (bytes) => {
          await refused(await importCsv(bytes), [400, 422])
          const xlsx = await refused(await post("/api/v1/observations/import", bytes, XLSX_TYPE), [400])
          expect(xlsx.message).toMatch(/not an \.xlsx workbook|cannot be read|old-format \.xls/)
        }),
        { numRuns: RUNS },
      )
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.string({ maxLength: 300 }), fc.jsonValue().map((v) => JSON.stringify(v) ?? "null")), async (text) => {
          const res = await postJson(text)
          if (res.status === 201) expect(res.json.stored).toEqual([]) // `{"observations": []}` is a valid empty batch
          else await refused(res, [400, 422])
        }),
        { numRuns: RUNS },
      )
    })

    it("rows with fields of any type: 422 naming index and field", async () => {
      const field = fc.oneof(fc.string({ maxLength: 20 }), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 2 }))
      await fc.assert(
        fc.asyncProperty(fc.record({ indicator: field, region: field, year: field, value: field, source: field }, { requiredKeys: [] }), async (row) => {
          const error = await refused(await postJson(JSON.stringify({ observations: [{ indicator: INDICATOR, region: "320509", year: 2024, value: 1 }, row] })), [422])
          for (const p of error.details) expect([p.index, typeof p.field, typeof p.message]).toEqual([1, "string", "string"])
        }),
        { numRuns: RUNS },
      )
    })

    it("truncated files: a CSV cut anywhere is stored as far as it reads or refused; a workbook cut anywhere is a 400", async () => {
      const full = utf8(csvOf(...Array.from({ length: 12 }, (_, i) => line(2000 + i, 12.5 + i, `苏州统计年鉴 ${2001 + i}`, "初步"))))
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: full.length - 1 }), async (cut) => {
          const res = await importCsv(full.slice(0, cut))
          if (res.status === 201) {
            tried.cases++
            before = await h.contentHash() // a cut at a line end is a valid shorter file
            expect(res.json.stored.length + res.json.unchanged).toBeLessThanOrEqual(12)
          } else await refused(res, [400, 409, 422])
        }),
        { numRuns: RUNS },
      )
      const workbook = new ExcelJS.Workbook()
      const sheet = workbook.addWorksheet("observations")
      sheet.addRow(HEADER.split(","))
      for (let i = 0; i < 12; i++) sheet.addRow([INDICATOR, "320509", 1990 + i, 10 + i, "survey", ""])
      const xlsx = new Uint8Array(await workbook.xlsx.writeBuffer())
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: xlsx.length - 1 }), async (cut) => {
          const error = await refused(await post("/api/v1/observations/import", xlsx.slice(0, cut), XLSX_TYPE), [400])
          expect(error.message).toMatch(/not an \.xlsx workbook|cannot be read|has no sheet/)
        }),
        { numRuns: RUNS },
      )
    })

    it("GBK text anywhere in a CSV: 400 saying to save as CSV UTF-8, naming the line", async () => {
      const words = [[0xcb, 0xd5, 0xd6, 0xdd], [0xcd, 0xb3, 0xbc, 0xc6], [0xc4, 0xea, 0xbc, 0xf8]] // 苏州 统计 年鉴
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 0, max: 30 }), fc.constantFrom(...words), fc.boolean(), async (goodLines, word, bom) => {
          const good = Array.from({ length: goodLines }, (_, i) => `${line(1950 + i, 1 + i)}\n`).join("")
          const bytes = concat(bom ? [0xef, 0xbb, 0xbf] : [], utf8(`${HEADER}\n${good}${INDICATOR},320509,2020,12.5,`), word, utf8(",\n"))
          const error = await refused(await importCsv(bytes), [400])
          expect(error.message).toContain(`the first byte that is not UTF-8 is on line ${goodLines + 2}`)
          expect(error.message).toContain("Save the file as CSV UTF-8")
          expect(error.details).toEqual({ line: goodLines + 2 })
        }),
        { numRuns: RUNS },
      )
    })

    it("values with decimal commas, thousands separators, units, percent signs, NaN, Infinity, full-width digits: 422 per cell, by row", async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(badValues, { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 5 }), async (bad, goodLines) => {
          const lines = [...Array.from({ length: goodLines }, (_, i) => line(1960 + i, 5 + i)), ...bad.map((b, i) => line(1970 + i, b.cell))]
          const error = await refused(await importCsv(csvOf(...lines)), [422])
          expect(error.details.map((p: any) => [p.row, p.field])).toEqual(bad.map((_, i) => [goodLines + i + 2, "value"]))
          bad.forEach((b, i) => expect(error.details[i].message).toMatch(b.says))
        }),
        { numRuns: RUNS },
      )
    })

    it("years out of range or not whole: 422 naming the year, in CSV and JSON", async () => {
      await fc.assert(
        fc.asyncProperty(badYears, async (bad) => {
          const error = await refused(await importCsv(csvOf(line(2001, 3), `${INDICATOR},320509,${bad.cell},12.5,survey,`)), [422])
          expect(error.details.map((p: any) => [p.row, p.field])).toEqual([[3, "year"]])
          expect(error.details[0].message).toMatch(bad.says)
        }),
        { numRuns: RUNS },
      )
      await fc.assert(
        fc.asyncProperty(fc.oneof(fc.integer({ max: 1948 }), fc.integer({ min: 2101 }), fc.double({ min: 1949, max: 2100, noInteger: true, noNaN: true })), async (year) => {
          const error = await refused(await postJson(JSON.stringify({ observations: [{ indicator: INDICATOR, region: "320509", year, value: 1 }] })), [422])
          expect(error.details).toEqual([{ index: 0, field: "year", message: `year ${year} must be a whole year between 1949 and 2100` }])
        }),
        { numRuns: RUNS },
      )
    })

    it("huge or broken sources and notes (NUL, control characters, lone surrogates): 422 naming the field", async () => {
      const huge = fc.tuple(fc.constantFrom("source" as const, "note" as const), fc.integer({ min: 1, max: 50_000 })).map(([field, extra]) => ({
        field,
        text: "文".repeat(TEXT_LIMITS[field] + extra),
        says: /characters long, over the/,
      }))
      const broken = fc.tuple(
        fc.constantFrom("source" as const, "note" as const),
        fc.string({ maxLength: 10 }),
        fc.constantFrom("\u0000", "\u0001", "\u001b", "\u007f", "\ud800", "\udfff"),
      ).map(([field, text, bad]) => ({ field, text: `${text}${bad}x`, says: /contains the control or broken character U\+/ }))
      // a lone surrogate cannot travel in a UTF-8 file (it arrives as U+FFFD, a real character): JSON only
      const cases = fc.tuple(fc.oneof(huge, broken), fc.boolean()).filter(([{ text }, asCsv]) => !(asCsv && /[\ud800-\udfff]/.test(text)))
      await fc.assert(
        fc.asyncProperty(cases, async ([{ field, text, says }, asCsv]) => {
          const row = { indicator: INDICATOR, region: "320509", year: 2024, value: 1, source: "survey", [field]: text }
          const res = asCsv
            ? await importCsv(csvOf(line(2024, 1, field === "source" ? `"${text.replace(/"/g, '""')}"` : "survey", field === "note" ? `"${text.replace(/"/g, '""')}"` : "")))
            : await postJson(JSON.stringify({ observations: [row] }))
          const error = await refused(res, [422])
          expect(error.details).toHaveLength(1)
          expect([error.details[0].field, asCsv ? error.details[0].row : error.details[0].index]).toEqual([field, asCsv ? 2 : 0])
          expect(error.details[0].message).toMatch(says)
        }),
        { numRuns: RUNS },
      )
    })

    it("a cell given twice in one file: 422 naming both rows", async () => {
      await fc.assert(
        fc.asyncProperty(fc.integer({ min: 2, max: 20 }), fc.nat(), fc.nat(), async (n, a, b) => {
          const lines = Array.from({ length: n }, (_, i) => line(1980 + i, i + 1))
          const copied = a % n
          const at = (b % n) + 1
          lines.splice(at, 0, line(1980 + copied, 99))
          const firstRow = (copied < at ? copied : copied + 1) + 2
          const dupRow = at + 2
          const [earlier, later] = [Math.min(firstRow, dupRow), Math.max(firstRow, dupRow)]
          const error = await refused(await importCsv(csvOf(...lines)), [422])
          expect(error.details).toEqual([
            { row: later, field: "indicator", message: `${INDICATOR} for 320509 in ${1980 + copied} is already given in row ${earlier}; keep one of the two rows` },
          ])
        }),
        { numRuns: RUNS },
      )
    })

    it("indicators and regions one typo away: 422 with a did-you-mean that is one edit from what was sent", async () => {
      const typo = (text: string) =>
        fc.tuple(fc.nat(), fc.constantFrom("swap", "drop", "add"), fc.constantFrom(..."abcdefghijklmnopqrstuvwxyz0123456789")).map(([at, kind, ch]) => {
          const i = at % text.length
          return kind === "swap" ? text.slice(0, i) + ch + text.slice(i + 1) : kind === "drop" ? text.slice(0, i) + text.slice(i + 1) : text.slice(0, i) + ch + text.slice(i)
        })
      const cases = fc.oneof(
        fc.constantFrom(...indicators).chain((id) => typo(id).map((sent) => ({ field: "indicator", sent, known: indicators }))),
        fc.constantFrom("320500", "320509", "341300", "310000", "330421").chain((code) => typo(code).map((sent) => ({ field: "region", sent, known: regions }))),
      ).filter(({ sent, known }) => !known.includes(sent) && !/[,"]/.test(sent))
      await fc.assert(
        fc.asyncProperty(cases, async ({ field, sent }) => {
          const cells = field === "indicator" ? `${sent},320509` : `${INDICATOR},${sent}`
          const res = await importCsv(csvOf(`${cells},2019,12.5,survey,`))
          const error = await refused(res, [403, 422]) // an unknown region is outside an agency's scope, but the admin writes everywhere
          const problem = error.details.find((p: any) => p.field === field)
          const suggestion = /did you mean "([^"]+)"\?/.exec(problem.message)?.[1]
          expect(suggestion, problem.message).toBeDefined()
          expect(distance(sent.toLowerCase(), suggestion!.toLowerCase())).toBeLessThanOrEqual(1)
        }),
        { numRuns: RUNS },
      )
    })

    it("10^6 columns: a header of a million unknown columns is a 422; a million ignored columns beside the four are read", async () => {
      const wide = await importCsv(`${"x,".repeat(1_000_000)}x\n${INDICATOR},320509,2018,1\n`)
      const error = await refused(wide, [422])
      expect(error.details.map((p: any) => [p.row, p.field])).toEqual([[1, "indicator"], [1, "region"], [1, "year"], [1, "value"]])
      const ignored = await importCsv(`indicator,region,year,value${",x".repeat(1_000_000)}\n${INDICATOR},320509,2018,1${",".repeat(1_000_000)}\n${INDICATOR},320509,2018,2\n`)
      const dup = await refused(ignored, [422])
      expect(dup.details).toEqual([{ row: 3, field: "indicator", message: `${INDICATOR} for 320509 in 2018 is already given in row 2; keep one of the two rows` }])
    }, 60_000)

    it("random report and query parameters: never a 5xx, always JSON errors", async () => {
      const text = fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("2022", "2022.md", "2022.csv", "2022.html", "2022.pdf", "320500", "YRD", "DEMO-ZONE", "2025-01-01", "zh", "en", ""))
      await fc.assert(
        fc.asyncProperty(text, text, text, text, text, async (scope, year, asOf, format, lang) => {
          const q = new URLSearchParams({ asOf, format, lang }).toString()
          const paths = [
            `/api/v1/reports/${encodeURIComponent(scope)}/${encodeURIComponent(year)}?${q}`,
            `/api/v1/reports/${encodeURIComponent(scope)}/${encodeURIComponent(year)}/comparison?asOf=${encodeURIComponent(asOf)}`,
            `/api/v1/observations?${new URLSearchParams({ indicator: scope, region: format, year, asOf }).toString()}`,
            `/api/v1/export/sdmx.csv?${new URLSearchParams({ region: scope, year }).toString()}`,
          ]
          for (const path of paths) {
            const res = await h.call("GET", path)
            tried.cases++
            expect(res.status, `${path}: ${res.text.slice(0, 300)}`).toBeLessThan(500)
            if (res.status >= 400) expect(res.json?.error?.message, path).toBeTruthy()
          }
        }),
        { numRuns: RUNS },
      )
      expect(await h.contentHash()).toEqual(before)
    }, 60_000)
  })
}

describe("cases tried", () => {
  it("counts them", () => {
    console.info(`bad input: ${tried.cases} generated and example cases tried on ${BACKENDS.map((b) => b.name).join(" and ")}`)
    expect(tried.cases).toBeGreaterThan(0)
  })
})

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs the bad-input properties on PostgreSQL", () => {}))
void Effect

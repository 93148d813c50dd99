/**
 * The Parquet export, read back with DuckDB: 300 values of a toy indicator imported through the CLI into a real
 * SQLite file (12 cities x 25 years, city i holding 10 + i every year), then 20 of them revised (Nanjing
 * 2001..2020: 10 -> 10.5, with a Chinese note). Sums by hand: 25 x (10 + 11 + ... + 21) = 25 x 186 = 4,650
 * before the revisions; current values 4,650 + 20 x 0.5 = 4,660; every revision 4,650 + 20 x 10.5 = 4,860.
 * Last, an area of 10 km² in Suzhou 2025 broken down into forest 6 and wetland 4: a default file holds its total
 * alone (301 rows, 4,670), `--breakdowns` its two breakdowns too (303 rows; summing only `breakdown IS NULL` gives
 * 4,670 again). The same on PostgreSQL (`DATABASE_URL`) when `TIJIAN_TEST_PG_URL` is set.
 */
import { DuckDBInstance } from "@duckdb/node-api"
import { CORE_VERSION, definePlugin } from "@tijian/core"
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freshPostgresDatabase, postgresAvailability } from "@tijian/core/testing"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { prepareParquetExport } from "../src/export/parquetExport.js"
import { cliInProcess } from "./support/cliInProcess.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"

const text = (en: string) => ({ zh: en, en })
const toy = definePlugin({
  id: "toy",
  version: "0.1.0",
  name: text("toy"),
  indicators: [
    { id: "toy.trees", kind: "observed", name: text("trees"), unit: text("trees"), direction: "higher-is-better", decimals: 1 },
    {
      id: "toy.area",
      kind: "observed",
      name: text("area"),
      unit: text("km2"),
      direction: "higher-is-better",
      decimals: 1,
      dimensions: [{ id: "kind", name: text("kind"), additive: true, codes: [{ code: "forest", name: text("forest") }, { code: "wetland", name: text("wetland") }] }],
    },
  ],
})

const CITIES = ["320100", "320200", "320400", "320500", "320600", "320900", "321000", "321100", "321200", "330100", "330200", "330300"]
const YEARS = Array.from({ length: 25 }, (_, i) => 2001 + i)
const FIRST_AT = "2025-03-01T08:00:00.123Z"
const REVISED_AT = "2025-03-02T09:30:00.456Z"
const BETWEEN = "2025-03-02T00:00:00.000Z"
const NOTE_ZH = "按第三次全国国土调查修订"

const pg = postgresAvailability()

/** Where the CLI and the app store the values: a SQLite file in the test's folder, or a fresh PostgreSQL database. */
const BACKENDS: ReadonlyArray<{ readonly name: string; readonly database: (dir: string) => Promise<string> }> = [
  { name: "SQLite", database: async (dir) => join(dir, "tijian.sqlite") },
  ...(pg.run ? [{ name: "PostgreSQL", database: () => freshPostgresDatabase(pg.url) }] : []),
]

for (const backend of BACKENDS) {
  describe(`the Parquet export (${backend.name})`, () => {
    let dir: string
    let database: string
    let clock = FIRST_AT
    let runtime: AppRuntime
    let app: ReturnType<typeof makeApp>
    let duck: Awaited<ReturnType<Awaited<ReturnType<typeof DuckDBInstance.create>>["connect"]>>
    const tokens: Record<"admin" | "agency", string> = { admin: "", agency: "" }

    const cli = cliInProcess(() => ({
      env: database.startsWith("postgres") ? { DATABASE_URL: database } : { TIJIAN_DB: database },
      cwd: dir,
      now: () => new Date(clock),
      plugins: [toy],
    }))

    /** The rows of a DuckDB query, as JSON values (BIGINT as text). */
    const sql = async (query: string) => (await duck.runAndReadAll(query)).getRowObjectsJson()
    const file = (name: string) => `'${join(dir, name)}'`

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "tijian-parquet-"))
      database = await backend.database(dir)
      const first = CITIES.flatMap((city, i) =>
        YEARS.map((year) => `toy.trees,${city},${year},${10 + i},江苏统计年鉴2024,江苏统计年鉴2024,Jiangsu Statistical Yearbook 2024,final`),
      )
      writeFileSync(join(dir, "first.csv"), ["indicator,region,year,value,source,source_zh,source_en,status", ...first].join("\n") + "\n")
      const revised = YEARS.filter((y) => y <= 2020).map((year) => `toy.trees,320100,${year},10.5,${NOTE_ZH},${NOTE_ZH},Revised after the third land survey,1`)
      writeFileSync(join(dir, "revised.csv"), ["indicator,region,year,value,note,note_zh,note_en,revision", ...revised].join("\n") + "\n")

      expect((await cli("import", "first.csv", "--agency", "jiangsu-stats")).code).toBe(0)
      clock = REVISED_AT
      expect((await cli("import", "revised.csv", "--agency", "nanjing-bureau")).code).toBe(0)
      tokens.admin = (await cli("tokens", "create", "--role", "admin", "--agency", "yrd-office")).lastLine
      tokens.agency = (await cli("tokens", "create", "--role", "agency", "--agency", "suzhou-bureau", "--region", "320500")).lastLine

      runtime = makeRuntime({ filename: database, plugins: [toy] })
      app = makeApp(runtime, { now: () => new Date("2025-03-03T00:00:00.000Z") })
      duck = await (await DuckDBInstance.create(":memory:")).connect()
    })

    afterAll(async () => {
      duck.closeSync()
      await runtime.dispose()
      rmSync(dir, { recursive: true, force: true })
    })

    describe("tijian export parquet", () => {
      it("writes the current values: 300 rows summing to 4,660, typed columns, the metadata", async () => {
        const res = await cli("export", "parquet", "current.parquet")
        expect([res.code, res.stdout]).toEqual([0, `wrote 300 current values as of ${REVISED_AT} to ${join(dir, "current.parquet")} (1 row group, ${readFileSync(join(dir, "current.parquet")).length} bytes)\n`])
        expect(await sql(`SELECT count(*)::INT AS n, sum(value) AS total, max(revision) AS last FROM ${file("current.parquet")}`)).toEqual([{ n: 300, total: 4660, last: 2 }])
        const columns = await sql(`DESCRIBE SELECT * FROM ${file("current.parquet")}`)
        expect(columns.map((c) => `${String(c.column_name)} ${String(c.column_type)}`)).toEqual([
          "indicator VARCHAR",
          "region VARCHAR",
          "year INTEGER",
          "breakdown VARCHAR",
          "value DOUBLE",
          "revision INTEGER",
          "agency VARCHAR",
          "submitted_at TIMESTAMP WITH TIME ZONE",
          "source VARCHAR",
          "note VARCHAR",
          "source_zh VARCHAR",
          "source_en VARCHAR",
          "note_zh VARCHAR",
          "note_en VARCHAR",
          "status VARCHAR",
        ])
        const kv = await sql(`SELECT key::VARCHAR AS key, value::VARCHAR AS value FROM parquet_kv_metadata(${file("current.parquet")}) ORDER BY key`)
        expect(kv).toEqual([
          { key: "tijian.as_of", value: REVISED_AT },
          { key: "tijian.breakdowns", value: "totals-only" },
          { key: "tijian.revisions", value: "current" },
          { key: "tijian.version", value: CORE_VERSION },
        ])
      })

      it("keeps the Chinese text, the null notes and the submission times to the millisecond", async () => {
        const nanjing2001 = await sql(
          `SELECT value, revision, agency, note, note_zh, note_en, source_zh, status, epoch_ms(submitted_at)::VARCHAR AS ms FROM ${file("current.parquet")} WHERE region = '320100' AND year = 2001`,
        )
        expect(nanjing2001).toEqual([
          { value: 10.5, revision: 2, agency: "nanjing-bureau", note: NOTE_ZH, note_zh: NOTE_ZH, note_en: "Revised after the third land survey", source_zh: null, status: "final", ms: String(Date.parse(REVISED_AT)) },
        ])
        const suzhou2025 = await sql(`SELECT value, note, source, source_en, epoch_ms(submitted_at)::VARCHAR AS ms FROM ${file("current.parquet")} WHERE region = '320500' AND year = 2025`)
        expect(suzhou2025).toEqual([{ value: 13, note: null, source: "江苏统计年鉴2024", source_en: "Jiangsu Statistical Yearbook 2024", ms: String(Date.parse(FIRST_AT)) }])
        // 300 cells, 20 of them revised with a note: 280 notes are null
        expect(await sql(`SELECT count(*)::INT AS n FROM ${file("current.parquet")} WHERE note IS NULL`)).toEqual([{ n: 280 }])
      })

      it("writes every revision with --all-revisions, and the values of the past with --as-of", async () => {
        expect((await cli("export", "parquet", "all.parquet", "--all-revisions")).code).toBe(0)
        expect(await sql(`SELECT count(*)::INT AS n, sum(value) AS total FROM ${file("all.parquet")}`)).toEqual([{ n: 320, total: 4860 }])
        expect(await sql(`SELECT value::VARCHAR AS v FROM parquet_kv_metadata(${file("all.parquet")}) WHERE key::VARCHAR = 'tijian.revisions'`)).toEqual([{ v: "all" }])

        expect((await cli("export", "parquet", "before.parquet", "--as-of", BETWEEN)).code).toBe(0)
        expect(await sql(`SELECT count(*)::INT AS n, sum(value) AS total, max(revision) AS last FROM ${file("before.parquet")}`)).toEqual([{ n: 300, total: 4650, last: 1 }])
        expect(await sql(`SELECT value::VARCHAR AS v FROM parquet_kv_metadata(${file("before.parquet")}) WHERE key::VARCHAR = 'tijian.as_of'`)).toEqual([{ v: BETWEEN }])
      })

      it("reads the same rows a page of 7 at a time (cells split across pages), one row group per page", async () => {
        const exp = await runOrThrow(runtime, prepareParquetExport({ allRevisions: false, pageRows: 7 }))
        const parts: Array<Uint8Array> = []
        const summary = await exp.writeTo({ write: (bytes) => void parts.push(bytes) })
        writeFileSync(join(dir, "paged.parquet"), Buffer.concat(parts))
        expect(summary.rows).toBe(300)
        const groups = await sql(`SELECT count(DISTINCT row_group_id)::INT AS n, max(row_group_num_rows)::INT AS largest, min(row_group_num_rows)::INT AS smallest FROM parquet_metadata(${file("paged.parquet")})`)
        expect(groups).toEqual([{ n: 43, largest: 7, smallest: 6 }])
        expect(summary.rowGroups).toBe(43) // 300 rows: 42 groups of 7, then 6
        const differ = `(SELECT * FROM ${file("paged.parquet")} EXCEPT SELECT * FROM ${file("current.parquet")}) UNION ALL (SELECT * FROM ${file("current.parquet")} EXCEPT SELECT * FROM ${file("paged.parquet")})`
        expect(await sql(`SELECT count(*)::INT AS n FROM (${differ})`)).toEqual([{ n: 0 }])
      })

      it("refuses a wrong command line and an existing file", async () => {
        expect((await cli("export", "parquet", "x.parquet", "--as-of", "yesterday")).stderr).toContain('--as-of must be an ISO-8601 date or date-time with a time zone (e.g. 2025-01-01 or 2025-01-01T08:00:00Z), not "yesterday"')
        expect((await cli("export", "parquet")).code).toBe(2)
        expect((await cli("export", "csv")).code).toBe(2)
        const again = await cli("export", "parquet", "current.parquet")
        expect([again.code, again.stderr]).toEqual([1, `error: ${join(dir, "current.parquet")} exists; export into a new file (the export never overwrites files)\n`])
      })
    })

    describe("GET /api/v1/export/observations.parquet", () => {
      const get = (query: string, token: string) => app.request(`/api/v1/export/observations.parquet${query}`, { headers: { authorization: `Bearer ${token}` } })

      it("gives an admin the same file as the CLI, byte for byte, as an attachment", async () => {
        const res = await get("", tokens.admin)
        expect(res.status).toBe(200)
        expect(res.headers.get("content-type")).toBe("application/vnd.apache.parquet")
        expect(res.headers.get("content-disposition")).toBe('attachment; filename="tijian-observations.parquet"')
        expect(res.headers.get("x-tijian-as-of")).toBe(REVISED_AT)
        expect(Buffer.from(await res.arrayBuffer()).equals(readFileSync(join(dir, "current.parquet")))).toBe(true)

        const past = await get(`?asOf=${BETWEEN}&revisions=all`, tokens.admin)
        writeFileSync(join(dir, "http-before.parquet"), Buffer.from(await past.arrayBuffer()))
        expect(await sql(`SELECT count(*)::INT AS n, sum(value) AS total FROM ${file("http-before.parquet")}`)).toEqual([{ n: 300, total: 4650 }])
      })

      it("refuses a bad asOf or revisions (400) and an agency token (403)", async () => {
        const bad = await get("?asOf=yesterday", tokens.admin)
        expect([bad.status, ((await bad.json()) as { error: { message: string } }).error.message]).toEqual([
          400,
          'asOf must be an ISO-8601 date or date-time with a time zone (e.g. 2025-01-01 or 2025-01-01T08:00:00Z), not "yesterday"',
        ])
        expect((await get("?revisions=some", tokens.admin)).status).toBe(400)
        expect((await get("", tokens.agency)).status).toBe(403)
      })
    })

    describe("breakdowns (written last: they move the latest change)", () => {
      const AREA_AT = "2025-03-02T12:00:00.000Z"

      it("a default file holds totals only; --breakdowns and breakdowns=true add the breakdown rows, each after its total", async () => {
        writeFileSync(join(dir, "area.csv"), "indicator,region,year,kind,value,source\ntoy.area,320500,2025,,10,survey\ntoy.area,320500,2025,forest,6,survey\ntoy.area,320500,2025,wetland,4,survey\n")
        clock = AREA_AT
        expect((await cli("import", "area.csv", "--agency", "suzhou-bureau")).code).toBe(0)

        expect((await cli("export", "parquet", "totals.parquet")).stdout).toMatch(/^wrote 301 current values as of /)
        expect(await sql(`SELECT count(*)::INT AS n, sum(value) AS total, count(breakdown)::INT AS broken FROM ${file("totals.parquet")}`)).toEqual([{ n: 301, total: 4670, broken: 0 }])

        const res = await cli("export", "parquet", "breakdowns.parquet", "--breakdowns")
        expect(res.stdout).toMatch(/^wrote 303 current values \(totals and breakdowns\) as of /)
        expect(await sql(`SELECT breakdown, value FROM ${file("breakdowns.parquet")} WHERE indicator = 'toy.area'`)).toEqual([
          { breakdown: null, value: 10 },
          { breakdown: "kind=forest", value: 6 },
          { breakdown: "kind=wetland", value: 4 },
        ])
        expect(await sql(`SELECT count(*)::INT AS n, sum(value) FILTER (WHERE breakdown IS NULL) AS total FROM ${file("breakdowns.parquet")}`)).toEqual([{ n: 303, total: 4670 }])
        expect(await sql(`SELECT value::VARCHAR AS v FROM parquet_kv_metadata(${file("breakdowns.parquet")}) WHERE key::VARCHAR = 'tijian.breakdowns'`)).toEqual([{ v: "included" }])

        const http = await app.request("/api/v1/export/observations.parquet?breakdowns=true", { headers: { authorization: `Bearer ${tokens.admin}` } })
        expect(http.headers.get("x-tijian-as-of")).toBe(AREA_AT)
        expect(Buffer.from(await http.arrayBuffer()).equals(readFileSync(join(dir, "breakdowns.parquet")))).toBe(true)
        const bad = await app.request("/api/v1/export/observations.parquet?breakdowns=yes", { headers: { authorization: `Bearer ${tokens.admin}` } })
        expect([bad.status, ((await bad.json()) as { error: { message: string } }).error.message]).toEqual([400, 'breakdowns must be true or false, not "yes"'])
      })
    })
  })
}

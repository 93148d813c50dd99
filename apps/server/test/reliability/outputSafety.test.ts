/**
 * Output safety, against the HTTP responses: every data-derived string (a note, a source, an agency name) is
 * escaped in HTML and Markdown, whatever it holds; no CSV cell starts a spreadsheet formula; SQL is only ever
 * built by Kysely with parameters (the few raw statements are fixed DDL, listed here).
 */
import { Effect, FastCheck as fc } from "effect"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join, relative } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { TokenStore } from "../../src/auth/TokenStore.js"
import { csvField } from "@tijian/report"
import { runOrThrow } from "../../src/runtime.js"
import { BACKENDS } from "../backends.js"
import { type Harness, makeHarness } from "./harness.js"

const RUNS = 25
const CELL = "/api/v1/observations/ecology.redline-area-km2/320509/2023"

/** Strings meant to break out of a text node, an attribute, a Markdown cell or a CSV cell; `#` becomes the case number. */
const PAYLOADS = [
  "<tj-#>x</tj-#>",
  '"><tj-# onerror=alert(1)>',
  "'><tj-# x='",
  "</td></tr></table><tj-#>",
  "<!--<tj-#>-->",
  "]]><tj-#/>",
  "[click](javascript:alert(#)) <tj-#>",
  "=HYPERLINK(\"http://evil/#\",\"<tj-#>\")",
  "+cmd|' /C calc'!A# <tj-#>",
  "-2+3 <tj-#>",
  "@SUM(1+1) <tj-#>",
  "\t=1+# <tj-#>",
  "&lt;tj-#&gt; <tj-#>",
]

/** Splits a CSV document (RFC 4180) into rows of cells. */
const parseCsv = (text: string): Array<Array<string>> => {
  const rows: Array<Array<string>> = [[]]
  let cell = ""
  let quoted = false
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i++
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ",") {
      rows.at(-1)!.push(cell)
      cell = ""
    } else if (ch === "\n" || (ch === "\r" && text[i + 1] === "\n")) {
      if (ch === "\r") i++
      rows.at(-1)!.push(cell)
      cell = ""
      rows.push([])
    } else cell += ch
  }
  if (cell !== "" || rows.at(-1)!.length > 0) rows.at(-1)!.push(cell)
  return rows.filter((r) => r.length > 0)
}

/** Cells a spreadsheet would run as a formula. */
const formulaCells = (csv: string) =>
  parseCsv(csv)
    .flat()
    .filter((c) => /^[=+\-@\t\r]/.test(c) && !/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(c))

const srcFiles = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? (name === "testing" ? [] : srcFiles(path)) : /\.ts$/.test(name) ? [path] : []
  })

describe("output safety (HTTP responses)", () => {
  let h: Harness
  let revision = 0
  const counts = { cases: 0 }

  beforeAll(async () => {
    h = await makeHarness(BACKENDS[0]!)
    const writer = await runOrThrow(
      h.runtime,
      Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: '<tj-agency onclick="alert(1)">=SUM(A1)' }, "2025-01-01T00:00:00.000Z")),
    )
    const first = await h.call("PUT", CELL, { token: writer.token, body: { value: 30.25, source: "<tj-source>", note: "=1+1" } })
    expect(first.status).toBe(201)
    revision = 1
  })
  afterAll(() => h.dispose())

  /** Writes a revision with this source and note; then reads the report in every format. */
  const render = async (source: string, note: string) => {
    const res = await h.call("PUT", CELL, { token: "admin", body: { value: 30 + (revision % 7), source, note }, headers: { "if-match": `"${revision}"` } })
    expect(res.status, res.text).toBe(200)
    revision++
    const get = async (path: string) => {
      const r = await h.call("GET", path)
      expect(r.status, `${path}: ${r.text.slice(0, 200)}`).toBe(200)
      return r
    }
    const page = await get("/reports/320509/2023?lang=en")
    const api = await get("/api/v1/reports/320509/2023.html?lang=zh")
    const md = await get("/api/v1/reports/320509/2023.md?lang=en")
    const csvs = [await get("/api/v1/reports/320509/2023.csv?lang=en"), await get("/api/v1/reports/320509/2023.csv?lang=zh"), await get("/api/v1/export/sdmx.csv?region=320509")]
    return { html: [page, api], md, csvs }
  }

  it("escapes every fuzzed note and source in the HTML pages and the Markdown: no markup comes through", async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 40 }), fc.constantFrom(...PAYLOADS), fc.constantFrom(...PAYLOADS), async (noise, p1, p2) => {
        counts.cases++
        const n = counts.cases
        const source = `${noise}${p1.replace(/#/g, String(n))}`.slice(0, 900)
        const note = `${p2.replace(/#/g, String(n))}${noise}`
        const out = await render(source.trim() === "" ? "x" : source, note)
        for (const r of out.html) {
          expect(r.headers.get("content-type")).toMatch(/^text\/html/)
          expect(r.text).not.toMatch(/<tj-/)
          expect(r.text).not.toMatch(/<[^>]*\son[a-z]+=/i) // no event-handler attribute anywhere
          expect(r.text).toContain(`&lt;tj-${n}`) // the data is shown (escaped): the check is not vacuous
        }
        expect(out.md.text).not.toMatch(/<tj-/)
        expect(out.md.text).not.toMatch(/(?<!\\)\]\(javascript:/i) // `\](` is an escaped bracket: text, not a link
        expect(out.md.text).toContain(`tj-${n}`)
      }),
      { numRuns: RUNS },
    )
  }, 60_000)

  it("escapes the agency name of a token (set by whoever made it)", async () => {
    const history = await h.call("GET", `${CELL}/history`)
    expect(history.json.revisions[0].agency).toBe('<tj-agency onclick="alert(1)">=SUM(A1)')
    const [reverted] = [await h.call("PUT", CELL, { token: "admin", body: { value: 30.25, source: "<tj-source>", note: "=1+1" }, headers: { "if-match": `"${revision}"` } })]
    expect(reverted.status).toBe(200)
    revision++
    // the agency shows in the history of the report's revisions only while its revision is current: write one as that agency
    const writer = await runOrThrow(h.runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "<tj-agency2 onclick=x>" }, "2025-01-01T00:00:00.000Z")))
    const res = await h.call("PUT", CELL, { token: writer.token, body: { value: 31, source: "s", note: "n" }, headers: { "if-match": `"${revision}"` } })
    expect(res.status).toBe(200)
    revision++
    const page = await h.call("GET", "/reports/320509/2023?lang=en")
    expect(page.text).toContain("&lt;tj-agency2 onclick=x&gt;")
    expect(page.text).not.toMatch(/<tj-agency/)
  })

  it("writes no CSV cell a spreadsheet would run as a formula (=, +, -, @, tab, CR), in any CSV the API serves", async () => {
    const out = await render("=HYPERLINK(\"http://evil\",\"x\")", "@SUM(1+1)")
    for (const r of out.csvs) {
      expect(r.headers.get("content-type")).toMatch(/csv/)
      expect(formulaCells(r.text)).toEqual([])
    }
  })

  it("guards CSV fields as OWASP advises: a leading =, +, -, @, tab or CR gets a quote unless the field is a number", () => {
    const cases: ReadonlyArray<readonly [string | number, string]> = [
      ["=1+1", "'=1+1"],
      ["+1+1", "'+1+1"],
      ["-1+1", "'-1+1"],
      ["@SUM(A1)", "'@SUM(A1)"],
      ["\t=1", "'\t=1"],
      ["\r=1", "\"'\r=1\""],
      ['=HYPERLINK("http://evil","x")', '"\'=HYPERLINK(""http://evil"",""x"")"'],
      ["-12.5", "-12.5"],
      [-12.5, "-12.5"],
      ["1e-3", "1e-3"],
      ["a=b", "a=b"],
    ]
    for (const [cell, want] of cases) expect([cell, csvField(cell)]).toEqual([cell, want])
    fc.assert(
      fc.property(fc.constantFrom("=", "+", "-", "@", "\t", "\r"), fc.string({ maxLength: 20 }), (lead, rest) => {
        counts.cases++
        const cells = formulaCells(`${csvField(lead + rest)}\r\n`)
        expect(cells).toEqual(/^-?\d+(\.\d+)?(e[+-]?\d+)?$/i.test(lead + rest) ? cells : [])
      }),
      { numRuns: 200 },
    )
  })

  it("stores and returns SQL-looking text verbatim, and ids that look like SQL find nothing (404)", async () => {
    const text = "'; DROP TABLE observations; -- \" OR 1=1 /*"
    const res = await h.call("PUT", CELL, { token: "admin", body: { value: 31.5, source: text, note: text }, headers: { "if-match": `"${revision}"` } })
    expect([res.status, res.json.source, res.json.note]).toEqual([200, text, text])
    revision++
    const before = await h.contentHash()
    for (const id of ["' OR '1'='1", "320509' OR 1=1 --", "320509; DELETE FROM observations"]) {
      // no region has such a code: a 404 quoting it as text, never an SQL error
      const found = await h.call("GET", `/api/v1/observations?region=${encodeURIComponent(id)}`)
      expect([found.status, found.json.error.message.startsWith(`no region or group has code "${id}"`)]).toEqual([404, true])
      expect((await h.call("GET", `/api/v1/observations/ecology.redline-area-km2/${encodeURIComponent(id)}/2023`)).status).toBe(404)
    }
    expect(await h.contentHash()).toEqual(before)
  })

  it("builds SQL only through Kysely: the raw statements are the audit log's fixed DDL, with constants only", () => {
    const root = join(import.meta.dirname, "../../../..")
    const files = [...srcFiles(join(root, "apps/server/src")), ...srcFiles(join(root, "packages/core/src"))]
    const raw = files.flatMap((f) =>
      readFileSync(f, "utf8")
        .split("\n")
        .flatMap((text, i) => (/\bsql`|sql\.raw\(|CompiledQuery\.raw|\b(client|pool|connection)\.query\(/.test(text) ? [`${relative(root, f)}:${i + 1}`] : [])),
    )
    // core's SQLite bulk insert prepares the SQL text Kysely compiled for one row, run with new parameters only
    const bulk = "packages/core/src/internal/appendRevisions.ts"
    // core's PostgreSQL bulk insert (`insert ... select from unnest($1::text[], ...)`: Kysely has no array cast) builds
    // its text from constant column names and types only; every value is a bound parameter
    const unnest = "packages/core/src/internal/insertThroughUnnest.ts"
    // core's PostgreSQL array-mode read (`Database.postgres.queryArrays`) runs text Kysely compiled, with its parameters
    const arrays = "packages/core/src/Database.ts"
    const listed = ["apps/server/src/storage/migrations.ts:", `${bulk}:`, `${unnest}:`, `${arrays}:`]
    expect(raw.filter((at) => !listed.some((l) => at.startsWith(l)))).toEqual([])
    expect([...readFileSync(join(root, arrays), "utf8").matchAll(/pool\.query[^(]*\(([^)]*)\)/g)].map((m) => m[1])).toEqual(["{ text: sql, values: [...parameters], rowMode: \"array\" }"])
    const callers = files.flatMap((f) => [...readFileSync(f, "utf8").matchAll(/queryArrays\(([^)]*)\)/g)].map((m) => `${relative(root, f)}: ${m[1]}`))
    expect(callers).toEqual(["packages/core/src/ObservationStore.ts: compiled.sql, compiled.parameters"])
    const bulkText = readFileSync(join(root, bulk), "utf8")
    expect([...bulkText.matchAll(/CompiledQuery\.raw\(([^)]*)\)/g)]).toEqual([])
    expect(bulkText).toMatch(/text = compiled\.sql/)
    expect([...bulkText.matchAll(/\.prepare\(([^)]*\)?)\)/g)].map((m) => m[1])).toEqual(["insertText(trx, records[0]!)"])
    const unnestText = readFileSync(join(root, unnest), "utf8")
    expect([...unnestText.matchAll(/CompiledQuery\.raw\(([^)]*)\)/g)].map((m) => m[1])).toEqual(["text, parameters"])
    expect(unnestText).toMatch(/const text = textFor\(shared\)/)
    // the only interpolations in its statement text: parameter numbers, the constant column names and types, and the
    // lists built from them
    const pieces = [...unnestText.matchAll(/`([^`]*)`/g)].flatMap((m) => [...m[1]!.matchAll(/\$\{([^}]*)\}/g)].map((i) => i[1]))
    expect([...new Set(pieces)].sort()).toEqual(["arrays.join(\", \")", "columns", "i", "i + 1", "name", "names.join(\", \")", "selected.join(\", \")", "type"])
    const migrations = readFileSync(join(root, "apps/server/src/storage/migrations.ts"), "utf8")
    const templates = [...migrations.matchAll(/sql`([^`]*)`/g)].map((m) => m[1]!)
    expect(templates.length).toBeGreaterThan(0)
    const interpolations = templates.flatMap((t) => [...t.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]))
    expect([...new Set(interpolations)].sort()).toEqual(["sql.raw(AUDIT_APPEND_ONLY)", "sql.raw(event)", "sql.raw(trigger)"])
  })

  afterAll(() => console.info(`output safety: ${counts.cases} generated cases tried`))
})

import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { freshPostgresDatabase, postgresAvailability } from "@tijian/core/testing"
import { afterAll, describe, expect, it } from "vitest"
import { Engine, reportJson } from "@tijian/core"
import type { MultiPolygonCoordinates } from "@tijian/report"
import { Effect } from "effect"
import { CLI_ACTOR } from "../src/audit/AuditLog.js"
import { BoundaryStore } from "../src/boundaries/BoundaryStore.js"
import { runCli } from "../src/cli/runCli.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeRuntime, runOrThrow } from "../src/runtime.js"

const dir = mkdtempSync(join(tmpdir(), "tijian-db-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const cli = async (argv: ReadonlyArray<string>, env: Record<string, string>) => {
  const out: Array<string> = []
  const err: Array<string> = []
  const code = await runCli(argv, {
    stdout: (t) => out.push(t),
    stderr: (t) => err.push(t),
    env,
    cwd: dir,
    now: () => new Date("2025-01-01T00:00:00.000Z"),
  })
  return { code, out: out.join(""), err: err.join("") }
}

/** Parses `db check` output: table -> [rows, sha256]. */
const checks = (out: string) =>
  Object.fromEntries(
    out
      .trim()
      .split("\n")
      .slice(2)
      .map((l) => l.trim().split(/\s+/))
      .map(([table, rows, sha]) => [table, [Number(rows), sha]]),
  )

const sourceEnv = { TIJIAN_DB: join(dir, "source.sqlite") }

const fillSource = async () => {
  const token = await cli(["tokens", "create", "--role", "agency", "--agency", "suzhou", "--region", "320500"], sourceEnv)
  expect(token.code).toBe(0)
  writeFileSync(join(dir, "values.csv"), "indicator,region,year,value,source\nbeauty.growth,320500,2022,71.5,yearbook\nbeauty.growth,320509,2022,64,yearbook\n")
  expect((await cli(["import", "values.csv", "--agency", "suzhou"], sourceEnv)).code).toBe(0)
  const named = await cli(["agencies", "set", "suzhou", "--zh", "苏州市统计局", "--en", "Suzhou Statistics Bureau"], sourceEnv)
  expect([named.code, named.out]).toEqual([0, "suzhou: zh 苏州市统计局, en Suzhou Statistics Bureau\n"])
  // a region boundary (set over HTTP in practice), so the copy must carry the server's boundary table too
  const runtime = makeRuntime({ filename: sourceEnv.TIJIAN_DB, plugins: builtinPlugins })
  const square: MultiPolygonCoordinates = [[[[120.9, 31.0], [121.1, 31.0], [121.1, 31.2], [120.9, 31.2], [120.9, 31.0]]]]
  await runOrThrow(runtime, Effect.flatMap(BoundaryStore, (b) => b.put("310118", square, "2025-01-01T00:00:00.000Z", CLI_ACTOR)))
  await runtime.dispose()
  const listed = await cli(["agencies", "list", "--json"], sourceEnv)
  expect(JSON.parse(listed.out).agencies.map((a: any) => [a.agency, a.zh, a.en, a.updatedBy])).toEqual([["suzhou", "苏州市统计局", "Suzhou Statistics Bureau", "local-cli"]])
  return checks((await cli(["db", "check"], sourceEnv)).out)
}

describe("pnpm tijian db", () => {
  it("copies a SQLite database into an empty one: same rows and checksums in every table; refuses a non-empty target", async () => {
    const source = await fillSource()
    // the reference data (17 values at the time of writing) plus the 2 imported ones
    expect(source.observations![0]).toBeGreaterThanOrEqual(12)
    expect(source.api_tokens![0]).toBe(1)
    expect(source.agency_names![0]).toBe(1)
    expect(source.region_boundaries![0]).toBe(1)
    const copy = await cli(["db", "copy", "--to", "copy.sqlite"], sourceEnv)
    expect(copy.code).toBe(0)
    expect(copy.out).toContain("verified")
    const target = checks((await cli(["db", "check"], { TIJIAN_DB: join(dir, "copy.sqlite") })).out)
    expect(target).toEqual(source)
    const again = await cli(["db", "copy", "--to", "copy.sqlite"], sourceEnv)
    expect(again.code).toBe(1)
    expect(again.err).toContain("already has")
  })

  const pg = postgresAvailability()
  if (pg.run) {
    it("copies the SQLite database into PostgreSQL (DATABASE_URL) with identical checksums", async () => {
      const url = await freshPostgresDatabase(pg.url)
      const copy = await cli(["db", "copy", "--to", url], sourceEnv)
      expect(copy.code).toBe(0)
      const source = checks((await cli(["db", "check"], sourceEnv)).out)
      const target = checks((await cli(["db", "check"], { DATABASE_URL: url })).out)
      expect(target).toEqual(source)
      // the seeded database round-trips: the same report JSON, byte for byte, from SQLite and from PostgreSQL
      const report = async (database: string) => {
        const runtime = makeRuntime({ filename: database, plugins: builtinPlugins })
        try {
          return reportJson(
            await runOrThrow(runtime, Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: "YRD", year: 2022, asOf: "2025-06-01T00:00:00.000Z" }))),
          )
        } finally {
          await runtime.dispose()
        }
      }
      const [fromSqlite, fromPostgres] = [await report(sourceEnv.TIJIAN_DB), await report(url)]
      expect(fromPostgres).toBe(fromSqlite)
      // the YRD report holds the plugins that apply to the plan area: the beauty index and the ecological redlines
      expect(JSON.parse(fromSqlite).sections.map((s: { plugin: string }) => s.plugin)).toEqual(["beauty", "ecology"])
    })
  } else {
    it.skip(pg.reason, () => {})
  }

  it("explains its usage", async () => {
    expect((await cli(["db"], {})).code).toBe(2)
    expect((await cli(["db", "copy"], sourceEnv)).err).toContain("db copy needs --to")
  })
})

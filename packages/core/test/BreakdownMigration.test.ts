import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import SqliteDatabase from "better-sqlite3"
import { Effect, type Layer } from "effect"
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import * as Database from "../src/Database.js"
import * as Engine from "../src/Engine.js"
import { migrations } from "../src/migrations/index.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { registerObservations } from "../src/Registration.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"
import { mobilityPlugin, runOn } from "./breakdownFixtures.js"

const provider = { getMigrations: async () => migrations }

const row = (indicator: string, year: number, revision: number, value: number, day: string) => ({
  indicator, region: "320500", year, revision, value, agency: "suzhou-transport", submitted_at: `${day}T00:00:00.000Z`, source: "travel survey", note: null, status: "final",
})

// Written before 0009: green travel 66% in 2021, 68% then 70% in 2022; 5.1 million trips in 2022.
const before = [
  row("mob.green-share", 2021, 1, 0.66, "2022-03-01"),
  row("mob.green-share", 2022, 1, 0.68, "2023-03-01"),
  row("mob.green-share", 2022, 2, 0.7, "2023-06-01"),
  row("mob.trips", 2022, 1, 5.1, "2023-03-01"),
]
const AS_OF = "2024-01-01T00:00:00.000Z"

type Opened = { readonly db: Kysely<any>; readonly layer: Layer.Layer<Database.Database, any> }

const report = (opened: Opened) =>
  runOn(() => opened.layer, [mobilityPlugin], Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: "320500", year: 2022, asOf: AS_OF }))).then((r) => JSON.stringify(r))

const suite = (name: string, open: (label: string) => Promise<Opened>) =>
  describe(`0009 breakdowns: ${name}`, () => {
    it("keeps every existing revision as a total, reports byte-identical, takes breakdowns after, and undoes", async () => {
      const old = await open("before-0009")
      expect((await new Migrator({ db: old.db, provider }).migrateTo("0007_one_owner_per_figure")).error).toBeUndefined()
      await old.db.insertInto("observations").values(before).execute()
      // the same rows written into a database made at the latest schema: what the migrated one must read as
      const fresh = await open("fresh")
      expect((await new Migrator({ db: fresh.db, provider }).migrateToLatest()).error).toBeUndefined()
      await fresh.db.insertInto("observations").values(before).execute()

      const migrated = await report(old) // opening the store migrates to the latest
      expect(migrated).toBe(await report(fresh))
      expect(migrated).toContain('"value":0.7')
      const rows = await old.db.selectFrom("observations").select(["indicator", "year", "revision", "breakdown"]).orderBy("indicator").orderBy("year").orderBy("revision").execute()
      expect(rows.map((r) => `${r.indicator} ${r.year} r${r.revision} [${r.breakdown}]`)).toEqual([
        "mob.green-share 2021 r1 []",
        "mob.green-share 2022 r1 []",
        "mob.green-share 2022 r2 []",
        "mob.trips 2022 r1 []",
      ])

      // breakdowns of the 70%: revision 1 of their own cells beside the total's revision 2; the report's total unchanged
      const history = await runOn(
        () => old.layer,
        [mobilityPlugin],
        Effect.gen(function* () {
          const modes = [["metro", 0.3], ["bus", 0.25], ["bike", 0.15]] as const
          yield* registerObservations(modes.map(([mode, value]) => ({ indicator: "mob.green-share", region: "320500", year: 2022, value, agency: "suzhou-transport", source: "travel survey", dimensions: { mode } })), "2023-09-01T00:00:00.000Z")
          const store = yield* ObservationStore.ObservationStore
          return {
            total: (yield* store.history("mob.green-share", "320500", 2022)).map((o) => [o.revision, o.value]),
            metro: (yield* store.history("mob.green-share", "320500", 2022, "mode=metro")).map((o) => [o.revision, o.value]),
          }
        }),
      )
      expect(history).toEqual({ total: [[1, 0.68], [2, 0.7]], metro: [[1, 0.3]] })
      // the report now shows them beside the total; the total's row and the summary are as they were
      const withBreakdowns = JSON.parse(await report(old))
      const totalsOf = (r: any) => r.sections[0].evaluations.map(({ breakdowns: _, ...row }: any) => row)
      expect(totalsOf(withBreakdowns)).toEqual(totalsOf(JSON.parse(migrated)))
      expect(withBreakdowns.summary).toEqual(JSON.parse(migrated).summary)
      expect(withBreakdowns.sections[0].evaluations[0].breakdowns[0].values.map((v: any) => [v.code, v.value])).toEqual([["metro", 0.3], ["bus", 0.25], ["bike", 0.15]])

      // down: the breakdowns go, the totals stay as they were
      expect((await new Migrator({ db: old.db, provider }).migrateTo("0007_one_owner_per_figure")).error).toBeUndefined()
      const after = await old.db.selectFrom("observations").selectAll().orderBy("indicator").orderBy("year").orderBy("revision").execute()
      expect(after.map((r) => [r.indicator, r.year, r.revision, r.value, "breakdown" in r])).toEqual(before.map((r) => [r.indicator, r.year, r.revision, r.value, false]))
      await old.db.destroy()
      await fresh.db.destroy()
    })
  })

const dir = mkdtempSync(join(tmpdir(), "tijian-breakdowns-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

suite("SQLite file", async (label) => {
  const filename = join(dir, `${label}.sqlite`)
  return { db: new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(filename) }) }), layer: Database.layerSqlite({ filename }) }
})

const postgres = postgresAvailability()
if (postgres.run) {
  suite("PostgreSQL", async () => {
    const url = await freshPostgresDatabase(postgres.url)
    return { db: new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) }), layer: Database.layerPostgres({ url, maxConnections: 2 }) }
  })
} else describe("0009 breakdowns: PostgreSQL", () => it.skip(postgres.reason, () => {}))

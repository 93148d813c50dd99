import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import SqliteDatabase from "better-sqlite3"
import { Effect, Layer } from "effect"
import { Kysely, Migrator, PostgresDialect, SqliteDialect } from "kysely"
import pg from "pg"
import { afterAll, describe, expect, it } from "vitest"
import * as Database from "../src/Database.js"
import { migrations } from "../src/migrations/index.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"

const provider = { getMigrations: async () => migrations }

const row = (indicator: string, region: string, year: number, revision: number, value: number, agency: string, at: string, extra: object = {}) => ({
  indicator, region, year, revision, value, agency, submitted_at: `${at}T00:00:00.000Z`, source: "yearbook", note: null, status: "final", ...extra,
})

// Written before 0007: the beauty index kept good air and surface water under its own ids.
const before = [
  // Suzhou 2022: only beauty's id has the figure, two revisions (provisional 84%, then final 85%)
  row("beauty.good-air-days-share", "320500", 2022, 1, 0.84, "suzhou-stats", "2023-03-01", { status: "provisional", note: "初步数" }),
  row("beauty.good-air-days-share", "320500", 2022, 2, 0.85, "suzhou-stats", "2023-06-01"),
  // Shanghai 2022: both ids have it; ecology's 87% (February) stays current, beauty's 86% (May) is set aside
  row("ecology.good-air-days-share", "310000", 2022, 1, 0.87, "shanghai-eco", "2023-02-01"),
  row("beauty.good-air-days-share", "310000", 2022, 1, 0.86, "shanghai-stats", "2023-05-01"),
  // Hangzhou 2021: surface water under beauty's id only, with bilingual provenance
  row("beauty.surface-water-good-share", "330100", 2021, 1, 0.95, "hangzhou-stats", "2022-04-01", {
    source_zh: "杭州统计年鉴2022", source_en: "Hangzhou Statistical Yearbook 2022",
  }),
  // forest coverage of Wujiang 2025 under both retired ids: the Demonstration Zone's 16% moves first, the beauty
  // index's 15.8% finds the cell taken and is set aside; Jiashan's only value (beauty's) moves
  row("demo-zone.forest-coverage", "320509", 2025, 1, 0.16, "wujiang-nr", "2026-02-01"),
  row("beauty.forest-coverage", "320509", 2025, 1, 0.158, "suzhou-stats", "2026-03-01"),
  row("beauty.forest-coverage", "330421", 2025, 1, 0.14, "jiaxing-stats", "2026-03-01"),
  // not retired: untouched
  row("beauty.growth", "320500", 2022, 1, 85, "suzhou-stats", "2023-06-01"),
]

type Stored = { indicator: string; region: string; year: number; revision: number; value: number; agency: string; owner_revision?: number | null }

/** Every stored revision as `indicator region year rN value agency`, sorted. */
const revisions = async (db: Kysely<any>, table: string) =>
  ((await db.selectFrom(table).selectAll().execute()) as Array<Stored>)
    .map((r) => `${r.indicator} ${r.region} ${r.year} r${r.revision} ${Number(r.value)} ${r.agency}${"owner_revision" in r ? ` -> ${r.owner_revision ?? "set aside"}` : ""}`)
    .sort()

const suite = (name: string, open: () => Promise<{ readonly db: Kysely<any>; readonly layer: Layer.Layer<Database.Database, unknown> }>) =>
  describe(`0007 one owner per figure: ${name}`, () => {
    it("moves the retired ids' revisions onto ecology's ids, sets aside the one whose cell ecology already had, and undoes", async () => {
      const { db, layer } = await open()
      expect((await new Migrator({ db, provider }).migrateTo("0006_approvals")).error).toBeUndefined()
      await db.insertInto("observations").values(before).execute()

      const store = ObservationStore.layer.pipe(Layer.provide(layer))
      const read = <A>(f: (s: ObservationStore.ObservationStoreService) => Effect.Effect<A, unknown>) =>
        Effect.runPromise(Effect.flatMap(ObservationStore.ObservationStore, f).pipe(Effect.provide(store)) as Effect.Effect<A>)

      // opening the store migrates to the latest
      const suzhou = await read((s) => s.history("ecology.good-air-days-share", "320500", 2022))
      expect(suzhou.map((o) => [o.id, o.value, o.agency, o.submittedAt, o.status, o.note])).toEqual([
        ["ecology.good-air-days-share/320500/2022/r1", 0.84, "suzhou-stats", "2023-03-01T00:00:00.000Z", "provisional", "初步数"],
        ["ecology.good-air-days-share/320500/2022/r2", 0.85, "suzhou-stats", "2023-06-01T00:00:00.000Z", "final", null],
      ])
      // as-of reads are as before: in April 2023 the provisional 84% was current
      const april = await read((s) => s.current({ indicators: ["ecology.good-air-days-share"], regions: ["320500"], asOf: "2023-04-01T00:00:00.000Z" }))
      expect(april.map((o) => o.value)).toEqual([0.84])

      const shanghai = await read((s) => s.history("ecology.good-air-days-share", "310000", 2022))
      expect(shanghai.map((o) => [o.revision, o.value, o.agency])).toEqual([[1, 0.87, "shanghai-eco"]])

      const [hangzhou] = await read((s) => s.current({ indicators: ["ecology.surface-water-good-share"] }))
      expect([hangzhou!.id, hangzhou!.value, hangzhou!.sourceZh, hangzhou!.sourceEn]).toEqual([
        "ecology.surface-water-good-share/330100/2021/r1", 0.95, "杭州统计年鉴2022", "Hangzhou Statistical Yearbook 2022",
      ])

      // 9 revisions before: 7 in observations now (nothing under a retired id), the other 2 only in retired_revisions
      expect(await revisions(db, "observations")).toEqual([
        "beauty.growth 320500 2022 r1 85 suzhou-stats",
        "ecology.forest-coverage 320509 2025 r1 0.16 wujiang-nr",
        "ecology.forest-coverage 330421 2025 r1 0.14 jiaxing-stats",
        "ecology.good-air-days-share 310000 2022 r1 0.87 shanghai-eco",
        "ecology.good-air-days-share 320500 2022 r1 0.84 suzhou-stats",
        "ecology.good-air-days-share 320500 2022 r2 0.85 suzhou-stats",
        "ecology.surface-water-good-share 330100 2021 r1 0.95 hangzhou-stats",
      ])
      // every retired revision, as it was, with where it went
      expect(await revisions(db, "retired_revisions")).toEqual([
        "beauty.forest-coverage 320509 2025 r1 0.158 suzhou-stats -> set aside",
        "beauty.forest-coverage 330421 2025 r1 0.14 jiaxing-stats -> 1",
        "beauty.good-air-days-share 310000 2022 r1 0.86 shanghai-stats -> set aside",
        "beauty.good-air-days-share 320500 2022 r1 0.84 suzhou-stats -> 1",
        "beauty.good-air-days-share 320500 2022 r2 0.85 suzhou-stats -> 2",
        "beauty.surface-water-good-share 330100 2021 r1 0.95 hangzhou-stats -> 1",
        "demo-zone.forest-coverage 320509 2025 r1 0.16 wujiang-nr -> 1",
      ])
      const setAside = await db.selectFrom("retired_revisions").selectAll().where("owner_revision", "is", null).where("region", "=", "310000").executeTakeFirstOrThrow()
      expect([setAside.owner_indicator, setAside.submitted_at, setAside.source]).toEqual(["ecology.good-air-days-share", "2023-05-01T00:00:00.000Z", "yearbook"])

      // down: the nine revisions are back as they were
      expect((await new Migrator({ db, provider }).migrateTo("0006_approvals")).error).toBeUndefined()
      expect(await revisions(db, "observations")).toEqual(before.map((r) => `${r.indicator} ${r.region} ${r.year} r${r.revision} ${r.value} ${r.agency}`).sort())
      await db.destroy()
    })
  })

const dir = mkdtempSync(join(tmpdir(), "tijian-one-owner-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

suite("SQLite file", async () => {
  const filename = join(dir, "before-0007.sqlite")
  return { db: new Kysely<any>({ dialect: new SqliteDialect({ database: new SqliteDatabase(filename) }) }), layer: Database.layerSqlite({ filename }) }
})

const postgres = postgresAvailability()
if (postgres.run) {
  suite("PostgreSQL", async () => {
    const url = await freshPostgresDatabase(postgres.url)
    return { db: new Kysely<any>({ dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 2 }) }) }), layer: Database.layerPostgres({ url, maxConnections: 2 }) }
  })
} else describe("0007 one owner per figure: PostgreSQL", () => it.skip(postgres.reason, () => {}))

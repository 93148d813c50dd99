import { Effect, Layer, ManagedRuntime } from "effect"
import { describe, expect, it } from "vitest"
import * as Approvals from "../src/Approvals.js"
import * as CalculatorRuns from "../src/CalculatorRuns.js"
import * as Database from "../src/Database.js"
import { copyDatabase, CORE_TABLES, tableChecksum } from "../src/DatabaseCopy.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"

const fill = Effect.gen(function* () {
  const store = yield* ObservationStore.ObservationStore
  const rows = Array.from({ length: 1200 }, (_, i) => ({
    indicator: `t.i${i % 7}`,
    region: i % 2 ? "320500" : "341300",
    year: 2000 + (i % 23),
    value: i / 7,
    agency: "a",
    source: "s",
    note: i % 5 === 0 ? `note ${i}` : undefined,
  }))
  const unique = [...new Map(rows.map((r) => [`${r.indicator}/${r.region}/${r.year}`, r])).values()]
  yield* store.append(unique, "2024-01-01T00:00:00.000Z")
  yield* store.append(unique.slice(0, 10).map((r) => ({ ...r, value: r.value + 1 })), "2024-02-01T00:00:00.000Z")
  yield* store.lockYear(2020, { actor: "admin", reason: "published", at: "2024-03-01T00:00:00.000Z" })
  const approvals = yield* Approvals.Approvals
  yield* approvals.transition({ plugin: "test", region: "320500", year: 2019 }, "submit", { actor: "suzhou", comment: "complete", at: "2024-03-02T00:00:00.000Z" })
  // a committed run: its JSON columns (inputs, params, tables, with Chinese text) copy byte for byte
  const runs = yield* CalculatorRuns.CalculatorRuns
  yield* runs.record(
    {
      calculator: "t.sum",
      plugin: "t",
      pluginVersion: "0.0.0",
      region: "320500",
      year: 2019,
      agency: "a",
      inputs: [{ name: "counts", filename: "苏州 2019.csv", bytes: 48, sha256: "c".repeat(64) }],
      params: { scale: 2 },
      tables: [{ id: "t", title: { zh: "表", en: "table" }, columns: [{ id: "n", name: { zh: "数", en: "n" } }], rows: [{ n: 1.5 }] }],
      valuesStored: 0,
    },
    "2024-03-03T00:00:00.000Z",
  )
  return unique.length + 10
})

const copyInto = async (target: Layer.Layer<Database.Database, any>) => {
  const source = ManagedRuntime.make(Layer.provideMerge(Layer.mergeAll(ObservationStore.layer, Approvals.layer, CalculatorRuns.layer), Database.layerSqlite({ filename: ":memory:" })))
  const dest = ManagedRuntime.make(target)
  try {
    const revisions = await source.runPromise(fill)
    const from = await source.runPromise(Database.Database)
    const to = await dest.runPromise(Database.Database)
    const report = await Effect.runPromise(copyDatabase(from.db, to.db))
    const again = await Effect.runPromise(Effect.either(copyDatabase(from.db, to.db)))
    const recount = await tableChecksum(to.db, CORE_TABLES[0]!)
    return { revisions, report, again, recount }
  } finally {
    await source.dispose()
    await dest.dispose()
  }
}

describe("copying a database", () => {
  it("copies SQLite into another SQLite, verified by counts and checksums; refuses a non-empty target", async () => {
    const { revisions, report, again, recount } = await copyInto(Database.layerSqlite({ filename: ":memory:" }))
    // i % 7, i % 2, i % 23 over 1,200 rows repeat every lcm(7, 2, 23) = 322 rows: 322 cells, plus 10 revisions
    expect(revisions).toBe(332)
    expect(report.tables.map((t) => [t.name, t.rows])).toEqual([["observations", revisions], ["year_lock_events", 1], ["approval_events", 1], ["report_editions", 0], ["write_clock", 1], ["retired_revisions", 0], ["calculator_runs", 1]])
    expect(report.tables.every((t) => t.sourceSha256 === t.targetSha256)).toBe(true)
    expect(recount.rows).toBe(revisions)
    expect(again._tag).toBe("Left")
  })

  const pg = postgresAvailability()
  if (pg.run) {
    it("copies SQLite into PostgreSQL with identical checksums", async () => {
      const url = await freshPostgresDatabase(pg.url)
      const { revisions, report } = await copyInto(Database.layerPostgres({ url }))
      expect(report.tables[0]).toMatchObject({ name: "observations", rows: revisions })
      expect(report.tables.every((t) => t.sourceSha256 === t.targetSha256)).toBe(true)
    })
  } else {
    it.skip(pg.reason, () => {})
  }
})

/**
 * Committed calculator runs on both backends: the latest run of each calculator for a region and year as of a time,
 * stamps from the write clock, runs refused for a locked year or a closed data set, a run recorded in a transaction
 * that rolls back leaving nothing, and the engine's report showing the run's tables in its plugin's section.
 */
import { Effect, Either, Layer, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Approvals from "../src/Approvals.js"
import * as CalculatorRuns from "../src/CalculatorRuns.js"
import * as Database from "../src/Database.js"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import type { Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"
import { observed, text } from "./fixtures.js"

const WUJIANG = "320509"
const at = (minute: number) => `2025-03-01T00:${String(minute).padStart(2, "0")}:00.000Z`
const SHA_A = "a".repeat(64)
const SHA_B = "b".repeat(64)

/** A run of `calculator` for Wujiang 2024 whose one table holds `km2` in one row. */
const run = (calculator: string, km2: number, sha256 = SHA_A, over: Partial<CalculatorRuns.CalculatorRun> = {}): CalculatorRuns.CalculatorRun => ({
  calculator,
  plugin: "eco",
  pluginVersion: "0.1.0",
  region: WUJIANG,
  year: 2024,
  agency: "wujiang",
  inputs: [{ name: "redlines", filename: "redlines 2024.geojson", bytes: 48, sha256 }],
  params: { toleranceM: 5 },
  valuesStored: 1,
  tables: [{ id: "change", title: text("change"), columns: [{ id: "km2", name: text("km²") }], rows: [{ km2 }] }],
  ...over,
})

const plugin: Plugin = {
  id: "eco",
  version: "0.1.0",
  name: text("eco"),
  appliesTo: { levels: ["county"] },
  indicators: [observed("eco.redline-km2")],
  calculators: [
    {
      id: "eco.redline-change",
      name: { zh: "红线变化", en: "Redline change" },
      description: text("change"),
      inputs: [],
      params: Schema.Struct({}),
      produces: ["eco.redline-km2"],
      run: () => Effect.succeed({ values: [] }),
    },
  ],
}

type Services = CalculatorRuns.CalculatorRuns | ObservationStore.ObservationStore | Approvals.Approvals | Engine.Engine | Database.Database

const suite = (name: string, database: () => Promise<Layer.Layer<Database.Database, any>>) =>
  describe(`calculator runs: ${name}`, () => {
    const go = async <A, E>(body: Effect.Effect<A, E, Services>) => {
      const stores = Layer.mergeAll(ObservationStore.layer, Approvals.layer, CalculatorRuns.layer).pipe(Layer.provideMerge(await database()))
      const base = Layer.mergeAll(Registry.layer([plugin], yrdRegions())).pipe(Layer.provideMerge(stores))
      return Effect.runPromise(Effect.provide(body, Engine.layer.pipe(Layer.provideMerge(base))))
    }
    const committed = (asOf?: string) =>
      Effect.flatMap(CalculatorRuns.CalculatorRuns, (runs) =>
        runs.committed({ regions: [WUJIANG], year: 2024, ...(asOf === undefined ? {} : { asOf }) }).pipe(Effect.map((rs) => rs.map((r) => [r.id, r.calculator, r.committedAt, r.tables[0]?.rows[0]?.km2]))),
      )

    it("reads the latest run of each calculator for the region and year as of a time; ids and stamps follow commit order", async () => {
      const seen = await go(
        Effect.gen(function* () {
          const runs = yield* CalculatorRuns.CalculatorRuns
          yield* runs.record(run("eco.redline-change", 1.25), at(1))
          yield* runs.record(run("eco.forest-share", 40), at(2))
          yield* runs.record(run("eco.redline-change", 1.5, SHA_B), at(3))
          // another year, another region and another plugin are never read for Wujiang 2024 of eco
          yield* runs.record(run("eco.redline-change", 9, SHA_A, { year: 2023 }), at(4))
          yield* runs.record(run("eco.redline-change", 9, SHA_A, { region: "320506" }), at(4))
          // a run at a time already passed is stamped 1 ms after the latest write
          const late = yield* runs.record(run("eco.forest-share", 41), at(0))
          const ofOther = yield* runs.committed({ plugin: "rail", regions: [WUJIANG], year: 2024 })
          return { late: late.committedAt, now: yield* committed(), between: yield* committed(at(2)), before: yield* committed("2025-02-28T00:00:00Z"), ofOther }
        }),
      )
      expect(seen.late).toBe("2025-03-01T00:04:00.002Z")
      expect(seen.now).toEqual([
        [6, "eco.forest-share", "2025-03-01T00:04:00.002Z", 41],
        [3, "eco.redline-change", at(3), 1.5],
      ])
      expect(seen.between).toEqual([
        [2, "eco.forest-share", at(2), 40],
        [1, "eco.redline-change", at(1), 1.25],
      ])
      expect(seen.before).toEqual([])
      expect(seen.ofOther).toEqual([])
    })

    it("keeps inputs, parameters and tables as given (JSON round trip)", async () => {
      const [stored] = await go(
        Effect.gen(function* () {
          const runs = yield* CalculatorRuns.CalculatorRuns
          yield* runs.record(run("eco.redline-change", 1.25), at(1))
          return yield* runs.committed({ plugin: "eco", regions: [WUJIANG], year: 2024 })
        }),
      )
      expect(stored).toEqual({ ...run("eco.redline-change", 1.25), id: 1, committedAt: at(1) })
    })

    it("refuses a run of a locked year or a submitted data set, recording nothing", async () => {
      const outcome = await go(
        Effect.gen(function* () {
          const runs = yield* CalculatorRuns.CalculatorRuns
          const store = yield* ObservationStore.ObservationStore
          const approvals = yield* Approvals.Approvals
          yield* store.lockYear(2024, { actor: "admin", reason: "published", at: at(1) })
          const locked = yield* Effect.flip(runs.record(run("eco.redline-change", 1.25), at(2)))
          yield* store.unlockYear(2024, { actor: "admin", reason: "correction", at: at(3) })
          yield* approvals.transition({ plugin: "eco", region: WUJIANG, year: 2024 }, "submit", { actor: "wujiang", comment: null, at: at(4) })
          const closed = yield* Effect.flip(runs.record(run("eco.redline-change", 1.25), at(5)))
          // another plugin's data set is still open
          const other = yield* Effect.either(runs.record(run("rail.access", 3, SHA_A, { plugin: "rail" }), at(6)))
          return { locked: locked.reason, closed: closed.reason, other: Either.isRight(other), stored: yield* committed() }
        }),
      )
      // only the other plugin's run was recorded (committed() reads every plugin's)
      expect(outcome).toEqual({ locked: "year-locked", closed: "data-set-closed", other: true, stored: [[1, "rail.access", at(6), 3]] })
    })

    it("a run recorded in a transaction that rolls back is not kept", async () => {
      const stored = await go(
        Effect.gen(function* () {
          const { db } = yield* Database.Database
          yield* Effect.promise(() =>
            db
              .transaction()
              .execute(async (trx) => {
                await CalculatorRuns.recordInTransaction(trx, run("eco.redline-change", 1.25), at(1))
                throw new Error("the values were refused")
              })
              .catch(() => undefined),
          )
          return yield* committed()
        }),
      )
      expect(stored).toEqual([])
    })

    it("the report shows the latest run's tables in its plugin's section, named, as of the report's time", async () => {
      const sections = await go(
        Effect.gen(function* () {
          const runs = yield* CalculatorRuns.CalculatorRuns
          const store = yield* ObservationStore.ObservationStore
          const engine = yield* Engine.Engine
          yield* store.append([{ indicator: "eco.redline-km2", region: WUJIANG, year: 2024, value: 12.5, agency: "wujiang", source: "survey" }], at(1))
          yield* runs.record(run("eco.redline-change", 1.25), at(2))
          yield* runs.record(run("eco.redline-change", 1.5, SHA_B), at(3))
          const report = (asOf?: string) => Effect.map(engine.evaluate({ scope: WUJIANG, year: 2024, asOf }), (r) => r.sections.find((s) => s.plugin === "eco"))
          return { now: yield* report(), atTwo: yield* report(at(2)), atOne: yield* report(at(1)) }
        }),
      )
      expect(sections.now?.calculatorRuns).toEqual([
        {
          calculator: "eco.redline-change",
          name: { zh: "红线变化", en: "Redline change" },
          pluginVersion: "0.1.0",
          region: WUJIANG,
          year: 2024,
          committedAt: at(3),
          agency: "wujiang",
          inputs: [{ name: "redlines", filename: "redlines 2024.geojson", bytes: 48, sha256: SHA_B }],
          params: { toleranceM: 5 },
          valuesStored: 1,
          tables: run("eco.redline-change", 1.5).tables,
        },
      ])
      expect(sections.atTwo?.calculatorRuns?.map((r) => r.tables[0]?.rows[0]?.km2)).toEqual([1.25])
      // before any run the section has no such field: a report without runs reads as before
      expect(sections.atOne && "calculatorRuns" in sections.atOne).toBe(false)
    })
  })

suite("SQLite", async () => Database.layerSqlite({ filename: ":memory:" }))
const pg = postgresAvailability()
if (pg.run) suite("PostgreSQL", async () => Database.layerPostgres({ url: await freshPostgresDatabase(pg.url), maxConnections: 4 }))
else describe("calculator runs: PostgreSQL", () => it.skip(pg.reason, () => {}))

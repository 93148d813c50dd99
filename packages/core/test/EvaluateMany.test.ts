/**
 * `Engine.evaluateMany`: the reports of many scopes from one batch of reads, each equal to `Engine.evaluate` of its
 * scope, on both backends. The data touch everything a report reads: group members and parents (sums), Wujiang's
 * values registered under its old code 320584 (joined across the 2012 recode), Qingpu's benchmark of Jiaxing's own
 * value, a breakdown by mode, approval states (and `approvedOnly`), a committed calculator run, a validation rule
 * that fails (Jiashan) and an outlier with a note (Qingpu 2023, read through `current`).
 */
import { Effect, Layer, Schema } from "effect"
import { describe, expect, it } from "vitest"
import * as Approvals from "../src/Approvals.js"
import * as CalculatorRuns from "../src/CalculatorRuns.js"
import * as Database from "../src/Database.js"
import { breakdownKey, type Dimension } from "../src/Dimension.js"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import type { Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"
import { observed, text } from "./fixtures.js"

const mode: Dimension = {
  id: "mode",
  name: text("mode"),
  additive: true,
  codes: [
    { code: "metro", name: text("metro") },
    { code: "bus", name: text("bus") },
  ],
}

const plugin: Plugin = {
  id: "m",
  version: "0.1.0",
  name: text("many"),
  appliesTo: { levels: ["region", "province", "city", "county", "group"] },
  indicators: [
    observed("m.a", { aggregate: { rule: "sum" } }),
    observed("m.b", { aggregate: { rule: "sum" } }),
    { id: "m.c", kind: "derived", name: text("c"), unit: text("index"), direction: "higher-is-better", decimals: 2, inputs: ["m.a", "m.b"], compute: (v) => v["m.a"]! + v["m.b"]! },
    observed("m.trips", { dimensions: [mode], aggregate: { rule: "sum" } }),
  ],
  targets: [
    { indicator: "m.a", scope: "*", kind: "at-least", value: 100, dueYear: 2030, binding: true, source: text("plan") },
    { indicator: "m.a", scope: "310118", kind: "at-least", dueYear: 2035, binding: false, source: text("benchmark"), standard: { family: "benchmark", region: "330400" } },
  ],
  rules: [{ id: "m.b-within-a", kind: "compare", severity: "error", name: text("b within a"), left: "m.b", operator: "<=", right: "m.a" }],
  calculators: [
    { id: "m.count", name: text("count"), description: text("count"), inputs: [], params: Schema.Struct({}), produces: ["m.b"], run: () => Effect.succeed({ values: [] }) },
  ],
}

const QINGPU = "310118"
const WUJIANG = "320509"
const JIASHAN = "330421"
const at = (day: number) => new Date(Date.UTC(2024, 0, day)).toISOString()
const row = (indicator: string, region: string, year: number, value: number, extra: Record<string, unknown> = {}) => ({ indicator, region, year, value, agency: "test", source: "test", ...extra })
const trips = (region: string, year: number, metro: number, bus: number) => [
  row("m.trips", region, year, metro + bus),
  ...(
    [
      ["metro", metro],
      ["bus", bus],
    ] as const
  ).map(([code, value]) => row("m.trips", region, year, value, { dimensions: { mode: code }, breakdown: breakdownKey([mode], { mode: code }) })),
]

type Services = Engine.Engine | ObservationStore.ObservationStore | Approvals.Approvals | CalculatorRuns.CalculatorRuns

/** Counts the store's reads, so a test can see a batch read once. */
const counting = () => {
  const calls = { currentValues: 0, current: 0, approvalStates: 0, breakdowns: 0 }
  const layer = Layer.effect(
    ObservationStore.ObservationStore,
    Effect.map(ObservationStore.make, (store) => ({
      ...store,
      currentValues: (q: ObservationStore.CurrentQuery) => Effect.suspend(() => (calls.currentValues++, store.currentValues(q))),
      current: (q: ObservationStore.CurrentQuery) => Effect.suspend(() => (calls.current++, store.current(q))),
      approvalStates: (q: Parameters<typeof store.approvalStates>[0]) => Effect.suspend(() => (calls.approvalStates++, store.approvalStates(q))),
      breakdowns: (q: ObservationStore.CurrentQuery) => Effect.suspend(() => (calls.breakdowns++, store.breakdowns(q))),
    })),
  )
  return { calls, layer }
}

/**
 * `batched`: whether the engine batches its reads. It does unless it sees a SQLite `Database` (where a query costs no
 * round trip), so the SQLite suite runs twice: as an app runs it (each scope reads for itself), and with the database
 * hidden from the engine, so that the batched reads are checked on SQLite too.
 */
const suite = (name: string, database: () => Promise<Layer.Layer<Database.Database, any>>, batched: boolean) =>
  describe(`Engine.evaluateMany: ${name}`, () => {
    const run = async <A, E>(body: (calls: ReturnType<typeof counting>["calls"]) => Effect.Effect<A, E, Services>) => {
      const { calls, layer } = counting()
      const db = await database()
      const stores = Layer.mergeAll(layer, Approvals.layer, CalculatorRuns.layer).pipe(name === "SQLite, batched" ? Layer.provide(db) : Layer.provideMerge(db))
      const base = Registry.layer([plugin], yrdRegions()).pipe(Layer.provideMerge(stores))
      return Effect.runPromise(Effect.provide(body(calls), Engine.layer.pipe(Layer.provideMerge(base))))
    }

    /** Writes the data; returns the time between Qingpu's submission and its approval. */
    const scenario = Effect.gen(function* () {
      const store = yield* ObservationStore.ObservationStore
      const approvals = yield* Approvals.Approvals
      const runs = yield* CalculatorRuns.CalculatorRuns
      // Qingpu: a steady 100..105 (2017-2022), then 160 in 2023 with a note (a confirmed outlier); Jiaxing, its benchmark: 150
      yield* store.append([100, 101, 102, 103, 104, 105].map((v, i) => row("m.a", QINGPU, 2017 + i, v)), at(1))
      yield* store.append([row("m.a", QINGPU, 2023, 160, { note: "a new industrial park was counted from 2023" }), row("m.b", QINGPU, 2023, 20), row("m.a", "330400", 2023, 150)], at(2))
      // Wujiang: 2010 and 2011 under 320584 (joined into 320509's series), 2012 on under 320509; trips by mode
      yield* store.append([row("m.a", "320584", 2010, 40), row("m.a", "320584", 2011, 42), row("m.a", WUJIANG, 2012, 44), row("m.a", WUJIANG, 2023, 50), row("m.b", WUJIANG, 2023, 30)], at(3))
      yield* store.append([...trips(WUJIANG, 2023, 6, 4), ...trips(QINGPU, 2023, 9, 1)], at(4))
      // Jiashan: b 45 above a 40 breaks "b within a"
      yield* store.append([row("m.a", JIASHAN, 2023, 40), row("m.b", JIASHAN, 2023, 45)], at(5))
      const step = (region: string, action: "submit" | "approve", day: number) => approvals.transition({ plugin: "m", region, year: 2023 }, action, { actor: "t", comment: null, at: at(day) })
      yield* step(QINGPU, "submit", 6)
      const submitted = (yield* store.lastChange())!
      yield* step(QINGPU, "approve", 7)
      yield* runs.record(
        { calculator: "m.count", plugin: "m", pluginVersion: "0.1.0", region: WUJIANG, year: 2023, agency: "test", inputs: [], params: {}, valuesStored: 1, tables: [] },
        at(8),
      )
      return submitted
    })

    const SCOPES = yrdRegions().regions.map((r) => r.code).concat(yrdRegions().groups.map((g) => g.code))

    it("gives every YRD region's and group's report equal to its own evaluation, batched from one read of each kind", async () => {
      const { many, each, calls } = await run((calls) =>
        Effect.gen(function* () {
          yield* scenario
          const engine = yield* Engine.Engine
          const before = { ...calls }
          const many = yield* engine.evaluateMany({ scopes: SCOPES, year: 2023 })
          const reads = { currentValues: calls.currentValues - before.currentValues, approvalStates: calls.approvalStates - before.approvalStates, breakdowns: calls.breakdowns - before.breakdowns, current: calls.current - before.current }
          const each = yield* Effect.forEach(SCOPES, (scope) => engine.evaluate({ scope, year: 2023 }))
          return { many, each, calls: reads }
        }),
      )
      expect(many.length).toBe(SCOPES.length)
      expect(many).toEqual(each)
      // the data are really there: Wujiang's joined series, its breakdown, its run; Qingpu's benchmark and noted outlier; Jiashan's broken rule
      const of = (code: string) => many.find((r) => r.scope.code === code)!
      const wujiang = of(WUJIANG).sections[0]!.evaluations.find((e) => e.indicator === "m.a")!
      expect(wujiang.trend.map((p) => [p.year, p.value])).toEqual([[2010, 40], [2011, 42], [2012, 44], [2023, 50]])
      expect(of(WUJIANG).sections[0]!.evaluations.find((e) => e.indicator === "m.trips")!.breakdowns![0]!.values.map((v) => [v.code, v.value])).toEqual([["metro", 6], ["bus", 4]])
      expect(of(WUJIANG).sections[0]!.calculatorRuns!.map((r) => r.calculator)).toEqual(["m.count"])
      expect(of(QINGPU).dataQuality!.outliers.map((o) => [o.value, o.confirmed])).toEqual([[160, true]])
      expect(of(JIASHAN).dataQuality!.rules.map((r) => r.rule)).toEqual(["m.b-within-a"])
      // DEMO-ZONE sums Qingpu 160, Wujiang 50 and Jiashan 40 for a
      expect(of("DEMO-ZONE").sections[0]!.evaluations.find((e) => e.indicator === "m.a")!.value).toBe(250)
      // batched: one read of values, approvals and breakdowns a batch; else each report's own reads. Four indicators
      // make batches of 50,000 / (4 x 20) = 625 scopes, the first 16 times smaller (ceil(625 / 16) = 40): the 42
      // scopes (39 regions, 3 groups) are read in two batches, 40 and 2. `current` is read only for the flagged outliers' notes.
      const n = SCOPES.length
      expect(n).toBe(42)
      expect(calls).toEqual(batched ? { currentValues: 2, approvalStates: 2, breakdowns: 2, current: calls.current } : { currentValues: calls.currentValues, approvalStates: n, breakdowns: n, current: calls.current })
      expect(calls.currentValues).toBeGreaterThanOrEqual(batched ? 2 : n)
      expect(calls.current).toBeLessThanOrEqual(SCOPES.filter((s) => of(s).dataQuality!.outliers.length > 0).length)
    })

    it("keeps the order asked, an earlier as-of time and approved values only, as evaluate does", async () => {
      const { many, each } = await run(() =>
        Effect.gen(function* () {
          const submitted = yield* scenario
          const engine = yield* Engine.Engine
          const scopes = [JIASHAN, "DEMO-ZONE", QINGPU, WUJIANG, QINGPU]
          const many = [
            yield* engine.evaluateMany({ scopes, year: 2023, asOf: submitted }),
            yield* engine.evaluateMany({ scopes, year: 2023, approvedOnly: true }),
            yield* engine.evaluateMany({ scopes: [], year: 2023 }),
          ]
          const each = [
            yield* Effect.forEach(scopes, (scope) => engine.evaluate({ scope, year: 2023, asOf: submitted })),
            yield* Effect.forEach(scopes, (scope) => engine.evaluate({ scope, year: 2023, approvedOnly: true })),
            [],
          ]
          return { many, each }
        }),
      )
      expect(many).toEqual(each)
      expect(many[0]!.map((r) => r.scope.code)).toEqual([JIASHAN, "DEMO-ZONE", QINGPU, WUJIANG, QINGPU])
      // approved only: Qingpu's approved 2023 value counts; none of Wujiang's data sets is approved, so it has none
      const a = (r: (typeof many)[number][number]) => r.sections[0]?.evaluations.find((e) => e.indicator === "m.a")?.value ?? null
      expect([a(many[1]![2]!), a(many[1]![3]!), a(many[0]![3]!)]).toEqual([160, null, 50])
    })

    it("refuses an unknown scope as evaluate does, before reading anything", async () => {
      const { error, calls } = await run((calls) =>
        Effect.gen(function* () {
          const engine = yield* Engine.Engine
          const error = yield* Effect.flip(engine.evaluateMany({ scopes: [WUJIANG, "320599"], year: 2023 }))
          return { error, calls: { ...calls } }
        }),
      )
      expect([error._tag, error.message]).toEqual(["NotFound", `no region or group has code "320599"; regions are identified by code (e.g. 320500), see GET /api/v1/regions`])
      expect(calls.currentValues).toBe(0)
    })
  })

suite("SQLite", async () => Database.layerSqlite({ filename: ":memory:" }), false)
suite("SQLite, batched", async () => Database.layerSqlite({ filename: ":memory:" }), true)

const pg = postgresAvailability()
if (pg.run) suite("PostgreSQL", async () => Database.layerPostgres({ url: await freshPostgresDatabase(pg.url), maxConnections: 4 }), true)
else describe("Engine.evaluateMany: PostgreSQL", () => it.skip(pg.reason, () => {}))

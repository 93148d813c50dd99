import { Database, Engine, type Evaluation, ObservationStore, type Plugin, Registry, registerObservations, yrdRegions } from "@tijian/core"
import { Effect, Layer } from "effect"

const asOf = "2026-01-01T00:00:00.000Z"

/** A value to register for the test. */
export interface Row {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
}

/** Registers rows in an in-memory database and returns the report of `scope` for `year`, with a row lookup. */
export const evaluate = (plugins: ReadonlyArray<Plugin>, rows: ReadonlyArray<Row>, scope: string, year: number) => {
  const layer = Engine.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        Registry.layer(plugins, yrdRegions()),
        ObservationStore.layer.pipe(Layer.provide(Database.layerSqlite({ filename: ":memory:" }))),
      ),
    ),
  )
  return Effect.runPromise(
    Effect.gen(function* () {
      if (rows.length > 0) yield* registerObservations(rows.map((o) => ({ ...o, agency: "test", source: "test" })), asOf)
      const engine = yield* Engine.Engine
      const report = yield* engine.evaluate({ scope, year, asOf })
      const byId = new Map<string, Evaluation>(report.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e]))
      return { report, row: (id: string) => byId.get(id)! }
    }).pipe(Effect.provide(layer)),
  )
}

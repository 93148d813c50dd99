import { Database, Engine, type Evaluation, ObservationStore, type Plugin, Registry, registerObservations, yrdRegions } from "@tijian/core"
import { ecology } from "@tijian/plugin-ecology"
import { Effect, Layer } from "effect"
import { publishedFigures } from "../src/index.js"

const asOf = "2024-01-01T00:00:00.000Z"

type Row = { readonly indicator: string; readonly region: string; readonly year: number; readonly value: number }

/** Registers rows and evaluates a scope for a year, with the ecology plugin, whose figures the index `uses`. */
export const evaluate = (plugin: Plugin, year: number, rows: ReadonlyArray<Row> = publishedFigures, scope = "YRD") => {
  const layer = Engine.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        Registry.layer([ecology, plugin], yrdRegions()),
        ObservationStore.layer.pipe(Layer.provide(Database.layerSqlite({ filename: ":memory:" }))),
      ),
    ),
  )
  return Effect.runPromise(
    Effect.gen(function* () {
      yield* registerObservations(rows.map((o) => ({ ...o, agency: "test", source: "test" })), asOf)
      const engine = yield* Engine.Engine
      const report = yield* engine.evaluate({ scope, year, asOf })
      const byId = new Map<string, Evaluation>(report.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e]))
      return { report, row: (id: string) => byId.get(id)! }
    }).pipe(Effect.provide(layer)),
  )
}

/**
 * Running the rail calculators the way agencies do: through core's `runCalculator` (inputs hashed, parameters
 * resolved), and storing the values with their provenance in an in-memory database.
 */
import {
  type Calculator,
  type CalculatorFile,
  Database,
  Engine,
  type Evaluation,
  ObservationStore,
  Registry,
  registerObservations,
  runCalculator,
  yrdRegions,
} from "@tijian/core"
import { Effect, Either, Layer } from "effect"
import { rail, toObservations } from "../../src/index.js"

/** Runs a rail calculator for a region (default Shanghai 310000) and year (default 2024). */
export const runRail = (
  calculator: Calculator,
  inputs: Readonly<Record<string, CalculatorFile>>,
  params: Readonly<Record<string, unknown>> = {},
  region = "310000",
  year = 2024,
) => runCalculator(calculator, rail, { inputs, params, region, year, regions: yrdRegions() })

const asOf = "2024-06-01T00:00:00.000Z"

/**
 * Runs calculators in turn, registers each one's values as observations (source = provenance), then evaluates the
 * region's report. A failing run stores nothing: the database is read back either way. `outcome` is the last run's.
 */
export const computeStoreAndReport = async (
  runs: (() => ReturnType<typeof runRail>) | ReadonlyArray<() => ReturnType<typeof runRail>>,
  region = "310000",
  year = 2024,
) => {
  const layer = Engine.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(Registry.layer([rail], yrdRegions()), ObservationStore.layer.pipe(Layer.provide(Database.layerSqlite({ filename: ":memory:" })))),
    ),
  )
  return Effect.runPromise(
    Effect.gen(function* () {
      let outcome: Either.Either<Awaited<ReturnType<typeof runRail>>, unknown> = Either.left("no run")
      for (const run of typeof runs === "function" ? [runs] : runs) {
        outcome = yield* Effect.either(Effect.tryPromise({ try: run, catch: (e) => e }))
        if (outcome._tag === "Right") {
          yield* registerObservations(toObservations(outcome.right.output, outcome.right.provenance, { agency: "test-agency" }), asOf)
        }
      }
      const store = yield* ObservationStore.ObservationStore
      const stored = yield* store.current({})
      const engine = yield* Engine.Engine
      const report = yield* engine.evaluate({ scope: region, year }) // as of the latest write
      const row = (id: string) => report.sections.flatMap((s) => s.evaluations).find((e): e is Evaluation => e.indicator === id)!
      return { outcome, stored, report, row, revisions: yield* store.countRevisions() }
    }).pipe(Effect.provide(layer)),
  )
}

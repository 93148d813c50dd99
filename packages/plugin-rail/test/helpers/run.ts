/**
 * Running the rail calculators the way agencies do: through core's `runCalculator` (inputs hashed, parameters
 * resolved), and registering the values with their provenance for an in-memory report.
 */
import { type Calculator, type CalculatorFile, type NewObservation, runCalculator, yrdRegions } from "@tijian/core/plugin"
import { evaluatePlugins } from "@tijian/core/plugin/testing"
import { Effect, Either } from "effect"
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
 * region's report (in memory). A failing run registers nothing. `outcome` is the last run's; `stored` holds the
 * registered rows, the later of a cell's rows last.
 */
export const computeStoreAndReport = async (
  runs: (() => ReturnType<typeof runRail>) | ReadonlyArray<() => ReturnType<typeof runRail>>,
  region = "310000",
  year = 2024,
) => {
  let outcome: Either.Either<Awaited<ReturnType<typeof runRail>>, unknown> = Either.left("no run")
  const rows: Array<NewObservation> = []
  for (const run of typeof runs === "function" ? [runs] : runs) {
    outcome = await Effect.runPromise(Effect.either(Effect.tryPromise({ try: run, catch: (e) => e })))
    if (outcome._tag === "Right") rows.push(...toObservations(outcome.right.output, outcome.right.provenance, { agency: "test-agency" }))
  }
  const { report, row, registered } = await evaluatePlugins([rail], rows, { scope: region, year, asOf })
  return { outcome, stored: registered, report, row, revisions: registered.length }
}

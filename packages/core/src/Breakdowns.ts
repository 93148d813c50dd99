/**
 * The breakdowns of a write, and the stored breakdowns, checked against the store's current values (the checks
 * themselves are pure, in `BreakdownProblems.ts` and `BreakdownSum.ts`).
 */
import { Effect } from "effect"
import { breakdownChecks, type BreakdownSumResult } from "./BreakdownProblems.js"
import { breakdownSumResults } from "./BreakdownSum.js"
import type { RowProblem } from "./Errors.js"
import type { NewObservation } from "./Observation.js"
import { ObservationStore } from "./ObservationStore.js"
import type { RegistryService } from "./Registry.js"

export * from "./BreakdownProblems.js"
export { breakdownSumResults } from "./BreakdownSum.js"

/**
 * `breakdownProblems` (the refusals) and `breakdownWarnings` (sums of a `warning` dimension that do not add up:
 * stored, reported) against the store's current values, with the write clock read before them (`checkedAt`: store
 * the write at it, so the check and the write act on the same data). Reads nothing when no row is of an indicator
 * with dimensions (`checkedAt` then undefined).
 */
export const checkBreakdowns = Effect.fn("Breakdowns.checkBreakdowns")(function* (registry: RegistryService, rows: ReadonlyArray<NewObservation>) {
  const touched = rows.filter((r) => registry.indicator(r.indicator)?.dimensions !== undefined)
  if (touched.length === 0) return { problems: [] as Array<RowProblem>, warnings: [] as Array<BreakdownSumResult>, checkedAt: undefined as string | null | undefined }
  const store = yield* ObservationStore
  const checkedAt: string | null = yield* store.lastChange()
  const query = {
    indicators: [...new Set(touched.map((r) => r.indicator))],
    regions: [...new Set(touched.map((r) => r.region))],
    years: [...new Set(touched.map((r) => r.year))],
  }
  const totals = yield* store.currentValues(query)
  const breakdowns = yield* store.breakdowns(query)
  return { ...breakdownChecks(registry, rows, { totals, breakdowns }), checkedAt }
})

/**
 * The built-in `breakdown-sum` rule on stored values (as of `asOf` when given): every result (`passed`, `failed`,
 * `not-applicable`) of the cells of `regions` and `years` with breakdowns, for the `indicators` given (default:
 * all) that have an additive dimension. Reads nothing when none has one.
 *
 * @example
 * yield* storedBreakdownSums(registry, { regions: ["320500"], years: [2022] })
 * // [{ rule: "core.breakdown-sum/mob-survey.green-share/mode", scope: "320500", state: "failed", left: 0.65, right: 0.7, ... }]
 */
export const storedBreakdownSums = Effect.fn("Breakdowns.storedBreakdownSums")(function* (
  registry: RegistryService,
  query: { readonly indicators?: ReadonlyArray<string>; readonly regions: ReadonlyArray<string>; readonly years: ReadonlyArray<number>; readonly asOf?: string },
) {
  const indicators = registry.indicators
    .filter((i) => (query.indicators === undefined || query.indicators.includes(i.id)) && i.dimensions?.some((d) => d.additive))
    .map((i) => i.id)
  if (indicators.length === 0 || query.regions.length === 0) return [] as Array<BreakdownSumResult>
  const store = yield* ObservationStore
  const read = { indicators, regions: query.regions, years: query.years, ...(query.asOf === undefined ? {} : { asOf: query.asOf }) }
  const breakdowns = yield* store.breakdowns(read)
  if (breakdowns.length === 0) return [] as Array<BreakdownSumResult>
  const totals = yield* store.currentValues(read)
  return breakdownSumResults(registry, { totals, breakdowns })
})

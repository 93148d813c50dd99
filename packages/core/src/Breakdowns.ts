/**
 * The breakdowns of a write checked against the store's current values (the checks themselves are pure, in
 * `BreakdownProblems.ts`).
 */
import { Effect } from "effect"
import { breakdownChecks, type BreakdownSumResult } from "./BreakdownProblems.js"
import type { RowProblem } from "./Errors.js"
import type { NewObservation } from "./Observation.js"
import { ObservationStore } from "./ObservationStore.js"
import type { RegistryService } from "./Registry.js"

export * from "./BreakdownProblems.js"

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

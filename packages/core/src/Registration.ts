/**
 * Registering observations: every row is checked against the registry (indicator known and registrable,
 * region known, year and value valid and in range) before anything is stored; one bad row refuses the batch.
 */
import { Effect } from "effect"
import { InvalidObservations, type StorageError, type WriteConflict } from "./Errors.js"
import type { NewObservation, StoredObservation } from "./Observation.js"
import { refusalMessage, validateObservations } from "./ObservationProblems.js"
import { ObservationStore } from "./ObservationStore.js"
import { Registry } from "./Registry.js"
import { checkBreakdowns, withBreakdownKeys } from "./Breakdowns.js"

export { type CellValue, refusalMessage, validateObservations, validateValues, YEAR_RANGE } from "./ObservationProblems.js"

/**
 * Validates and stores a batch as new revisions, all or nothing. A refusal's message lists the problems (the
 * first ten; `problems` holds them all), rows numbered from 0 as in the batch. Rows with `dimensions` are
 * breakdowns: keyed by `withBreakdownKeys` and checked by `checkBreakdowns` (a total for each, additive ones adding
 * up; a `warning` dimension's sum that does not add up is stored all the same) against the values stored as the
 * write begins.
 */
export const registerObservations = Effect.fn("Registration.registerObservations")(function* (
  rows: ReadonlyArray<NewObservation>,
  submittedAt: string,
): Effect.fn.Return<ReadonlyArray<StoredObservation>, InvalidObservations | WriteConflict | StorageError, Registry | ObservationStore> {
  const registry = yield* Registry
  const problems = validateObservations(registry, rows)
  if (problems.length > 0) {
    return yield* new InvalidObservations({ message: refusalMessage(problems), problems })
  }
  const keyed = withBreakdownKeys(registry, rows)
  const breakdowns = yield* checkBreakdowns(registry, keyed)
  if (breakdowns.problems.length > 0) {
    return yield* new InvalidObservations({ message: refusalMessage(breakdowns.problems), problems: breakdowns.problems })
  }
  const store = yield* ObservationStore
  if (breakdowns.checkedAt === undefined) return yield* store.append(keyed, submittedAt)
  return (yield* store.appendChunks([keyed], submittedAt, { checkedAt: breakdowns.checkedAt })).stored
})

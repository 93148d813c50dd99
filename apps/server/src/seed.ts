/**
 * Loading the plugins' reference data into a fresh database.
 */
import {
  type InvalidObservations,
  type NewObservation,
  ObservationStore,
  Registry,
  registerObservations,
  type StorageError,
  type WriteConflict,
} from "@tijian/core"
import { Effect } from "effect"

/** The agency recorded on reference values. */
export const REFERENCE_AGENCY = "reference-data"

/**
 * When the store holds no revisions at all, registers every registered plugin's reference observations (one
 * batch, all or nothing) stamped `submittedAt` (ISO time, passed in) and returns how many were stored;
 * otherwise stores nothing and returns 0.
 *
 * @example
 * const loaded = yield* seedReferenceData(new Date().toISOString())
 */
export const seedReferenceData = (
  submittedAt: string,
): Effect.Effect<
  number,
  InvalidObservations | WriteConflict | StorageError,
  Registry.Registry | ObservationStore.ObservationStore
> =>
  Effect.gen(function* () {
    const store = yield* ObservationStore.ObservationStore
    if ((yield* store.countRevisions()) > 0) return 0
    const registry = yield* Registry.Registry
    const rows: Array<NewObservation> = registry.plugins.flatMap((plugin) =>
      (plugin.referenceData?.observations ?? []).map((o) => ({ ...o, agency: REFERENCE_AGENCY })),
    )
    if (rows.length === 0) return 0
    const stored = yield* registerObservations(rows, submittedAt)
    return stored.length
  })

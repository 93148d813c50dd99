/**
 * What a report reads, from the services in context: the store's reads, and the committed calculator runs when a
 * `CalculatorRuns` service is provided (the server provides it; without it, sections carry no runs). One place, so
 * the cold engine and the warm store read the same.
 */
import { Effect, Option } from "effect"
import { CalculatorRuns } from "../CalculatorRuns.js"
import { ObservationStore } from "../ObservationStore.js"
import type { ReportReads } from "./scopeReport.js"

/** The reads of a report over the `ObservationStore` (and `CalculatorRuns`, when provided). */
export const reportReads: Effect.Effect<ReportReads, never, ObservationStore> = Effect.gen(function* () {
  const store = yield* ObservationStore
  const runs = yield* Effect.serviceOption(CalculatorRuns)
  return Option.match(runs, { onNone: (): ReportReads => store, onSome: (r): ReportReads => ({ ...store, committedRuns: r.committed }) })
})

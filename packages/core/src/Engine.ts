/**
 * The evaluation engine: for a region or group and a year, reads the current observations as of a time,
 * builds every indicator's series (observed, aggregated, derived in DAG order), evaluates each against its
 * targets and history, and assembles the report. A failure inside one indicator's calculation marks that
 * row `error`; the report still renders.
 */
import { Context, Effect, Layer } from "effect"
import type { NotFound, StorageError } from "./Errors.js"
import { scopeReport } from "./internal/scopeReport.js"
import { asOfOrLatest, ObservationStore } from "./ObservationStore.js"
import { Registry } from "./Registry.js"
import type { Report } from "./Report.js"

/**
 * What to evaluate: a region or group code, the report year, and the time the data are read as of (ISO). Without
 * `asOf`, the report is as of the latest committed change (`ObservationStore.lastChange`), which reads the same
 * again later; a database never written to reads as of the epoch.
 */
export interface EvaluateInput {
  readonly scope: string
  readonly year: number
  readonly asOf?: string | undefined
  /** Evaluate approved values only: values of data sets not approved as of the report's time are left out. */
  readonly approvedOnly?: boolean | undefined
}

/** The as-of time of a database never written to. */
export { EPOCH } from "./ObservationStore.js"

/** The engine's operations. */
export interface EngineService {
  /** The report of one region or group for one year, as of a time. */
  readonly evaluate: (input: EvaluateInput) => Effect.Effect<Report, NotFound | StorageError>
}

/** The engine service tag. */
export class Engine extends Context.Tag("@tijian/core/Engine")<Engine, EngineService>() {}

/** Makes the engine over the current `Registry` and `ObservationStore`. */
export const make = Effect.gen(function* () {
  const registry = yield* Registry
  const store = yield* ObservationStore

  const evaluate = Effect.fn("Engine.evaluate")(function* (input: EvaluateInput) {
    const asOf = yield* asOfOrLatest(store, input.asOf)
    return yield* scopeReport(registry, { ...input, asOf }, store)
  })

  return { evaluate } satisfies EngineService
})

/** The engine over whichever `Registry` and `ObservationStore` are provided. */
export const layer: Layer.Layer<Engine, never, Registry | ObservationStore> = Layer.effect(Engine, make)

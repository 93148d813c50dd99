/**
 * Turning a calculator's output into values with their source, and storing them through the one write path
 * (`writeRows`: scope, validation, all or nothing, year locks).
 */
import { type CalculatorOutput, type CalculatorProvenance, cellKey, ObservationStore, provenanceSource } from "@tijian/core"
import { Effect } from "effect"
import type { Principal } from "../auth/Principal.js"
import { type IncomingRow, writeRows } from "../writes.js"

/** A computed value with the source text it is (or would be) stored with. */
export interface SourcedValue {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  readonly note?: string
  /** `provenanceSource(provenance)`: calculator, plugin version, input files with short SHA-256, parameters. */
  readonly source: string
}

/** The run's values, each with the one-line provenance as its source. */
export const sourcedValues = (output: CalculatorOutput, provenance: CalculatorProvenance): ReadonlyArray<SourcedValue> => {
  const source = provenanceSource(provenance)
  return output.values.map((v) => ({ ...v, source }))
}

/** How to store a run's values. */
export interface CommitOptions {
  /**
   * Revise cells that already hold a different value (their current revision is read and named), instead of
   * refusing them with a 409. Values equal to the current ones are left alone either way.
   */
  readonly revise?: boolean
}

/**
 * Stores the values for `principal` at `at` (ISO time) through `writeRows`. Fails as `writeRows` does:
 * `Forbidden` (out of scope), `InvalidObservations`, `WriteConflict` (an existing cell without `revise`, a
 * stale revision, a locked year).
 */
export const commitValues = (principal: Principal, values: ReadonlyArray<SourcedValue>, at: string, options: CommitOptions = {}) =>
  Effect.gen(function* () {
    let rows: ReadonlyArray<IncomingRow> = values
    if (options.revise && values.length > 0) {
      const store = yield* ObservationStore.ObservationStore
      const current = yield* store.current({
        indicators: [...new Set(values.map((v) => v.indicator))],
        regions: [...new Set(values.map((v) => v.region))],
        years: [...new Set(values.map((v) => v.year))],
      })
      const byCell = new Map(current.map((o) => [cellKey(o), o]))
      rows = values.map((v) => {
        const c = byCell.get(cellKey(v))
        const same = c !== undefined && c.value === v.value && c.note === (v.note ?? null) && c.status === "final"
        return c === undefined || same ? v : { ...v, revision: c.revision }
      })
    }
    return yield* writeRows(principal, rows, at)
  })

/**
 * Turning a calculator's output into values with their source, and committing a run: its values through the one
 * write path (`writeRows`: scope, validation, all or nothing, year locks) and the run itself (inputs' SHA-256,
 * parameters, tables) in the same transaction.
 */
import {
  breakdownKey,
  type CalculatorOutput,
  type CalculatorProvenance,
  CalculatorRuns,
  cellKey,
  checkComputedDimensions,
  Database,
  ObservationStore,
  provenanceSource,
  Registry,
} from "@tijian/core"
import { Effect } from "effect"
import type { Transaction } from "kysely"
import { actorOf, type AuditRecord, insertAudit } from "../audit/AuditLog.js"
import { type AlsoInTransaction, withAuditedDatabase } from "../audit/auditedStore.js"
import type { ServerSchema } from "../storage/serverSchema.js"
import type { Principal } from "../auth/Principal.js"
import { type IncomingRow, type StoreResult, writeRows } from "../writes.js"

/** A computed value with the source text it is (or would be) stored with. */
export interface SourcedValue {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  readonly note?: string
  /** The codes of a breakdown by the indicator's dimensions; absent for the total. */
  readonly dimensions?: Readonly<Record<string, string>>
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
export const commitValues = (principal: Principal, values: ReadonlyArray<SourcedValue>, at: string, options: CommitOptions = {}, also?: AlsoInTransaction<StoreResult>) =>
  Effect.gen(function* () {
    let rows: ReadonlyArray<IncomingRow> = values
    if (options.revise && values.length > 0) {
      const store = yield* ObservationStore.ObservationStore
      const registry = yield* Registry.Registry
      const query = {
        indicators: [...new Set(values.map((v) => v.indicator))],
        regions: [...new Set(values.map((v) => v.region))],
        years: [...new Set(values.map((v) => v.year))],
      }
      const current = [...(yield* store.current(query)), ...(values.some((v) => v.dimensions) ? yield* store.breakdowns(query) : [])]
      const byCell = new Map(current.map((o) => [cellKey(o), o]))
      rows = values.map((v) => {
        // a breakdown revises its own cell (keyed with its breakdown), not its total's
        const c = byCell.get(cellKey({ ...v, breakdown: breakdownKey(registry.indicator(v.indicator)?.dimensions, v.dimensions) }))
        const same = c !== undefined && c.value === v.value && c.note === (v.note ?? null) && c.status === "final"
        return c === undefined || same ? v : { ...v, revision: c.revision }
      })
    }
    return yield* writeRows(principal, rows, at, Number.POSITIVE_INFINITY, also)
  })

/** A finished run to commit: what `runCalculator` returned, and the region or group and year it was run for. */
export interface FinishedRun {
  readonly output: CalculatorOutput
  readonly provenance: CalculatorProvenance
  readonly region: string
  readonly year: number
}

/**
 * Commits a run: its values as `commitValues` stores them and, in the same transaction, the run's record (calculator,
 * plugin version, inputs with SHA-256, parameters, tables, how many values were stored) for `principal`'s agency,
 * stamped like the values, with a `calculator.run` entry in the audit log. All or nothing: refused values record no
 * run, a refused record stores no values. A run whose values are all unchanged (or that has none) stores nothing and
 * is recorded (and audited) in a transaction of its own, at the write clock's next stamp: its tables are the run's
 * evidence all the same. Values may be breakdowns (`dimensions`): stored through the same checks as any write (each
 * with its total in the run or stored, additive ones adding up). Fails as `commitValues` does, with a
 * `CalculatorError` naming the value when a value carries a dimension or code its indicator does not declare, and
 * with a `WriteConflict` when the run's year is locked or its data set closed.
 */
export const commitRun = (principal: Principal, finished: FinishedRun, at: string, options: CommitOptions = {}) =>
  Effect.gen(function* () {
    const { output, provenance } = finished
    const registry = yield* Registry.Registry
    const undeclaredCodes = checkComputedDimensions(provenance.calculator, output.values, registry.indicator)
    if (undeclaredCodes) return yield* undeclaredCodes
    const values = sourcedValues(output, provenance)
    const run = (valuesStored: number): CalculatorRuns.CalculatorRun => ({
      calculator: provenance.calculator,
      plugin: provenance.plugin,
      pluginVersion: provenance.pluginVersion,
      region: finished.region,
      year: finished.year,
      agency: principal.agency,
      inputs: provenance.inputs,
      params: provenance.params,
      tables: output.tables ?? [],
      valuesStored,
    })
    const audit = (r: CalculatorRuns.CommittedRun): AuditRecord => ({
      at: r.committedAt,
      action: "calculator.run",
      actor: actorOf(principal),
      targets: [`${r.calculator}/${r.region}/${r.year}/runs/${r.id}`],
      count: 1,
      details: { valuesStored: r.valuesStored, inputs: r.inputs.map((i) => `${i.name}=${i.filename} sha256:${i.sha256}`) },
    })
    let recorded: CalculatorRuns.CommittedRun | undefined
    const written = yield* commitValues(principal, values, at, options, async (result, trx) => {
      const inserted = await CalculatorRuns.recordInTransaction(trx, run(result.count), result.submittedAt ?? at)
      await insertAudit(trx as unknown as Transaction<ServerSchema>, audit(inserted))
      recorded = inserted
    })
    const committed =
      recorded ??
      (yield* withAuditedDatabase(audit, (database) =>
        Effect.flatMap(CalculatorRuns.make.pipe(Effect.provideService(Database.Database, database)), (runs) => runs.record(run(written.count), at)),
      ))
    return { values, written, run: committed }
  })

/** A committed run as a response names it: its id, when it was committed, how many values it stored. */
export const runJson = (run: CalculatorRuns.CommittedRun) => ({ id: run.id, committedAt: run.committedAt, valuesStored: run.valuesStored })

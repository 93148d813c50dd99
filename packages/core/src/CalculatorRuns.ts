/**
 * Committed calculator runs: when a run's values are committed, the run itself is recorded — the calculator and
 * plugin version, each input file's SHA-256, the parameters, the tables it produced for the report — stamped by the
 * write clock like every write. A report shows, in the plugin's section, the latest run of each calculator for its
 * scope and year as of the report's time, so a report pinned to a past time (or a published edition) keeps the
 * tables it was made with.
 */
import { Context, Effect, Layer } from "effect"
import type { Transaction } from "kysely"
import { Database } from "./Database.js"
import type { DatabaseSchema } from "./DatabaseSchema.js"
import type { StorageError, WriteConflict } from "./Errors.js"
import { insertRun, toCommittedRun } from "./internal/calculatorRunRows.js"
import { query, write } from "./internal/run.js"
import { takeStamp } from "./internal/writeClock.js"
import type { CalculatorRunInput, ReportTable } from "./Report.js"
import { unsafeCanonicalTime } from "./Time.js"

/**
 * A run to record: what `runCalculator`'s provenance says (calculator, plugin, plugin version, inputs, parameters),
 * the region or group and year it was run for, the agency committing it, its tables and how many new values its
 * commit stored.
 */
export interface CalculatorRun {
  readonly calculator: string
  readonly plugin: string
  readonly pluginVersion: string
  readonly region: string
  readonly year: number
  readonly agency: string
  readonly inputs: ReadonlyArray<CalculatorRunInput>
  /** The parameters after defaults, as JSON. */
  readonly params: Readonly<Record<string, unknown>>
  readonly tables: ReadonlyArray<ReportTable>
  readonly valuesStored: number
}

/** A recorded run: its id (1, 2, ... in commit order) and the stamp of the write that committed it (ISO). */
export interface CommittedRun extends CalculatorRun {
  readonly id: number
  readonly committedAt: string
}

/** Which runs to read: of one plugin (or all), for these region or group codes, in one year, as of a time. */
export interface CommittedRunsQuery {
  readonly plugin?: string
  readonly regions: ReadonlyArray<string>
  readonly year: number
  /** An ISO time with a zone; without it, every run recorded so far. */
  readonly asOf?: string
}

/** Which runs of one calculator to list, newest first: optionally of one region or group and year, a page at a time. */
export interface RunHistoryQuery {
  readonly calculator: string
  readonly region?: string
  readonly year?: number
  /** Only runs recorded before the run with this id (the last id of the previous page). */
  readonly before?: number
  /** How many runs at most. */
  readonly limit: number
}

/** The calculator-run service. */
export interface CalculatorRunsService {
  /**
   * Records `run` in a transaction of its own, stamped by the write clock (`at`, the caller's clock, or later; see
   * `ObservationStore.append`). A `WriteConflict` when the year is locked (`year-locked`) or the data set (plugin,
   * region, year) is submitted or approved (`data-set-closed`). To record a run in the transaction that stores its
   * values, use `recordInTransaction`.
   */
  readonly record: (run: CalculatorRun, at: string) => Effect.Effect<CommittedRun, WriteConflict | StorageError>
  /**
   * For each (calculator, region, year) matching `query`, the latest run committed at or before `asOf`; ordered by
   * calculator, then region.
   *
   * @example
   * yield* runs.committed({ plugin: "ecology", regions: ["320509"], year: 2024, asOf: report.provenance.asOf })
   */
  readonly committed: (query: CommittedRunsQuery) => Effect.Effect<ReadonlyArray<CommittedRun>, StorageError>
  /**
   * Every recorded run of a calculator matching `query`, newest first (by id, the commit order), at most `limit`:
   * the history a reviewer reads to see which files and parameters each value rests on, superseded runs included.
   *
   * @example
   * yield* runs.history({ calculator: "ecology.redline-integrity", region: "320509", limit: 20 })
   */
  readonly history: (query: RunHistoryQuery) => Effect.Effect<ReadonlyArray<CommittedRun>, StorageError>
  /** One recorded run by its id, or undefined when there is none. */
  readonly get: (id: number) => Effect.Effect<CommittedRun | undefined, StorageError>
}

/** The calculator-run service tag. */
export class CalculatorRuns extends Context.Tag("@tijian/core/CalculatorRuns")<CalculatorRuns, CalculatorRunsService>() {}

/**
 * Records `run` inside `trx`, a write transaction that has already taken the write clock (e.g. the one that stores
 * the run's values), stamped `committedAt` (that transaction's stamp), so the run and its values commit together or
 * not at all. Rejects with a `WriteConflict` as `record` fails.
 *
 * @example
 * await recordInTransaction(trx, run, summary.submittedAt)
 */
export const recordInTransaction = (trx: Transaction<DatabaseSchema>, run: CalculatorRun, committedAt: string): Promise<CommittedRun> =>
  insertRun(trx, run, unsafeCanonicalTime(committedAt))

/** Makes the service over the current `Database`. */
export const make = Effect.gen(function* () {
  const { db } = yield* Database

  const record: CalculatorRunsService["record"] = (run, at) =>
    Effect.suspend(() => {
      const stamp = unsafeCanonicalTime(at)
      return write(`record the run of ${run.calculator}`, () =>
        db.transaction().execute(async (trx) => insertRun(trx, run, await takeStamp(trx, stamp))),
      )
    })

  const committed: CalculatorRunsService["committed"] = (q) =>
    query("read committed calculator runs", async () => {
      if (q.regions.length === 0) return []
      let sql = db.selectFrom("calculator_runs").selectAll().where("region", "in", [...q.regions]).where("year", "=", q.year)
      if (q.plugin !== undefined) sql = sql.where("plugin", "=", q.plugin)
      if (q.asOf !== undefined) sql = sql.where("committed_at", "<=", unsafeCanonicalTime(q.asOf))
      const latest = new Map<string, CommittedRun>()
      // ids grow in commit order: the last of each key is its latest run
      for (const row of await sql.orderBy("id").execute()) {
        const run = toCommittedRun(row)
        latest.set(`${run.calculator}\u0000${run.region}`, run)
      }
      return [...latest.values()].sort((a, b) => (a.calculator < b.calculator ? -1 : a.calculator > b.calculator ? 1 : a.region < b.region ? -1 : a.region > b.region ? 1 : 0))
    })

  const history: CalculatorRunsService["history"] = (q) =>
    query(`read the runs of ${q.calculator}`, async () => {
      let sql = db.selectFrom("calculator_runs").selectAll().where("calculator", "=", q.calculator)
      if (q.region !== undefined) sql = sql.where("region", "=", q.region)
      if (q.year !== undefined) sql = sql.where("year", "=", q.year)
      if (q.before !== undefined) sql = sql.where("id", "<", q.before)
      return (await sql.orderBy("id", "desc").limit(q.limit).execute()).map(toCommittedRun)
    })

  const get: CalculatorRunsService["get"] = (id) =>
    query(`read calculator run ${id}`, async () => {
      const row = await db.selectFrom("calculator_runs").selectAll().where("id", "=", id).executeTakeFirst()
      return row === undefined ? undefined : toCommittedRun(row)
    })

  return { record, committed, history, get } satisfies CalculatorRunsService
})

/** The service over the `Database` layer. */
export const layer: Layer.Layer<CalculatorRuns, never, Database> = Layer.effect(CalculatorRuns, make)

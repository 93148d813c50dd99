/**
 * A report's reads answered from rows read once for many reports: `Engine.evaluateMany` reads the current values,
 * breakdowns, approval states and committed runs of every region a batch of scopes reads in one query each, then
 * evaluates each scope over these rows instead of sending its own four queries (on PostgreSQL, a round trip's wait
 * and the query's fixed costs per report). A read these rows cannot answer exactly — another time, a region outside
 * the batch, the noted revisions `current` reads for outliers — goes to the store as before, so a report evaluated
 * here equals one evaluated alone, row for row and in the same order.
 */
import { Effect, Fiber, Option } from "effect"
import { Database } from "../Database.js"
import type { CommittedRun } from "../CalculatorRuns.js"
import type { StorageError } from "../Errors.js"
import type { CurrentValue, StoredObservation } from "../Observation.js"
import type { CurrentQuery } from "../ObservationStore.js"
import type { DataSetState } from "../Approval.js"
import type { RegistryService } from "../Registry.js"
import { byCell } from "./latestRevisions.js"
import { type ReportReads, scopeReadSet } from "./scopeReport.js"

/** Rows grouped by region, each group in the order read. */
const byRegion = <R extends { readonly region: string }>(rows: ReadonlyArray<R>): Map<string, Array<R>> => {
  const out = new Map<string, Array<R>>()
  for (const r of rows) {
    const group = out.get(r.region)
    if (group) group.push(r)
    else out.set(r.region, [r])
  }
  return out
}

/** What a batch reads up front, as of one time. */
export interface Prefetch {
  readonly asOf: string
  /** Every region whose rows were read (a query naming only these is answered here). */
  readonly regions: ReadonlySet<string>
  readonly values: ReadonlyArray<CurrentValue>
  readonly states: ReadonlyArray<DataSetState>
  /** The breakdowns of the indicators that declare dimensions, or undefined when none was read. */
  readonly breakdowns?: { readonly indicators: ReadonlySet<string>; readonly rows: ReadonlyArray<StoredObservation> } | undefined
  /** The committed runs of the batch's scopes in `year`, or undefined when none was read. */
  readonly runs?: { readonly year: number; readonly scopes: ReadonlySet<string>; readonly rows: ReadonlyArray<CommittedRun> } | undefined
}

/**
 * Reads every row `regions` have as of `asOf` through `reads` (values, approval states; breakdowns of `dimensioned`
 * indicators and the committed runs of `scopes` in `year` when `reads` has them), at once.
 */
export const prefetch = (
  reads: ReportReads,
  input: { readonly regions: ReadonlyArray<string>; readonly scopes: ReadonlyArray<string>; readonly year: number; readonly asOf: string; readonly dimensioned: ReadonlyArray<string> },
): Effect.Effect<Prefetch, StorageError> =>
  Effect.map(
    Effect.all(
      [
        reads.currentValues({ regions: input.regions, asOf: input.asOf }),
        reads.approvalStates({ regions: input.regions, asOf: input.asOf }),
        reads.breakdowns === undefined || input.dimensioned.length === 0
          ? Effect.succeed(undefined)
          : reads.breakdowns({ indicators: input.dimensioned, regions: input.regions, asOf: input.asOf }),
        reads.committedRuns === undefined ? Effect.succeed(undefined) : reads.committedRuns({ regions: input.scopes, year: input.year, asOf: input.asOf }),
      ],
      { concurrency: "unbounded" },
    ),
    ([values, states, breakdowns, runs]): Prefetch => ({
      asOf: input.asOf,
      regions: new Set(input.regions),
      values,
      states,
      breakdowns: breakdowns === undefined ? undefined : { indicators: new Set(input.dimensioned), rows: breakdowns },
      runs: runs === undefined ? undefined : { year: input.year, scopes: new Set(input.scopes), rows: runs },
    }),
  )

/** `reads` answering from `rows` what they hold exactly, and passing everything else through. */
export const prefetchedReads = (reads: ReportReads, rows: Prefetch): ReportReads => {
  const covered = (regions: ReadonlyArray<string> | undefined, asOf: string | undefined): regions is ReadonlyArray<string> =>
    asOf === rows.asOf && regions !== undefined && regions.every((r) => rows.regions.has(r))
  const select = <R extends CurrentValue & { readonly breakdown?: string }>(grouped: Map<string, Array<R>>, q: CurrentQuery & { readonly regions: ReadonlyArray<string> }): Array<R> => {
    const indicators = q.indicators === undefined ? undefined : new Set(q.indicators)
    const years = q.years === undefined ? undefined : new Set(q.years)
    const out: Array<R> = []
    for (const region of new Set(q.regions)) {
      for (const r of grouped.get(region) ?? []) {
        if ((indicators === undefined || indicators.has(r.indicator)) && (years === undefined || years.has(r.year))) out.push(r)
      }
    }
    return q.regions.length > 1 ? out.sort(byCell) : out
  }
  const values = byRegion(rows.values)
  const breakdowns = rows.breakdowns === undefined ? undefined : { indicators: rows.breakdowns.indicators, grouped: byRegion(rows.breakdowns.rows) }
  return {
    current: reads.current,
    currentValues: (q) => (covered(q.regions, q.asOf) ? Effect.succeed(select(values, { ...q, regions: q.regions })) : reads.currentValues(q)),
    approvalStates: (q) =>
      covered(q.regions, q.asOf)
        ? Effect.sync(() => {
            const asked = new Set(q.regions)
            return rows.states.filter((s) => asked.has(s.region))
          })
        : reads.approvalStates(q),
    ...(reads.breakdowns === undefined
      ? {}
      : {
          breakdowns: (q: CurrentQuery) =>
            breakdowns !== undefined && covered(q.regions, q.asOf) && q.indicators?.every((i) => breakdowns.indicators.has(i)) === true
              ? Effect.succeed(select(breakdowns.grouped, { ...q, regions: q.regions }))
              : reads.breakdowns!(q),
        }),
    ...(reads.committedRuns === undefined
      ? {}
      : {
          committedRuns: (q: Parameters<NonNullable<ReportReads["committedRuns"]>>[0]) => {
            const runs = rows.runs
            if (runs === undefined || q.asOf !== rows.asOf || q.year !== runs.year || q.plugin !== undefined || !q.regions.every((r) => runs.scopes.has(r))) {
              return reads.committedRuns!(q)
            }
            const asked = new Set(q.regions)
            return Effect.succeed(runs.rows.filter((r) => asked.has(r.region)))
          },
        }),
  }
}

/**
 * How many rows a batch reads at most, about: some 50,000 (250 counties of ten indicators over 20 years; 25 of a
 * hundred), so the rows held stay some tens of MB whatever the registry declares.
 */
export const BATCH_ROWS = 50_000

/** The first batch is this many times smaller than the rest (then each doubles): its read is the one nothing overlaps. */
const RAMP = 16

/** The years of a series a batch's size is reckoned with. */
const YEARS_READ = 20

/**
 * `scopes` cut into batches of about `BATCH_ROWS` rows for `indicators` indicators over `YEARS_READ` years: the
 * first batch is waited for with nothing to overlap it, so batches start `RAMP` times smaller and double up to that.
 *
 * @example
 * // 10 indicators: 250 scopes a batch, starting at 16
 * scopeBatches(counties, 10).map((b) => b.length) // [16, 32, 64, 128, 250 (ten times), 238] for 2,978 counties
 */
export const scopeBatches = <A>(scopes: ReadonlyArray<A>, indicators: number): Array<ReadonlyArray<A>> => {
  const size = Math.max(1, Math.floor(BATCH_ROWS / (Math.max(1, indicators) * YEARS_READ)))
  const batches: Array<ReadonlyArray<A>> = []
  for (let i = 0, next = Math.ceil(size / RAMP); i < scopes.length; i += next, next = Math.min(size, next * 2)) batches.push(scopes.slice(i, i + next))
  return batches
}

/**
 * Whether reports read in batches here: where a query is a round trip (PostgreSQL, or no `Database` in context), not on
 * SQLite, where a query costs microseconds and no round trip, and the batch's sort and the rows held for the next
 * batch cost more than they save (measured at 5.95 M values: 54.8 s batched against 42.9 s).
 */
export const readsInBatches: Effect.Effect<boolean> = Effect.map(Effect.serviceOption(Database), (d) =>
  Option.match(d, { onNone: () => true, onSome: (database) => database.dialect !== "sqlite" }),
)

/**
 * `evaluate` for each of `scopes` in turn (unknown codes too: `evaluate` says what is wrong with them), a batch of
 * scopes at a time over the rows `prefetch` read for them: a batch's reads wait once, and the next batch's are read
 * while this one is evaluated (on PostgreSQL the database works on them meanwhile). With `batched: false` (see
 * `readsInBatches`) each scope reads for itself.
 */
export const forEachBatched = <A, E, R>(
  registry: RegistryService,
  reads: ReportReads,
  input: { readonly scopes: ReadonlyArray<string>; readonly year: number; readonly asOf: string; readonly batched: boolean },
  evaluate: (scope: string, reads: ReportReads) => Effect.Effect<A, E, R>,
): Effect.Effect<Array<A>, E | StorageError, R> =>
  Effect.gen(function* () {
    if (!input.batched) return yield* Effect.forEach(input.scopes, (scope) => evaluate(scope, reads))
    const dimensioned = registry.indicators.filter((i) => i.dimensions !== undefined).map((i) => i.id)
    const batches = scopeBatches(input.scopes, registry.indicators.length)
    const read = (batch: ReadonlyArray<string>) => {
      const regions = new Set<string>()
      const codes: Array<string> = []
      for (const s of batch) {
        const scope = registry.regions.scope(s)
        if (!scope) continue
        const set = scopeReadSet(registry, scope)
        codes.push(set.code)
        for (const r of set.lineage.read) regions.add(r)
        for (const r of set.benchmarkRegions) regions.add(r)
      }
      return prefetch(reads, { regions: [...regions], scopes: codes, year: input.year, asOf: input.asOf, dimensioned })
    }
    const out: Array<A> = []
    let next = batches.length > 0 ? yield* Effect.fork(read(batches[0]!)) : undefined
    for (let b = 0; b < batches.length; b++) {
      const rows = yield* Fiber.join(next!)
      next = b + 1 < batches.length ? yield* Effect.fork(read(batches[b + 1]!)) : undefined
      const batchReads = prefetchedReads(reads, rows)
      for (const s of batches[b]!) out.push(yield* evaluate(s, batchReads))
    }
    return out
  })

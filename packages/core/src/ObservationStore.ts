/**
 * The observation store: appends revisions (a batch in one transaction, all or nothing) and reads current
 * values as of a time and the full history of a cell. Built on `Database`, with portable Kysely only.
 */
import { Context, Effect, Layer } from "effect"
import type { DataSetState } from "./Approval.js"
import { Database } from "./Database.js"
import type { Kysely } from "kysely"
import type { DatabaseSchema } from "./DatabaseSchema.js"
import { StorageError, WriteConflict } from "./Errors.js"
import { query, write } from "./internal/run.js"
import { type AppendSummary, appendRevisions, insertThroughSqlite, toStored } from "./internal/appendRevisions.js"
import { insertThroughUnnest } from "./internal/insertThroughUnnest.js"
import { approvalStatesAsOf } from "./internal/approvals.js"
import { lastStamp, lastStampReader, takeStamp } from "./internal/writeClock.js"
import { lockedYearEvents, lockEvents } from "./internal/yearLocks.js"
import { latestRevisions } from "./internal/latestRevisions.js"
import { TOTAL_BREAKDOWN } from "./Dimension.js"
import { type CurrentValue, type NewObservation, revisionId, type StoredObservation } from "./Observation.js"
import { unsafeCanonicalTime } from "./Time.js"
import type { LockRequest, YearLockEvent, YearLockState } from "./YearLock.js"

/**
 * Which current values to read. Omitted filters match everything; `asOf` (an ISO time with a zone, normalised
 * to UTC; a malformed one is a defect: validate at the boundary with `canonicalTime`) reads the past.
 */
export interface CurrentQuery {
  readonly indicators?: ReadonlyArray<string>
  readonly regions?: ReadonlyArray<string>
  readonly years?: ReadonlyArray<number>
  readonly asOf?: string
}

/** The observation store's operations. */
export interface ObservationStoreService {
  /**
   * Stores a batch as new revisions, all or nothing. The batch is stamped inside its transaction: `submittedAt`
   * (the caller's clock, ISO), or 1 ms after the latest committed write when that is later, so stamps increase
   * in commit order (see `lastChange`).
   */
  readonly append: (
    rows: ReadonlyArray<NewObservation>,
    submittedAt: string,
  ) => Effect.Effect<ReadonlyArray<StoredObservation>, WriteConflict | StorageError>
  /**
   * Stores rows given in chunks (a large import holds one chunk of row objects at a time) as new revisions in
   * one transaction, all or nothing, stamped as `append` does. Row indices in conflict messages count across
   * chunks. The summary keeps the first `keep` stored revisions (default: all) and counts the rest. `checkedAt`:
   * the `lastChange` read before the caller checked the rows against stored values (validation rules, outliers);
   * when another write committed since, nothing is stored and the write fails with `checked-data-changed`, so a
   * check and its write act on the same data.
   */
  readonly appendChunks: (
    chunks: Iterable<ReadonlyArray<NewObservation>>,
    submittedAt: string,
    options?: { readonly keep?: number; readonly checkedAt?: string | null },
  ) => Effect.Effect<AppendSummary, WriteConflict | StorageError>
  /** The latest revision of each matching cell's total among those submitted at or before `asOf`. */
  readonly current: (query: CurrentQuery) => Effect.Effect<ReadonlyArray<StoredObservation>, StorageError>
  /**
   * What evaluation needs of the same revisions as `current` (id, cell, value, time): a narrower read, in the
   * same order, without the source, note and agency of each.
   */
  readonly currentValues: (query: CurrentQuery) => Effect.Effect<ReadonlyArray<CurrentValue>, StorageError>
  /**
   * The current breakdowns (values registered with `dimensions`) of the cells matching `q`, as of `q.asOf`: the
   * latest revision of each, in cell then breakdown-key order. `current` and `currentValues` read totals only.
   */
  readonly breakdowns: (query: CurrentQuery) => Effect.Effect<ReadonlyArray<StoredObservation>, StorageError>
  /** Every revision of one cell (its total, or the breakdown with this key), oldest first. */
  readonly history: (
    indicator: string,
    region: string,
    year: number,
    breakdown?: string,
  ) => Effect.Effect<ReadonlyArray<StoredObservation>, StorageError>
  /**
   * The stamp of the latest committed write (revisions, locks), or null before the first. Reading "now" as of
   * it is a stable snapshot: a write still in flight commits with a later stamp.
   */
  readonly lastChange: () => Effect.Effect<string | null, StorageError>
  /**
   * The approval state, as of `asOf`, of every data set of `regions` that had an approval event by then (the others
   * were open). Reports read it to show how far each value is trusted.
   */
  readonly approvalStates: (query: { readonly regions: ReadonlyArray<string>; readonly asOf: string }) => Effect.Effect<ReadonlyArray<DataSetState>, StorageError>
  /** How many revisions are stored in all. */
  readonly countRevisions: () => Effect.Effect<number, StorageError>
  /** Locks a year (published): no new revision for it until unlocked. Fails if already locked. */
  readonly lockYear: (year: number, request: LockRequest) => Effect.Effect<YearLockEvent, WriteConflict | StorageError>
  /** Unlocks a locked year; the unlock is recorded. Fails if not locked. */
  readonly unlockYear: (year: number, request: LockRequest) => Effect.Effect<YearLockEvent, WriteConflict | StorageError>
  /** Whether a year is locked, with every lock and unlock of it. */
  readonly yearLock: (year: number) => Effect.Effect<YearLockState, StorageError>
  /** The years locked now, ascending. */
  readonly lockedYears: () => Effect.Effect<ReadonlyArray<number>, StorageError>
}

/** The observation store service tag. */
export class ObservationStore extends Context.Tag("@tijian/core/ObservationStore")<
  ObservationStore,
  ObservationStoreService
>() {}

/** Thrown inside a write transaction that stored nothing, to roll back its clock update. */
class NothingStored {
  constructor(readonly summary: AppendSummary) {}
}

/** Makes the store over the current `Database`. */
export const make = Effect.gen(function* () {
  const { db, sqlite, postgres } = yield* Database
  const insertRows = sqlite ? insertThroughSqlite(sqlite) : insertThroughUnnest

  const appendChunks: ObservationStoreService["appendChunks"] = (rows, at, options) =>
    Effect.suspend(() => {
      const stamp = unsafeCanonicalTime(at)
      return write("append observations", () =>
        db
          .transaction()
          .execute(async (trx) => {
            const submittedAt = await takeStamp(trx, stamp, options?.checkedAt)
            const summary = await appendRevisions(trx, rows, submittedAt, options?.keep ?? Number.POSITIVE_INFINITY, insertRows)
            // eslint-disable-next-line @typescript-eslint/only-throw-error -- a sentinel that rolls the transaction back, caught below
            if (summary.count === 0) throw new NothingStored(summary)
            return summary
          })
          .catch((e: unknown) => {
            if (e instanceof NothingStored) return e.summary
            throw e
          }),
      )
    })

  const append: ObservationStoreService["append"] = (rows, at) =>
    Effect.map(appendChunks([rows], at), (summary) => summary.stored)

  const current: ObservationStoreService["current"] = (q) =>
    query("read current observations", () =>
      latestRevisions(q, "totals", async (matching) => (await matching(db.selectFrom("observations").selectAll()).execute()).map(toStored)),
    )

  const breakdowns: ObservationStoreService["breakdowns"] = (q) =>
    query("read current breakdowns", () =>
      latestRevisions(q, "breakdowns", async (matching) => (await matching(db.selectFrom("observations").selectAll()).execute()).map(toStored)),
    )

  const currentValue = (indicator: string, region: string, yearRead: unknown, revision: unknown, value: unknown, submittedAt: string): CurrentValue => {
    const year = Number(yearRead)
    return { id: revisionId({ indicator, region, year }, Number(revision)), indicator, region, year, value: Number(value), submittedAt }
  }

  // the hottest read (every report's values): on PostgreSQL its rows come as arrays, not as an object per row
  const currentValues: ObservationStoreService["currentValues"] = (q) =>
    query("read current values", () =>
      latestRevisions(q, "totals", async (matching) => {
        const select = matching(db.selectFrom("observations").select(["indicator", "region", "year", "revision", "value", "submitted_at"]))
        if (postgres) {
          const compiled = select.compile()
          return (await postgres.queryArrays(compiled.sql, compiled.parameters)).map((r) => currentValue(r[0] as string, r[1] as string, r[2], r[3], r[4], r[5] as string))
        }
        return (await select.execute()).map((r) => currentValue(r.indicator, r.region, r.year, r.revision, r.value, r.submitted_at))
      }),
    )

  const history: ObservationStoreService["history"] = (indicator, region, year, breakdown = TOTAL_BREAKDOWN) =>
    query("read history", async () =>
      (
        await db
          .selectFrom("observations")
          .selectAll()
          .where("indicator", "=", indicator)
          .where("region", "=", region)
          .where("year", "=", year)
          .where("breakdown", "=", breakdown)
          .orderBy("revision")
          .execute()
      ).map(toStored),
    )

  const lastChange: ObservationStoreService["lastChange"] = () => query("read the write clock", () => lastStamp(db))

  const approvalStates: ObservationStoreService["approvalStates"] = (q) =>
    query("read approval states", () => approvalStatesAsOf(db, q.regions, unsafeCanonicalTime(q.asOf)))

  const countRevisions: ObservationStoreService["countRevisions"] = () =>
    query("count revisions", async () => {
      const r = await db.selectFrom("observations").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()
      return Number(r.n)
    })

  const changeLock =
    (action: "lock" | "unlock") =>
    (year: number, request: LockRequest): Effect.Effect<YearLockEvent, WriteConflict | StorageError> =>
      write(`${action} year`, () =>
        db.transaction().execute(async (trx) => {
          const at = await takeStamp(trx, unsafeCanonicalTime(request.at))
          const events = await lockEvents(trx, [year])
          const last = events.at(-1)
          const locked = last?.action === "lock"
          if (locked === (action === "lock")) {
            throw new WriteConflict({
              reason: "lock-state",
              message: locked
                ? `${year} is already locked (since ${last.at} by ${last.actor})`
                : `${year} is not locked; there is nothing to unlock`,
            })
          }
          const event: YearLockEvent = { year, seq: (last?.seq ?? 0) + 1, action, ...request, at }
          await trx.insertInto("year_lock_events").values(event).execute()
          return event
        }),
      )

  const yearLock: ObservationStoreService["yearLock"] = (year) =>
    query("read year lock", async () => {
      const events = await lockEvents(db, [year])
      return { year, locked: events.at(-1)?.action === "lock", events }
    })

  const lockedYears: ObservationStoreService["lockedYears"] = () =>
    query("read locked years", async () => [...(await lockedYearEvents(db)).keys()].sort((a, b) => a - b))

  return {
    append,
    appendChunks,
    current,
    currentValues,
    breakdowns,
    history,
    lastChange,
    approvalStates,
    countRevisions,
    lockYear: changeLock("lock"),
    unlockYear: changeLock("unlock"),
    yearLock,
    lockedYears,
  } satisfies ObservationStoreService
})

/** The as-of time of a database never written to. */
export const EPOCH = "1970-01-01T00:00:00.000Z"

/**
 * The time a read is as of: `asOf` (canonical), or without it the latest committed change (`EPOCH` before the
 * first), so that a read "now" names a time it reads the same at later.
 *
 * @example
 * yield* asOfOrLatest(store, undefined) // "2025-03-01T00:00:00.003Z", the stamp of the latest write
 */
export const asOfOrLatest = (store: ObservationStoreService, asOf: string | undefined): Effect.Effect<string, StorageError> =>
  asOf !== undefined ? Effect.sync(() => unsafeCanonicalTime(asOf)) : Effect.map(store.lastChange(), (at) => at ?? EPOCH)

/**
 * The stamp `lastChange` reads, as a plain promise from a query compiled once: no fiber and no query building per
 * call (some 15 µs on SQLite; one round trip on PostgreSQL), for a cache that checks the write clock on every
 * request. Fails with a `StorageError`, as `lastChange` does.
 *
 * @example
 * const lastChangeNow = lastChangeReader(database.db)
 * await lastChangeNow() // "2025-03-01T00:00:00.003Z", or null before the first write
 */
export const lastChangeReader = (db: Kysely<DatabaseSchema>): (() => Promise<string | null>) => {
  const read = lastStampReader(db)
  return () =>
    read().catch((e: unknown) => {
      throw new StorageError({ reason: "query", message: `read the write clock: ${String(e)}` })
    })
}

/** The store over whichever `Database` layer is provided. */
export const layer: Layer.Layer<ObservationStore, never, Database> = Layer.effect(ObservationStore, make)

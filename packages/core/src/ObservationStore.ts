/**
 * The observation store: appends revisions (a batch in one transaction, all or nothing) and reads current
 * values as of a time and the full history of a cell. Built on `Database`, with portable Kysely only.
 */
import { Context, Effect, Layer } from "effect"
import type { Kysely, Selectable } from "kysely"
import { Database } from "./Database.js"
import type { DatabaseSchema, ObservationTable } from "./DatabaseSchema.js"
import { StorageError, WriteConflict } from "./Errors.js"
import { query, write } from "./internal/run.js"
import { lockedYearEvents, lockEvents } from "./internal/yearLocks.js"
import { cellKey, type NewObservation, type ObservationStatus, revisionId, type StoredObservation } from "./Observation.js"
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
  /** Stores a batch as new revisions, all or nothing, stamped `submittedAt` (ISO time, passed in). */
  readonly append: (
    rows: ReadonlyArray<NewObservation>,
    submittedAt: string,
  ) => Effect.Effect<ReadonlyArray<StoredObservation>, WriteConflict | StorageError>
  /** The latest revision of each matching cell among those submitted at or before `asOf`. */
  readonly current: (query: CurrentQuery) => Effect.Effect<ReadonlyArray<StoredObservation>, StorageError>
  /** Every revision of one cell, oldest first. */
  readonly history: (
    indicator: string,
    region: string,
    year: number,
  ) => Effect.Effect<ReadonlyArray<StoredObservation>, StorageError>
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

const CHUNK = 400

const chunks = <A>(xs: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

const toStored = (r: Selectable<ObservationTable>): StoredObservation => ({
  id: revisionId(r, r.revision),
  indicator: r.indicator,
  region: r.region,
  year: Number(r.year),
  revision: Number(r.revision),
  value: Number(r.value),
  agency: r.agency,
  submittedAt: r.submitted_at,
  source: r.source,
  note: r.note,
  status: r.status as ObservationStatus,
})

/** Latest revision per cell, for the cells touched by `rows`. */
const latestRevisions = async (db: Kysely<DatabaseSchema>, rows: ReadonlyArray<NewObservation>) => {
  const latest = new Map<string, number>()
  for (const part of chunks(rows, CHUNK)) {
    const found = await db
      .selectFrom("observations")
      .select(["indicator", "region", "year", (eb) => eb.fn.max("revision").as("revision")])
      .where("indicator", "in", [...new Set(part.map((r) => r.indicator))])
      .where("region", "in", [...new Set(part.map((r) => r.region))])
      .where("year", "in", [...new Set(part.map((r) => r.year))])
      .groupBy(["indicator", "region", "year"])
      .execute()
    for (const f of found) latest.set(cellKey({ ...f, year: Number(f.year) }), Number(f.revision))
  }
  return latest
}

/** Makes the store over the current `Database`. */
export const make = Effect.gen(function* () {
  const { db } = yield* Database

  const append: ObservationStoreService["append"] = (rows, at) =>
    Effect.suspend(() => appendAt(rows, unsafeCanonicalTime(at)))

  const appendAt: ObservationStoreService["append"] = (rows, submittedAt) =>
    write("append observations", () =>
      db.transaction().execute(async (trx) => {
        const locked = await lockedYearEvents(trx, [...new Set(rows.map((r) => r.year))])
        if (locked.size > 0) {
          const [year, e] = [...locked.entries()].sort((a, b) => a[0] - b[0])[0]!
          const index = rows.findIndex((r) => r.year === year)
          throw new WriteConflict({
            reason: "year-locked",
            message:
              `row ${index}: ${year} is locked (published) since ${e.at} by ${e.actor} ("${e.reason}"); ` +
              `nothing was stored. An admin must unlock ${year} (POST /api/v1/years/${year}/unlock with a reason) before it takes new revisions`,
          })
        }
        const latest = await latestRevisions(trx, rows)
        const stored: Array<StoredObservation> = []
        const inserts: Array<ObservationTable> = []
        rows.forEach((row, index) => {
          const key = cellKey(row)
          const current = latest.get(key) ?? 0
          if (row.expectedRevision !== undefined && row.expectedRevision !== current) {
            throw new WriteConflict({
              reason: "stale-revision",
              message:
                `row ${index}: ${row.indicator} for ${row.region} in ${row.year} is at revision ${current}, ` +
                `not ${row.expectedRevision}; read it again and resend your change against revision ${current}`,
            })
          }
          const revision = current + 1
          latest.set(key, revision)
          const record: ObservationTable = {
            indicator: row.indicator,
            region: row.region,
            year: row.year,
            revision,
            value: row.value,
            agency: row.agency,
            submitted_at: submittedAt,
            source: row.source,
            note: row.note ?? null,
            status: row.status ?? "final",
          }
          inserts.push(record)
          stored.push(toStored(record))
        })
        for (const part of chunks(inserts, CHUNK)) await trx.insertInto("observations").values([...part]).execute()
        return stored
      }),
    )

  const current: ObservationStoreService["current"] = (q) =>
    query("read current observations", async () => {
      const latest = new Map<string, StoredObservation>()
      const read = async (regions: ReadonlyArray<string> | undefined) => {
        let sql = db.selectFrom("observations").selectAll()
        if (q.indicators) sql = sql.where("indicator", "in", q.indicators.length ? [...q.indicators] : [""])
        if (regions) sql = sql.where("region", "in", regions.length ? [...regions] : [""])
        if (q.years) sql = sql.where("year", "in", q.years.length ? [...q.years] : [-1])
        if (q.asOf !== undefined) sql = sql.where("submitted_at", "<=", unsafeCanonicalTime(q.asOf))
        for (const r of await sql.execute()) {
          const s = toStored(r)
          const key = cellKey(s)
          const prior = latest.get(key)
          if (!prior || prior.revision < s.revision) latest.set(key, s)
        }
      }
      if (q.regions) for (const part of chunks(q.regions, CHUNK)) await read(part)
      else await read(undefined)
      return [...latest.values()].sort(
        (a, b) =>
          (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0) ||
          (a.region < b.region ? -1 : a.region > b.region ? 1 : 0) ||
          a.year - b.year,
      )
    })

  const history: ObservationStoreService["history"] = (indicator, region, year) =>
    query("read history", async () =>
      (
        await db
          .selectFrom("observations")
          .selectAll()
          .where("indicator", "=", indicator)
          .where("region", "=", region)
          .where("year", "=", year)
          .orderBy("revision")
          .execute()
      ).map(toStored),
    )

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
          const events = await lockEvents(trx, [year])
          const last = events.at(-1)
          const locked = last?.action === "lock"
          if (locked === (action === "lock")) {
            throw new WriteConflict({
              reason: "lock-state",
              message: locked
                ? `${year} is already locked (since ${last!.at} by ${last!.actor})`
                : `${year} is not locked; there is nothing to unlock`,
            })
          }
          const event: YearLockEvent = { year, seq: (last?.seq ?? 0) + 1, action, ...request, at: unsafeCanonicalTime(request.at) }
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
    current,
    history,
    countRevisions,
    lockYear: changeLock("lock"),
    unlockYear: changeLock("unlock"),
    yearLock,
    lockedYears,
  } satisfies ObservationStoreService
})

/** The store over whichever `Database` layer is provided. */
export const layer: Layer.Layer<ObservationStore, never, Database> = Layer.effect(ObservationStore, make)

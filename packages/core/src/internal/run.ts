/**
 * Database calls as effects: any failure becomes a `StorageError` naming what was attempted; a
 * `WriteConflict` thrown inside a write transaction passes through as itself.
 */
import { Effect } from "effect"
import { StorageError, WriteConflict } from "../Errors.js"

/** A read. */
export const query = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, StorageError> =>
  Effect.tryPromise({ try: run, catch: (e) => new StorageError({ reason: "query", message: `${what}: ${String(e)}` }) })

/** Whether a driver error is a primary-key / unique violation (PostgreSQL 23505, SQLite constraint codes). */
export const isUniqueViolation = (e: unknown): boolean => {
  const code = (e as { code?: unknown } | null)?.code
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE"
}

/**
 * A write whose transaction may refuse with a `WriteConflict`. A unique violation means another writer stored
 * the same record at the same moment (e.g. the same revision of a cell): that is a conflict, not a failure.
 */
export const write = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, StorageError | WriteConflict> =>
  Effect.tryPromise({
    try: run,
    catch: (e) =>
      e instanceof WriteConflict
        ? e
        : isUniqueViolation(e)
          ? new WriteConflict({
              reason: "stale-revision",
              message: `${what}: another writer stored the same record at the same moment; nothing was stored — read the current revision and send your change again`,
            })
          : new StorageError({ reason: "query", message: `${what}: ${String(e)}` }),
  })

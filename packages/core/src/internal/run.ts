/**
 * Database calls as effects: any failure becomes a `StorageError` naming what was attempted; a
 * `WriteConflict` thrown inside a write transaction passes through as itself.
 */
import { Effect } from "effect"
import { StorageError, WriteConflict } from "../Errors.js"

/** A read. */
export const query = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, StorageError> =>
  Effect.tryPromise({ try: run, catch: (e) => new StorageError({ reason: "query", message: `${what}: ${String(e)}` }) })

/** A write whose transaction may refuse with a `WriteConflict`. */
export const write = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, StorageError | WriteConflict> =>
  Effect.tryPromise({
    try: run,
    catch: (e) => (e instanceof WriteConflict ? e : new StorageError({ reason: "query", message: `${what}: ${String(e)}` })),
  })

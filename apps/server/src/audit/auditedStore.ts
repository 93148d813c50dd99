/**
 * An observation store whose write transactions also insert their audit entry, so a change and its record
 * commit together or not at all (a crash between the two cannot leave a write unaudited).
 *
 * Core's store runs each write (`append`, `lockYear`, `unlockYear`) as one `db.transaction().execute(fn)` and
 * has no hook for a caller's statement. This builds a store for one call over the same database, whose
 * `transaction()` runs `fn` and then `audit(result, trx)` before commit. Should core ever write without
 * `db.transaction()`, the entry is inserted right after the write instead (never lost silently; the test of
 * the audit log checks the transactional path is the one taken).
 */
import { Database, type DatabaseSchema, ObservationStore, StorageError } from "@tijian/core"
import { Effect } from "effect"
import type { Kysely, Transaction } from "kysely"
import type { ServerSchema } from "../storage/serverSchema.js"
import { type AuditRecord, insertAudit, serverDb } from "./AuditLog.js"

/** What the audited store records for a committed result (undefined: nothing to record). */
export type Describe = (result: unknown) => AuditRecord | undefined

/**
 * The caller's own statements, run in a write's transaction after it (and its audit entry), before commit: e.g. the
 * record of the calculator run whose values the write stores. Not run when the write commits no transaction (it
 * stored nothing, or core wrote without one): the caller sees that it did not run and acts on its own.
 */
export type AlsoInTransaction<A> = (result: A, trx: Transaction<DatabaseSchema>) => Promise<void>

/**
 * Transactions of `db` that insert `describe(result)` and run `also(result, trx)` before committing; `state.audited`
 * says whether one did.
 */
const auditingDb = <DB>(db: Kysely<DB>, describe: Describe, state: { audited: boolean }, also?: AlsoInTransaction<unknown>): Kysely<DB> =>
  new Proxy(db, {
    get(target, property) {
      if (property === "transaction") {
        return () => {
          const builder = target.transaction()
          return {
            execute: <A>(fn: (trx: Transaction<DB>) => Promise<A>) =>
              builder.execute(async (trx) => {
                const result = await fn(trx)
                const record = describe(result)
                if (record) await insertAudit(trx as unknown as Transaction<ServerSchema>, record)
                if (also) await also(result, trx as unknown as Transaction<DatabaseSchema>)
                state.audited = true
                return result
              }),
          }
        }
      }
      const value: unknown = Reflect.get(target, property, target)
      return typeof value === "function" ? (value as (...args: Array<unknown>) => unknown).bind(target) : value
    },
  })

/**
 * Runs `use` with the database whose write transactions record `describe(result)` in the audit log in the same
 * transaction (or, should the write not use a transaction, right after it).
 *
 * @example
 * yield* withAuditedDatabase(describe, (database) => Effect.flatMap(Editions.make.pipe(Effect.provideService(Database.Database, database)), (e) => e.publish(report, by, at)))
 */
export const withAuditedDatabase = <A, E, R>(
  describe: (result: A) => AuditRecord | undefined,
  use: (database: Database.DatabaseService) => Effect.Effect<A, E, R>,
  also?: AlsoInTransaction<A>,
): Effect.Effect<A, E | StorageError, R | Database.Database> =>
  Effect.gen(function* () {
    const database = yield* Database.Database
    const state = { audited: false }
    const db = auditingDb(database.db, describe as Describe, state, also as AlsoInTransaction<unknown> | undefined)
    const result = yield* use({ ...database, db })
    if (!state.audited) {
      const record = describe(result)
      if (record) {
        yield* Effect.tryPromise({
          try: () => insertAudit(serverDb(database.db), record),
          catch: (e) => new StorageError({ reason: "query", message: `record audit entry: ${String(e)}` }),
        })
      }
    }
    return result
  })

/**
 * Runs `use` with a store whose writes record `describe(result)` in the audit log in the same transaction.
 *
 * @example
 * yield* withAuditedStore((event) => ({ action: "year.lock", ... }), (store) => store.lockYear(2023, request))
 */
export const withAuditedStore = <A, E, R>(
  describe: (result: A) => AuditRecord | undefined,
  use: (store: ObservationStore.ObservationStoreService) => Effect.Effect<A, E, R>,
  also?: AlsoInTransaction<A>,
): Effect.Effect<A, E | StorageError, R | Database.Database> =>
  withAuditedDatabase(
    describe,
    (database) => Effect.flatMap(ObservationStore.make.pipe(Effect.provideService(Database.Database, database)), use),
    also,
  )

/**
 * What the server's stores share: the database typed with the server's tables (migrated first), and running a
 * query as an Effect that fails with a `StorageError` saying what was being done.
 */
import { Database, StorageError } from "@tijian/core"
import { Effect } from "effect"
import type { Kysely } from "kysely"
import { migrateServer } from "./migrations.js"
import type { ServerSchema } from "./serverSchema.js"

/**
 * The database with the server's tables, migrated to the latest version.
 *
 * @example
 * const db = yield* serverDatabase // Kysely<ServerSchema>
 */
export const serverDatabase: Effect.Effect<Kysely<ServerSchema>, StorageError, Database.Database> = Effect.gen(function* () {
  const { db, readOnly } = yield* Database.Database
  yield* migrateServer(db as unknown as Kysely<unknown>, { readOnly: readOnly ?? false })
  return db as unknown as Kysely<ServerSchema>
})

/**
 * Runs a query; a failure is a `StorageError` starting with `what`.
 *
 * @example
 * query("read boundary", () => db.selectFrom("region_boundaries").selectAll().execute())
 */
export const query = <A>(what: string, run: () => Promise<A>): Effect.Effect<A, StorageError> =>
  Effect.tryPromise({ try: run, catch: (e) => new StorageError({ reason: "query", message: `${what}: ${String(e)}` }) })

/**
 * The server's migrations, run by Kysely's Migrator with their own bookkeeping tables so they never mix with
 * core's. A migration, once released, never changes.
 */
import { Effect } from "effect"
import { type Kysely, type Migration, Migrator } from "kysely"
import { StorageError } from "@tijian/core"

const migrations: Record<string, Migration> = {
  "0001_api_tokens": {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable("api_tokens")
        .addColumn("id", "varchar(32)", (c) => c.primaryKey())
        .addColumn("secret_sha256", "varchar(64)", (c) => c.notNull())
        .addColumn("role", "varchar(16)", (c) => c.notNull())
        .addColumn("agency", "varchar(120)", (c) => c.notNull())
        .addColumn("region", "varchar(40)")
        .addColumn("plugins", "text")
        .addColumn("created_at", "varchar(32)", (c) => c.notNull())
        .addColumn("expires_at", "varchar(32)")
        .addColumn("revoked_at", "varchar(32)")
        .execute()
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable("api_tokens").execute()
    },
  },
}

/** Brings the server's tables to the latest version. */
export const migrateServer = (db: Kysely<unknown>): Effect.Effect<void, StorageError> =>
  Effect.tryPromise({
    try: () =>
      new Migrator({
        db,
        provider: { getMigrations: async () => migrations },
        migrationTableName: "tijian_server_migration",
        migrationLockTableName: "tijian_server_migration_lock",
      }).migrateToLatest(),
    catch: (e) => new StorageError({ reason: "migrate", message: `server migration failed: ${String(e)}` }),
  }).pipe(
    Effect.flatMap(({ error }) =>
      error === undefined ? Effect.void : Effect.fail(new StorageError({ reason: "migrate", message: `server migration failed: ${String(error)}` })),
    ),
  )

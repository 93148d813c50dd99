/**
 * The server's migrations, run by Kysely's Migrator with their own bookkeeping tables so they never mix with
 * core's. A migration, once released, never changes.
 */
import { Effect } from "effect"
import { type Kysely, type Migration, Migrator, PostgresAdapter, sql } from "kysely"
import { StorageError } from "@tijian/core"

const isPostgres = (db: Kysely<unknown>) => db.getExecutor().adapter instanceof PostgresAdapter

/** The message the database gives when anything tries to change or remove an audit entry. */
export const AUDIT_APPEND_ONLY = "audit_log is append-only: entries are never updated or deleted"

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
  "0002_audit_log": {
    // Append-only is enforced by the database itself, not only by the absence of update paths in the code.
    up: async (db: Kysely<unknown>) => {
      const postgres = isPostgres(db)
      await db.schema
        .createTable("audit_log")
        .addColumn("seq", postgres ? "bigserial" : "integer", (c) => (postgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
        .addColumn("at", "varchar(32)", (c) => c.notNull())
        .addColumn("action", "varchar(40)", (c) => c.notNull())
        .addColumn("actor_token_id", "varchar(32)")
        .addColumn("actor_agency", "varchar(120)", (c) => c.notNull())
        .addColumn("actor_role", "varchar(16)")
        .addColumn("targets", "text", (c) => c.notNull())
        .addColumn("count", "integer", (c) => c.notNull())
        .addColumn("details", "text", (c) => c.notNull())
        .execute()
      await db.schema.createIndex("audit_log_at").on("audit_log").column("at").execute()
      if (postgres) {
        await sql`CREATE FUNCTION tijian_audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN RAISE EXCEPTION '${sql.raw(AUDIT_APPEND_ONLY)}'; END $$`.execute(db)
        await sql`CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
          FOR EACH ROW EXECUTE FUNCTION tijian_audit_log_append_only()`.execute(db)
        await sql`CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
          FOR EACH STATEMENT EXECUTE FUNCTION tijian_audit_log_append_only()`.execute(db)
      } else {
        for (const [trigger, event] of [["audit_log_no_update", "UPDATE"], ["audit_log_no_delete", "DELETE"]] as const) {
          await sql`CREATE TRIGGER ${sql.raw(trigger)} BEFORE ${sql.raw(event)} ON audit_log
            BEGIN SELECT RAISE(ABORT, '${sql.raw(AUDIT_APPEND_ONLY)}'); END`.execute(db)
        }
      }
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable("audit_log").execute()
      if (isPostgres(db)) await sql`DROP FUNCTION IF EXISTS tijian_audit_log_append_only()`.execute(db)
    },
  },
  "0003_region_boundaries": {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable("region_boundaries")
        .addColumn("code", "varchar(40)", (c) => c.primaryKey())
        .addColumn("geometry", "text", (c) => c.notNull())
        .addColumn("display", "text", (c) => c.notNull())
        .addColumn("vertices", "integer", (c) => c.notNull())
        .addColumn("display_vertices", "integer", (c) => c.notNull())
        .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
        .addColumn("updated_by", "varchar(120)", (c) => c.notNull())
        .execute()
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable("region_boundaries").execute()
    },
  },
  "0004_agency_names": {
    up: async (db: Kysely<unknown>) => {
      await db.schema
        .createTable("agency_names")
        .addColumn("agency", "varchar(120)", (c) => c.primaryKey())
        .addColumn("name_zh", "text")
        .addColumn("name_en", "text")
        .addColumn("updated_at", "varchar(32)", (c) => c.notNull())
        .addColumn("updated_by", "varchar(120)", (c) => c.notNull())
        .execute()
    },
    down: async (db: Kysely<unknown>) => {
      await db.schema.dropTable("agency_names").execute()
    },
  },
}

/** Kysely's migrator over the server's migrations and bookkeeping tables. */
const serverMigrator = (db: Kysely<unknown>) =>
  new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "tijian_server_migration",
    migrationLockTableName: "tijian_server_migration_lock",
  })

/** The names of the server's migrations that this database has not run (empty when current); fails when it does not answer. */
export const pendingServerMigrations = (db: Kysely<unknown>): Effect.Effect<ReadonlyArray<string>, StorageError> =>
  Effect.tryPromise({
    try: () => serverMigrator(db).getMigrations(),
    catch: (e) => new StorageError({ reason: "migrate", message: `cannot read the server's migrations: ${String(e)}` }),
  }).pipe(Effect.map((infos) => infos.filter((m) => m.executedAt === undefined).map((m) => m.name)))

/**
 * Brings the server's tables to the latest version; on a database opened read-only (a replica) checks instead that
 * they are, naming the missing migrations.
 */
export const migrateServer = (db: Kysely<unknown>, options: { readonly readOnly?: boolean } = {}): Effect.Effect<void, StorageError> =>
  options.readOnly
    ? Effect.flatMap(pendingServerMigrations(db), (pending) =>
        pending.length === 0
          ? Effect.void
          : Effect.fail(
              new StorageError({
                reason: "migrate",
                message: `the read-only database has not run the server's migration(s) ${pending.join(", ")}: start this version once on the primary (it migrates on start), let the replica catch up, then start the read-only instance`,
              }),
            ),
      )
    : migrateServerTables(db)

const migrateServerTables = (db: Kysely<unknown>): Effect.Effect<void, StorageError> =>
  Effect.tryPromise({
    try: () => serverMigrator(db).migrateToLatest(),
    catch: (e) => new StorageError({ reason: "migrate", message: `server migration failed: ${String(e)}` }),
  }).pipe(
    Effect.flatMap(({ error }) =>
      error === undefined ? Effect.void : Effect.fail(new StorageError({ reason: "migrate", message: `server migration failed: ${String(error)}` })),
    ),
  )

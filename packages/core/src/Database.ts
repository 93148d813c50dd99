/**
 * The database: a Kysely instance over the schema, migrated to the latest version when the layer starts.
 * SQLite (better-sqlite3, one file, WAL) is the embedded default; `:memory:` serves tests.
 */
import SqliteDatabase from "better-sqlite3"
import { Context, Effect, Layer } from "effect"
import { Kysely, type MigrationProvider, Migrator, SqliteDialect } from "kysely"
import type { DatabaseSchema } from "./DatabaseSchema.js"
import { StorageError } from "./Errors.js"
import { migrations } from "./migrations/index.js"

/** The open database and which engine it runs on. */
export interface DatabaseService {
  readonly db: Kysely<DatabaseSchema>
  readonly dialect: "sqlite" | "postgres"
}

/** The database service tag. */
export class Database extends Context.Tag("@tijian/core/Database")<Database, DatabaseService>() {}

const provider: MigrationProvider = { getMigrations: async () => migrations }

/** Runs every pending migration; fails with the name of the migration that failed and why. */
export const migrateToLatest = (db: Kysely<DatabaseSchema>): Effect.Effect<void, StorageError> =>
  Effect.tryPromise({
    try: () => new Migrator({ db, provider }).migrateToLatest(),
    catch: (e) => new StorageError({ reason: "migrate", message: `migration failed: ${String(e)}` }),
  }).pipe(
    Effect.flatMap(({ error, results }) => {
      if (error === undefined) return Effect.void
      const failed = results?.find((r) => r.status === "Error")?.migrationName ?? "unknown"
      return Effect.fail(new StorageError({ reason: "migrate", message: `migration ${failed} failed: ${String(error)}` }))
    }),
  )

/** Options for the SQLite database. */
export interface SqliteOptions {
  /** A file path, or `":memory:"`. */
  readonly filename: string
}

/**
 * Opens (creating if absent) and migrates a SQLite database; closes it when the layer's scope ends.
 *
 * @example
 * const live = Database.layerSqlite({ filename: "data/tijian.sqlite" })
 */
export const layerSqlite = (options: SqliteOptions): Layer.Layer<Database, StorageError> =>
  Layer.scoped(
    Database,
    Effect.acquireRelease(
      Effect.try({
        try: () => {
          const sqlite = new SqliteDatabase(options.filename)
          if (options.filename !== ":memory:") sqlite.pragma("journal_mode = WAL")
          sqlite.pragma("foreign_keys = ON")
          sqlite.pragma("busy_timeout = 5000")
          return new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: sqlite }) })
        },
        catch: (e) =>
          new StorageError({ reason: "open", message: `cannot open SQLite database ${options.filename}: ${String(e)}` }),
      }),
      (db) => Effect.promise(() => db.destroy()),
    ).pipe(
      Effect.tap(migrateToLatest),
      Effect.map((db): DatabaseService => ({ db, dialect: "sqlite" })),
    ),
  )

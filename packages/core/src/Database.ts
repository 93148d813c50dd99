/**
 * The database: a Kysely instance over the schema, migrated to the latest version when the layer starts.
 * SQLite (better-sqlite3, one file, WAL) is the embedded default; `:memory:` serves tests. PostgreSQL (`pg` with
 * a pool) serves many agencies writing at once and several server instances; the same migrations and queries
 * run on both. The drivers are optional peer dependencies of core, each loaded when its layer opens, so an
 * application installs the one it uses.
 */
import type SqliteDatabase from "better-sqlite3"
import { Context, Effect, Layer } from "effect"
import { Kysely, type MigrationProvider, Migrator, PostgresDialect, SqliteDialect } from "kysely"
import { createRequire } from "node:module"
import type pg from "pg"
import type { DatabaseSchema } from "./DatabaseSchema.js"
import { StorageError } from "./Errors.js"
import { withStatementCache } from "./internal/statementCache.js"
import { migrations } from "./migrations/index.js"

/** The open database and which engine it runs on. */
export interface DatabaseService {
  readonly db: Kysely<DatabaseSchema>
  readonly dialect: "sqlite" | "postgres"
  /**
   * SQLite only: the connection under `db`, for the store's bulk insert, which runs one prepared statement per
   * row inside a Kysely transaction on this same connection (fewer round trips through the driver).
   */
  readonly sqlite?: SqliteConnection
  /**
   * PostgreSQL only: the pool under `db`, for the store's bulk reads, which run a query Kysely compiled and take its
   * rows as arrays (no keyed object built per row).
   */
  readonly postgres?: PostgresConnection
  /**
   * Opened read-only (a read replica, or a copy for reads): nothing was migrated, the schema was checked to be
   * current instead, and every write fails in the database itself. Absent: read-write.
   */
  readonly readOnly?: boolean
}

/** What the store's bulk insert uses of a better-sqlite3 connection (prepared statements, run with positional values). */
export interface SqliteConnection {
  // `any`: better-sqlite3 types a statement as binding either named or positional values
  readonly prepare: (sql: string) => { readonly run: (...values: Array<any>) => unknown }
}

/** What the store's bulk reads use of a `pg` pool. */
export interface PostgresConnection {
  /** Runs `sql` with positional `parameters`; each row an array of its columns in select order. */
  readonly queryArrays: (sql: string, parameters: ReadonlyArray<unknown>) => Promise<ReadonlyArray<ReadonlyArray<unknown>>>
}

/** The database service tag. */
export class Database extends Context.Tag("@tijian/core/Database")<Database, DatabaseService>() {}

const provider: MigrationProvider = { getMigrations: async () => migrations }

const requireDriver = createRequire(import.meta.url)

/** Loads a driver (an optional peer dependency) when a layer opens; a missing one is named with how to install it. */
const loadDriver = <A>(name: "better-sqlite3" | "pg"): A => {
  try {
    return requireDriver(name) as A
  } catch (e) {
    if ((e as { code?: unknown }).code !== "MODULE_NOT_FOUND") throw e
    throw new Error(`the database driver ${name} is not installed; it is an optional peer dependency of @tijian/core: install it beside core (pnpm add ${name})`, { cause: e })
  }
}

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

/**
 * The names of core's migrations that this database has not run (empty when its schema is current); fails when
 * the database does not answer. A server's readiness check asks it.
 *
 * @example
 * const pending = yield* pendingMigrations(db) // [] once the layer has started
 */
export const pendingMigrations = (db: Kysely<DatabaseSchema>): Effect.Effect<ReadonlyArray<string>, StorageError> =>
  Effect.tryPromise({
    try: () => new Migrator({ db, provider }).getMigrations(),
    catch: (e) => new StorageError({ reason: "migrate", message: `cannot read the migrations: ${String(e)}` }),
  }).pipe(Effect.map((infos) => infos.filter((m) => m.executedAt === undefined).map((m) => m.name)))

/**
 * Checks that a database opened read-only has run every migration this version of core has (it cannot run them
 * itself): fails naming the missing ones and what to do.
 */
const requireCurrentSchema = (db: Kysely<DatabaseSchema>, where: string): Effect.Effect<void, StorageError> =>
  Effect.flatMap(pendingMigrations(db), (pending) =>
    pending.length === 0
      ? Effect.void
      : Effect.fail(
          new StorageError({
            reason: "migrate",
            message: `the read-only database ${where} has not run migration(s) ${pending.join(", ")}, which this version of tijian needs: start this version once on the primary (it migrates on start), let the replica catch up, then start the read-only instance`,
          }),
        ),
  )

/** Options for the SQLite database. */
export interface SqliteOptions {
  /** A file path, or `":memory:"`. */
  readonly filename: string
  /**
   * Open an existing file read-only (a copy for reads): not created, not migrated (its schema must be current), every
   * write refused by SQLite. Default false.
   */
  readonly readOnly?: boolean
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
          const Sqlite = loadDriver<typeof SqliteDatabase>("better-sqlite3")
          const sqlite = new Sqlite(options.filename, options.readOnly ? { readonly: true, fileMustExist: true } : {})
          if (options.filename !== ":memory:" && !options.readOnly) sqlite.pragma("journal_mode = WAL")
          sqlite.pragma("foreign_keys = ON")
          sqlite.pragma("busy_timeout = 5000")
          return { sqlite, db: new Kysely<DatabaseSchema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) }) }
        },
        catch: (e) =>
          new StorageError({ reason: "open", message: `cannot open SQLite database ${options.filename}: ${String(e)}` }),
      }),
      ({ db }) => Effect.promise(() => db.destroy()),
    ).pipe(
      Effect.tap(({ db }) => (options.readOnly ? requireCurrentSchema(db, options.filename) : migrateToLatest(db))),
      Effect.map(({ db, sqlite }): DatabaseService => ({ db, dialect: "sqlite", sqlite, ...(options.readOnly ? { readOnly: true } : {}) })),
    ),
  )

/** Options for PostgreSQL. */
export interface PostgresOptions {
  /** A connection URL, e.g. `postgres://user:pass@127.0.0.1:5432/tijian`. */
  readonly url: string
  /** Pool size (default 10). */
  readonly maxConnections?: number
  /**
   * Serve reads only, e.g. from a streaming replica (a hot standby): not migrated (the schema must be current), and
   * every session is `default_transaction_read_only`, so a write fails in PostgreSQL even on a primary. Without it,
   * a hot standby is refused at start with how to use it. Default false.
   */
  readonly readOnly?: boolean
}

/** Refuses a hot standby opened read-write: the migrations and every write would fail on it. */
const refuseStandby = (db: Kysely<DatabaseSchema>, url: string): Effect.Effect<void, StorageError> =>
  Effect.tryPromise({
    try: () => db.selectNoFrom((eb) => eb.fn<boolean>("pg_is_in_recovery", []).as("standby")).executeTakeFirstOrThrow(),
    catch: (e) => new StorageError({ reason: "open", message: `cannot ask PostgreSQL at ${redact(url)} whether it is a standby: ${String(e)}` }),
  }).pipe(
    Effect.flatMap(({ standby }) =>
      standby
        ? Effect.fail(
            new StorageError({
              reason: "open",
              message: `PostgreSQL at ${redact(url)} is a read-only standby (a replica): set TIJIAN_READ_ONLY=true (or "readOnly": true) to serve reads from it, or point DATABASE_URL at the primary`,
            }),
          )
        : Effect.void,
    ),
  )

/**
 * Connects to and migrates a PostgreSQL database; ends the pool when the layer's scope ends. Migrations take
 * Kysely's migration lock, so several server instances may start at once.
 *
 * @example
 * const live = Database.layerPostgres({ url: process.env.DATABASE_URL! })
 */
export const layerPostgres = (options: PostgresOptions): Layer.Layer<Database, StorageError> =>
  Layer.scoped(
    Database,
    Effect.acquireRelease(
      Effect.tryPromise({
        try: async () => {
          const pool = new (loadDriver<typeof pg>("pg").Pool)({
            connectionString: options.url,
            max: options.maxConnections ?? 10,
            ...(options.readOnly ? { options: "-c default_transaction_read_only=on" } : {}),
          })
          const client = await pool.connect()
          client.release()
          const postgres: PostgresConnection = {
            queryArrays: async (sql, parameters) => (await pool.query<Array<unknown>>({ text: sql, values: [...parameters], rowMode: "array" })).rows,
          }
          return { db: new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool }) }), postgres }
        },
        catch: (e) => new StorageError({ reason: "open", message: `cannot connect to PostgreSQL at ${redact(options.url)}: ${String(e)}` }),
      }),
      ({ db }) => Effect.promise(() => db.destroy()),
    ).pipe(
      Effect.tap(({ db }) => (options.readOnly ? requireCurrentSchema(db, redact(options.url)) : Effect.zipRight(refuseStandby(db, options.url), migrateToLatest(db)))),
      Effect.map(({ db, postgres }): DatabaseService => ({ db, dialect: "postgres", postgres, ...(options.readOnly ? { readOnly: true } : {}) })),
    ),
  )

/** The URL without its password, for messages. */
const redact = (url: string) => url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@")

/**
 * The database layer for a URL or path: `postgres://` / `postgresql://` URLs open PostgreSQL, anything else is
 * a SQLite file path (or `:memory:`).
 */
export const layerFromUrl = (urlOrPath: string, options: { readonly readOnly?: boolean } = {}): Layer.Layer<Database, StorageError> => {
  const readOnly = options.readOnly ? { readOnly: true } : {}
  return /^postgres(ql)?:\/\//.test(urlOrPath) ? layerPostgres({ url: urlOrPath, ...readOnly }) : layerSqlite({ filename: urlOrPath, ...readOnly })
}

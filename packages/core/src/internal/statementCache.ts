/**
 * better-sqlite3 behind Kysely with prepared statements reused: Kysely's SQLite driver prepares every query it
 * runs, and preparing costs as much as running for short statements (and more for a 500-row insert). This
 * keeps the most recently used statements by SQL text. Safe because the driver runs one query at a time on
 * the connection and never leaves a statement mid-iteration (tijian does not stream queries).
 */
import type SqliteDatabase from "better-sqlite3"
import type { SqliteDatabase as KyselySqliteDatabase } from "kysely"

/**
 * The database as Kysely's `SqliteDialect` takes it, reusing up to `size` prepared statements.
 *
 * @example
 * new Kysely({ dialect: new SqliteDialect({ database: withStatementCache(new SqliteDatabase(file)) }) })
 */
export const withStatementCache = (sqlite: SqliteDatabase.Database, size = 64): KyselySqliteDatabase => {
  const cache = new Map<string, SqliteDatabase.Statement>()
  return {
    close: () => {
      cache.clear()
      sqlite.close()
    },
    prepare: (sql: string) => {
      let statement = cache.get(sql)
      if (statement !== undefined) {
        // most recently used last
        cache.delete(sql)
        cache.set(sql, statement)
        return statement
      }
      statement = sqlite.prepare(sql)
      cache.set(sql, statement)
      if (cache.size > size) cache.delete(cache.keys().next().value!)
      return statement
    },
  }
}

/**
 * The storage backends every API test body runs against: SQLite in memory always, PostgreSQL when
 * `TIJIAN_TEST_PG_URL` is set (CI always sets it; a developer machine without it skips, saying so).
 */
import { freshPostgresDatabase, postgresAvailability } from "@tijian/core/testing"

/** A backend: a name and a fresh database for one test file. */
export interface Backend {
  readonly name: string
  readonly database: () => Promise<string>
}

const pg = postgresAvailability()

/** The backends to run. */
export const BACKENDS: ReadonlyArray<Backend> = [
  { name: "SQLite", database: async () => ":memory:" },
  ...(pg.run ? [{ name: "PostgreSQL", database: () => freshPostgresDatabase(pg.url) }] : []),
]

/** Why PostgreSQL is skipped, or undefined when it runs. */
export const postgresSkipped: string | undefined = pg.run ? undefined : pg.reason

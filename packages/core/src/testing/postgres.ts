/**
 * PostgreSQL for tests: the admin URL of a throwaway server comes from `TIJIAN_TEST_PG_URL` (CI starts one with
 * `.ci/postgres.sh`); each caller gets a fresh, empty database on it.
 */
import { randomBytes } from "node:crypto"
import pg from "pg"

/** The admin URL of the test server, or undefined when none is configured. */
export const postgresTestUrl = (): string | undefined => process.env.TIJIAN_TEST_PG_URL || undefined

/**
 * Creates a new empty database on the test server and returns its URL.
 *
 * @example
 * const url = await freshPostgresDatabase(postgresTestUrl()!)
 */
export const freshPostgresDatabase = async (adminUrl: string): Promise<string> => {
  const name = `tijian_test_${randomBytes(6).toString("hex")}`
  const client = new pg.Client({ connectionString: adminUrl })
  await client.connect()
  try {
    await client.query(`CREATE DATABASE ${name}`)
  } finally {
    await client.end()
  }
  const url = new URL(adminUrl)
  url.pathname = `/${name}`
  return url.toString()
}

/**
 * Whether the PostgreSQL suites run: with a URL they do; without one they are skipped on a developer machine
 * (with a message) and fail in CI, where a skipped PostgreSQL suite is an error.
 */
export const postgresAvailability = (): { readonly run: true; readonly url: string } | { readonly run: false; readonly reason: string } => {
  const url = postgresTestUrl()
  if (url) return { run: true, url }
  if (process.env.CI) throw new Error("TIJIAN_TEST_PG_URL is not set in CI: the PostgreSQL suites must run (see .ci/run)")
  return { run: false, reason: "PostgreSQL suite skipped: set TIJIAN_TEST_PG_URL (e.g. `bash .ci/postgres.sh start`) to run it" }
}

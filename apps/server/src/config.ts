/**
 * Server configuration, read from the environment:
 * - `PORT` (default 8787; 0 picks a free port),
 * - `HOST` (default 127.0.0.1),
 * - `TIJIAN_DB`: the SQLite file (default `data/tijian.sqlite`, relative to the directory `pnpm start` was run
 *   from), or `:memory:`.
 */
import { mkdirSync } from "node:fs"
import { dirname, resolve } from "node:path"

/** What the server needs to start. */
export interface ServerConfig {
  readonly port: number
  readonly host: string
  /** An absolute path to the SQLite file, or `":memory:"`. */
  readonly database: string
}

/** Defaults used when a variable is unset or empty. */
export const defaults = { port: 8787, host: "127.0.0.1", database: "data/tijian.sqlite" } as const

const parsePort = (text: string): number => {
  const port = /^\d+$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number between 0 and 65535, not "${text}"`)
  }
  return port
}

/**
 * Reads the configuration from an environment (pass `process.env`). Throws an `Error` naming the variable
 * when a value is invalid. Touches nothing on disk: see `ensureDatabaseDirectory`.
 *
 * @example
 * configFromEnv({ PORT: "9000" }, "/srv/tijian") // { port: 9000, host: "127.0.0.1", database: "/srv/tijian/data/tijian.sqlite" }
 */
export const configFromEnv = (
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): ServerConfig => {
  const value = (name: string) => {
    const v = env[name]?.trim()
    return v === undefined || v === "" ? undefined : v
  }
  const port = value("PORT")
  const file = value("TIJIAN_DB") ?? defaults.database
  return {
    port: port === undefined ? defaults.port : parsePort(port),
    host: value("HOST") ?? defaults.host,
    database: file === ":memory:" ? file : resolve(cwd, file),
  }
}

/** Creates the directory that will hold the SQLite file (nothing for `:memory:`). */
export const ensureDatabaseDirectory = (database: string): void => {
  if (database === ":memory:") return
  try {
    mkdirSync(dirname(database), { recursive: true })
  } catch (e) {
    throw new Error(`cannot create the directory of TIJIAN_DB ${database}: ${e instanceof Error ? e.message : String(e)}`)
  }
}

/**
 * A CLI session: the configuration, and the same database the server uses (opened, migrated, given its
 * reference data when empty, as at server start), closed again when the command is done.
 */
import type { Plugin } from "@tijian/core"
import type { Effect } from "effect"
import type { ApiError } from "../errors.js"
import type { Principal } from "../auth/Principal.js"
import { type Config, configFromEnv, ensureDatabaseDirectory } from "../config.js"
import { BUILTIN_PLUGIN_IDS, selectPlugins } from "../plugins.js"
import { type AppRuntime, type AppServices, makeRuntime, runOrThrow } from "../runtime.js"
import { seedReferenceData } from "../seed.js"
import { type CliIo, UserError } from "./io.js"

/** What a command that touches the database receives. */
export interface Session {
  readonly config: Config
  readonly runtime: AppRuntime
  /** Runs an effect on the runtime; a failure is thrown as the error itself. */
  readonly run: <A, E extends ApiError>(effect: Effect.Effect<A, E, AppServices>) => Promise<A>
  /** The current time as an ISO string. */
  readonly now: () => string
}

/** The agency recorded on values the CLI writes when `--agency` is not given. */
export const DEFAULT_CLI_AGENCY = "tijian-cli"

/** The principal the CLI writes as: an admin speaking for `agency`. */
export const cliPrincipal = (agency: string | undefined): Principal => ({
  tokenId: "cli",
  role: "admin",
  agency: agency?.trim() || DEFAULT_CLI_AGENCY,
  region: null,
  plugins: null,
})

/** Reads the configuration (file, then environment) as the server does. */
export const loadConfig = (io: CliIo): Config => configFromEnv(io.env, io.cwd)

/**
 * The plugins a command registers, chosen as the server chooses them: `io.plugins` when given (tests,
 * embedding), else the configured built-in ids and plugin packages, packages found from the directory the command
 * was run in (`io.cwd`, where the configuration was read and checked). A plugin that cannot be enabled is a
 * `UserError` naming it.
 *
 * @example
 * configuredPlugins(io, loadConfig(io)).map((p) => p.id) // ["beauty", "rail", "ecology", "demo-zone"]
 */
export const configuredPlugins = (io: CliIo, config: Config): ReadonlyArray<Plugin> => {
  if (io.plugins) return io.plugins
  try {
    return selectPlugins(config.plugins ?? BUILTIN_PLUGIN_IDS, io.cwd)
  } catch (e) {
    throw new UserError(e instanceof Error ? e.message : String(e), { cause: e })
  }
}

/**
 * Opens the configured database, runs `body`, and closes the database however `body` ends.
 *
 * @example
 * const code = await withSession(io, async (s) => { await s.run(...); return 0 })
 */
export const withSession = async <A>(io: CliIo, body: (session: Session) => Promise<A>): Promise<A> => {
  const config = loadConfig(io)
  ensureDatabaseDirectory(config.database)
  const runtime = makeRuntime({ filename: config.database, plugins: configuredPlugins(io, config), regions: config.regions })
  const now = () => (io.now?.() ?? new Date()).toISOString()
  const session: Session = { config, runtime, run: (effect) => runOrThrow(runtime, effect), now }
  try {
    const seeded = await session.run(seedReferenceData(now()))
    if (seeded > 0) io.stderr(`loaded ${seeded} reference values into ${config.database} (first use of this database)\n`)
    return await body(session)
  } finally {
    await runtime.dispose()
  }
}

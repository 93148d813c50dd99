/**
 * Starting and stopping the server: runtime, reference data on first start, the app on a Node HTTP server.
 */
import { serve } from "@hono/node-server"
import type { Plugin } from "@tijian/core"
import { Effect } from "effect"
import type { AddressInfo } from "node:net"
import { makeApp } from "./app.js"
import { TokenStore } from "./auth/TokenStore.js"
import { makeCalculatorPool } from "./calculators/CalculatorPool.js"
import { apiSettingsOf, ensureDatabaseDirectory, type ServerConfig } from "./config.js"
import { builtinPlugins, selectPlugins } from "./plugins.js"
import { makeRuntime, runOrThrow } from "./runtime.js"
import { pendingReferenceData, seedReferenceData } from "./seed.js"

/** How to make the first admin token, printed at start while there is none. */
export const FIRST_ADMIN_HINT =
  "no admin token exists yet; make the first one with: pnpm tijian tokens create --role admin --agency <your-office>"

/** A listening server. */
export interface RunningServer {
  /** The base URL, with the port actually bound (useful with port 0). */
  readonly url: string
  readonly port: number
  /** How many reference values were loaded at start (0 unless the database was empty). */
  readonly seeded: number
  /** How many usable (unrevoked, unexpired) admin tokens existed at start; 0 means nobody can administer yet. */
  readonly adminTokens: number
  /**
   * Reference values of enabled plugins not in the database, by plugin id (a plugin enabled on a database made
   * before it): `pnpm tijian plugins sync` loads them. Empty when there are none.
   */
  readonly pendingReference: Readonly<Record<string, number>>
  /** Stops accepting connections, waits for open requests, then closes the database. Idempotent. */
  readonly close: () => Promise<void>
}

/** Options for tests and embedding. */
export interface StartOptions {
  /** The plugins to register; default: the built-in plugins named by `config.plugins` (all when absent). */
  readonly plugins?: ReadonlyArray<Plugin>
  /** The clock: stamps the reference data and is the default `asOf` of reports. */
  readonly now?: () => Date
  /** Start a calculator thread at once, so the first run does not wait for one (what `pnpm start` does). Default false. */
  readonly warmCalculators?: boolean
}

/**
 * Opens (creating and migrating if needed) the database, loads the reference data into an empty one, and
 * listens. Fails, having released everything, when the database, the registry or the port is unusable.
 *
 * @example
 * const server = await startServer({ port: 0, host: "127.0.0.1", database: "/tmp/t.sqlite" })
 * await fetch(`${server.url}/api/v1/health`)
 * await server.close()
 */
export const startServer = async (config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> => {
  const now = options.now ?? (() => new Date())
  ensureDatabaseDirectory(config.database)
  const plugins = options.plugins ?? (config.plugins ? selectPlugins(config.plugins) : builtinPlugins)
  const runtime = makeRuntime({
    filename: config.database,
    plugins,
    regions: config.regions ?? "yrd",
    ...(config.warmReports === undefined ? {} : { warmReports: config.warmReports }),
    readOnly: config.readOnly ?? false,
  })
  let seeded: number
  let adminTokens: number
  let pendingReference: Readonly<Record<string, number>>
  try {
    // a read-only instance loads nothing: the primary does, and the replica follows
    seeded = config.readOnly ? 0 : await runOrThrow(runtime, seedReferenceData(now().toISOString()))
    pendingReference = seeded > 0 ? {} : await runOrThrow(runtime, pendingReferenceData)
    adminTokens = await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.countAdmins(now().toISOString())))
  } catch (e) {
    await runtime.dispose()
    throw e
  }
  const settings = apiSettingsOf(config)
  const calculatorPool = makeCalculatorPool({ maxJobs: settings.calculatorMaxJobs, maxHeapMb: settings.calculatorMaxHeapMb })
  const app = makeApp(runtime, { now, settings, calculatorPool, accessLog: config.accessLog ?? false })
  if (options.warmCalculators) calculatorPool.warm().catch((e: unknown) => console.error("could not start a calculator thread:", e))
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host })
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("listening", resolve)
      server.once("error", reject)
    })
  } catch (e) {
    await Promise.all([runtime.dispose(), calculatorPool.close()])
    throw new Error(`cannot listen on ${config.host}:${config.port}: ${e instanceof Error ? e.message : String(e)}`, { cause: e })
  }
  const port = (server.address() as AddressInfo | null)?.port ?? config.port
  const host = config.host.includes(":") ? `[${config.host}]` : config.host
  let closing: Promise<void> | undefined
  const close = () =>
    (closing ??= new Promise<void>((resolve, reject) => {
      // a keep-alive connection whose request finishes after this point is idle too: close those as they come
      const idle = "closeIdleConnections" in server ? setInterval(() => server.closeIdleConnections(), 100) : undefined
      server.close((e) => {
        clearInterval(idle)
        return e ? reject(e) : resolve()
      })
      if ("closeIdleConnections" in server) server.closeIdleConnections()
    }).finally(() => Promise.all([runtime.dispose(), calculatorPool.close()]).then(() => undefined)))
  return { url: `http://${host}:${port}`, port, seeded, adminTokens, pendingReference, close }
}

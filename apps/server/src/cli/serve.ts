/**
 * `tijian serve` (and `pnpm start`): starts the server with the configuration, says how to make the first
 * admin token while there is none, and shuts down cleanly on SIGINT / SIGTERM: stops accepting, finishes the
 * requests in flight, closes the database and the calculator threads, and resolves 0, so `pnpm start` ends
 * without an error line. A signal again more than a second later, or a shutdown taking over 10 s, exits 1 at
 * once; signals within that second are one request (Ctrl-C reaches the server from the terminal and again from
 * each pnpm that runs it).
 */
import { FIRST_ADMIN_HINT, startServer } from "../server.js"
import { readArgs } from "./args.js"
import { type CliIo, EXIT, UsageError, UserError } from "./io.js"
import { configuredPlugins, loadConfig } from "./session.js"

/** Usage of `serve`. */
export const SERVE_USAGE = `usage:
  pnpm tijian serve        (the same as pnpm start)

  Serves the API on HOST:PORT (default 127.0.0.1:8787) over the database TIJIAN_DB (default
  data/tijian.sqlite), with the settings of tijian.config.json and the environment; stop with Ctrl-C.
`

/** Signals within this many ms of the first are the same request to stop (see the module comment). */
const REPEAT_WINDOW_MS = 1000

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

/** Runs `serve`; resolves with the exit code once the server has stopped. */
export const serveCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(argv, {}, SERVE_USAGE)
  if (args.help) {
    io.stdout(SERVE_USAGE)
    return EXIT.ok
  }
  if (args.positionals.length > 0) throw new UsageError(`serve takes no arguments, got "${args.positionals.join(" ")}"`, SERVE_USAGE)
  const config = loadConfig(io)
  const plugins = configuredPlugins(io, config)
  const server = await startServer(config, { warmCalculators: true, plugins, ...(io.now ? { now: io.now } : {}) }).catch(
    (e: unknown) => {
      throw new UserError(`tijian failed to start: ${message(e)}`)
    },
  )
  if (config.file !== null) io.stdout(`configuration from ${config.file}\n`)
  if (server.seeded > 0) io.stdout(`loaded ${server.seeded} reference values into ${config.database} (first start)\n`)
  io.stdout(`tijian listening on ${server.url} (database ${config.database})\n`)
  if (server.adminTokens === 0) io.stdout(`${FIRST_ADMIN_HINT}\n`)
  const pending = Object.entries(server.pendingReference)
  if (pending.length > 0) {
    const which = pending.map(([id, n]) => `${id} ${n}`).join(", ")
    io.stdout(`reference values of enabled plugins are not in this database (${which}); load them with: pnpm tijian plugins sync\n`)
  }

  return new Promise<number>((resolve) => {
    let stoppingSince: number | undefined
    const stop = (signal: NodeJS.Signals) => {
      if (stoppingSince !== undefined) {
        if (Date.now() - stoppingSince < REPEAT_WINDOW_MS) return
        io.stderr(`${signal} again: exiting without waiting\n`)
        process.exit(EXIT.failed)
      }
      stoppingSince = Date.now()
      io.stdout(`${signal} received: closing\n`)
      setTimeout(() => {
        io.stderr("shutdown took over 10 s: exiting\n")
        process.exit(EXIT.failed)
      }, 10_000).unref()
      server.close().then(
        () => {
          io.stdout("tijian stopped\n")
          resolve(EXIT.ok)
        },
        (e: unknown) => {
          io.stderr(`error while closing: ${message(e)}\n`)
          resolve(EXIT.failed)
        },
      )
    }
    process.on("SIGINT", stop)
    process.on("SIGTERM", stop)
  })
}

/**
 * `pnpm start`: reads the configuration from the environment, starts the server, and shuts down cleanly on
 * SIGINT / SIGTERM (a second signal, or a shutdown taking over 10 s, exits at once).
 */
import { configFromEnv } from "./config.js"
import { startServer } from "./server.js"

const message = (e: unknown) => (e instanceof Error ? e.message : String(e))

const main = async () => {
  // `pnpm start` runs from apps/server; relative paths are taken from where the user ran it (INIT_CWD).
  const config = configFromEnv(process.env, process.env.INIT_CWD ?? process.cwd())
  const server = await startServer(config)
  if (server.seeded > 0) console.log(`loaded ${server.seeded} reference values into ${config.database} (first start)`)
  console.log(`tijian listening on ${server.url}`)

  let stopping = false
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`)
      process.exit(1)
    }
    stopping = true
    console.log(`${signal} received: closing`)
    setTimeout(() => {
      console.error("shutdown took over 10 s: exiting")
      process.exit(1)
    }, 10_000).unref()
    server.close().then(
      () => console.log("tijian stopped"),
      (e: unknown) => {
        console.error(`error while closing: ${message(e)}`)
        process.exitCode = 1
      },
    )
  }
  process.on("SIGINT", stop)
  process.on("SIGTERM", stop)
}

main().catch((e: unknown) => {
  console.error(`tijian failed to start: ${message(e)}`)
  process.exitCode = 1
})

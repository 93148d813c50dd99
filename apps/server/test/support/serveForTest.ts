/**
 * A server in its own process for multi-process tests: reads the configuration from the environment (e.g.
 * DATABASE_URL, PORT=0), starts, and prints `READY <url>` on stdout.
 */
import { configFromEnv } from "../../src/config.js"
import { startServer } from "../../src/server.js"

const server = await startServer(configFromEnv(process.env, process.cwd()))
process.stdout.write(`READY ${server.url}\n`)
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)))

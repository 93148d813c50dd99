/**
 * The server the hostile-file tests probe, in its own process so its memory can be measured alone: the
 * configuration from the environment (`TIJIAN_DB`, `PORT=0`, limits, budgets, `TIJIAN_PLUGINS` resolved from the
 * working directory), an admin token made before it listens. Prints `READY <url> <admin token>`.
 */
import { Effect } from "effect"
import { TokenStore } from "../../src/auth/TokenStore.js"
import { configFromEnv } from "../../src/config.js"
import { selectPlugins } from "../../src/plugins.js"
import { makeRuntime, runOrThrow } from "../../src/runtime.js"
import { startServer } from "../../src/server.js"

const config = configFromEnv(process.env, process.cwd())
const setup = makeRuntime({ filename: config.database, plugins: selectPlugins(config.plugins) })
const { token } = await runOrThrow(setup, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "probe" }, new Date().toISOString())))
await setup.dispose()
const server = await startServer(config, { warmCalculators: true })
process.stdout.write(`READY ${server.url} ${token}\n`)
process.on("SIGTERM", () => void server.close().then(() => process.exit(0)))

/**
 * `pnpm start`: the same as `pnpm tijian serve` — reads the configuration (tijian.config.json, then the
 * environment), starts the server, says how to make the first admin token while there is none, and shuts down
 * cleanly on SIGINT / SIGTERM.
 */
import { processIo } from "./cli/io.js"
import { runCli } from "./cli/runCli.js"

process.exitCode = await runCli(["serve", ...process.argv.slice(2)], processIo())

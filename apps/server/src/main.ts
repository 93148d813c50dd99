/**
 * `pnpm start` (and, built, `node apps/server/dist/main.js`): the same as `pnpm tijian serve` — reads the
 * configuration (tijian.config.json, then the environment), starts the server, says how to make the first admin
 * token while there is none, and on SIGINT / SIGTERM stops accepting, finishes the requests in flight, closes
 * the database and the calculator threads, and exits 0.
 */
import { useBuiltPackages } from "./builtPackages.js"

useBuiltPackages(import.meta.url)
const { processIo } = await import("./cli/io.js")
const { runCli } = await import("./cli/runCli.js")

// Exit once the server has stopped, whatever handle a module loader may still hold (a message port stays open
// under Node's module hooks); stdout and stderr are written synchronously to files and pipes on Linux.
process.exit(await runCli(["serve", ...process.argv.slice(2)], processIo()))

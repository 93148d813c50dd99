/**
 * The `tijian` command (`pnpm tijian <command>` from the repository root; built, `node apps/server/dist/cli.js`):
 * tokens, import, calc, serve. See `cli/runCli.ts`; this entry only passes the process's arguments and
 * surroundings and sets the exit code.
 */
import { useBuiltPackages } from "./builtPackages.js"

useBuiltPackages(import.meta.url)
const { processIo } = await import("./cli/io.js")
const { runCli } = await import("./cli/runCli.js")

process.exitCode = await runCli(process.argv.slice(2), processIo())

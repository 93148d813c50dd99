/**
 * The `tijian` command (`pnpm tijian <command>` from the repository root): tokens, import, calc, serve.
 * See `cli/runCli.ts`; this entry only passes the process's arguments and surroundings and sets the exit code.
 */
import { processIo } from "./cli/io.js"
import { runCli } from "./cli/runCli.js"

process.exitCode = await runCli(process.argv.slice(2), processIo())

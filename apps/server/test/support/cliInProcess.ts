/**
 * Running the `tijian` command in process, as the CLI tests do: its output captured, its surroundings (database,
 * folder, clock, plugins) given by the test and read at each run.
 */
import type { CliIo } from "../../src/cli/io.js"
import { runCli } from "../../src/cli/runCli.js"

/** How a run ended and what it printed. */
export interface CliRun {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** The last line of stdout (e.g. the token `tokens create` prints). */
  readonly lastLine: string
}

/**
 * A `cli(...argv)` function running with the surroundings `io()` returns at each call.
 *
 * @example
 * const cli = cliInProcess(() => ({ env: { TIJIAN_DB: "tijian.sqlite" }, cwd: dir }))
 * expect((await cli("tokens", "list")).code).toBe(0)
 */
export const cliInProcess =
  (io: () => Omit<CliIo, "stdout" | "stderr">) =>
  async (...argv: Array<string>): Promise<CliRun> => {
    let stdout = ""
    let stderr = ""
    const code = await runCli(argv, { ...io(), stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t) })
    return { code, stdout, stderr, lastLine: stdout.trimEnd().split("\n").at(-1) ?? "" }
  }

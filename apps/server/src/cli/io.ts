/**
 * What a CLI command works with: where it writes, the environment and directory it runs in, and the two kinds
 * of failure it reports (a wrong command line, exit 2; a request that cannot be done, exit 1).
 */
import type { Plugin } from "@tijian/core"

/** The CLI's surroundings; tests inject their own, the entry point passes the process's. */
export interface CliIo {
  /** Writes text (callers end lines with "\n"). */
  readonly stdout: (text: string) => void
  readonly stderr: (text: string) => void
  /** The environment (configuration variables). */
  readonly env: Readonly<Record<string, string | undefined>>
  /** The directory the user ran the command from: relative paths and `tijian.config.json` are taken from it. */
  readonly cwd: string
  /** The clock. Default: the system clock. */
  readonly now?: () => Date
  /** The plugins to register instead of the configured built-in ones (tests, embedding). */
  readonly plugins?: ReadonlyArray<Plugin>
  /** Whether stderr is a terminal (progress is then redrawn on one line). Default false. */
  readonly interactive?: boolean
}

/** Exit codes. */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const

/** The command line is wrong (unknown command or option, a missing or malformed argument): exit 2 with the usage. */
export class UsageError extends Error {
  override readonly name = "UsageError"
  /** The usage text of the command concerned. */
  readonly usage: string
  constructor(message: string, usage: string) {
    super(message)
    this.usage = usage
  }
}

/** The request is well-formed but cannot be done (unknown region, missing file, no such token): exit 1. */
export class UserError extends Error {
  override readonly name = "UserError"
}

/** The process's own surroundings: stdout, stderr, `process.env`, and the directory pnpm was run from. */
export const processIo = (): CliIo => ({
  stdout: (text) => void process.stdout.write(text),
  stderr: (text) => void process.stderr.write(text),
  env: process.env,
  // `pnpm tijian` and `pnpm start` run from the repository or package root; INIT_CWD is where the user typed it.
  cwd: process.env.INIT_CWD ?? process.cwd(),
  interactive: process.stderr.isTTY === true,
})

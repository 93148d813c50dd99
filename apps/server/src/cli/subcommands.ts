/**
 * Dispatching a command's subcommands (`tokens create`, `agencies set`): no subcommand prints the usage (exit 2),
 * `--help` prints it (exit 0), an unknown one is a usage error naming those there are.
 */
import { type CliIo, EXIT, UsageError } from "./io.js"

/** A subcommand: runs with the arguments after its name and returns the exit code. */
export type Subcommand = (argv: ReadonlyArray<string>, io: CliIo) => Promise<number>

/**
 * Runs the subcommand `argv[0]` of `command`.
 *
 * @example
 * await runSubcommand("agencies", { set, list }, AGENCIES_USAGE, ["list"], io) // runs list([], io)
 */
export const runSubcommand = (
  command: string,
  subcommands: Readonly<Record<string, Subcommand>>,
  usage: string,
  argv: ReadonlyArray<string>,
  io: CliIo,
): Promise<number> => {
  const [sub, ...rest] = argv
  if (sub === undefined || sub === "--help" || sub === "-h" || sub === "help") {
    ;(sub === undefined ? io.stderr : io.stdout)(usage)
    return Promise.resolve(sub === undefined ? EXIT.usage : EXIT.ok)
  }
  const run = Object.hasOwn(subcommands, sub) ? subcommands[sub] : undefined
  if (!run) {
    const names = Object.keys(subcommands)
    throw new UsageError(`unknown ${command} command "${sub}"; use ${names.slice(0, -1).join(", ")} or ${names.at(-1)}`, usage)
  }
  return run(rest, io)
}

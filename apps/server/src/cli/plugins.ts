/**
 * `tijian plugins list | sync`: the enabled plugins, and loading the reference data (published figures) of plugins
 * added since the database was made, which the server loads only into an empty database at first start.
 */
import { Registry } from "@tijian/core"
import { CLI_ACTOR } from "../audit/AuditLog.js"
import { syncReferenceData } from "../seed.js"
import { readArgs } from "./args.js"
import { type CliIo, EXIT, UsageError } from "./io.js"
import { withSession } from "./session.js"
import { runSubcommand } from "./subcommands.js"
import { formatTable } from "./table.js"

/** Usage of `plugins`. */
export const PLUGINS_USAGE = `usage:
  pnpm tijian plugins list
  pnpm tijian plugins sync

  list   the enabled plugins (TIJIAN_PLUGINS or "plugins" in tijian.config.json): id, version, indicators,
         reference values
  sync   loads the reference values of the enabled plugins whose cell (indicator, region, year) holds no value
         yet — a plugin added since the database was made — all or nothing, recorded in the audit log
         (plugins.sync). Values already there, the reference data's or an agency's, are kept; a locked year is
         left alone. Running it again stores nothing.
`

/** Reads a subcommand's arguments (none but --help) and prints the usage when asked: true when it was. */
const askedForHelp = (argv: ReadonlyArray<string>, io: CliIo, command: string): boolean => {
  const args = readArgs(argv, {}, PLUGINS_USAGE)
  if (args.help) io.stdout(PLUGINS_USAGE)
  else if (args.positionals.length > 0) throw new UsageError(`plugins ${command} takes no arguments, got "${args.positionals.join(" ")}"`, PLUGINS_USAGE)
  return args.help
}

const list = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  if (askedForHelp(argv, io, "list")) return EXIT.ok
  return withSession(io, async (s) => {
    const registry = await s.run(Registry.Registry)
    const rows = registry.plugins.map((p) => [p.id, p.version, String(p.indicators.length), String(p.referenceData?.observations.length ?? 0)])
    io.stdout(formatTable(["plugin", "version", "indicators", "reference_values"], rows))
    return EXIT.ok
  })
}

const sync = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  if (askedForHelp(argv, io, "sync")) return EXIT.ok
  return withSession(io, async (s) => {
    const result = await s.run(syncReferenceData(s.now(), CLI_ACTOR))
    const perPlugin = Object.entries(result.storedByPlugin).map(([id, n]) => `${id} ${n}`)
    const stored = result.stored === 0 ? "stored no reference values" : `stored ${result.stored} reference value(s) (${perPlugin.join(", ")})`
    const locked = result.inLockedYears > 0 ? `; ${result.inLockedYears} in locked years not stored (unlock the year, sync, lock it again)` : ""
    io.stdout(`${stored} into ${s.config.database}; ${result.present} already there, kept${locked}\n`)
    return EXIT.ok
  })
}

/** Runs `plugins <list|sync>`; returns the exit code. */
export const pluginsCommand = (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => runSubcommand("plugins", { list, sync }, PLUGINS_USAGE, argv, io)

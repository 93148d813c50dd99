/**
 * `tijian agencies set | list`: agencies' display names in Chinese and English, which reports show in the page's
 * language instead of the agency id (the label tokens carry).
 *
 * The command writes the database directly. A server running on the same database shows new names on its live
 * report pages once something else changes (a new value, a lock, any write through the server) or after a
 * restart, since its cached pages are keyed by the data's write clock, which names do not move; setting names
 * through the server (`PUT /api/v1/agencies/{id}`) shows them at once.
 */
import { Effect } from "effect"
import { AgencyNameStore, agencyNamesProblem } from "../agencies/AgencyNameStore.js"
import { CLI_ACTOR } from "../audit/AuditLog.js"
import { readArgs } from "./args.js"
import { type CliIo, EXIT, UsageError } from "./io.js"
import { withSession } from "./session.js"
import { runSubcommand } from "./subcommands.js"
import { formatTable } from "./table.js"

/** Usage of `agencies`. */
export const AGENCIES_USAGE = `usage:
  pnpm tijian agencies set <id> [--zh <name>] [--en <name>]
  pnpm tijian agencies list [--json]

  set    gives the agency <id> (as its tokens carry it, e.g. suzhou-bureau) a Chinese and/or English name;
         a name not given is kept, an empty one ("") is cleared. Reports show the name in the page's language.
  list   every agency with names
`

const help = (io: CliIo) => {
  io.stdout(AGENCIES_USAGE)
  return EXIT.ok
}

const set = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(argv, { zh: { type: "string" }, en: { type: "string" } }, AGENCIES_USAGE)
  if (args.help) return help(io)
  const [agency, ...extra] = args.positionals
  if (agency === undefined || extra.length > 0) throw new UsageError("agencies set takes one agency id, then --zh and/or --en", AGENCIES_USAGE)
  const names = { zh: args.values.zh, en: args.values.en }
  const problem = agencyNamesProblem(agency, names)
  if (problem) throw new UsageError(problem, AGENCIES_USAGE)
  return withSession(io, async (s) => {
    const { names: stored } = await s.run(Effect.flatMap(AgencyNameStore, (store) => store.set(agency, names, s.now(), CLI_ACTOR)))
    io.stdout(`${stored.agency}: zh ${stored.zh ?? "-"}, en ${stored.en ?? "-"}\n`)
    return EXIT.ok
  })
}

const list = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(argv, { json: { type: "boolean" } }, AGENCIES_USAGE)
  if (args.help) return help(io)
  return withSession(io, async (s) => {
    const agencies = await s.run(Effect.flatMap(AgencyNameStore, (store) => store.list()))
    if (args.values.json) io.stdout(`${JSON.stringify({ agencies }, null, 2)}\n`)
    else if (agencies.length === 0) io.stdout('no agency has names yet; give one with: pnpm tijian agencies set <id> --zh <name> --en "<name>"\n')
    else io.stdout(formatTable(["agency", "name_zh", "name_en", "updated"], agencies.map((a) => [a.agency, a.zh ?? "-", a.en ?? "-", a.updatedAt])))
    return EXIT.ok
  })
}

/** Runs `agencies <set|list> ...`; returns the exit code. */
export const agenciesCommand = (argv: ReadonlyArray<string>, io: CliIo): Promise<number> =>
  runSubcommand("agencies", { set, list }, AGENCIES_USAGE, argv, io)

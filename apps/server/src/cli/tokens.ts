/**
 * `tijian tokens create | list | revoke`: API tokens, made and managed on the server's own machine (the
 * first admin token can only be made this way). A new token is printed once; only its hash is stored.
 */
import { Registry } from "@tijian/core"
import { Effect } from "effect"
import { ROLES, type Role } from "../auth/Principal.js"
import { type TokenInfo, TokenStore } from "../auth/TokenStore.js"
import { positiveInteger, readArgs, required } from "./args.js"
import { type CliIo, EXIT, UsageError, UserError } from "./io.js"
import { withSession } from "./session.js"
import { runSubcommand } from "./subcommands.js"
import { formatTable } from "./table.js"

/** Usage of `tokens`. */
export const TOKENS_USAGE = `usage:
  pnpm tijian tokens create --role agency|approver|reviewer|admin --agency <label> [--region <code>] [--plugins a,b]
                            [--expires-in-days N | --never-expires]
  pnpm tijian tokens list [--json]
  pnpm tijian tokens revoke <id>

  create   makes a token and prints it ALONE on the last line; it is shown only this once.
           --agency     who the token speaks for, recorded on every value it writes (e.g. suzhou-stats-bureau)
           --region     agency tokens (required): the region code whose area they write, e.g. 320500;
                        approver tokens (required): the region or group below which they approve data sets,
                        e.g. 320000 (Jiangsu's cities), DEMO-ZONE (Qingpu, Wujiang, Jiashan)
           --plugins    limit the token to these plugins' indicators or data sets (default: all)
           --expires-in-days  days until it expires (default: tokenDefaultExpiryDays, else never)
  list     every token with role, agency, region, plugins, created, expires, revoked (never the secret)
  revoke   stops a token from working at once (give its id from \`tokens list\`, or the token itself)
`

const day = 24 * 60 * 60 * 1000

/** `2025-03-01T08:30:00.000Z` as `2025-03-01 08:30Z`; null as `-`. */
const shortTime = (iso: string | null) => (iso === null ? "-" : `${iso.slice(0, 10)} ${iso.slice(11, 16)}Z`)

const help = (io: CliIo) => {
  io.stdout(TOKENS_USAGE)
  return EXIT.ok
}

const describeScope = (t: Pick<TokenInfo, "role" | "region" | "plugins">) =>
  `${t.region === null ? "all regions" : t.role === "approver" ? `approves the regions below ${t.region}` : `region ${t.region} and the regions within it`}, ${t.plugins === null ? "all plugins" : `plugins ${t.plugins.join(", ")}`}`

const create = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(
    argv,
    {
      role: { type: "string" },
      agency: { type: "string" },
      region: { type: "string" },
      plugins: { type: "string" },
      "expires-in-days": { type: "string" },
      "never-expires": { type: "boolean" },
    },
    TOKENS_USAGE,
  )
  if (args.help) return help(io)
  if (args.positionals.length > 0) throw new UsageError(`tokens create takes no arguments besides options, got "${args.positionals.join(" ")}"`, TOKENS_USAGE)
  const role = required(args.values.role, "role", TOKENS_USAGE)
  if (!ROLES.includes(role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(", ")}, not "${role}"`, TOKENS_USAGE)
  const agency = required(args.values.agency, "agency", TOKENS_USAGE)
  const region = args.values.region?.trim() || null
  if (role === "agency" && region === null) {
    throw new UsageError("an agency token needs --region <code>: the region whose area it writes (e.g. --region 320500 for Suzhou, Jiangsu)", TOKENS_USAGE)
  }
  if (role === "approver" && region === null) {
    throw new UsageError("an approver token needs --region <code>: the region or group below which it approves (e.g. --region 320000 for Jiangsu's cities, --region DEMO-ZONE for its three members)", TOKENS_USAGE)
  }
  if (role !== "agency" && role !== "approver" && region !== null) throw new UsageError(`--region is for agency and approver tokens only; a ${role} token is not limited to a region`, TOKENS_USAGE)
  const plugins = args.values.plugins === undefined ? null : args.values.plugins.split(",").map((p) => p.trim()).filter((p) => p !== "")
  if (plugins !== null && plugins.length === 0) throw new UsageError("--plugins needs at least one plugin id, e.g. --plugins rail,ecology", TOKENS_USAGE)
  const days = args.values["expires-in-days"]
  if (days !== undefined && args.values["never-expires"]) throw new UsageError("give --expires-in-days or --never-expires, not both", TOKENS_USAGE)
  const expiresInDays = days === undefined ? undefined : positiveInteger(days, "expires-in-days", TOKENS_USAGE)

  return withSession(io, async (s) => {
    const registry = await s.run(Registry.Registry)
    if (region !== null && !registry.regions.get(region) && !(role === "approver" && registry.regions.group(region))) {
      const group = registry.regions.group(region)
      throw new UserError(
        group
          ? `${region} is a group of regions (${group.nameEn}); an agency token writes one region and the regions within it: give a region code such as ${group.members[0] ?? "320500"}`
          : `no region ${region}; give a GB/T 2260 region code such as 320500 (Suzhou, Jiangsu) or 310000 (Shanghai)`,
      )
    }
    const unknown = (plugins ?? []).filter((p) => !registry.plugin(p))
    if (unknown.length > 0) throw new UserError(`unknown plugin(s) ${unknown.join(", ")}; the plugins are ${registry.plugins.map((p) => p.id).join(", ")}`)
    const now = s.now()
    const validDays = args.values["never-expires"] ? null : (expiresInDays ?? s.config.tokenDefaultExpiryDays)
    const expiresAt = validDays === null ? null : new Date(Date.parse(now) + validDays * day).toISOString()
    const { token, info } = await s.run(Effect.flatMap(TokenStore, (t) => t.create({ role: role as Role, agency, region, plugins, expiresAt }, now)))
    io.stdout(`created ${info.role} token ${info.id} for ${info.agency} (${describeScope(info)}), expires ${expiresAt === null ? "never" : shortTime(expiresAt)}\n`)
    io.stdout("the token is shown only this once: store it now (send it as Authorization: Bearer <token>)\n")
    io.stdout(`${token}\n`)
    return EXIT.ok
  })
}

const list = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(argv, { json: { type: "boolean" } }, TOKENS_USAGE)
  if (args.help) return help(io)
  return withSession(io, async (s) => {
    const tokens = await s.run(Effect.flatMap(TokenStore, (t) => t.list()))
    if (args.values.json) {
      io.stdout(`${JSON.stringify({ tokens }, null, 2)}\n`)
      return EXIT.ok
    }
    if (tokens.length === 0) {
      io.stdout("no tokens yet; make the first with: pnpm tijian tokens create --role admin --agency <your-office>\n")
      return EXIT.ok
    }
    const rows = tokens.map((t) => [
      t.id,
      t.role,
      t.agency,
      t.region ?? "-",
      t.plugins?.join(",") ?? "all",
      shortTime(t.createdAt),
      shortTime(t.expiresAt),
      shortTime(t.revokedAt),
    ])
    io.stdout(formatTable(["id", "role", "agency", "region", "plugins", "created", "expires", "revoked"], rows))
    return EXIT.ok
  })
}

const revoke = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(argv, {}, TOKENS_USAGE)
  if (args.help) return help(io)
  const [given, ...extra] = args.positionals
  if (given === undefined || extra.length > 0) throw new UsageError("tokens revoke takes one token id (see `pnpm tijian tokens list`)", TOKENS_USAGE)
  // A pasted token `tj_<id>_<secret>` names its id.
  const id = /^tj_([0-9a-f]{16})_/.exec(given)?.[1] ?? given
  return withSession(io, async (s) => {
    const tokens = await s.run(Effect.flatMap(TokenStore, (t) => t.list()))
    const found = tokens.find((t) => t.id === id)
    if (!found) throw new UserError(`no token with id ${id}; \`pnpm tijian tokens list\` shows the ids`)
    if (found.revokedAt !== null) throw new UserError(`token ${id} (${found.role}, ${found.agency}) was already revoked at ${shortTime(found.revokedAt)}`)
    await s.run(Effect.flatMap(TokenStore, (t) => t.revoke(id, s.now())))
    io.stdout(`revoked token ${id} (${found.role}, ${found.agency}); requests with it now get 401\n`)
    return EXIT.ok
  })
}

/** Runs `tokens <create|list|revoke> ...`; returns the exit code. */
export const tokensCommand = (argv: ReadonlyArray<string>, io: CliIo): Promise<number> =>
  runSubcommand("tokens", { create, list, revoke }, TOKENS_USAGE, argv, io)

/**
 * `tijian composites [<indicator> <scope> <year>]`: the composites plugins declare, or one composite's ranking of a
 * group's members (or a region's children) with rank intervals and the choice that moves each rank most — the
 * numbers of `GET /api/v1/composites/{indicator}/{scope}/{year}`, as a table.
 */
import { canonicalTime, Engine, Registry } from "@tijian/core"
import { Effect } from "effect"
import { badYearMessage, yearOf } from "../endpoint/parameters.js"
import { readArgs } from "./args.js"
import { type CliIo, EXIT, UsageError } from "./io.js"
import { withSession } from "./session.js"
import { formatTable } from "./table.js"

/** Usage of `composites`. */
export const COMPOSITES_USAGE = `usage:
  pnpm tijian composites                                  the declared composites
  pnpm tijian composites <indicator> <scope> <year> [--as-of <time>] [--json]
                                                          rank a group's members (or a region's children)

  The ranking: each member's composite and rank under the declared weights and method, its median rank and
  5th-95th percentile rank interval over seeded runs that vary the weights, the aggregation, the normalisation
  and (where a member lacks an input) the imputation, and the choice with the largest total Sobol' index for its
  rank. "!" marks a rank interval wider than a tenth of the ranked members (not robust). --json prints the API's
  JSON instead. Example: pnpm tijian composites beauty.composite YRD-CENTRAL-27 2022
`

const fixed = (x: number | null, digits: number) => (x === null ? "-" : x.toFixed(digits).replace(/\.?0+$/, ""))

/** Runs `composites`; returns the exit code. */
export const compositesCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(argv, { "as-of": { type: "string" }, json: { type: "boolean" } }, COMPOSITES_USAGE)
  if (args.help) {
    io.stdout(COMPOSITES_USAGE)
    return EXIT.ok
  }
  const [indicator, scope, yearText, ...extra] = args.positionals
  if (indicator !== undefined && yearText === undefined) throw new UsageError("give the indicator, the scope and the year, e.g. beauty.composite YRD-CENTRAL-27 2022", COMPOSITES_USAGE)
  if (extra.length > 0) throw new UsageError(`composites takes three arguments, got also "${extra.join(" ")}"`, COMPOSITES_USAGE)
  if (indicator === undefined) {
    return withSession(io, async (s) => {
      const registry = await s.run(Registry.Registry)
      const rows = registry.composites.map(({ plugin, composite: c }) => [
        c.indicator,
        plugin.id,
        c.method,
        Object.entries(c.weights).map(([id, w]) => `${id} ${w}`).join(", "),
      ])
      io.stdout(rows.length === 0 ? "no plugin declares a composite\n" : formatTable(["indicator", "plugin", "method", "weights"], rows))
      return EXIT.ok
    })
  }
  const year = yearOf(yearText!)
  if (year === undefined) throw new UsageError(badYearMessage(yearText!), COMPOSITES_USAGE)
  const asOfText = args.values["as-of"]
  const asOf = asOfText === undefined ? undefined : canonicalTime(asOfText)
  if (asOfText !== undefined && asOf === undefined) throw new UsageError(`--as-of must be an ISO-8601 date or date-time with a zone, not "${asOfText}"`, COMPOSITES_USAGE)
  return withSession(io, async (s) => {
    const r = await s.run(Effect.flatMap(Engine.Engine, (e) => e.composite({ indicator, scope: scope!, year, asOf })))
    if (args.values.json) {
      io.stdout(`${JSON.stringify(r, null, 2)}\n`)
      return EXIT.ok
    }
    const rows = r.members.map((m) => [
      m.code,
      m.name.en,
      fixed(m.composite, 2),
      fixed(m.rank, 0),
      fixed(m.medianRank, 1),
      m.rankInterval ? `${fixed(m.rankInterval[0], 2)}-${fixed(m.rankInterval[1], 2)}${m.notRobust ? " !" : ""}` : "-",
      m.mostInfluential ?? (m.rank === null ? `missing ${m.missing.join(", ")}` : "-"),
      m.mostInfluential ? fixed(m.sensitivity!.find((x) => x.factor === m.mostInfluential)!.total, 2) : "-",
    ])
    const varied = r.factors.map((f) => (f.factor === "weights" ? `weights (${f.count} sets, ±${r.perturbation * 100}%)` : `${f.factor} (${f.alternatives.join(" | ")})`))
    io.stdout(
      `${r.name.en} (${r.indicator}), members of ${r.scope.code} ${r.scope.name.en}, ${r.year}, as of ${r.asOf}\n` +
        `varied: ${varied.join("; ")}; ${r.runs} runs, seed ${r.seed}; "!" = interval wider than ${r.robustWidth} place(s)\n` +
        r.skipped.map((x) => `note: ${x}\n`).join("") +
        "\n" +
        formatTable(["code", "member", "composite", "rank", "median", "interval_5_95", "moved_most_by", "total_index"], rows, [2, 3, 4, 7]),
    )
    return EXIT.ok
  })
}

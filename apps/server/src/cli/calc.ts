/**
 * `tijian calc <calculator-id> --input name=path ... --param key=value ... --region R --year Y`: runs a
 * calculator on local files (read where they are, never copied), shows progress on stderr, prints the values
 * as a table or JSON, and with `--commit` stores them through the one write path.
 */
import { provenanceSource, Registry, YEAR_RANGE } from "@tijian/core"
import { statSync } from "node:fs"
import { basename, resolve } from "node:path"
import { describeCalculator, findCalculator, unknownCalculatorMessage } from "../calculators/catalog.js"
import { commitRun, runJson, sourcedValues } from "../calculators/commitRun.js"
import { type CalculatorEntry, runWithBudget } from "../calculators/runWithBudget.js"
import { observationJson } from "../routes/observations.js"
import { keyValues, positiveInteger, readArgs, required } from "./args.js"
import { type CliIo, EXIT, UsageError, UserError } from "./io.js"
import { cliPrincipal, DEFAULT_CLI_AGENCY, withSession } from "./session.js"
import { formatTable } from "./table.js"

/** Usage of `calc`. */
export const CALC_USAGE = `usage:
  pnpm tijian calc <calculator-id> --input name=path ... [--param key=value ...] --region <code> --year <year>
                   [--commit [--revise] [--agency <label>]] [--json] [--timeout-seconds N]
  pnpm tijian calc --list

  Runs a calculator on local files and prints its values with their provenance (input SHA-256, parameters).
  Nothing is stored unless --commit is given; then the values are written as an admin for --agency
  (default ${DEFAULT_CLI_AGENCY}), all or nothing, and the run (inputs' SHA-256, parameters, tables) is
  recorded with them: the report of --region and --year shows its tables. A cell that already holds a
  different value is refused unless --revise is given. --list shows the calculators with their inputs
  and parameters.
`

const PROGRESS_EVERY_MS = 1000

/**
 * A progress reporter for long runs: silent for the first second, then at most one line a second (redrawn in
 * place on a terminal) with the elapsed time.
 */
const progressReporter = (io: CliIo, started: number) => {
  let last = started
  let drawn = false
  const report = (done: number, total: number, message: string) => {
    const now = Date.now()
    if (now - last < PROGRESS_EVERY_MS) return
    last = now
    const share = total > 0 ? ` (${Math.round((done / total) * 100)}%)` : ""
    const line = `[${Math.round((now - started) / 1000)} s] ${done}/${total}${share} ${message}`
    io.stderr(io.interactive ? `\r\x1b[K${line}` : `${line}\n`)
    drawn = true
  }
  const end = () => {
    if (drawn && io.interactive) io.stderr("\n")
  }
  return { report, end }
}

const listCalculators = (entries: ReadonlyArray<CalculatorEntry>, io: CliIo) => {
  if (entries.length === 0) {
    io.stdout("no calculators: none of the enabled plugins declares one (TIJIAN_PLUGINS chooses the plugins)\n")
    return
  }
  for (const d of entries.map(describeCalculator)) {
    io.stdout(`${d.id} (${d.plugin}): ${d.name.en} / ${d.name.zh}\n  ${d.description.en}\n  produces ${d.produces.join(", ")}\n`)
    for (const i of d.inputs) io.stdout(`  --input ${i.name}=<${i.format} file>${i.required ? "" : " (optional)"}  ${i.description.en}\n`)
    for (const p of d.parameters) {
      const dflt = p.default === null ? " (required)" : ` (default ${Array.isArray(p.default) ? p.default.join(",") || "none" : String(p.default)})`
      io.stdout(`  --param ${p.name}=<${p.type}>${dflt}  ${p.description.en}\n`)
    }
  }
}

/** Runs `calc ...`; returns the exit code. */
export const calcCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(
    argv,
    {
      input: { type: "string", multiple: true },
      param: { type: "string", multiple: true },
      region: { type: "string" },
      year: { type: "string" },
      commit: { type: "boolean" },
      revise: { type: "boolean" },
      agency: { type: "string" },
      json: { type: "boolean" },
      list: { type: "boolean" },
      "timeout-seconds": { type: "string" },
    },
    CALC_USAGE,
  )
  if (args.help) {
    io.stdout(CALC_USAGE)
    return EXIT.ok
  }
  if (args.values.list) {
    return withSession(io, async (s) => {
      listCalculators((await s.run(Registry.Registry)).calculators, io)
      return EXIT.ok
    })
  }

  const [id, ...extra] = args.positionals
  if (id === undefined) throw new UsageError("give the calculator id first, e.g. pnpm tijian calc rail.access --input ... (calc --list shows them)", CALC_USAGE)
  if (extra.length > 0) throw new UsageError(`calc takes one calculator id, got also "${extra.join(" ")}"`, CALC_USAGE)
  const region = required(args.values.region, "region", CALC_USAGE)
  const yearText = required(args.values.year, "year", CALC_USAGE)
  const year = /^\d{4}$/.test(yearText) ? Number(yearText) : Number.NaN
  if (!(year >= YEAR_RANGE.min && year <= YEAR_RANGE.max)) {
    throw new UsageError(`--year must be a year between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}, not "${yearText}"`, CALC_USAGE)
  }
  if (args.values.revise && !args.values.commit) throw new UsageError("--revise only applies with --commit", CALC_USAGE)
  const inputs = keyValues(args.values.input, "input", CALC_USAGE)
  const params = Object.fromEntries(keyValues(args.values.param, "param", CALC_USAGE))
  const timeout = args.values["timeout-seconds"]
  const timeoutMs = timeout === undefined ? undefined : positiveInteger(timeout, "timeout-seconds", CALC_USAGE) * 1000

  return withSession(io, async (s) => {
    const registry = await s.run(Registry.Registry)
    const entry = findCalculator(registry, id)
    if (!entry) throw new UserError(`${unknownCalculatorMessage(registry, id)} (pnpm tijian calc --list shows them)`)
    const names = entry.calculator.inputs.map((i) => i.name)
    const files: Record<string, { filename: string; path: string }> = {}
    for (const [name, given] of inputs) {
      if (!names.includes(name)) {
        throw new UsageError(`${id} has no input "${name}"; its inputs are ${names.map((n) => `--input ${n}=<path>`).join(", ") || "none"}`, CALC_USAGE)
      }
      if (files[name]) throw new UsageError(`--input ${name} is given twice`, CALC_USAGE)
      const path = resolve(io.cwd, given)
      const stat = statSync(path, { throwIfNoEntry: false })
      if (!stat?.isFile()) throw new UserError(`--input ${name}=${given}: ${stat ? "is not a file" : "no such file"} (${path})`)
      files[name] = { filename: basename(path), path }
    }
    if (!registry.regions.has(region)) throw new UserError(`no region or group ${region}; give a GB/T 2260 code such as 320500, or a group such as DEMO-ZONE`)

    const started = Date.now()
    const progress = progressReporter(io, started)
    const { output, provenance } = await runWithBudget(
      entry,
      { inputs: files, params, region, year, regions: registry.regions, progress: progress.report },
      { timeoutMs, budgetHint: "give a larger --timeout-seconds", limits: s.config.inputLimits },
    ).finally(progress.end)
    const tookMs = Date.now() - started
    if (tookMs >= PROGRESS_EVERY_MS) io.stderr(`${id} finished in ${(tookMs / 1000).toFixed(1)} s\n`)
    const values = sourcedValues(output, provenance)
    const tables = output.tables ?? []
    const committed = args.values.commit
      ? await s.run(commitRun(cliPrincipal(args.values.agency), { output, provenance, region, year }, s.now(), { revise: args.values.revise === true }))
      : undefined
    const written = committed?.written

    if (args.values.json) {
      const stored = committed ? { stored: committed.written.stored.map(observationJson), unchanged: committed.written.unchanged, run: runJson(committed.run) } : {}
      io.stdout(`${JSON.stringify({ calculator: id, provenance, values, tables, ...stored }, null, 2)}\n`)
      return EXIT.ok
    }
    // a breakdown column only when the run broke a value down
    const breakdownOf = (v: (typeof values)[number]) => Object.entries(v.dimensions ?? {}).map(([d, c]) => `${d}=${c}`).join(";")
    const broken = values.some((v) => breakdownOf(v) !== "")
    const rows = values.map((v) => [v.indicator, ...(broken ? [breakdownOf(v)] : []), v.region, String(v.year), String(v.value), v.note ?? ""])
    io.stdout(formatTable(["indicator", ...(broken ? ["breakdown"] : []), "region", "year", "value", "note"], rows, [broken ? 4 : 3]))
    for (const t of tables) {
      io.stdout(`\n${t.title.en} / ${t.title.zh}\n`)
      io.stdout(formatTable(t.columns.map((c) => c.name.en), t.rows.map((r) => t.columns.map((c) => String(r[c.id] ?? "")))))
    }
    io.stdout(`\nsource: ${provenanceSource(provenance)}\n`)
    io.stdout(
      committed && written
        ? `stored ${written.stored.length} value(s), ${written.unchanged} unchanged; recorded run ${committed.run.id} at ${committed.run.committedAt} (its tables show in the ${region} ${year} report)\n`
        : "nothing was stored (a dry run); add --commit to store these values\n",
    )
    return EXIT.ok
  })
}

/**
 * The recorded runs of a calculator: the history a reviewer reads to see which files (by SHA-256), parameters and
 * agency each committed value rests on, superseded runs included (a report shows only the latest of each scope and
 * year). `GET /calculators/{id}/runs` lists them newest first a page at a time; `.../runs/{run}` is one in full.
 */
import { CalculatorRuns, NotFound, Registry } from "@tijian/core"
import { Effect, Schema } from "effect"
import { findCalculator, unknownCalculatorMessage } from "../calculators/catalog.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { optional, RegionParam, TextParam, WholeNumberParam, YearParam } from "../endpoint/parameters.js"
import { BadRequest } from "../errors.js"
import type { Deps } from "../http.js"
import { CalculatorRunHistory, CommittedCalculatorRun } from "../openapi/calculatorRunSchemas.js"
import { notFound } from "../openapi/examples.js"
import { error, ok } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"

/** Runs a page holds by default, and at most. */
const DEFAULT_LIMIT = 20
const MAX_LIMIT = 200

const CalculatorId = TextParam("Calculator id (see GET /calculators).", "ecology.redline-integrity")

/** The calculator named in the path, or a 404 with the closest ids. */
const calculatorOf = async (deps: Deps, id: string) => {
  const registry = await runOrThrow(deps.runtime, Registry.Registry)
  if (!findCalculator(registry, id)) throw new NotFound({ reason: "calculator", message: `${unknownCalculatorMessage(registry, id)} (GET /api/v1/calculators lists them)` })
  return registry
}

/** A run without its tables' rows (the listing says their names and sizes). */
const runJson = ({ tables, ...run }: CalculatorRuns.CommittedRun) => ({ ...run, tables: tables.map((t) => ({ id: t.id, title: t.title, rows: t.rows.length })) })

const runHref = (run: CalculatorRuns.CommittedRun) => `/api/v1/calculators/${encodeURIComponent(run.calculator)}/runs/${run.id}`

export const listCalculatorRuns = defineEndpoint({
  method: "get",
  path: "/calculators/{id}/runs",
  operationId: "listCalculatorRuns",
  tag: "Calculators",
  access: "read",
  summary: "The recorded runs of a calculator",
  description: `Every committed run of the calculator, newest first: when, by which agency, for which region and year, on which files (name, size, SHA-256) and parameters, how many values it stored, and its tables by name and size (\`href\` has them in full). A report shows only the latest run of its scope and year; this is the whole history, superseded runs included. Filter by \`region\` and \`year\`; \`limit\` runs a page (default ${DEFAULT_LIMIT}, at most ${MAX_LIMIT}); \`next\` is the next page.`,
  params: Schema.Struct({ id: CalculatorId }),
  query: Schema.Struct({
    region: optional(RegionParam),
    year: optional(YearParam("Only runs for this year.")),
    limit: optional(WholeNumberParam("limit", 1, MAX_LIMIT, `Runs a page (default ${DEFAULT_LIMIT}).`, DEFAULT_LIMIT)),
    before: optional(WholeNumberParam("before", 1, Number.MAX_SAFE_INTEGER, "Only runs recorded before the run with this id (what `next` carries).", 12)),
  }),
  responses: {
    200: ok("The runs, newest first.", CalculatorRunHistory),
    400: error("A filter does not parse, or the region is not a known code.", "bad-request", 'limit must be a whole number from 1 to 200, not "0"'),
    404: notFound("calculator", 'no calculator "ecology.nope"; ... (GET /api/v1/calculators lists them)'),
  },
  handle: async ({ deps, params, query, reply }) => {
    const registry = await calculatorOf(deps, params.id)
    if (query.region !== undefined && !registry.regions.has(query.region)) {
      throw new BadRequest({ message: `region "${query.region}" is not a known region or group code (GB/T 2260 code, e.g. 320500; GET /api/v1/regions lists them)` })
    }
    const limit = query.limit ?? DEFAULT_LIMIT
    const found = await runOrThrow(
      deps.runtime,
      Effect.flatMap(CalculatorRuns.CalculatorRuns, (s) =>
        s.history({
          calculator: params.id,
          ...(query.region === undefined ? {} : { region: query.region }),
          ...(query.year === undefined ? {} : { year: query.year }),
          ...(query.before === undefined ? {} : { before: query.before }),
          limit: limit + 1,
        }),
      ),
    )
    const page = found.slice(0, limit)
    const next =
      found.length > limit
        ? `/api/v1/calculators/${encodeURIComponent(params.id)}/runs?${new URLSearchParams({
            ...(query.region === undefined ? {} : { region: query.region }),
            ...(query.year === undefined ? {} : { year: String(query.year) }),
            limit: String(limit),
            before: String(page.at(-1)!.id),
          }).toString()}`
        : null
    return reply(200, {
      runs: page.map((run) => ({ ...runJson(run), href: runHref(run) })),
      next,
    })
  },
})

export const getCalculatorRun = defineEndpoint({
  method: "get",
  path: "/calculators/{id}/runs/{run}",
  operationId: "getCalculatorRun",
  tag: "Calculators",
  access: "read",
  summary: "One recorded run of a calculator, in full",
  description: "The run as recorded when its values were committed: files (name, size, SHA-256), parameters, agency, time, and every table it produced.",
  params: Schema.Struct({ id: CalculatorId, run: WholeNumberParam("run", 1, Number.MAX_SAFE_INTEGER, "The run's number (see .../runs).", 1) }),
  responses: {
    200: ok("The run.", CommittedCalculatorRun),
    400: error("The run number does not parse.", "bad-request", 'run must be a whole number from 1 to 9007199254740991, not "x"'),
    404: notFound("calculator", 'calculator ecology.redline-integrity has no run 7 (GET .../runs lists them)'),
  },
  handle: async ({ deps, params, reply }) => {
    await calculatorOf(deps, params.id)
    const run = await runOrThrow(deps.runtime, Effect.flatMap(CalculatorRuns.CalculatorRuns, (s) => s.get(params.run)))
    if (run === undefined || run.calculator !== params.id) {
      throw new NotFound({ reason: "calculator", message: `calculator ${params.id} has no run ${params.run} (GET /api/v1/calculators/${params.id}/runs lists them)` })
    }
    return reply(200, run)
  },
})

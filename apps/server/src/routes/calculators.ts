/**
 * Calculator endpoints: list the calculators, and run one on uploaded files — a dry run by default (the values
 * with their provenance, nothing stored), or `?commit=true` to store them through the one write path and record the
 * run (its tables shown in the report).
 */
import { type Calculator, DEFAULT_INPUT_LIMITS, NotFound, Registry } from "@tijian/core"
import { Schema } from "effect"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { outOfScope } from "../auth/scope.js"
import { describeCalculator, findCalculator, unknownCalculatorMessage } from "../calculators/catalog.js"
import { commitRun, runJson, sourcedValues } from "../calculators/commitRun.js"
import { receiveForm } from "../calculators/multipart.js"
import { DEFAULT_CALCULATOR_TIMEOUT_MS } from "../calculators/runWithBudget.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { badYearMessage, FlagParam, optional, TextParam, yearOf } from "../endpoint/parameters.js"
import { BadRequest, Forbidden } from "../errors.js"
import { type Deps, requirePrincipal } from "../http.js"
import * as C from "../openapi/calculatorSchemas.js"
import { conflict, notFound, staleMessage, tooLarge } from "../openapi/examples.js"
import * as S from "../openapi/schemas.js"
import { binary, error, ok } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"
import { observationJson } from "./observations.js"

/** The text fields of a run, beside one file part per input. */
const FIELDS = ["region", "year", "params"] as const

/** What a run's form should hold, for error messages. */
const expectedForm = (calculator: Calculator) => {
  const inputs = calculator.inputs.map((i) => `"${i.name}" (${i.format}${i.required ? "" : ", optional"})`)
  return `send one file part per input (${inputs.join(", ") || "none"}) and the text fields region (e.g. 320500), year (e.g. 2024) and params (a JSON object, optional)`
}

/** Reads the region, year and params fields. */
const readFields = (fields: Readonly<Record<string, string>>, registry: Registry.RegistryService, expected: string) => {
  const region = fields.region?.trim()
  if (!region) throw new BadRequest({ message: `the field "region" is missing; ${expected}` })
  if (!registry.regions.has(region)) {
    throw new BadRequest({ message: `region "${region}" is not a known region or group code (GB/T 2260 code, e.g. 320500; GET /api/v1/regions lists them)` })
  }
  if (fields.year === undefined) throw new BadRequest({ message: `the field "year" is missing; ${expected}` })
  const year = yearOf(fields.year.trim())
  if (year === undefined) throw new BadRequest({ message: badYearMessage(fields.year.trim()) })
  let params: unknown = {}
  if (fields.params !== undefined && fields.params.trim() !== "") {
    try {
      params = JSON.parse(fields.params)
    } catch (e) {
      throw new BadRequest({ message: `the field "params" is not valid JSON (${e instanceof Error ? e.message : String(e)}); send an object such as {"scale": 2}` })
    }
  }
  if (typeof params !== "object" || params === null || Array.isArray(params)) {
    throw new BadRequest({ message: `the field "params" must be a JSON object such as {"scale": 2}, not ${fields.params}` })
  }
  return { region, year, params: params as Record<string, unknown> }
}

const registryOf = (deps: Deps) => runOrThrow(deps.runtime, Registry.Registry)

export const listCalculators = defineEndpoint({
  method: "get",
  path: "/calculators",
  operationId: "listCalculators",
  tag: "Calculators",
  access: "read",
  summary: "List calculators",
  description: "Every calculator the registered plugins declare: its input files (the multipart field names of a run), parameters with defaults, and the indicators it produces.",
  responses: { 200: ok("The calculators.", C.CalculatorList) },
  handle: async ({ deps, reply }) => reply(200, { calculators: (await registryOf(deps)).calculators.map(describeCalculator) }),
})

export const runCalculator = defineEndpoint({
  method: "post",
  path: "/calculators/{id}/runs",
  operationId: "runCalculator",
  tag: "Calculators",
  access: "agency",
  summary: "Run a calculator (preview, or commit its values)",
  description:
    "Runs the calculator on uploaded files within the server's time budget. Without `commit` it answers 200 with the values it would store; with `commit=true` it stores them through the same path as `POST /observations` (all or nothing, scope, locks) and, in the same transaction, records the run (inputs' SHA-256, parameters, tables; `run` in the answer), and answers 201. The report of the run's region and year shows the tables of the latest committed run of each calculator in its plugin's section. A run whose values are all unchanged stores none and is still recorded. Every value's `source` names the calculator, the plugin version, each input's SHA-256 and the parameters.",
  params: Schema.Struct({ id: TextParam("Calculator id (see GET /calculators).", "rail.station-catchment") }),
  query: Schema.Struct({
    commit: optional(FlagParam("commit", "true: store the values (201); otherwise preview them (200).")),
    revise: optional(FlagParam("revise", "With commit: revise cells that already hold a different value (else such a cell is a 409).")),
  }),
  body: {
    description: "A multipart form: one file part per calculator input, named after the input; the text fields `region` and `year` the values belong to; `params`, a JSON object of parameter values.",
    content: {
      "multipart/form-data": {
        schema: {
          type: "object",
          required: ["region", "year"],
          properties: {
            region: { type: "string", description: "Region or group code the run is for.", examples: ["320500"] },
            year: { type: "integer", description: "The year the values belong to.", examples: [2024] },
            params: { type: "object", description: "Parameter values; omitted ones take their defaults.", examples: [{ scale: 2 }] },
          },
          additionalProperties: { ...binary, description: "One file per calculator input, the part named after the input." },
        },
        encoding: { params: { contentType: "application/json" } },
      },
    },
  },
  responses: {
    200: ok("The preview: what the run computed; nothing was stored.", C.CalculatorPreview),
    201: ok("Committed: the values were stored and the run recorded.", C.CalculatorCommit),
    400: error("The form cannot be read, a part is unexpected, or region, year, params or a flag is missing or malformed.", "bad-request", 'the field "region" is missing; send one file part per input ...'),
    404: notFound("calculator", 'no calculator "rail.nope"; ... (GET /api/v1/calculators lists them)'),
    409: conflict("Committing would revise a cell without `revise=true`, or a year is locked; nothing was stored.", staleMessage, "stale-revision"),
    413: tooLarge("upload"),
    415: error("The body is not multipart/form-data.", "unsupported-media-type", 'send the inputs as multipart/form-data (got Content-Type "application/json"); ...'),
    422: error(
      "An input or parameter is invalid; nothing was stored. `details` names the input, row and field. (On commit, invalid values answer 422 invalid-observations with row problems, and values a validation rule of severity `error` refuses 422 rule-violations.)",
      "invalid-calculator-input",
      'rail.station-catchment needs input "gtfs" (gtfs-zip)',
      S.InputProblemsError,
      [{ file: "gtfs", message: 'required input "gtfs" (gtfs-zip) was not given' }],
    ),
    429: {
      ...error(
        "Every calculator slot is taken (`calculatorMaxJobs` runs at once, default one per core); nothing was run. Retry after `Retry-After` seconds.",
        "too-many-calculator-runs",
        "1 calculator run(s) are going, the most this server takes at once (calculatorMaxJobs); retry in a few seconds",
      ),
      headers: { "Retry-After": { description: "Seconds to wait before retrying.", schema: { type: "integer" } } },
    },
    503: error(
      "The run did not finish within the time budget (`calculatorTimeoutSeconds`); its thread was stopped and nothing was stored. Overload or an input too heavy for the budget, not bad input.",
      "calculator-timeout",
      "rail.commute-access did not finish within its time budget of 300 s and was stopped; nothing was stored. Try smaller inputs, or raise calculatorTimeoutSeconds (TIJIAN_CALCULATOR_TIMEOUT_SECONDS)",
    ),
  },
  handle: async ({ c, deps, params, query, reply }) => {
    const principal = requirePrincipal(c)
    const timeoutMs = deps.settings.calculatorTimeoutMs ?? DEFAULT_CALCULATOR_TIMEOUT_MS
    const limits = deps.settings.inputLimits ?? DEFAULT_INPUT_LIMITS
    const r = await registryOf(deps)
    const entry = findCalculator(r, params.id)
    if (!entry) throw new NotFound({ reason: "calculator", message: `${unknownCalculatorMessage(r, params.id)} (GET /api/v1/calculators lists them)` })
    const commit = query.commit ?? false
    const revise = query.revise ?? false
    if (revise && !commit) throw new BadRequest({ message: "revise=true only applies with commit=true" })
    const expected = expectedForm(entry.calculator)
    const directory = await mkdtemp(join(tmpdir(), "tijian-calc-"))
    try {
      const form = await receiveForm({
        contentType: c.req.header("content-type"),
        contentLength: c.req.header("content-length"),
        body: c.req.raw.body,
        directory,
        maxBytes: deps.settings.maxBodyBytes,
        fileNames: entry.calculator.inputs.map((i) => i.name),
        fieldNames: FIELDS,
        expected,
      })
      const { region, year, params: values } = readFields(form.fields, r, expected)
      const forbidden = outOfScope(principal, r, entry.calculator.produces.map((indicator) => ({ indicator, region })))
      if (forbidden.length > 0) {
        throw new Forbidden({
          message: `this token may not store ${entry.calculator.id}'s values for ${region}: ${[...new Set(forbidden.map((p) => p.message))].join("; ")}`,
          details: forbidden.map((p) => ({ indicator: entry.calculator.produces[p.index], region, field: p.field, message: p.message })),
        })
      }
      const { output, provenance } = await deps.calculators.run(
        entry,
        { inputs: form.files, params: values, region, year, regions: r.regions },
        { timeoutMs, signal: c.req.raw.signal, limits },
      )
      const tables = output.tables ?? []
      if (!commit) return reply(200, { calculator: entry.calculator.id, provenance, values: sourcedValues(output, provenance), tables })
      const { values: sourced, written, run } = await runOrThrow(deps.runtime, commitRun(principal, { output, provenance, region, year }, deps.now().toISOString(), { revise }))
      return reply(201, {
        calculator: entry.calculator.id,
        provenance,
        values: sourced,
        tables,
        stored: written.stored.map(observationJson),
        unchanged: written.unchanged,
        warnings: written.warnings,
        ruleErrors: written.ruleErrors,
        outliers: written.outliers,
        run: runJson(run),
      })
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  },
})

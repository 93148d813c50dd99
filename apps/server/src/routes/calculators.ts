/**
 * Calculator routes: list the calculators, and run one on uploaded files — a dry run by default (the values
 * with their provenance, nothing stored), or `?commit=true` to store them through the one write path.
 */
import { type Calculator, DEFAULT_INPUT_LIMITS, Registry } from "@tijian/core"
import { type Context, Hono } from "hono"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { outOfScope } from "../auth/scope.js"
import { describeCalculator, findCalculator, unknownCalculatorMessage } from "../calculators/catalog.js"
import { commitValues, sourcedValues } from "../calculators/commitRun.js"
import { receiveForm } from "../calculators/multipart.js"
import { DEFAULT_CALCULATOR_TIMEOUT_MS } from "../calculators/runWithBudget.js"
import { BadRequest, type ErrorBody, Forbidden } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { parseYear } from "../parse.js"
import { runOrThrow } from "../runtime.js"
import { observationJson } from "./observations.js"

/** The text fields of a run, beside one file part per input. */
const FIELDS = ["region", "year", "params"] as const

/** What a run's form should hold, for error messages. */
const expectedForm = (calculator: Calculator) => {
  const inputs = calculator.inputs.map((i) => `"${i.name}" (${i.format}${i.required ? "" : ", optional"})`)
  return `send one file part per input (${inputs.join(", ") || "none"}) and the text fields region (e.g. 320500), year (e.g. 2024) and params (a JSON object, optional)`
}

/** Reads a true/false query flag. */
const flag = (c: Context<AppEnv>, name: string): boolean => {
  const v = c.req.query(name)
  if (v === undefined || v === "false") return false
  if (v === "true" || v === "") return true
  throw new BadRequest({ message: `${name} must be true or false, not "${v}"` })
}

/** Reads the region, year and params fields. */
const readFields = (fields: Readonly<Record<string, string>>, registry: Registry.RegistryService, expected: string) => {
  const region = fields.region?.trim()
  if (!region) throw new BadRequest({ message: `the field "region" is missing; ${expected}` })
  if (!registry.regions.has(region)) {
    throw new BadRequest({ message: `region "${region}" is not a known region or group code (GB/T 2260 code, e.g. 320500; GET /api/v1/regions lists them)` })
  }
  if (fields.year === undefined) throw new BadRequest({ message: `the field "year" is missing; ${expected}` })
  const year = parseYear(fields.year.trim())
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

/** The calculators routes. */
export const calculatorsRoutes = (deps: Deps): Hono<AppEnv> => {
  const api = new Hono<AppEnv>()
  const registry = () => runOrThrow(deps.runtime, Registry.Registry)
  const timeoutMs = deps.settings.calculatorTimeoutMs ?? DEFAULT_CALCULATOR_TIMEOUT_MS
  const limits = deps.settings.inputLimits ?? DEFAULT_INPUT_LIMITS
  const notFound = (c: Context<AppEnv>, message: string) => c.json<ErrorBody>({ error: { code: "not-found", message } }, 404)

  api.get("/calculators", async (c) => {
    return c.json({ calculators: (await registry()).calculators.map(describeCalculator) })
  })

  api.post("/calculators/:id/runs", async (c) => {
    const principal = requirePrincipal(c)
    const r = await registry()
    const entry = findCalculator(r, c.req.param("id"))
    if (!entry) return notFound(c, `${unknownCalculatorMessage(r, c.req.param("id"))} (GET /api/v1/calculators lists them)`)
    const commit = flag(c, "commit")
    const revise = flag(c, "revise")
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
      const { region, year, params } = readFields(form.fields, r, expected)
      const forbidden = outOfScope(principal, r, entry.calculator.produces.map((indicator) => ({ indicator, region })))
      if (forbidden.length > 0) {
        throw new Forbidden({
          message: `this token may not store ${entry.calculator.id}'s values for ${region}: ${[...new Set(forbidden.map((p) => p.message))].join("; ")}`,
          details: forbidden.map((p) => ({ indicator: entry.calculator.produces[p.index], region, field: p.field, message: p.message })),
        })
      }
      const { output, provenance } = await deps.calculators.run(
        entry,
        { inputs: form.files, params, region, year, regions: r.regions },
        { timeoutMs, signal: c.req.raw.signal, limits },
      )
      const values = sourcedValues(output, provenance)
      const tables = output.tables ?? []
      if (!commit) return c.json({ calculator: entry.calculator.id, provenance, values, tables }, 200)
      const written = await runOrThrow(deps.runtime, commitValues(principal, values, deps.now().toISOString(), { revise }))
      return c.json(
        { calculator: entry.calculator.id, provenance, values, tables, stored: written.stored.map(observationJson), unchanged: written.unchanged },
        201,
      )
    } finally {
      await rm(directory, { recursive: true, force: true })
    }
  })

  return api
}

/**
 * Calculators: functions that turn a domain dataset (a GTFS feed, population points, redline polygons) into
 * observations. A plugin declares them; agencies run them from the server or the CLI. Every computed value
 * carries its provenance: the calculator, the plugin version, a SHA-256 of each input file, the parameters.
 */
import { createHash } from "node:crypto"
import { createReadStream, statSync } from "node:fs"
import { basename } from "node:path"
import { CalculatorError } from "./Errors.js"
import { DEFAULT_INPUT_LIMITS, type InputLimits } from "./InputLimits.js"
import type { RegionSet } from "./Region.js"
import type { ReportTable } from "./Report.js"
import type { I18nText } from "./Text.js"

/** A named input file: its format (e.g. "gtfs-zip", "csv", "geojson", "geotiff") and whether it is required. */
export interface CalculatorInput {
  readonly name: string
  readonly format: string
  readonly required: boolean
  readonly description: I18nText
}

/** A parameter with its type and default. */
export interface CalculatorParameter {
  readonly name: string
  readonly type: "number" | "string" | "boolean" | "string-list"
  readonly default?: number | string | boolean | ReadonlyArray<string>
  readonly description: I18nText
}

/** Parameter values after defaults are applied and types checked. */
export type CalculatorParams = Readonly<Record<string, number | string | boolean | ReadonlyArray<string>>>

/** An input file on disk (large inputs stream from disk, never wholly into memory). */
export interface CalculatorFile {
  /** The name the user gave the file (e.g. `feed.zip`). */
  readonly filename: string
  readonly path: string
}

/** What a calculator's `run` receives. */
export interface CalculatorContext {
  readonly inputs: Readonly<Record<string, CalculatorFile>>
  readonly params: CalculatorParams
  /** The region or group code the run is for, and the year its values belong to. */
  readonly region: string
  readonly year: number
  readonly regions: RegionSet
  /** Reports progress (e.g. to the CLI): done out of total units, with a short message. */
  readonly progress: (done: number, total: number, message: string) => void
  /** Aborted when the caller gives up (time budget, client gone). Long loops should check it. */
  readonly signal: AbortSignal
  /** How large the inputs may grow; readers check them before the work grows (see `InputLimits`). */
  readonly limits: InputLimits
}

/** A value a calculator computed, before provenance is attached. */
export interface ComputedValue<Ref extends string = string> {
  readonly indicator: Ref
  readonly region: string
  readonly year: number
  readonly value: number
  readonly note?: string
}

/** What a calculator returns: values, and optionally tables for the report (e.g. a land-use conversion matrix). */
export interface CalculatorOutput<Ref extends string = string> {
  readonly values: ReadonlyArray<ComputedValue<Ref>>
  readonly tables?: ReadonlyArray<ReportTable>
}

/** A calculator as a plugin declares it. `produces` lists the indicators its values may belong to. */
export interface Calculator<Ref extends string = string> {
  readonly id: string
  readonly name: I18nText
  readonly description: I18nText
  readonly inputs: ReadonlyArray<CalculatorInput>
  readonly parameters: ReadonlyArray<CalculatorParameter>
  readonly produces: ReadonlyArray<Ref>
  /** Throws (or rejects with) a `CalculatorError` naming the file, row and field of any bad input. */
  readonly run: (context: CalculatorContext) => Promise<CalculatorOutput<Ref>>
}

/**
 * Defines a calculator: an identity function whose `const` generic keeps `produces` literal, so a value for an
 * indicator the calculator does not declare fails to compile in `run`.
 *
 * @example
 * export const cleanShare = defineCalculator({
 *   id: "water.clean-share-from-sections", name, description, inputs: [], parameters: [],
 *   produces: ["water.clean-share"],
 *   run: async ({ region, year }) => ({ values: [{ indicator: "water.clean-share", region, year, value: 0.93 }] }),
 * })
 */
export const defineCalculator = <const Ref extends string>(
  calculator: Omit<Calculator<Ref>, "run"> & { readonly run: (context: CalculatorContext) => Promise<CalculatorOutput<NoInfer<Ref>>> },
): Calculator<Ref> => calculator

/** Provenance of a run: calculator, plugin version, inputs with size and SHA-256, the parameters used. */
export interface CalculatorProvenance {
  readonly calculator: string
  readonly plugin: string
  readonly pluginVersion: string
  readonly inputs: ReadonlyArray<{ readonly name: string; readonly filename: string; readonly bytes: number; readonly sha256: string }>
  readonly params: CalculatorParams
}

/** The SHA-256 (hex) of a file, streamed. */
export const sha256File = (path: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const hash = createHash("sha256")
    createReadStream(path)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")))
  })

const fail = (reason: CalculatorError["reason"], message: string, file = "params", field?: string) =>
  new CalculatorError({ reason, message, problems: [{ file, ...(field ? { field } : {}), message }] })

/**
 * Applies defaults and checks types of raw parameters (from JSON or `--param key=value` strings): numbers
 * parse, booleans are true/false, lists are comma-separated strings or arrays. Unknown names are refused.
 */
export const resolveParams = (calculator: Calculator, raw: Readonly<Record<string, unknown>>): CalculatorParams => {
  /** A parameter's value as text: a JSON object or array where text, a number or a flag belongs is refused, not read as "[object Object]". */
  const text = (name: string, v: unknown, what: string): string => {
    if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") return String(v)
    const shown = JSON.stringify(v) ?? String(v)
    throw fail("invalid-parameter", `parameter "${name}" must be ${what}, got ${Array.isArray(v) ? "a list" : "an object"} ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`, "params", name)
  }
  const out: Record<string, number | string | boolean | ReadonlyArray<string>> = {}
  const known = new Set(calculator.parameters.map((p) => p.name))
  for (const name of Object.keys(raw)) {
    if (!known.has(name)) {
      throw fail("invalid-parameter", `unknown parameter "${name}" for ${calculator.id}; known: ${[...known].join(", ") || "none"}`, "params", name)
    }
  }
  for (const p of calculator.parameters) {
    const v = raw[p.name]
    if (v === undefined || v === "") {
      if (p.default !== undefined) out[p.name] = p.default
      continue
    }
    switch (p.type) {
      case "number": {
        const n = typeof v === "number" ? v : Number(text(p.name, v, "a number").trim())
        if (!Number.isFinite(n)) throw fail("invalid-parameter", `parameter "${p.name}" must be a number, got "${String(v)}"`, "params", p.name)
        out[p.name] = n
        break
      }
      case "boolean": {
        const s = text(p.name, v, "true or false").toLowerCase()
        if (s !== "true" && s !== "false") throw fail("invalid-parameter", `parameter "${p.name}" must be true or false, got "${String(v)}"`, "params", p.name)
        out[p.name] = s === "true"
        break
      }
      case "string-list":
        out[p.name] = Array.isArray(v)
          ? v.map((item) => text(p.name, item, "a list of texts"))
          : text(p.name, v, "a list of texts").split(",").map((x) => x.trim()).filter((x) => x.length > 0)
        break
      case "string":
        out[p.name] = text(p.name, v, "text")
    }
  }
  return out
}

/**
 * Runs a calculator: checks required inputs, resolves parameters, hashes the inputs, runs, and checks that every
 * value belongs to an indicator the calculator declares. Returns the output and its provenance.
 */
export const runCalculator = async (
  calculator: Calculator,
  plugin: { readonly id: string; readonly version: string },
  request: Omit<CalculatorContext, "params" | "progress" | "signal" | "limits"> & {
    readonly params: Readonly<Record<string, unknown>>
    readonly progress?: CalculatorContext["progress"]
    readonly signal?: AbortSignal
    /** Default `DEFAULT_INPUT_LIMITS`. */
    readonly limits?: InputLimits
  },
): Promise<{ readonly output: CalculatorOutput; readonly provenance: CalculatorProvenance }> => {
  const missing = calculator.inputs.filter((i) => i.required && !request.inputs[i.name])
  if (missing.length > 0) {
    throw new CalculatorError({
      reason: "invalid-input",
      message: `${calculator.id} needs input ${missing.map((m) => `"${m.name}" (${m.format})`).join(", ")}`,
      problems: missing.map((m) => ({ file: m.name, message: `required input "${m.name}" (${m.format}) was not given` })),
    })
  }
  const params = resolveParams(calculator, request.params)
  const inputs = await Promise.all(
    Object.entries(request.inputs).map(async ([name, file]) => ({
      name,
      filename: basename(file.filename),
      bytes: statSync(file.path).size,
      sha256: await sha256File(file.path),
    })),
  )
  const output = await calculator.run({
    ...request,
    params,
    progress: request.progress ?? (() => {}),
    signal: request.signal ?? new AbortController().signal,
    limits: request.limits ?? DEFAULT_INPUT_LIMITS,
  })
  const produces = new Set(calculator.produces)
  const stray = output.values.filter((v) => !produces.has(v.indicator))
  if (stray.length > 0) {
    throw fail("failed", `${calculator.id} returned values for undeclared indicators: ${[...new Set(stray.map((s) => s.indicator))].join(", ")}`)
  }
  return {
    output,
    provenance: { calculator: calculator.id, plugin: plugin.id, pluginVersion: plugin.version, inputs: inputs.sort((a, b) => (a.name < b.name ? -1 : 1)), params },
  }
}

/** A one-line source text for stored observations: which calculator, which files (short hashes), which parameters. */
export const provenanceSource = (p: CalculatorProvenance): string =>
  `calculator ${p.calculator} (${p.plugin} ${p.pluginVersion}); inputs: ${p.inputs
    .map((i) => `${i.name}=${i.filename} sha256:${i.sha256.slice(0, 12)}`)
    .join(", ")}; params: ${JSON.stringify(p.params)}`

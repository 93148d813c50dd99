/**
 * Calculators: functions that turn a domain dataset (a GTFS feed, population points, redline polygons) into
 * observations. A plugin declares them; agencies run them from the server or the CLI. Every computed value
 * carries its provenance: the calculator, the plugin version, a SHA-256 of each input file, the parameters.
 */
import { createHash } from "node:crypto"
import { createReadStream, statSync } from "node:fs"
import { basename } from "node:path"
import { Cause, Effect, Exit, type Schema } from "effect"
import { checkComputedDimensions } from "./CalculatorDimensions.js"
import { decodeParams, type ParamFields, type ParamInput } from "./CalculatorParams.js"
import type { DimensionCodes } from "./Dimension.js"
import { CalculatorError, type CompositeError } from "./Errors.js"
import { DEFAULT_INPUT_LIMITS, type InputLimits } from "./InputLimits.js"
import type { IndicatorDefinition } from "./Indicator.js"
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

/** Parameter values as provenance records them: each in the form a user writes it (`"08:00"`, 60). */
export type CalculatorParams = Readonly<Record<string, ParamInput>>

/** An input file on disk (large inputs stream from disk, never wholly into memory). */
export interface CalculatorFile {
  /** The name the user gave the file (e.g. `feed.zip`). */
  readonly filename: string
  readonly path: string
}

/** What a calculator's `run` receives: `params` decoded by its parameter Schema (minutes, seconds after midnight, ...). */
export interface CalculatorContext<P = Readonly<Record<string, unknown>>> {
  readonly inputs: Readonly<Record<string, CalculatorFile>>
  readonly params: P
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

/**
 * A value a calculator computed, before provenance is attached. With `dimensions` it is a breakdown of its cell's
 * total (codes by dimension id the indicator declares, e.g. `{ "redline-type": "water-conservation" }`), stored
 * through the same checks as a written one: its total in the same run or already stored, an additive dimension's
 * breakdowns adding up to it.
 */
export interface ComputedValue<Ref extends string = string> {
  readonly indicator: Ref
  readonly region: string
  readonly year: number
  readonly value: number
  readonly note?: string
  readonly dimensions?: DimensionCodes
}

/** What a calculator returns: values, and optionally tables for the report (e.g. a land-use conversion matrix). */
export interface CalculatorOutput<Ref extends string = string> {
  readonly values: ReadonlyArray<ComputedValue<Ref>>
  readonly tables?: ReadonlyArray<ReportTable>
}

/**
 * A calculator as a plugin declares it. `params` is an Effect `Schema.Struct` of parameters built with `param`
 * (see `CalculatorParams.ts`); `produces` lists the indicators its values may belong to.
 *
 * `run` returns an Effect: its expected failure is a `CalculatorError` naming the file, row and field of bad input
 * (the composite toolkit's `Either` results can be `yield*`ed in it too; their `CompositeError` is reported as a
 * failed run). Promise-based work joins with `fromPromise`.
 */
export interface Calculator<Ref extends string = string, F extends ParamFields = any> {
  readonly id: string
  readonly name: I18nText
  readonly description: I18nText
  readonly inputs: ReadonlyArray<CalculatorInput>
  readonly params: Schema.Struct<F>
  readonly produces: ReadonlyArray<Ref>
  run(context: CalculatorContext<Schema.Struct.Type<F>>): Effect.Effect<CalculatorOutput<Ref>, CalculatorError | CompositeError>
}

/**
 * Defines a calculator: an identity function whose `const` generic keeps `produces` literal (a value for an
 * indicator the calculator does not declare fails to compile in `run`) and whose `params` Struct types
 * `context.params`.
 *
 * @example
 * export const cleanShare = defineCalculator({
 *   id: "water.clean-share-from-sections", name, description, inputs: [],
 *   params: Schema.Struct({ scale: param(Params.Number, { en: "Multiplier", zh: "倍数", default: 1 }) }),
 *   produces: ["water.clean-share"],
 *   run: ({ region, year, params }) => Effect.succeed({ values: [{ indicator: "water.clean-share", region, year, value: 0.93 * params.scale }] }),
 * })
 */
export const defineCalculator = <const Ref extends string, F extends ParamFields>(
  calculator: Omit<Calculator<Ref, F>, "run"> & {
    readonly run: (context: CalculatorContext<Schema.Struct.Type<F>>) => Effect.Effect<CalculatorOutput<NoInfer<Ref>>, CalculatorError | CompositeError>
  },
): Calculator<Ref, F> => calculator

/**
 * Runs promise-based work inside a calculator's `run`: a rejection with a `CalculatorError` is the run's expected
 * failure, any other rejection a defect (a bug). The signal aborts when the run is interrupted.
 *
 * @example
 * run: (ctx) => fromPromise(() => readAndCompute(ctx))
 */
export const fromPromise = <A>(work: (signal: AbortSignal) => Promise<A>): Effect.Effect<A, CalculatorError> =>
  Effect.tryPromise({ try: work, catch: (e) => e }).pipe(
    Effect.catchAll((e) => (e instanceof CalculatorError ? Effect.fail(e) : Effect.die(e))),
  )

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
 * Decodes raw parameters (JSON values, or texts from a form or `--param key=value`) with the calculator's Schema:
 * defaults applied, unknown names refused, every problem listed in one `CalculatorError` (reason
 * `invalid-parameter`, each problem naming its parameter as `field`).
 */
export const resolveParams = <F extends ParamFields>(
  calculator: Pick<Calculator<string, F>, "id" | "params">,
  raw: Readonly<Record<string, unknown>>,
): { readonly values: Schema.Struct.Type<F>; readonly canonical: CalculatorParams } => {
  const decoded = decodeParams(calculator.params, raw)
  if (decoded._tag === "ok") return { values: decoded.values, canonical: decoded.canonical }
  const { problems } = decoded
  throw new CalculatorError({
    reason: "invalid-parameter",
    message: `${calculator.id}: ${problems.map((p) => p.message).join("; ")}`,
    problems: problems.map((p) => ({ file: "params", field: p.name, message: p.message })),
  })
}

/**
 * Runs a calculator: checks required inputs, resolves parameters, hashes the inputs, runs, and checks that every
 * value belongs to an indicator the calculator declares and, for the indicators `plugin` declares, carries only
 * declared dimensions and codes (see `checkComputedDimensions`). Returns the output and its provenance.
 */
export const runCalculator = async <F extends ParamFields>(
  calculator: Calculator<string, F>,
  plugin: { readonly id: string; readonly version: string; readonly indicators?: ReadonlyArray<IndicatorDefinition> },
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
  const signal = request.signal ?? new AbortController().signal
  const running: unknown = calculator.run({
    ...request,
    params: params.values,
    progress: request.progress ?? (() => {}),
    signal,
    limits: request.limits ?? DEFAULT_INPUT_LIMITS,
  })
  if (!Effect.isEffect(running)) {
    // A plain-JavaScript plugin written for the old Promise style: say how to port it rather than fail obscurely.
    if (running instanceof Promise) running.catch(() => {})
    throw fail("failed", `${calculator.id}'s run returned ${running instanceof Promise ? "a Promise" : typeof running}, not an Effect; wrap promise-based work in fromPromise(...) from @tijian/core/plugin`)
  }
  const exit = await Effect.runPromiseExit(running as Effect.Effect<CalculatorOutput, CalculatorError | CompositeError>, { signal })
  if (Exit.isFailure(exit)) {
    const failure = Cause.failureOption(exit.cause)
    if (failure._tag === "Some") {
      const e = failure.value
      throw e instanceof CalculatorError ? e : fail("failed", `${calculator.id} could not combine its values: ${e.message}`)
    }
    if (Cause.isInterruptedOnly(exit.cause)) throw signal.reason instanceof Error ? signal.reason : fail("failed", `the run of ${calculator.id} was interrupted`)
    throw Cause.squash(exit.cause)
  }
  const output = exit.value
  const produces = new Set(calculator.produces)
  const stray = output.values.filter((v) => !produces.has(v.indicator))
  if (stray.length > 0) {
    throw fail("failed", `${calculator.id} returned values for undeclared indicators: ${[...new Set(stray.map((s) => s.indicator))].join(", ")}`)
  }
  const declared = new Map((plugin.indicators ?? []).map((i) => [i.id, i]))
  const undeclaredCodes = checkComputedDimensions(calculator.id, output.values, (id) => declared.get(id))
  if (undeclaredCodes) throw undeclaredCodes
  return {
    output,
    provenance: { calculator: calculator.id, plugin: plugin.id, pluginVersion: plugin.version, inputs: inputs.sort((a, b) => (a.name < b.name ? -1 : 1)), params: params.canonical },
  }
}

/** A one-line source text for stored observations: which calculator, which files (short hashes), which parameters. */
export const provenanceSource = (p: CalculatorProvenance): string =>
  `calculator ${p.calculator} (${p.plugin} ${p.pluginVersion}); inputs: ${p.inputs
    .map((i) => `${i.name}=${i.filename} sha256:${i.sha256.slice(0, 12)}`)
    .join(", ")}; params: ${JSON.stringify(p.params)}`

/**
 * Running a calculator within a time budget: the calculator's `signal` is aborted when the budget is spent or
 * the caller gives up, and the run fails with a `CalculatorError` (reason `timeout`) without waiting for a
 * calculator that ignores its signal.
 */
import {
  type Calculator,
  CalculatorError,
  type CalculatorContext,
  type CalculatorOutput,
  type CalculatorProvenance,
  type InputLimits,
  type Plugin,
  type RegionSet,
  runCalculator,
} from "@tijian/core"

/** The default time budget of a run: 5 minutes. */
export const DEFAULT_CALCULATOR_TIMEOUT_MS = 5 * 60 * 1000

/** A calculator with the plugin that declares it, as the registry lists them. */
export interface CalculatorEntry {
  readonly plugin: Plugin
  readonly calculator: Calculator
}

/** What a run needs besides the calculator. */
export interface RunRequest {
  readonly inputs: CalculatorContext["inputs"]
  /** Raw parameters (JSON values or `key=value` strings); checked and defaulted by core. */
  readonly params: Readonly<Record<string, unknown>>
  readonly region: string
  readonly year: number
  readonly regions: RegionSet
  readonly progress?: CalculatorContext["progress"]
}

/** A finished run. */
export interface RunResult {
  readonly output: CalculatorOutput
  readonly provenance: CalculatorProvenance
}

const duration = (ms: number) => (ms < 1000 ? `${ms} ms` : `${Math.round(ms / 100) / 10} s`)

/**
 * Runs `entry`'s calculator with `request`, giving up after `timeoutMs` (none when absent) or when `signal` aborts. Rejects with
 * the calculator's own `CalculatorError`, or one with reason `timeout` naming the budget.
 *
 * @example
 * const { output, provenance } = await runWithBudget(entry, { inputs, params: {}, region: "320500", year: 2024, regions }, { timeoutMs: 60_000 })
 */
export const runWithBudget = async (
  entry: CalculatorEntry,
  request: RunRequest,
  options: {
    readonly timeoutMs?: number | undefined
    readonly signal?: AbortSignal | undefined
    /** How the caller raises the budget, for the timeout message. Default: the server setting. */
    readonly budgetHint?: string
    /** How large inputs may grow. Default: core's `DEFAULT_INPUT_LIMITS`. */
    readonly limits?: InputLimits
  },
): Promise<RunResult> => {
  const { calculator, plugin } = entry
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  let onAbort: (() => void) | undefined
  const stopped = new Promise<never>((_, reject) => {
    const timeoutMs = options.timeoutMs
    const hint = options.budgetHint ?? "raise calculatorTimeoutSeconds (TIJIAN_CALCULATOR_TIMEOUT_SECONDS)"
    if (timeoutMs !== undefined) {
      timer = setTimeout(() => {
        const message = `${calculator.id} did not finish within its time budget of ${duration(timeoutMs)}; nothing was stored. Try smaller inputs, or ${hint}`
        const error = new CalculatorError({ reason: "timeout", message, problems: [] })
        controller.abort(error)
        reject(error)
      }, timeoutMs)
    }
    onAbort = () => {
      const error = new CalculatorError({ reason: "failed", message: `the run of ${calculator.id} was cancelled by the caller`, problems: [] })
      controller.abort(error)
      reject(error)
    }
    if (options.signal?.aborted) onAbort()
    else options.signal?.addEventListener("abort", onAbort, { once: true })
  })
  const running = runCalculator(calculator, plugin, {
    ...request,
    signal: controller.signal,
    ...(options.limits ? { limits: options.limits } : {}),
  })
  // A run that outlives its budget may still reject later; nobody awaits it then.
  running.catch(() => {})
  try {
    return await Promise.race([running, stopped])
  } finally {
    clearTimeout(timer)
    if (onAbort) options.signal?.removeEventListener("abort", onAbort)
    if (!controller.signal.aborted) controller.abort()
  }
}

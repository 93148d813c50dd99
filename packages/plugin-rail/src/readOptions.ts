/**
 * What every reader of an uploaded file needs from the calculator's context: the input limits to enforce as the
 * work grows, and the abort signal to check while it runs.
 */
import { CalculatorError, type CalculatorContext, type InputLimits } from "@tijian/core/plugin"
import { abortedError } from "./problems.js"

/** The limits and the abort signal a reader works under. */
export interface ReadOptions {
  readonly limits: InputLimits
  readonly signal: AbortSignal
}

/**
 * The read options of a calculator run.
 *
 * @example
 * const feed = await readGtfs(ctx.inputs.gtfs!.path, { ...readOptionsOf(ctx), filename: ctx.inputs.gtfs!.filename })
 */
export const readOptionsOf = (ctx: Pick<CalculatorContext, "limits" | "signal">): ReadOptions => ({ limits: ctx.limits, signal: ctx.signal })

/**
 * Throws when the signal is aborted: its reason when that is a `CalculatorError` (e.g. a time budget's `timeout`),
 * otherwise the plugin's `timeout` error.
 *
 * @example
 * if ((rows & 4095) === 0) throwIfAborted(options.signal)
 */
export const throwIfAborted = (signal: AbortSignal): void => {
  if (!signal.aborted) return
  throw signal.reason instanceof CalculatorError ? signal.reason : abortedError()
}

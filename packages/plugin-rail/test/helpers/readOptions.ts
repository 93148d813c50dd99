/**
 * Read options for tests: the default limits and a signal never aborted, or lower limits for the limit tests.
 */
import { DEFAULT_INPUT_LIMITS, type InputLimits } from "@tijian/core/plugin"
import type { ReadOptions } from "../../src/readOptions.js"

/** The default limits, never aborted; `limits` overrides some of them. */
export const readOptions = (limits: Partial<InputLimits> = {}, signal = new AbortController().signal): ReadOptions => ({
  limits: { ...DEFAULT_INPUT_LIMITS, ...limits },
  signal,
})

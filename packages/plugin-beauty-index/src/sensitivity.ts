/**
 * Sensitivity of the composite across regions: each sub-index weight +-20% (renormalised), seeded random
 * weight draws, arithmetic vs geometric mean; each region's median rank and 5th-95th percentile rank interval.
 */
import { type SensitivityOptions, type SensitivityResult, sensitivity, type Weights } from "@tijian/core/plugin"
import { Either } from "effect"
import { equalSubIndexWeights, type SubIndexId } from "./indicators.js"

/**
 * Runs the sensitivity analysis over sub-index scores per region.
 *
 * @example
 * beautySensitivity({ "320500": { "beauty.growth": 82, ... }, ... }, { randomDraws: 100, seed: 1 })
 */
export const beautySensitivity = (
  scores: Readonly<Record<string, Readonly<Partial<Record<SubIndexId, number>>>>>,
  options: SensitivityOptions & { readonly weights?: Weights } = {},
): SensitivityResult =>
  Either.getOrThrowWith(sensitivity(scores, options.weights ?? equalSubIndexWeights, options), (e) => new Error(e.message))

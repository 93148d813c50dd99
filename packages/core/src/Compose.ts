/**
 * Aggregating 0-100 scores into a composite: weighted arithmetic or geometric mean, with a missing-data rule
 * and the decomposition of the gap to 100.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"
import { renormalise, validateWeights, type Weights } from "./Weights.js"

/** How scores are combined. The geometric mean penalises an unbalanced profile (less compensation). */
export type AggregationMethod = "arithmetic" | "geometric"

/** Options of `compose`. */
export interface ComposeOptions {
  readonly method?: AggregationMethod
  /** No composite when more than this share of inputs (by count) is missing. Default 0.2. */
  readonly maxMissingShare?: number
}

/** What one input costs: `weight * (100 - score)` points of the gap to 100 (arithmetic mean). */
export interface GapShare {
  readonly id: string
  readonly weight: number
  readonly score: number
  readonly pointsLost: number
}

/** A composite value, the weights actually used (renormalised over present inputs) and the missing inputs. */
export interface Composite {
  readonly value: number
  readonly method: AggregationMethod
  readonly weights: Weights
  readonly missing: ReadonlyArray<string>
}

/**
 * Weighted arithmetic mean `sum w_i s_i` or geometric mean `prod s_i^w_i`; weights must be valid.
 *
 * @example
 * aggregateScores({ a: 80, b: 60 }, { a: 0.5, b: 0.5 }, "arithmetic") // Right(70)
 */
export const aggregateScores = (
  scores: Readonly<Record<string, number>>,
  weights: Weights,
  method: AggregationMethod,
): Either.Either<number, CompositeError> =>
  Either.flatMap(validateWeights(weights), (w) => {
    const ids = Object.keys(w)
    if (method === "arithmetic") return Either.right(ids.reduce((s, id) => s + w[id]! * scores[id]!, 0))
    const bad = ids.filter((id) => w[id]! > 0 && !(scores[id]! > 0))
    if (bad.length > 0) {
      return Either.left(
        new CompositeError({
          reason: "non-positive-input",
          message: `a geometric mean needs positive scores; ${bad.map((id) => `${id} = ${scores[id]}`).join(", ")}. Use the arithmetic mean or shift the scale`,
        }),
      )
    }
    return Either.right(Math.exp(ids.reduce((s, id) => s + (w[id]! > 0 ? w[id]! * Math.log(scores[id]!) : 0), 0)))
  })

/**
 * The composite of scores that may be missing (undefined): refused when more than `maxMissingShare` of the
 * inputs are missing (the error names them), else the weights are renormalised over the present inputs.
 */
export const compose = (
  scores: Readonly<Record<string, number | undefined>>,
  weights: Weights,
  options: ComposeOptions = {},
): Either.Either<Composite, CompositeError> => {
  const method = options.method ?? "arithmetic"
  const limit = options.maxMissingShare ?? 0.2
  return Either.flatMap(validateWeights(weights), (w) => {
    const ids = Object.keys(w)
    const missing = ids.filter((id) => scores[id] === undefined || !Number.isFinite(scores[id]))
    if (missing.length / ids.length > limit) {
      return Either.left(
        new CompositeError({
          reason: "too-many-missing",
          message: `${missing.length} of ${ids.length} inputs are missing (${missing.join(", ")}), more than the allowed ${Math.round(limit * 100)}%`,
        }),
      )
    }
    const present = ids.filter((id) => !missing.includes(id))
    const used = missing.length > 0 ? renormalise(w, present) : w
    const values = Object.fromEntries(present.map((id) => [id, scores[id]!]))
    return Either.map(aggregateScores(values, used, method), (value) => ({ value, method, weights: used, missing }))
  })
}

/**
 * Decomposes the gap to 100 of an arithmetic composite: `100 - composite = sum w_i (100 - s_i)`, largest first.
 *
 * @example
 * gapDecomposition({ a: 80, b: 60 }, { a: 0.5, b: 0.5 }) // [{ id: "b", pointsLost: 20 }, { id: "a", pointsLost: 10 }]
 */
export const gapDecomposition = (scores: Readonly<Record<string, number>>, weights: Weights): ReadonlyArray<GapShare> =>
  Object.keys(weights)
    .map((id) => ({ id, weight: weights[id]!, score: scores[id]!, pointsLost: weights[id]! * (100 - scores[id]!) }))
    .sort((a, b) => b.pointsLost - a.pointsLost || (a.id < b.id ? -1 : 1))

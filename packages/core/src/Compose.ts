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

/** What one input costs of the gap to 100 (see `gapDecomposition` for each method's formula). */
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

const missingInputError = (missing: ReadonlyArray<string>, scores: Readonly<Record<string, number | undefined>>) =>
  new CompositeError({
    reason: "missing-input",
    message: `not computable: ${missing.map((id) => `${id} = ${scores[id]}`).join(", ")} missing (every input with a weight above 0 needs a finite score; use compose for the missing-data rule)`,
  })

/**
 * Weighted arithmetic mean `sum w_i s_i` or geometric mean `prod s_i^w_i`; weights must be valid. Every input with a
 * weight above 0 needs a finite score: a missing or NaN one is refused (`missing-input`), never averaged into NaN.
 *
 * @example
 * aggregateScores({ a: 80, b: 60 }, { a: 0.5, b: 0.5 }, "arithmetic") // Right(70)
 */
export const aggregateScores = (
  scores: Readonly<Record<string, number | undefined>>,
  weights: Weights,
  method: AggregationMethod,
): Either.Either<number, CompositeError> =>
  Either.flatMap(validateWeights(weights), (w) => {
    const ids = Object.keys(w).filter((id) => w[id]! > 0)
    const missing = ids.filter((id) => !Number.isFinite(scores[id]))
    if (missing.length > 0) return Either.left(missingInputError(missing, scores))
    if (method === "arithmetic") return Either.right(ids.reduce((s, id) => s + w[id]! * scores[id]!, 0))
    const bad = ids.filter((id) => !(scores[id]! > 0))
    if (bad.length > 0) {
      return Either.left(
        new CompositeError({
          reason: "non-positive-input",
          message: `a geometric mean needs positive scores; ${bad.map((id) => `${id} = ${scores[id]}`).join(", ")}. Use the arithmetic mean or shift the scale (e.g. min-max to [1, 100])`,
        }),
      )
    }
    return Either.right(Math.exp(ids.reduce((s, id) => s + w[id]! * Math.log(scores[id]!), 0)))
  })

/**
 * The composite of scores that may be missing (undefined or NaN): refused when more than `maxMissingShare` of the
 * inputs are missing (the error names them), else the weights are renormalised over the present inputs. When the
 * present inputs carry no weight the composite is not computable (`zero-weight`), not an equal-weight mean.
 *
 * @example
 * compose({ a: undefined, b: 30, c: 60 }, { a: 0.5, b: 0.25, c: 0.25 }, { maxMissingShare: 0.5 }) // Right(value 45)
 * compose({ a: undefined, b: 30 }, { a: 1, b: 0 }, { maxMissingShare: 0.5 })                  // Left(zero-weight)
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
    return Either.flatMap(missing.length > 0 ? renormalise(w, present) : Either.right(w), (used) => {
      const values = Object.fromEntries(present.map((id) => [id, scores[id]!]))
      return Either.map(aggregateScores(values, used, method), (value) => ({ value, method, weights: used, missing }))
    })
  })
}

/**
 * Decomposes the gap to 100 of a composite into what each input costs, largest first; the points lost add up to
 * `100 - composite` under either method.
 * - arithmetic: `100 - A = sum w_i (100 - s_i)`, so input i costs `w_i (100 - s_i)`;
 * - geometric: `ln(100 / G) = sum w_i ln(100 / s_i)`, so input i costs its share of the log gap,
 *   `(100 - G) * w_i ln(100 / s_i) / ln(100 / G)` (an input at 100 costs nothing).
 *
 * @example
 * gapDecomposition({ a: 80, b: 60 }, { a: 0.5, b: 0.5 }) // Right([{ id: "b", pointsLost: 20 }, { id: "a", pointsLost: 10 }])
 * gapDecomposition({ a: 50, b: 25 }, { a: 0.5, b: 0.5 }, "geometric")
 * // G = sqrt(50 * 25) = 35.355, gap 64.645; ln 2 : ln 4 = 1 : 2 -> b 43.096, a 21.548
 */
export const gapDecomposition = (
  scores: Readonly<Record<string, number>>,
  weights: Weights,
  method: AggregationMethod = "arithmetic",
): Either.Either<ReadonlyArray<GapShare>, CompositeError> =>
  Either.map(aggregateScores(scores, weights, method), (composite) => {
    const ids = Object.keys(weights)
    const logGap = Math.log(100 / composite)
    const cost = (id: string): number => {
      const w = weights[id]!
      if (w === 0) return 0
      if (method === "arithmetic") return w * (100 - scores[id]!)
      return logGap === 0 ? 0 : ((100 - composite) * w * Math.log(100 / scores[id]!)) / logGap
    }
    return ids
      .map((id) => ({ id, weight: weights[id]!, score: scores[id]!, pointsLost: cost(id) }))
      .sort((a, b) => b.pointsLost - a.pointsLost || (a.id < b.id ? -1 : 1))
  })

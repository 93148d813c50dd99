/**
 * The harmonic and the generalised (power) mean, as COINr's `a_hmean` and `a_genmean`: aggregations that
 * compensate less than the arithmetic mean (harmonic: less than the geometric), for a composite that should not let
 * a strong input make up for a weak one. Weights must be valid (>= 0, sum 1); inputs weighted 0 are skipped.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"
import { validateWeights, type Weights } from "./Weights.js"

const checked = (
  scores: Readonly<Record<string, number | undefined>>,
  weights: Weights,
  what: string,
  positive: boolean,
): Either.Either<ReadonlyArray<readonly [number, number]>, CompositeError> =>
  Either.flatMap(validateWeights(weights), (w) => {
    const ids = Object.keys(w).filter((id) => w[id]! > 0)
    const missing = ids.filter((id) => !Number.isFinite(scores[id]))
    if (missing.length > 0) {
      return Either.left(new CompositeError({ reason: "missing-input", message: `not computable: ${missing.map((id) => `${id} = ${scores[id]}`).join(", ")} missing` }))
    }
    const bad = positive ? ids.filter((id) => !(scores[id]! > 0)) : []
    if (bad.length > 0) {
      return Either.left(
        new CompositeError({ reason: "non-positive-input", message: `${what} needs positive scores; ${bad.map((id) => `${id} = ${scores[id]}`).join(", ")}` }),
      )
    }
    return Either.right(ids.map((id) => [w[id]!, scores[id]!] as const))
  })

/**
 * Weighted harmonic mean `1 / sum (w_i / s_i)` of positive scores.
 *
 * @example
 * harmonicMean({ a: 50, b: 100 }, { a: 0.5, b: 0.5 }) // 1 / (0.5/50 + 0.5/100) = 1 / 0.015 = Right(66.667)
 */
export const harmonicMean = (scores: Readonly<Record<string, number | undefined>>, weights: Weights): Either.Either<number, CompositeError> =>
  Either.map(checked(scores, weights, "a harmonic mean", true), (ws) => 1 / ws.reduce((s, [w, x]) => s + w / x, 0))

/**
 * Weighted generalised mean `(sum w_i s_i^p)^(1/p)`, p != 0: p = 1 is the arithmetic mean, p = -1 the harmonic,
 * p -> 0 the geometric (use `aggregateScores(..., "geometric")`); a lower p compensates less. Scores must be
 * positive for p < 0 (as in COINr) and at least 0 otherwise.
 *
 * @example
 * generalisedMean({ a: 20, b: 40 }, { a: 0.5, b: 0.5 }, 2) // sqrt((400 + 1600) / 2) = sqrt(1000) = Right(31.623)
 */
export const generalisedMean = (
  scores: Readonly<Record<string, number | undefined>>,
  weights: Weights,
  p: number,
): Either.Either<number, CompositeError> => {
  if (!(Number.isFinite(p) && p !== 0)) {
    return Either.left(
      new CompositeError({ reason: "invalid-options", message: `a generalised mean needs a finite p other than 0 (p -> 0 is the geometric mean); p = ${p}` }),
    )
  }
  return Either.flatMap(checked(scores, weights, `a generalised mean with p = ${p}`, p < 0), (ws) => {
    const negative = ws.filter(([, x]) => x < 0)
    if (negative.length > 0) {
      return Either.left(new CompositeError({ reason: "non-positive-input", message: `a generalised mean needs scores of 0 or more; ${negative.map(([, x]) => x).join(", ")}` }))
    }
    return Either.right(ws.reduce((s, [w, x]) => s + w * x ** p, 0) ** (1 / p))
  })
}

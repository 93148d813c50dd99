/**
 * Standardisation (z-scores), COINr's `n_zscore`: each unit's distance from the mean in standard deviations,
 * rescaled to a chosen mean and standard deviation. Unlike min-max it keeps outliers' distance, and its scores are
 * not bounded (negative for below-mean units, so not for a geometric mean without a shift).
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"
import { isPresent, type MaybeValues, type NormalisedValues, type Polarity } from "./Normalise.js"

/** Options of `zScore`. */
export interface ZScoreOptions {
  /** The mean and standard deviation of the result (COINr `m_sd`). Default [0, 1]. */
  readonly meanSd?: readonly [number, number]
}

/**
 * z-scores over the units with a value: `(x - mean) / sd * meanSd[1] + meanSd[0]`, with the sample standard
 * deviation (divisor n - 1, as R's `sd`); lower-is-better values are negated first (COINr's direction -1). Missing
 * units stay missing. Refused with `no-values` for fewer than two values and `no-spread` when all are equal.
 *
 * @example
 * zScore({ A: 2, B: 4, C: 6 }, "higher-is-better") // mean 4, sd 2 -> Right({ A: -1, B: 0, C: 1 })
 * zScore({ A: 2, B: 4, C: 6 }, "higher-is-better", { meanSd: [100, 10] }) // Right({ A: 90, B: 100, C: 110 })
 */
export const zScore = (values: MaybeValues, polarity: Polarity, options: ZScoreOptions = {}): Either.Either<NormalisedValues, CompositeError> => {
  const [m, sd] = options.meanSd ?? [0, 1]
  if (!(Number.isFinite(m) && Number.isFinite(sd) && sd > 0)) {
    return Either.left(new CompositeError({ reason: "invalid-options", message: `z-score: the target mean ${m} and standard deviation ${sd} must be finite, the deviation above 0` }))
  }
  const sign = polarity === "higher-is-better" ? 1 : -1
  const units = Object.keys(values)
  const xs = units.map((k) => values[k]).filter(isPresent).map((x) => sign * x)
  if (xs.length < 2) {
    return Either.left(new CompositeError({ reason: "no-values", message: `z-scores need at least two values; ${xs.length} of ${units.length} units have one` }))
  }
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length
  const sample = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1))
  if (!(sample > 0)) {
    return Either.left(new CompositeError({ reason: "no-spread", message: `z-scores need at least two different values; all ${xs.length} units with a value have ${sign * xs[0]!}` }))
  }
  return Either.right(
    Object.fromEntries(units.map((k) => {
      const x = values[k]
      return [k, isPresent(x) ? ((sign * x - mean) / sample) * sd + m : undefined]
    })),
  )
}

/**
 * Normalisation of raw indicator values to a 0-100 score, the first step of a composite index (JRC/OECD
 * Handbook on Constructing Composite Indicators; COINr). 100 is always best: lower-is-better indicators are
 * reversed.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"

/** Which way is better for the raw values. */
export type Polarity = "higher-is-better" | "lower-is-better"

/**
 * Goalposts: fixed lower and upper bounds. Score = (x - lo) / (hi - lo) * 100, truncated to 0..100;
 * reversed for lower-is-better ((hi - x) / (hi - lo) * 100).
 *
 * @example
 * goalposts(35, { lo: 20, hi: 80 }, "higher-is-better") // 25
 * goalposts(35, { lo: 20, hi: 80 }, "lower-is-better")  // 75
 */
export const goalposts = (value: number, bounds: { readonly lo: number; readonly hi: number }, polarity: Polarity): number => {
  const share = polarity === "higher-is-better" ? (value - bounds.lo) / (bounds.hi - bounds.lo) : (bounds.hi - value) / (bounds.hi - bounds.lo)
  return Math.min(100, Math.max(0, share * 100))
}

/**
 * Min-max over the regions of one year: the best region scores 100, the worst 0. Fails with `no-spread`
 * when every region has the same value (the scale is undefined).
 *
 * @example
 * minMax({ A: 10, B: 20, C: 30 }, "higher-is-better") // Right({ A: 0, B: 50, C: 100 })
 */
export const minMax = (
  values: Readonly<Record<string, number>>,
  polarity: Polarity,
): Either.Either<Record<string, number>, CompositeError> => {
  const xs = Object.values(values)
  const lo = Math.min(...xs)
  const hi = Math.max(...xs)
  if (!(hi > lo)) {
    return Either.left(
      new CompositeError({
        reason: "no-spread",
        message: `min-max normalisation needs at least two different values; all ${xs.length} regions have ${lo}. Use goalposts instead`,
      }),
    )
  }
  return Either.right(Object.fromEntries(Object.entries(values).map(([k, x]) => [k, goalposts(x, { lo, hi }, polarity)])))
}

/**
 * Distance to target: the share of the target reached, as a score capped at 100 (x / target * 100 for
 * higher-is-better, target / x * 100 for lower-is-better).
 *
 * @example
 * distanceToTarget(80.96, 100, "higher-is-better") // 80.96
 */
export const distanceToTarget = (value: number, target: number, polarity: Polarity): number => {
  const share = polarity === "higher-is-better" ? value / target : value === 0 ? 1 : target / value
  return Math.min(100, Math.max(0, share * 100))
}

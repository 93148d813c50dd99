/**
 * Outlier treatment as COINr's default `Treat` does it: an indicator whose distribution is both skewed
 * (|skewness| >= 2) and heavy-tailed (kurtosis >= 3.5) is winsorised, one extreme at a time on the side the skew
 * points to, up to 5 points; if that does not bring it within the limits, the original values are log-transformed
 * instead (COINr's `log_CT`). Which units were changed is reported, so a treated value is never passed off as raw.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"
import { isPresent, type MaybeValues, type NormalisedValues } from "./Normalise.js"

/**
 * Sample skewness as COINr's `skew` (e1071 type 2, Excel's SKEW): with d = x - mean,
 * `sqrt(n) Σd³ / (Σd²)^{3/2} · sqrt(n (n - 1)) / (n - 2)`; n >= 3, else NaN.
 *
 * @example
 * skewness([1, 2, 3, 4, 10]) // d = -3, -2, -1, 0, 6: Σd² = 50, Σd³ = 180 -> 12 / sqrt(50) = 1.697
 */
export const skewness = (xs: ReadonlyArray<number>): number => {
  const n = xs.length
  if (n < 3) return Number.NaN
  const mean = xs.reduce((s, x) => s + x, 0) / n
  const d = xs.map((x) => x - mean)
  const m2 = d.reduce((s, x) => s + x * x, 0)
  const m3 = d.reduce((s, x) => s + x ** 3, 0)
  return ((Math.sqrt(n) * m3) / m2 ** 1.5) * (Math.sqrt(n * (n - 1)) / (n - 2))
}

/**
 * Sample excess kurtosis as COINr's `kurt` (e1071 type 2, Excel's KURT): with r = n Σd⁴ / (Σd²)²,
 * `((n + 1)(r - 3) + 6)(n - 1) / ((n - 2)(n - 3))`; n >= 4, else NaN.
 *
 * @example
 * kurtosis([1, 2, 3, 4, 10]) // Σd⁴ = 1394, r = 5 · 1394 / 2500 = 2.788 -> (6 · -0.212 + 6) · 4 / 6 = 3.152
 */
export const kurtosis = (xs: ReadonlyArray<number>): number => {
  const n = xs.length
  if (n < 4) return Number.NaN
  const mean = xs.reduce((s, x) => s + x, 0) / n
  const d = xs.map((x) => x - mean)
  const m2 = d.reduce((s, x) => s + x * x, 0)
  const r = (n * d.reduce((s, x) => s + x ** 4, 0)) / (m2 * m2)
  return (((n + 1) * (r - 3) + 6) * (n - 1)) / ((n - 2) * (n - 3))
}

/** Options of `treatOutliers` (COINr's defaults). */
export interface OutlierOptions {
  /** Most points winsorised. Default 5. */
  readonly winMax?: number
  /** Default 2. */
  readonly skewThreshold?: number
  /** Default 3.5. */
  readonly kurtosisThreshold?: number
}

/** The treated values, what was done, the units changed, and the skewness and kurtosis after. */
export interface TreatedValues {
  readonly values: NormalisedValues
  readonly treatment: "none" | "winsorised" | "log"
  /** Units whose value was changed (every unit with a value, for the log transform). */
  readonly treated: ReadonlyArray<string>
  readonly skewness: number
  readonly kurtosis: number
}

/**
 * Treats the outliers of one indicator over its units. The check passes when |skewness| < 2 or kurtosis < 3.5
 * (COINr's `check_SkewKurt`). Missing units stay missing and are left out of every statistic. Refused with
 * `no-values` for fewer than 4 values (the kurtosis needs 4).
 *
 * @example
 * treatOutliers({ ...1..10, k: 30, l: 100 })
 * // skew 3.06, kurtosis 9.74: 100 is winsorised to 30 -> skew 1.71, passes; treated ["l"]
 */
export const treatOutliers = (values: MaybeValues, options: OutlierOptions = {}): Either.Either<TreatedValues, CompositeError> => {
  const winMax = options.winMax ?? 5
  const skewLimit = options.skewThreshold ?? 2
  const kurtLimit = options.kurtosisThreshold ?? 3.5
  const units = Object.keys(values).filter((k) => isPresent(values[k]))
  if (units.length < 4) {
    return Either.left(new CompositeError({ reason: "no-values", message: `outlier treatment needs at least 4 values; ${units.length} units have one` }))
  }
  const passes = (xs: ReadonlyArray<number>) => Math.abs(skewness(xs)) < skewLimit || kurtosis(xs) < kurtLimit
  const original = units.map((k) => values[k]!)
  const result = (xs: ReadonlyArray<number>, treatment: TreatedValues["treatment"], treated: ReadonlyArray<string>): TreatedValues => ({
    values: Object.fromEntries(Object.keys(values).map((k) => [k, isPresent(values[k]) ? xs[units.indexOf(k)]! : undefined])),
    treatment,
    treated,
    skewness: skewness(xs),
    kurtosis: kurtosis(xs),
  })
  if (passes(original)) return Either.right(result(original, "none", []))
  const xs = [...original]
  const changed = new Set<number>()
  while (!passes(xs) && changed.size < winMax) {
    // the extreme on the side the skew points to takes the value of the next one (ties move together)
    const high = skewness(xs) >= 0
    const extreme = high ? Math.max(...xs) : Math.min(...xs)
    const rest = xs.filter((x) => x !== extreme)
    if (rest.length === 0) break
    const next = high ? Math.max(...rest) : Math.min(...rest)
    xs.forEach((x, i) => {
      if (x === extreme) {
        xs[i] = next
        changed.add(i)
      }
    })
  }
  if (passes(xs)) return Either.right(result(xs, "winsorised", [...changed].sort((a, b) => a - b).map((i) => units[i]!)))
  // COINr's log_CT on the original values: log(x - min + 0.01 (max - min))
  const lo = Math.min(...original)
  const hi = Math.max(...original)
  return Either.right(result(original.map((x) => Math.log(x - lo + 0.01 * (hi - lo))), "log", units))
}

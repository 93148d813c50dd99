/**
 * Normalisation of raw indicator values to a 0-100 score, the first step of a composite index (JRC/OECD
 * Handbook on Constructing Composite Indicators; COINr). 100 is always best: lower-is-better indicators are
 * reversed. Each normaliser returns `Either`: a value outside its domain or bounds that define no scale are
 * refused with a `CompositeError` saying why, never turned into NaN or a silent 0 or 100.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"

/** Which way is better for the raw values. */
export type Polarity = "higher-is-better" | "lower-is-better"

/** Goalposts: the value scoring 0 (`lo` for higher-is-better) and the value scoring 100, with `lo < hi`. */
export interface Bounds {
  readonly lo: number
  readonly hi: number
}

/**
 * Checks goalposts: both finite and `lo < hi`. Equal bounds define no scale (every value would be 0 or 100);
 * `lo > hi` would silently reverse it (say the polarity instead).
 */
export const validateBounds = (bounds: Bounds, where = "goalposts"): Either.Either<Bounds, CompositeError> => {
  if (!Number.isFinite(bounds.lo) || !Number.isFinite(bounds.hi)) {
    return Either.left(new CompositeError({ reason: "invalid-bounds", message: `${where}: bounds must be finite numbers; lo = ${bounds.lo}, hi = ${bounds.hi}` }))
  }
  if (bounds.lo === bounds.hi) {
    return Either.left(
      new CompositeError({ reason: "invalid-bounds", message: `${where}: lo and hi are both ${bounds.lo}, which defines no scale; give two different values` }),
    )
  }
  if (bounds.lo > bounds.hi) {
    return Either.left(
      new CompositeError({
        reason: "invalid-bounds",
        message: `${where}: lo = ${bounds.lo} is above hi = ${bounds.hi}; give lo < hi and say "lower-is-better" to reverse the scale`,
      }),
    )
  }
  return Either.right(bounds)
}

/**
 * Goalposts: fixed lower and upper bounds (`lo < hi`, else refused). Score = (x - lo) / (hi - lo) * 100,
 * truncated to 0..100; reversed for lower-is-better ((hi - x) / (hi - lo) * 100). A non-finite value is refused.
 *
 * @example
 * goalposts(35, { lo: 20, hi: 80 }, "higher-is-better") // Right(25)
 * goalposts(35, { lo: 20, hi: 80 }, "lower-is-better")  // Right(75)
 * goalposts(35, { lo: 80, hi: 20 }, "higher-is-better") // Left(invalid-bounds)
 */
export const goalposts = (value: number, bounds: Bounds, polarity: Polarity): Either.Either<number, CompositeError> =>
  Either.flatMap(validateBounds(bounds), ({ lo, hi }) => {
    if (!Number.isFinite(value)) {
      return Either.left(new CompositeError({ reason: "out-of-domain", message: `goalposts: the value ${value} is not a finite number` }))
    }
    const share = polarity === "higher-is-better" ? (value - lo) / (hi - lo) : (hi - value) / (hi - lo)
    return Either.right(Math.min(100, Math.max(0, share * 100)))
  })

/** Values by unit (region) that may be missing: `undefined` or a non-finite number is missing. */
export type MaybeValues = Readonly<Record<string, number | undefined>>

/** Normalised values by unit; a unit missing in the input is `undefined` (carried as missing, like COINr's NA). */
export type NormalisedValues = Record<string, number | undefined>

/** Whether a value is present (a finite number). */
export const isPresent = (x: number | undefined): x is number => x !== undefined && Number.isFinite(x)

/** Options of `minMax`. */
export interface MinMaxOptions {
  /** The scores of the worst and best unit. Default [0, 100]; e.g. [1, 100] before a geometric mean (COINr `l_u`). */
  readonly range?: readonly [number, number]
}

/**
 * Min-max over the units of one year (COINr `n_minmax`): the best unit scores `range[1]` (default 100), the worst
 * `range[0]` (default 0). Missing units stay missing and are left out of the min and max. Refused with `no-values`
 * when no unit has a value and `no-spread` when every present value is the same (the scale is undefined).
 *
 * @example
 * minMax({ A: 10, B: 20, C: 30 }, "higher-is-better") // Right({ A: 0, B: 50, C: 100 })
 * minMax({ A: 10, B: undefined, C: 30 }, "higher-is-better", { range: [1, 100] }) // Right({ A: 1, B: undefined, C: 100 })
 */
export const minMax = (
  values: MaybeValues,
  polarity: Polarity,
  options: MinMaxOptions = {},
): Either.Either<NormalisedValues, CompositeError> => {
  const [l, u] = options.range ?? [0, 100]
  if (!(Number.isFinite(l) && Number.isFinite(u) && l < u)) {
    return Either.left(new CompositeError({ reason: "invalid-options", message: `min-max: the range [${l}, ${u}] must be finite with the first below the second` }))
  }
  const units = Object.keys(values)
  const xs = units.map((k) => values[k]).filter(isPresent)
  if (xs.length === 0) {
    return Either.left(
      new CompositeError({
        reason: "no-values",
        message: units.length === 0 ? "min-max normalisation needs values; none were given" : `min-max normalisation needs values; none of the ${units.length} units has one`,
      }),
    )
  }
  const lo = Math.min(...xs)
  const hi = Math.max(...xs)
  if (!(hi > lo)) {
    const missing = units.length - xs.length
    return Either.left(
      new CompositeError({
        reason: "no-spread",
        message:
          `min-max normalisation needs at least two different values; all ${xs.length} units with a value have ${lo}` +
          `${missing > 0 ? ` (${missing} missing)` : ""}. Use goalposts instead`,
      }),
    )
  }
  return Either.right(
    Object.fromEntries(
      units.map((k) => {
        const x = values[k]
        if (!isPresent(x)) return [k, undefined]
        const share = polarity === "higher-is-better" ? (x - lo) / (hi - lo) : (hi - x) / (hi - lo)
        return [k, l + share * (u - l)]
      }),
    ),
  )
}

/**
 * Distance to target: the share of the target reached, as a score capped at 100: x / target * 100 for
 * higher-is-better, target / x * 100 for lower-is-better (0 scores 100: nothing is lower).
 *
 * Its domain is a ratio scale: `target > 0` and `value >= 0`, both finite (a share, a concentration, an amount).
 * Outside it a ratio means nothing (a negative value over a positive target, or any value over a target of 0 or
 * below) and the value is refused with `out-of-domain`; use goalposts for indicators that can be negative.
 *
 * @example
 * distanceToTarget(80.96, 100, "higher-is-better") // Right(80.96)
 * distanceToTarget(50, 40, "lower-is-better")      // Right(80)
 * distanceToTarget(-10, -5, "higher-is-better")    // Left(out-of-domain)
 */
export const distanceToTarget = (value: number, target: number, polarity: Polarity): Either.Either<number, CompositeError> => {
  if (!(Number.isFinite(target) && target > 0)) {
    return Either.left(
      new CompositeError({ reason: "out-of-domain", message: `distance to target needs a target above 0 (a ratio scale); the target is ${target}. Use goalposts instead` }),
    )
  }
  if (!(Number.isFinite(value) && value >= 0)) {
    return Either.left(
      new CompositeError({ reason: "out-of-domain", message: `distance to target needs a value of 0 or more (a ratio scale); the value is ${value}. Use goalposts instead` }),
    )
  }
  const share = polarity === "higher-is-better" ? value / target : value === 0 ? 1 : target / value
  return Either.right(Math.min(100, share * 100))
}

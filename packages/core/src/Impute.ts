/**
 * Imputation of missing values, as COINr's `i_mean`, `i_median` and `i_mean_grp`: a missing unit takes the mean or
 * the median of the units with a value (optionally of its own group). The imputed units are listed, so a report
 * can mark them; a unit whose group has no value stays missing.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"
import { isPresent, type MaybeValues, type NormalisedValues } from "./Normalise.js"
import { quantile } from "./Quantile.js"

/** How a missing value is estimated. */
export type ImputationMethod = "mean" | "median"

/** The values with the missing ones filled in, and which were imputed (and which could not be). */
export interface ImputedValues {
  readonly values: NormalisedValues
  readonly imputed: ReadonlyArray<string>
  readonly stillMissing: ReadonlyArray<string>
}

/**
 * Fills each missing unit with the mean or median of the present units, or, given `groups` (unit -> group), of the
 * present units of its group. Refused with `no-values` when no unit has a value.
 *
 * @example
 * impute({ A: 10, B: 20, C: 60, D: undefined }, "mean")   // D = 30; imputed ["D"]
 * impute({ A: 10, B: 20, C: 60, D: undefined }, "median") // D = 20
 * impute({ A: 10, B: 20, C: 60, D: undefined }, "mean", { A: "x", B: "y", C: "y", D: "y" }) // D = 40
 */
export const impute = (
  values: MaybeValues,
  method: ImputationMethod,
  groups?: Readonly<Record<string, string>>,
): Either.Either<ImputedValues, CompositeError> => {
  const units = Object.keys(values)
  if (!units.some((k) => isPresent(values[k]))) {
    return Either.left(new CompositeError({ reason: "no-values", message: `imputation needs values; none of the ${units.length} units has one` }))
  }
  const centre = (xs: ReadonlyArray<number>) => (method === "mean" ? xs.reduce((s, x) => s + x, 0) / xs.length : quantile(xs, 0.5))
  const estimate = new Map<string | undefined, number | undefined>()
  const estimateFor = (group: string | undefined) => {
    if (!estimate.has(group)) {
      const xs = units.filter((k) => groups === undefined || groups[k] === group).map((k) => values[k]).filter(isPresent)
      estimate.set(group, xs.length > 0 ? centre(xs) : undefined)
    }
    return estimate.get(group)
  }
  const imputed: Array<string> = []
  const stillMissing: Array<string> = []
  const out: NormalisedValues = {}
  for (const k of units) {
    const x = values[k]
    if (isPresent(x)) {
      out[k] = x
      continue
    }
    const e = groups !== undefined && groups[k] === undefined ? undefined : estimateFor(groups?.[k])
    out[k] = e
    ;(e === undefined ? stillMissing : imputed).push(k)
  }
  return Either.right({ values: out, imputed, stillMissing })
}

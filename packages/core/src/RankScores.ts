/**
 * Rank-based normalisation, as COINr's `n_rank`, `n_prank` and `n_borda`: only the order of the units counts,
 * so outliers cannot dominate, at the price of the distances between units. Ties take the lowest rank ("sport"
 * ranking, R's `ties.method = "min"`); missing units stay missing (R's `na.last = "keep"`). Higher is better after
 * the polarity is applied: the best unit gets the highest score.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"
import { isPresent, type MaybeValues, type NormalisedValues, type Polarity } from "./Normalise.js"

/** Which rank score: the rank (1 = worst), the percentile rank (0 = worst, 1 = best), or the Borda score (rank - 1). */
export type RankScore = "rank" | "percentile-rank" | "borda"

/**
 * Rank scores over the units with a value. With n present values and r = 1 + the number of values worse than x:
 * `rank` = r (COINr `n_rank`), `borda` = r - 1 (`n_borda`), `percentile-rank` = (r - 1) / (n - 1) (`n_prank`).
 * Refused with `no-values` when no unit has a value (and, for the percentile rank, when only one has).
 *
 * @example
 * rankScores({ A: 10, B: 30, C: 30, D: 20, E: undefined }, "higher-is-better", "rank")
 * // Right({ A: 1, B: 3, C: 3, D: 2, E: undefined })
 * rankScores({ A: 10, B: 30, C: 30, D: 20 }, "higher-is-better", "percentile-rank")
 * // Right({ A: 0, B: 2/3, C: 2/3, D: 1/3 })
 */
export const rankScores = (values: MaybeValues, polarity: Polarity, score: RankScore): Either.Either<NormalisedValues, CompositeError> => {
  const sign = polarity === "higher-is-better" ? 1 : -1
  const units = Object.keys(values)
  const xs = units.map((k) => values[k]).filter(isPresent).map((x) => sign * x).sort((a, b) => a - b)
  const needed = score === "percentile-rank" ? 2 : 1
  if (xs.length < needed) {
    return Either.left(
      new CompositeError({ reason: "no-values", message: `${score} scores need at least ${needed} value(s); ${xs.length} of ${units.length} units have one` }),
    )
  }
  // 1 + the number of present values strictly worse: the first index of x in the sorted values, plus 1
  const rankOf = (x: number) => {
    let lo = 0
    let hi = xs.length
    while (lo < hi) {
      const mid = (lo + hi) >> 1
      if (xs[mid]! < x) lo = mid + 1
      else hi = mid
    }
    return lo + 1
  }
  const scoreOf = (r: number) => (score === "rank" ? r : score === "borda" ? r - 1 : (r - 1) / (xs.length - 1))
  return Either.right(
    Object.fromEntries(units.map((k) => {
      const x = values[k]
      return [k, isPresent(x) ? scoreOf(rankOf(sign * x)) : undefined]
    })),
  )
}

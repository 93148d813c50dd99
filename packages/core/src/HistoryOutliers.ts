/**
 * Outliers against a value's own history: a new value whose change from the previous registered value is
 * implausible. An indicator's `plausibleChange` band (the ratio to the previous value, per year of gap) decides when
 * declared; else the modified z-score of the year-on-year log changes (Iglewicz & Hoaglin 1993):
 * `M = 0.6745 (d - median) / MAD` over the series' earlier changes, an outlier when `|M| > 3.5`. See docs/methods.md.
 */
import type { IndicatorDefinition } from "./Indicator.js"

/** The threshold of |M| above which a change is an outlier (Iglewicz & Hoaglin's recommendation). */
export const MODIFIED_Z_THRESHOLD = 3.5

/**
 * The least spread the z-score divides by: a MAD below it (a series that grew at an almost constant rate, or did not
 * change at all) counts as this much, so a change within about 2.6% a year of the usual one
 * (3.5 × 0.005 / 0.6745) is never an outlier. Without the floor a redline area of 30 km² for six years makes 30.1 an
 * infinitely unusual value (MAD 0). A deliberate deviation from Iglewicz & Hoaglin, see docs/methods.md.
 */
export const MAD_FLOOR = 0.005

/** The fewest earlier year-on-year changes the z-score needs (five earlier values). */
export const MIN_HISTORY_CHANGES = 4

/** One value of a series: a year and a value. */
export interface YearValue {
  readonly year: number
  readonly value: number
}

/**
 * Why a value is an outlier: against the declared band (`ratio` outside `[minRatio, maxRatio]`), or by the modified
 * z-score (`score` of the annual log change `change` against the `median` and `mad` of the earlier ones).
 */
export type OutlierFinding =
  | { readonly method: "band"; readonly previous: YearValue; readonly ratio: number; readonly minRatio: number; readonly maxRatio: number }
  | { readonly method: "modified-z"; readonly previous: YearValue; readonly change: number; readonly median: number; readonly mad: number; readonly score: number }

/** The median of `sorted` (ascending). */
const middle = (sorted: Float64Array): number => {
  const m = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[m]! : (sorted[m - 1]! + sorted[m]!) / 2
}

/** Whether `points` are in year order already (a stored series is), so they need no sort. */
const inYearOrder = (points: ReadonlyArray<YearValue>): boolean => {
  for (let i = 1; i < points.length; i++) if (points[i - 1]!.year > points[i]!.year) return false
  return true
}

/** The annual log change from `a` to `b`: `ln(b / a) / (b.year - a.year)`; undefined where a value is not positive. */
const logChange = (a: YearValue, b: YearValue): number | undefined =>
  a.value > 0 && b.value > 0 && b.year > a.year ? Math.log(b.value / a.value) / (b.year - a.year) : undefined

/**
 * Whether `value` for `year` is an outlier against `history` (the cell's other registered years; the year itself is
 * ignored). Undefined when it is plausible or cannot be judged: no earlier value, a value not positive for the
 * z-score, or fewer than `MIN_HISTORY_CHANGES` earlier changes. The MAD is floored at `MAD_FLOOR`, so a series
 * that never changed does not make every small change an outlier.
 *
 * @example
 * // 100, 101.01, 103.05, 106.18, 110.52 (2019-2023): log changes ≈ 0.01, 0.02, 0.03, 0.04 (median 0.025, MAD 0.01);
 * // 122.14 in 2024: ln(122.14 / 110.52) ≈ 0.10 -> M ≈ 0.6745 × (0.10 - 0.025) / 0.01 ≈ 5.06 > 3.5
 * historyOutlier(indicator, [{ year: 2019, value: 100 }, ...], 2024, 122.14) // { method: "modified-z", score: 5.09, ... }
 */
export const historyOutlier = (
  indicator: Pick<IndicatorDefinition, "plausibleChange">,
  history: ReadonlyArray<YearValue>,
  year: number,
  value: number,
): OutlierFinding | undefined => {
  // every report tests each value of its year, so this runs per value: no copies beyond the one filter, numeric sorts
  const earlier = history.filter((p) => p.year < year)
  if (!inYearOrder(earlier)) earlier.sort((a, b) => a.year - b.year)
  const last = earlier.at(-1)
  if (!last) return undefined
  // a finding holds the point alone, whatever else the caller's objects carry (a report's are stored observations)
  const previous = (): YearValue => ({ year: last.year, value: last.value })
  const band = indicator.plausibleChange
  if (band) {
    if (last.value === 0) return undefined
    const ratio = (value / last.value) ** (1 / (year - last.year))
    return ratio < band.minRatio || ratio > band.maxRatio ? { method: "band", previous: previous(), ratio, minRatio: band.minRatio, maxRatio: band.maxRatio } : undefined
  }
  const change = logChange(last, { year, value })
  if (change === undefined) return undefined
  const changes: Array<number> = []
  for (let i = 1; i < earlier.length; i++) {
    const d = logChange(earlier[i - 1]!, earlier[i]!)
    if (d !== undefined) changes.push(d)
  }
  if (changes.length < MIN_HISTORY_CHANGES) return undefined
  const sorted = Float64Array.from(changes).sort()
  const m = middle(sorted)
  for (let i = 0; i < sorted.length; i++) sorted[i] = Math.abs(sorted[i]! - m)
  const mad = middle(sorted.sort())
  const deviation = change - m
  const score = (0.6745 * deviation) / Math.max(mad, MAD_FLOOR)
  return Math.abs(score) > MODIFIED_Z_THRESHOLD ? { method: "modified-z", previous: previous(), change, median: m, mad, score } : undefined
}

/**
 * Sample quantiles, as R's `quantile(x, p)` computes them by default (type 7, linear interpolation between order
 * statistics; also NumPy's default). COINr's `get_sensitivity` reports its rank intervals with it.
 */

/**
 * The `p`-quantile (0 <= p <= 1) of the values: sort them, then interpolate at position `h = (n - 1) p`:
 * `x[floor(h)] + (h - floor(h)) (x[floor(h) + 1] - x[floor(h)])` (0-based). NaN for no values.
 *
 * @example
 * quantile([1, 2, 3, 4, 5], 0.5)  // 3
 * quantile([1, 2, 3, 4], 0.05)    // h = 3 * 0.05 = 0.15 -> 1 + 0.15 * (2 - 1) = 1.15
 */
export const quantile = (values: ReadonlyArray<number>, p: number): number => quantileOfSorted(Float64Array.from(values).sort(), p)

/** `quantile` of values already sorted ascending (sort once, read several quantiles). */
export const quantileOfSorted = (sorted: ArrayLike<number>, p: number): number => {
  if (sorted.length === 0) return Number.NaN
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p))
  const lo = Math.floor(h)
  const hi = Math.min(lo + 1, sorted.length - 1)
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!)
}

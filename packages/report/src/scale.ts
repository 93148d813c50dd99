/**
 * Linear scales and "nice" ticks for the report's charts: steps of 1, 2 or 5 times a power of ten (the rule
 * d3-scale uses), computed on integers so ticks like 0.3 print as 0.3, not 0.30000000000000004.
 */

/** A closed interval `[lo, hi]`. */
export type Interval = readonly [number, number]

const E10 = Math.sqrt(50)
const E5 = Math.sqrt(10)
const E2 = Math.sqrt(2)

/**
 * The tick increment for about `count` ticks over `[lo, hi]`: a positive step (1, 2 or 5 x 10^k, k >= 0), or,
 * for steps below 1, the negative inverse of the step (-10 means a step of 0.1), so ticks stay exact.
 */
const tickIncrement = (lo: number, hi: number, count: number): number => {
  const step = (hi - lo) / Math.max(1, count)
  const power = Math.floor(Math.log10(step))
  const error = step / 10 ** power
  const factor = error >= E10 ? 10 : error >= E5 ? 5 : error >= E2 ? 2 : 1
  return power >= 0 ? factor * 10 ** power : -(10 ** -power) / factor
}

/**
 * The step between ticks for about `count` ticks over `[lo, hi]`.
 *
 * @example
 * tickStep(0, 100, 5) // 20
 * tickStep(52.66, 80.96, 5) // 5
 */
export const tickStep = (lo: number, hi: number, count = 5): number => {
  const inc = tickIncrement(Math.min(lo, hi), Math.max(lo, hi), count)
  return inc > 0 ? inc : -1 / inc
}

/**
 * About `count` round ticks inside `[lo, hi]` (inclusive), ascending. A zero-width interval has one tick.
 *
 * @example
 * niceTicks(0, 100) // [0, 20, 40, 60, 80, 100]
 * niceTicks(52.66, 80.96) // [55, 60, 65, 70, 75, 80]
 */
export const niceTicks = (lo: number, hi: number, count = 5): ReadonlyArray<number> => {
  const [a, b] = lo <= hi ? [lo, hi] : [hi, lo]
  if (!Number.isFinite(a) || !Number.isFinite(b)) return []
  if (a === b) return [a]
  const inc = tickIncrement(a, b, count)
  const ticks: Array<number> = []
  if (inc > 0) {
    for (let i = Math.ceil(a / inc); i * inc <= b; i++) ticks.push(i * inc)
  } else {
    const inv = -inc
    for (let i = Math.ceil(a * inv); i / inv <= b; i++) ticks.push(i / inv)
  }
  return ticks
}

/**
 * Widens a zero-width interval so it can be drawn: by 10% of the value each way, or by 1 around 0.
 *
 * @example
 * padInterval([80.96, 80.96]) // [72.864, 89.056]
 */
export const padInterval = ([lo, hi]: Interval): Interval => {
  if (lo !== hi) return lo < hi ? [lo, hi] : [hi, lo]
  const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1
  return [lo - pad, hi + pad]
}

/**
 * Extends an interval outwards to round tick values (zero-width intervals are padded first).
 *
 * @example
 * niceInterval([52.66, 80.96]) // [50, 85]
 * niceInterval([80.96, 80.96]) // [70, 90]
 */
export const niceInterval = (interval: Interval, count = 5): Interval => {
  let [lo, hi] = padInterval(interval)
  let previous: number | undefined
  for (let i = 0; i < 10; i++) {
    const inc = tickIncrement(lo, hi, count)
    if (inc === previous) break
    if (inc > 0) {
      lo = Math.floor(lo / inc) * inc
      hi = Math.ceil(hi / inc) * inc
    } else {
      lo = Math.ceil(lo * inc) / inc
      hi = Math.floor(hi * inc) / inc
    }
    previous = inc
  }
  return [lo, hi]
}

/** A linear map from a domain (data values) to a range (pixels). */
export interface LinearScale {
  (value: number): number
  readonly domain: Interval
  readonly range: Interval
  /** About `count` round ticks inside the domain. */
  readonly ticks: (count?: number) => ReadonlyArray<number>
}

/**
 * A linear scale. A zero-width domain maps every value to the middle of the range.
 *
 * @example
 * const y = linearScale([0, 100], [200, 0]) // SVG y grows downwards
 * y(80) // 40
 */
export const linearScale = (domain: Interval, range: Interval): LinearScale => {
  const [d0, d1] = domain
  const [r0, r1] = range
  const scale = (value: number) => (d1 === d0 ? (r0 + r1) / 2 : r0 + ((value - d0) / (d1 - d0)) * (r1 - r0))
  return Object.assign(scale, { domain, range, ticks: (count = 5) => niceTicks(d0, d1, count) })
}

/**
 * The departure window of a commute: departures every `stepS` seconds from `startS` to `endS` inclusive
 * (07:00-09:00 by 1 minute is 121 departures), and the median over them.
 */

/** Departure times in seconds, ascending. */
export const departureTimes = (startS: number, endS: number, stepS: number): Array<number> => {
  const out: Array<number> = []
  for (let t = startS; t <= endS; t += stepS) out.push(t)
  return out
}

/**
 * The median of travel times (Infinity = not reachable): the middle value, or the mean of the two middle values
 * for an even count (Infinity when either is).
 */
export const median = (values: ArrayLike<number>): number => {
  if (values.length === 0) return Infinity
  const sorted = Float64Array.from(values).sort()
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2
}

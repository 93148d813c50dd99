/**
 * The border two territories share: the parts of A's boundary edges that run along B's boundary (within a
 * tolerance and at a small angle), as segments on A's edges. Boundaries digitised by different agencies rarely
 * coincide exactly; the tolerance absorbs that.
 */
import Flatbush from "flatbush"
import type { MultiPolygon, Pair } from "./geometry.js"

/** A straight piece of shared border. */
export interface BorderSegment {
  readonly p: Pair
  readonly q: Pair
}

const MAX_SIN = Math.sin((15 * Math.PI) / 180)

const edgesOf = (mp: MultiPolygon): Array<[Pair, Pair]> => {
  const out: Array<[Pair, Pair]> = []
  for (const polygon of mp) for (const ring of polygon) for (let k = 0; k < ring.length - 1; k++) out.push([ring[k]!, ring[k + 1]!])
  return out
}

const mergeIntervals = (intervals: Array<[number, number]>): Array<[number, number]> => {
  const sorted = intervals.sort((a, b) => a[0] - b[0])
  const out: Array<[number, number]> = []
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1]
    if (last && lo <= last[1]) last[1] = Math.max(last[1], hi)
    else out.push([lo, hi])
  }
  return out
}

/** The segments of `a`'s boundary that lie within `toleranceM` of `b`'s boundary and run along it. */
export const sharedBorder = (a: MultiPolygon, b: MultiPolygon, toleranceM: number, minLengthM = 0.01): Array<BorderSegment> => {
  const bEdges = edgesOf(b)
  if (bEdges.length === 0) return []
  const index = new Flatbush(bEdges.length)
  for (const [r, s] of bEdges) {
    index.add(Math.min(r[0], s[0]) - toleranceM, Math.min(r[1], s[1]) - toleranceM, Math.max(r[0], s[0]) + toleranceM, Math.max(r[1], s[1]) + toleranceM)
  }
  index.finish()
  const out: Array<BorderSegment> = []
  for (const [p, q] of edgesOf(a)) {
    const len = Math.hypot(q[0] - p[0], q[1] - p[1])
    if (len === 0) continue
    const d: Pair = [(q[0] - p[0]) / len, (q[1] - p[1]) / len]
    const intervals: Array<[number, number]> = []
    for (const j of index.search(Math.min(p[0], q[0]), Math.min(p[1], q[1]), Math.max(p[0], q[0]), Math.max(p[1], q[1]))) {
      const [r, s] = bEdges[j]!
      const blen = Math.hypot(s[0] - r[0], s[1] - r[1])
      if (blen === 0 || Math.abs(d[0] * (s[1] - r[1]) - d[1] * (s[0] - r[0])) / blen > MAX_SIN) continue
      const ur = (r[0] - p[0]) * d[0] + (r[1] - p[1]) * d[1]
      const us = (s[0] - p[0]) * d[0] + (s[1] - p[1]) * d[1]
      const vr = -(r[0] - p[0]) * d[1] + (r[1] - p[1]) * d[0]
      const vs = -(s[0] - p[0]) * d[1] + (s[1] - p[1]) * d[0]
      let lo = Math.max(0, Math.min(ur, us))
      let hi = Math.min(len, Math.max(ur, us))
      const k = (vs - vr) / (us - ur)
      if (k === 0) {
        if (Math.abs(vr) > toleranceM) continue
      } else {
        const u1 = ur + (-toleranceM - vr) / k
        const u2 = ur + (toleranceM - vr) / k
        lo = Math.max(lo, Math.min(u1, u2))
        hi = Math.min(hi, Math.max(u1, u2))
      }
      if (hi - lo > 1e-9) intervals.push([lo, hi])
    }
    for (const [lo, hi] of mergeIntervals(intervals)) {
      if (hi - lo >= minLengthM) out.push({ p: [p[0] + d[0] * lo, p[1] + d[1] * lo], q: [p[0] + d[0] * hi, p[1] + d[1] * hi] })
    }
  }
  return out
}

/** Merges intervals; exported for the seam measurement. */
export const unionOfIntervals = (intervals: ReadonlyArray<readonly [number, number]>): Array<[number, number]> =>
  mergeIntervals(intervals.map(([lo, hi]) => [lo, hi]))

/** The intersection of two interval lists, merged. */
export const intersectIntervals = (a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  for (const [alo, ahi] of a) {
    for (const [blo, bhi] of b) {
      const lo = Math.max(alo, blo)
      const hi = Math.min(ahi, bhi)
      if (hi > lo) out.push([lo, hi])
    }
  }
  return mergeIntervals(out)
}

/** Total length of merged intervals. */
export const intervalsLength = (intervals: ReadonlyArray<readonly [number, number]>): number => intervals.reduce((s, [lo, hi]) => s + hi - lo, 0)

/**
 * How wide and how long a seam gap is, in the frame of a straight piece of shared border: `u` along the border
 * from its start `p` in direction `d`, `v` across it (normal `n`).
 *
 * - Width at a position `u`: on the line across the border at `u`, where it meets both redlines, the length between
 *   the first and the last redline ground on it that neither redline covers: the distance between the two redlines
 *   there. (The cross-section of the gap polygon would also count the thin slivers the convex hull leaves where
 *   the redlines' ends are not in line, which run across the border and are long but have no width.) The width is
 *   linear in `u` between the positions of the redlines' vertices unless their edges cross, so it is evaluated at
 *   each vertex position (from either side) and midway between, and taken as linear in between.
 * - Widest gap: the largest width held along at least `SUSTAINED_M` of border. Where the two redlines' ends are
 *   not square to the border, a line across it near the ends meets both far from the border over a few millimetres;
 *   those spikes are not a gap between the redlines.
 * - Length: the stretch of border spanned by the gap's pieces larger than the sliver size.
 */
import { pushTo } from "./collections.js"
import { type MultiPolygon, type Pair, polygonAreaM2 } from "./geometry.js"

/** A straight piece of border as a frame: start `p`, unit direction `d`, unit normal `n`. */
export interface BorderFrame {
  readonly p: Pair
  readonly d: Pair
  readonly n: Pair
}

/** One side's redline ground in a facing stretch. */
export interface FacingPart {
  readonly side: string
  readonly mp: MultiPolygon
}

interface Edge {
  readonly polygon: number
  readonly u0: number
  readonly v0: number
  readonly u1: number
  readonly v1: number
}

const vAt = (e: Edge, u: number) => e.v0 + ((e.v1 - e.v0) * (u - e.u0)) / (e.u1 - e.u0)

const toFrame = (f: BorderFrame, [x, y]: Pair): Pair => [(x - f.p[0]) * f.d[0] + (y - f.p[1]) * f.d[1], (x - f.p[0]) * f.n[0] + (y - f.p[1]) * f.n[1]]

/** The uncovered length between the first and last covered point of a line, given each polygon's covered intervals. */
const uncoveredBetween = (intervals: Array<[number, number]>): number => {
  intervals.sort((x, y) => x[0] - y[0])
  let covered = 0
  let end = -Infinity
  for (const [lo, hi] of intervals) {
    if (hi <= end) continue
    covered += hi - Math.max(lo, end)
    end = hi
  }
  return end - intervals[0]![0] - covered
}

/** The width along a stretch of border `[u0, u1]`, going linearly from `w0` to `w1` (m). */
export interface WidthPiece {
  readonly u0: number
  readonly u1: number
  readonly w0: number
  readonly w1: number
}

/** The length (m) of border along which a widest gap must hold. */
export const SUSTAINED_M = 1

/** The distance (m) across the border between the two sides' redlines, along the stretch where both are met. */
export const facingWidths = (parts: ReadonlyArray<FacingPart>, f: BorderFrame): Array<WidthPiece> => {
  const sideOf: Array<string> = []
  const edges: Array<Edge> = []
  const breaks = new Set<number>()
  for (const part of parts) {
    for (const polygon of part.mp) {
      const id = sideOf.push(part.side) - 1
      for (const ring of polygon) {
        const local = ring.map((pt) => toFrame(f, pt))
        for (let k = 0; k + 1 < local.length; k++) {
          const [a, b] = [local[k]!, local[k + 1]!]
          breaks.add(a[0])
          if (a[0] !== b[0]) edges.push(a[0] < b[0] ? { polygon: id, u0: a[0], v0: a[1], u1: b[0], v1: b[1] } : { polygon: id, u0: b[0], v0: b[1], u1: a[0], v1: a[1] })
        }
      }
    }
  }
  edges.sort((x, y) => x.u0 - y.u0)
  const us = [...breaks].sort((x, y) => x - y)
  let active: Array<Edge> = []
  let next = 0
  const out: Array<WidthPiece> = []
  for (let k = 0; k + 1 < us.length; k++) {
    const [lo, hi] = [us[k]!, us[k + 1]!]
    while (next < edges.length && edges[next]!.u0 <= lo) active.push(edges[next++]!)
    active = active.filter((e) => e.u1 > lo)
    const mid = (lo + hi) / 2
    const byPolygon = new Map<number, Array<Edge>>()
    for (const e of active) pushTo(byPolygon, e.polygon, e)
    const widths = [lo, mid, hi].map((u) => {
      const intervals: Array<[number, number]> = []
      const sides = new Set<string>()
      for (const [polygon, crossing] of byPolygon) {
        crossing.sort((x, y) => vAt(x, mid) - vAt(y, mid))
        for (let j = 0; j + 1 < crossing.length; j += 2) intervals.push([vAt(crossing[j]!, u), vAt(crossing[j + 1]!, u)])
        if (crossing.length > 1) sides.add(sideOf[polygon]!)
      }
      return sides.size > 1 ? uncoveredBetween(intervals) : undefined
    })
    const [w0, wm, w1] = widths
    if (w0 !== undefined && wm !== undefined) out.push({ u0: lo, u1: mid, w0, w1: wm })
    if (wm !== undefined && w1 !== undefined) out.push({ u0: mid, u1: hi, w0: wm, w1 })
  }
  return out
}

/** Length (m) of the pieces along which the width is at least `w`. */
const lengthAtLeast = (pieces: ReadonlyArray<WidthPiece>, w: number): number =>
  pieces.reduce((sum, p) => {
    const [lo, hi] = [Math.min(p.w0, p.w1), Math.max(p.w0, p.w1)]
    const len = p.u1 - p.u0
    return sum + (w <= lo ? len : w > hi ? 0 : (len * (hi - w)) / (hi - lo))
  }, 0)

/** The largest width (m) held along at least `lengthM` of border in all (0 when the pieces are shorter). */
export const sustainedWidthM = (pieces: ReadonlyArray<WidthPiece>, lengthM = SUSTAINED_M): number => {
  let [lo, hi] = [0, Math.max(0, ...pieces.flatMap((p) => [p.w0, p.w1]))]
  if (lengthAtLeast(pieces, hi) >= lengthM) return hi
  if (lengthAtLeast(pieces, lo) < lengthM) return 0
  for (let k = 0; k < 60 && hi - lo > 1e-9; k++) {
    const w = (lo + hi) / 2
    if (lengthAtLeast(pieces, w) >= lengthM) lo = w
    else hi = w
  }
  return lo
}

/** The intervals of `u` (m along the border) spanned by the gap's pieces larger than `sliverM2`. */
export const gapSpans = (gap: MultiPolygon, f: BorderFrame, sliverM2: number): Array<[number, number]> =>
  gap
    .filter((polygon) => polygonAreaM2(polygon) > sliverM2)
    .map((polygon) => {
      const us = polygon[0]!.map((pt) => toFrame(f, pt)[0])
      return [Math.min(...us), Math.max(...us)]
    })

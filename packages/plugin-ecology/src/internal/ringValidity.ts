/**
 * Simple-feature validity of a polygon's rings in the metric frame: no ring crosses or touches itself, no two
 * rings of a polygon cross or share an edge (a hole may touch its shell at a point). Segment pairs are found
 * with a flatbush index, so the check is O(n log n) in the number of edges.
 */
import Flatbush from "flatbush"
import type { Pair } from "./geometry.js"

/** Where a polygon's rings break validity. Edge `k` joins positions `k` and `k + 1` of the ring. */
export interface RingDefect {
  readonly ringA: number
  readonly edgeA: number
  readonly ringB: number
  readonly edgeB: number
  readonly at: Pair
}

const orient = (a: Pair, b: Pair, c: Pair): number => {
  const v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
  return v > 0 ? 1 : v < 0 ? -1 : 0
}

const onSegment = (a: Pair, b: Pair, p: Pair): boolean =>
  Math.min(a[0], b[0]) <= p[0] && p[0] <= Math.max(a[0], b[0]) && Math.min(a[1], b[1]) <= p[1] && p[1] <= Math.max(a[1], b[1])

/** How two segments meet: not at all, crossing at an interior point, touching, or overlapping along a length. */
type Contact = { readonly kind: "none" } | { readonly kind: "cross" | "touch" | "overlap"; readonly at: Pair }

const contact = (p1: Pair, p2: Pair, q1: Pair, q2: Pair): Contact => {
  const d1 = orient(q1, q2, p1)
  const d2 = orient(q1, q2, p2)
  const d3 = orient(p1, p2, q1)
  const d4 = orient(p1, p2, q2)
  if (d1 * d2 < 0 && d3 * d4 < 0) {
    const t = ((q1[0] - p1[0]) * (q2[1] - q1[1]) - (q1[1] - p1[1]) * (q2[0] - q1[0])) / ((p2[0] - p1[0]) * (q2[1] - q1[1]) - (p2[1] - p1[1]) * (q2[0] - q1[0]))
    return { kind: "cross", at: [p1[0] + t * (p2[0] - p1[0]), p1[1] + t * (p2[1] - p1[1])] }
  }
  if (d1 === 0 && d2 === 0 && d3 === 0 && d4 === 0) {
    const hits = [p1, p2].filter((p) => onSegment(q1, q2, p)).concat([q1, q2].filter((q) => onSegment(p1, p2, q)))
    const distinct = hits.filter((h, i) => hits.findIndex((k) => k[0] === h[0] && k[1] === h[1]) === i)
    if (distinct.length >= 2) return { kind: "overlap", at: distinct[0]! }
    if (distinct.length === 1) return { kind: "touch", at: distinct[0]! }
    return { kind: "none" }
  }
  if (d1 === 0 && onSegment(q1, q2, p1)) return { kind: "touch", at: p1 }
  if (d2 === 0 && onSegment(q1, q2, p2)) return { kind: "touch", at: p2 }
  if (d3 === 0 && onSegment(p1, p2, q1)) return { kind: "touch", at: q1 }
  if (d4 === 0 && onSegment(p1, p2, q2)) return { kind: "touch", at: q2 }
  return { kind: "none" }
}

/**
 * The defects of one polygon (rings closed, consecutive duplicates removed), at most `max` of them. Adjacent edges
 * of a ring may only share their common position; any other contact inside a ring is a self-intersection.
 */
export const polygonDefects = (rings: ReadonlyArray<ReadonlyArray<Pair>>, max = 3): Array<RingDefect> => {
  const edges: Array<{ ring: number; k: number; a: Pair; b: Pair; n: number }> = []
  rings.forEach((ring, r) => {
    for (let k = 0; k < ring.length - 1; k++) edges.push({ ring: r, k, a: ring[k]!, b: ring[k + 1]!, n: ring.length - 1 })
  })
  const defects: Array<RingDefect> = []
  const test = (i: number, j: number) => {
    const e = edges[i]!
    const f = edges[j]!
    const c = contact(e.a, e.b, f.a, f.b)
    if (c.kind === "none") return
    if (e.ring === f.ring) {
      const adjacent = Math.abs(e.k - f.k) === 1 || Math.abs(e.k - f.k) === e.n - 1
      if (adjacent && c.kind === "touch") return
    } else if (c.kind === "touch") return
    defects.push({ ringA: e.ring, edgeA: e.k, ringB: f.ring, edgeB: f.k, at: c.at })
  }
  if (edges.length <= 48) {
    for (let i = 0; i < edges.length && defects.length < max; i++) {
      for (let j = i + 1; j < edges.length && defects.length < max; j++) test(i, j)
    }
    return defects
  }
  const index = new Flatbush(edges.length)
  for (const e of edges) index.add(Math.min(e.a[0], e.b[0]), Math.min(e.a[1], e.b[1]), Math.max(e.a[0], e.b[0]), Math.max(e.a[1], e.b[1]))
  index.finish()
  for (let i = 0; i < edges.length && defects.length < max; i++) {
    const e = edges[i]!
    const near = index.search(Math.min(e.a[0], e.b[0]), Math.min(e.a[1], e.b[1]), Math.max(e.a[0], e.b[0]), Math.max(e.a[1], e.b[1]))
    for (const j of near) {
      if (j > i && defects.length < max) test(i, j)
    }
  }
  return defects
}

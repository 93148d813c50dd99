/**
 * The area of the intersection of two polygons, without an overlay. A ring is the signed sum of the triangles
 * fanned from its first position to each edge (their signed indicator functions add up to the ring's winding
 * number), and the part of the other polygon inside one triangle is measured exactly by Sutherland-Hodgman
 * clipping against the triangle's three sides (a convex window). Linear in each polygon's size per triangle,
 * with no special cases for shared edges or touching vertices, and it cannot loop: it is used wherever only an
 * area is needed (encroachment, land use), so polygon-clipping runs only where geometry must be built.
 */
import { type Box, boxOf, boxOverlap, clipRingToBox, type Pair, vertexCount } from "./geometry.js"

type Geom = ReadonlyArray<ReadonlyArray<ReadonlyArray<Pair>>>

const cross = (o: Pair, a: Pair, b: Pair) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

/** Clips an open ring against the half-plane left of a→b and returns the open result. */
const clipLeftOf = (input: ReadonlyArray<Pair>, a: Pair, b: Pair): Array<Pair> => {
  const out: Array<Pair> = []
  const n = input.length
  for (let i = 0; i < n; i++) {
    const cur = input[i]!
    const prev = input[(i + n - 1) % n]!
    const dc = cross(a, b, cur)
    const dp = cross(a, b, prev)
    if (dc >= 0) {
      if (dp < 0) {
        const t = dp / (dp - dc)
        out.push([prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])])
      }
      out.push(cur)
    } else if (dp >= 0) {
      const t = dp / (dp - dc)
      out.push([prev[0] + t * (cur[0] - prev[0]), prev[1] + t * (cur[1] - prev[1])])
    }
  }
  return out
}

const openArea = (ring: ReadonlyArray<Pair>): number => {
  const n = ring.length
  if (n < 3) return 0
  const [ox, oy] = ring[0]!
  let s = 0
  for (let i = 1; i < n - 1; i++) s += (ring[i]![0] - ox) * (ring[i + 1]![1] - oy) - (ring[i + 1]![0] - ox) * (ring[i]![1] - oy)
  return Math.abs(s / 2)
}

/** Area of the part of `subject` (open rings, per polygon: exterior then holes) inside the CCW triangle a, b, c. */
const areaInTriangle = (subject: ReadonlyArray<ReadonlyArray<ReadonlyArray<Pair>>>, a: Pair, b: Pair, c: Pair): number => {
  let total = 0
  for (const polygon of subject) {
    polygon.forEach((ring, i) => {
      if (ring.length < 3) return
      const clipped = clipLeftOf(clipLeftOf(clipLeftOf(ring, a, b), b, c), c, a)
      total += (i === 0 ? 1 : -1) * openArea(clipped)
    })
  }
  return total
}

const ringSign = (ring: ReadonlyArray<Pair>): number => {
  let s = 0
  const [ox, oy] = ring[0]!
  for (let i = 1; i < ring.length - 1; i++) s += (ring[i]![0] - ox) * (ring[i + 1]![1] - oy) - (ring[i + 1]![0] - ox) * (ring[i]![1] - oy)
  return Math.sign(s)
}

/** Area (m²) of the intersection of two multipolygons (each valid: rings closed, parts not overlapping). */
export const intersectionAreaM2 = (a: Geom, b: Geom): number => {
  const ba = boxOf(a)
  const bb = boxOf(b)
  const common = boxOverlap(ba, bb)
  if (!common) return 0
  // Fan the smaller polygon; measure the larger one, first cut down to the common box.
  const [fan, subject] = vertexCount(a) <= vertexCount(b) ? [a, b] : [b, a]
  const clipped = subject.map((polygon) => polygon.map((ring) => clipRingToBox(ring, common)))
  let total = 0
  for (const polygon of fan) {
    polygon.forEach((ring, r) => {
      const n = ring.length - 1
      if (n < 3) return
      const role = (r === 0 ? 1 : -1) * ringSign(ring)
      const o = ring[0]!
      for (let i = 1; i < n - 1; i++) {
        const p = ring[i]!
        const q = ring[i + 1]!
        const s = cross(o, p, q)
        if (s === 0) continue
        const tb: Box = [Math.min(o[0], p[0], q[0]), Math.min(o[1], p[1], q[1]), Math.max(o[0], p[0], q[0]), Math.max(o[1], p[1], q[1])]
        if (!boxOverlap(tb, common)) continue
        total += role * (s > 0 ? areaInTriangle(clipped, o, p, q) : -areaInTriangle(clipped, o, q, p))
      }
    })
  }
  return Math.max(0, total)
}

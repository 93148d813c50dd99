/**
 * Planar geometry in a local metric frame (metres): the types shared with polygon-clipping, areas, boxes,
 * orientation, convex hulls and Sutherland-Hodgman clipping against a box. Pure and linear-time; the boolean
 * overlay itself runs in the overlay worker (see overlay.ts).
 */

/** A position `[x, y]` in metres. */
export type Pair = [number, number]
/** A closed ring: the first position repeated at the end. */
export type Ring = Array<Pair>
/** An exterior ring followed by its holes. */
export type Polygon = Array<Ring>
export type MultiPolygon = Array<Polygon>
/** `[minX, minY, maxX, maxY]`. */
export type Box = readonly [number, number, number, number]

/** The signed area (m², positive when counter-clockwise) of a closed ring. */
export const ringSignedAreaM2 = (ring: ReadonlyArray<Pair>): number => {
  let sum = 0
  const n = ring.length
  if (n < 3) return 0
  const [ox, oy] = ring[0]!
  for (let i = 1; i < n - 1; i++) {
    const a = ring[i]!
    const b = ring[i + 1]!
    sum += (a[0] - ox) * (b[1] - oy) - (b[0] - ox) * (a[1] - oy)
  }
  return sum / 2
}

/** Area (m²) of a polygon: its exterior ring less its holes, whatever their winding. */
export const polygonAreaM2 = (polygon: ReadonlyArray<ReadonlyArray<Pair>>): number => {
  let area = 0
  polygon.forEach((ring, i) => {
    const a = Math.abs(ringSignedAreaM2(ring))
    area += i === 0 ? a : -a
  })
  return area
}

/** Area (m²) of a multipolygon whose parts do not overlap (as polygon-clipping returns them). */
export const multiPolygonAreaM2 = (mp: ReadonlyArray<ReadonlyArray<ReadonlyArray<Pair>>>): number =>
  mp.reduce((s, p) => s + polygonAreaM2(p), 0)

/** The bounding box of a multipolygon (or polygon rings). */
export const boxOf = (mp: ReadonlyArray<ReadonlyArray<ReadonlyArray<Pair>>>): Box => {
  let minX = Infinity
  let minY = Infinity
  let maxX = -Infinity
  let maxY = -Infinity
  for (const polygon of mp) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        if (x < minX) minX = x
        if (y < minY) minY = y
        if (x > maxX) maxX = x
        if (y > maxY) maxY = y
      }
    }
  }
  return [minX, minY, maxX, maxY]
}

export const boxAreaM2 = (b: Box): number => Math.max(0, b[2] - b[0]) * Math.max(0, b[3] - b[1])

/** The overlap of two boxes, or undefined when they share no area (touching edges do not count). */
export const boxOverlap = (a: Box, b: Box): Box | undefined => {
  const o: Box = [Math.max(a[0], b[0]), Math.max(a[1], b[1]), Math.min(a[2], b[2]), Math.min(a[3], b[3])]
  return o[0] < o[2] && o[1] < o[3] ? o : undefined
}

export const expandBox = (b: Box, by: number): Box => [b[0] - by, b[1] - by, b[2] + by, b[3] + by]

/** The rectangle of a box as a closed counter-clockwise polygon. */
export const boxPolygon = (b: Box): Polygon => [
  [
    [b[0], b[1]],
    [b[2], b[1]],
    [b[2], b[3]],
    [b[0], b[3]],
    [b[0], b[1]],
  ],
]

/** The number of positions of a multipolygon. */
export const vertexCount = (mp: ReadonlyArray<ReadonlyArray<ReadonlyArray<Pair>>>): number =>
  mp.reduce((s, p) => s + p.reduce((t, r) => t + r.length, 0), 0)

const clipHalfPlane = (input: ReadonlyArray<Pair>, inside: (p: Pair) => boolean, cross: (a: Pair, b: Pair) => Pair): Array<Pair> => {
  const out: Array<Pair> = []
  const n = input.length
  for (let i = 0; i < n; i++) {
    const cur = input[i]!
    const prev = input[(i + n - 1) % n]!
    const cin = inside(cur)
    const pin = inside(prev)
    if (cin) {
      if (!pin) out.push(cross(prev, cur))
      out.push(cur)
    } else if (pin) out.push(cross(prev, cur))
  }
  return out
}

/**
 * Clips a ring to a box (Sutherland-Hodgman). The result may contain zero-width bridges along the box edges, so
 * it is only fit for measuring: its signed area is exactly the area of the ring's region inside the box.
 */
export const clipRingToBox = (ring: ReadonlyArray<Pair>, b: Box): Array<Pair> => {
  const open = ring.length > 1 && ring[0]![0] === ring[ring.length - 1]![0] && ring[0]![1] === ring[ring.length - 1]![1] ? ring.slice(0, -1) : ring.slice()
  const atX = (x: number) => (a: Pair, c: Pair): Pair => [x, a[1] + ((c[1] - a[1]) * (x - a[0])) / (c[0] - a[0])]
  const atY = (y: number) => (a: Pair, c: Pair): Pair => [a[0] + ((c[0] - a[0]) * (y - a[1])) / (c[1] - a[1]), y]
  let out = clipHalfPlane(open, (p) => p[0] >= b[0], atX(b[0]))
  out = clipHalfPlane(out, (p) => p[0] <= b[2], atX(b[2]))
  out = clipHalfPlane(out, (p) => p[1] >= b[1], atY(b[1]))
  out = clipHalfPlane(out, (p) => p[1] <= b[3], atY(b[3]))
  return out
}

const openRingAreaM2 = (ring: ReadonlyArray<Pair>): number => (ring.length < 3 ? 0 : ringSignedAreaM2([...ring, ring[0]!]))

/** Area (m²) of the part of a polygon inside a box, without an overlay. */
export const polygonAreaInBoxM2 = (polygon: ReadonlyArray<ReadonlyArray<Pair>>, b: Box): number => {
  let area = 0
  polygon.forEach((ring, i) => {
    const a = Math.abs(openRingAreaM2(clipRingToBox(ring, b)))
    area += i === 0 ? a : -a
  })
  return area
}

/** Area (m²) of the part of a multipolygon inside a box. */
export const areaInBoxM2 = (mp: ReadonlyArray<ReadonlyArray<ReadonlyArray<Pair>>>, b: Box): number =>
  mp.reduce((s, p) => s + polygonAreaInBoxM2(p, b), 0)

/** Convex hull (Andrew's monotone chain) as a closed counter-clockwise ring; fewer than 3 distinct points give []. */
export const convexHull = (points: ReadonlyArray<Pair>): Ring => {
  const pts = [...points].sort((a, b) => a[0] - b[0] || a[1] - b[1])
  if (pts.length < 3) return []
  const cross = (o: Pair, a: Pair, b: Pair) => (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])
  const lower: Array<Pair> = []
  for (const p of pts) {
    while (lower.length >= 2 && cross(lower[lower.length - 2]!, lower[lower.length - 1]!, p) <= 0) lower.pop()
    lower.push(p)
  }
  const upper: Array<Pair> = []
  for (let i = pts.length - 1; i >= 0; i--) {
    const p = pts[i]!
    while (upper.length >= 2 && cross(upper[upper.length - 2]!, upper[upper.length - 1]!, p) <= 0) upper.pop()
    upper.push(p)
  }
  const hull = [...lower.slice(0, -1), ...upper.slice(0, -1)]
  return hull.length < 3 ? [] : [...hull, hull[0]!]
}

/** Orients a polygon as RFC 7946 asks: exterior counter-clockwise, holes clockwise (returns a new polygon). */
export const normaliseWinding = (polygon: ReadonlyArray<Ring>): Polygon =>
  polygon.map((ring, i) => {
    const ccw = ringSignedAreaM2(ring) > 0
    return (i === 0) === ccw ? ring : [...ring].reverse()
  })

/** The area-weighted centroid of a multipolygon (for locating a problem on a map). */
export const centroidOf = (mp: ReadonlyArray<ReadonlyArray<ReadonlyArray<Pair>>>): Pair => {
  let a = 0
  let cx = 0
  let cy = 0
  for (const polygon of mp) {
    polygon.forEach((ring, i) => {
      const sign = (i === 0 ? 1 : -1) * Math.sign(ringSignedAreaM2(ring) || 1)
      const [ox, oy] = ring[0]!
      for (let k = 0; k < ring.length - 1; k++) {
        const p = ring[k]!
        const q = ring[k + 1]!
        const f = ((p[0] - ox) * (q[1] - oy) - (q[0] - ox) * (p[1] - oy)) * sign
        a += f
        cx += (p[0] - ox + q[0] - ox + 3 * ox) * f
        cy += (p[1] - oy + q[1] - oy + 3 * oy) * f
      }
    })
  }
  if (a === 0) {
    const b = boxOf(mp)
    return [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2]
  }
  return [cx / (3 * a), cy / (3 * a)]
}

/** A cheap, stable fingerprint of a geometry's coordinates (equal geometries give equal keys). */
export const geometryKey = (mp: ReadonlyArray<ReadonlyArray<ReadonlyArray<Pair>>>): string => {
  let h1 = 0x811c9dc5
  let h2 = 0x01000193
  let n = 0
  for (const polygon of mp) {
    for (const ring of polygon) {
      for (const [x, y] of ring) {
        const a = Math.round(x * 1e4) | 0
        const b = Math.round(y * 1e4) | 0
        h1 = Math.imul(h1 ^ a, 0x01000193)
        h2 = Math.imul(h2 ^ b, 0x5bd1e995) ^ (h1 >>> 13)
        n++
      }
      h1 = Math.imul(h1 ^ 0x9e3779b9, 0x01000193)
    }
  }
  return `${n}:${(h1 >>> 0).toString(16)}:${(h2 >>> 0).toString(16)}`
}

/** Whether a point lies strictly inside a closed ring (even-odd rule; points on an edge may go either way). */
export const pointInRing = (p: Pair, ring: ReadonlyArray<Pair>): boolean => {
  let inside = false
  for (let i = 0, j = ring.length - 2; i < ring.length - 1; j = i++) {
    const a = ring[i]!
    const b = ring[j]!
    if (a[1] > p[1] !== b[1] > p[1] && p[0] < ((b[0] - a[0]) * (p[1] - a[1])) / (b[1] - a[1]) + a[0]) inside = !inside
  }
  return inside
}

/** Whether a point lies inside a polygon: inside its exterior ring and in none of its holes. */
export const pointInPolygon = (p: Pair, polygon: ReadonlyArray<ReadonlyArray<Pair>>): boolean =>
  polygon.length > 0 && pointInRing(p, polygon[0]!) && !polygon.slice(1).some((hole) => pointInRing(p, hole))

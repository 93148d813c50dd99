/**
 * A region's boundary as plain data (WGS84 longitude/latitude, RFC 7946 order), and its simplification for
 * display: Douglas-Peucker on each ring with a tolerance in degrees, keeping every ring closed and valid
 * (at least four positions: three corners and the first repeated).
 */

/** A position: `[longitude, latitude]` in degrees. */
export type LonLat = readonly [number, number]

/** A closed ring: the first position repeated at the end. */
export type Ring = ReadonlyArray<LonLat>

/** Polygons, each an exterior ring followed by its holes: the coordinates of a GeoJSON MultiPolygon. */
export type MultiPolygonCoordinates = ReadonlyArray<ReadonlyArray<Ring>>

/** The default display tolerance: 0.0005° (about 50 m), about one pixel for a 0.3° region drawn 600 px wide. */
export const DISPLAY_TOLERANCE_DEGREES = 0.0005

/** How many positions the rings hold (each ring's closing position counted). */
export const countVertices = (polygons: MultiPolygonCoordinates): number =>
  polygons.reduce((n, rings) => n + rings.reduce((m, ring) => m + ring.length, 0), 0)

/** Distance (degrees) from `p` to the segment `a`-`b`. */
const distanceToSegment = (p: LonLat, a: LonLat, b: LonLat): number => {
  const dx = b[0] - a[0]
  const dy = b[1] - a[1]
  const length2 = dx * dx + dy * dy
  const t = length2 === 0 ? 0 : Math.max(0, Math.min(1, ((p[0] - a[0]) * dx + (p[1] - a[1]) * dy) / length2))
  return Math.hypot(p[0] - (a[0] + t * dx), p[1] - (a[1] + t * dy))
}

/** Douglas-Peucker on an open chain (both ends kept), iterative so long chains do not overflow the stack. */
const simplifyChain = (points: ReadonlyArray<LonLat>, tolerance: number): Array<LonLat> => {
  const keep = new Uint8Array(points.length)
  keep[0] = 1
  keep[points.length - 1] = 1
  const stack: Array<[number, number]> = [[0, points.length - 1]]
  while (stack.length > 0) {
    const [first, last] = stack.pop()!
    let farthest = -1
    let max = tolerance
    for (let i = first + 1; i < last; i++) {
      const d = distanceToSegment(points[i]!, points[first]!, points[last]!)
      if (d > max) {
        max = d
        farthest = i
      }
    }
    if (farthest >= 0) {
      keep[farthest] = 1
      stack.push([first, farthest], [farthest, last])
    }
  }
  return points.filter((_, i) => keep[i] === 1)
}

/**
 * A closed ring simplified: split at the position farthest from the first, each half simplified by
 * Douglas-Peucker. A position within `toleranceDegrees` of the line through its kept neighbours goes (a
 * collinear one always does). When fewer than four positions would remain, the ring is returned as given.
 *
 * @example
 * simplifyRing([[0, 0], [1, 0], [2, 0], [2, 2], [0, 2], [0, 0]], 0.0005)
 * // [[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]: the collinear [1, 0] is removed
 */
export const simplifyRing = (ring: Ring, toleranceDegrees: number): Ring => {
  if (ring.length <= 4) return ring
  const start = ring[0]!
  let split = 1
  let max = -1
  for (let i = 1; i < ring.length - 1; i++) {
    const d = Math.hypot(ring[i]![0] - start[0], ring[i]![1] - start[1])
    if (d > max) {
      max = d
      split = i
    }
  }
  const head = simplifyChain(ring.slice(0, split + 1), toleranceDegrees)
  const tail = simplifyChain(ring.slice(split), toleranceDegrees)
  const out = [...head, ...tail.slice(1)]
  return out.length >= 4 ? out : ring
}

/** Every ring of every polygon simplified (see `simplifyRing`). */
export const simplifyMultiPolygon = (polygons: MultiPolygonCoordinates, toleranceDegrees = DISPLAY_TOLERANCE_DEGREES): MultiPolygonCoordinates =>
  polygons.map((rings) => rings.map((ring) => simplifyRing(ring, toleranceDegrees)))

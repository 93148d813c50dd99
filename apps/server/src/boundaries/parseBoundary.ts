/**
 * Reading a region boundary from a request body: a GeoJSON Polygon or MultiPolygon, or a Feature or
 * FeatureCollection of them, in WGS84 longitude/latitude (RFC 7946). Every ring must be an array of at least
 * four `[lon, lat]` positions in range, closed (last = first). The result is one MultiPolygon (all polygons of
 * all features) or the list of problems, each naming where (feature, polygon, ring, position) and how to fix it.
 */
import type { LonLat, MultiPolygonCoordinates, Ring } from "@tijian/report"

/** Limits on one boundary. */
export interface BoundaryLimits {
  /** Positions over all rings. */
  readonly maxVertices: number
  readonly maxPolygons: number
}

/** Default limits: 100,000 positions (a county drawn at 10 m), 500 polygons (islands). */
export const DEFAULT_BOUNDARY_LIMITS: BoundaryLimits = { maxVertices: 100_000, maxPolygons: 500 }

/** A problem with where it is. */
export interface BoundaryProblem {
  readonly where: string
  readonly message: string
}

const MAX_PROBLEMS = 20

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x)

const readRing = (ring: unknown, where: string, problems: Array<BoundaryProblem>): Ring | undefined => {
  if (!Array.isArray(ring)) {
    problems.push({ where, message: "is not an array of [longitude, latitude] positions" })
    return undefined
  }
  const out: Array<LonLat> = []
  for (let i = 0; i < ring.length; i++) {
    const p: unknown = ring[i]
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== "number" || typeof p[1] !== "number" || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      problems.push({ where: `${where}, position ${i}`, message: "is not [longitude, latitude] as two finite numbers" })
      return undefined
    }
    const lon = p[0]
    const lat = p[1]
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      problems.push({
        where: `${where}, position ${i}`,
        message: `[${lon}, ${lat}] is not a WGS84 longitude/latitude: longitude must be within -180..180 and latitude within -90..90 (RFC 7946 order is [longitude, latitude]; convert projected coordinates first)`,
      })
      return undefined
    }
    out.push([lon, lat])
  }
  if (out.length < 4) {
    problems.push({ where, message: `has ${out.length} position(s); a ring needs at least 4 (three corners and the first repeated at the end)` })
    return undefined
  }
  const first = out[0]!
  const last = out[out.length - 1]!
  if (first[0] !== last[0] || first[1] !== last[1]) {
    problems.push({ where, message: `is not closed: its last position [${last[0]}, ${last[1]}] differs from its first [${first[0]}, ${first[1]}]; repeat the first position at the end` })
    return undefined
  }
  return out
}

const readPolygon = (rings: unknown, where: string, problems: Array<BoundaryProblem>): ReadonlyArray<Ring> | undefined => {
  if (!Array.isArray(rings) || rings.length === 0) {
    problems.push({ where, message: "has no rings (a Polygon is an array of rings: the exterior first, then holes)" })
    return undefined
  }
  const out = rings.map((ring, i) => readRing(ring, `${where}ring ${i}`, problems))
  return out.every((r) => r !== undefined) ? out : undefined
}

const readGeometry = (geometry: unknown, where: string, problems: Array<BoundaryProblem>): MultiPolygonCoordinates | undefined => {
  const at = where === "" ? "geometry" : where.replace(/, $/, "")
  if (!isRecord(geometry)) {
    problems.push({ where: at, message: "has no geometry object" })
    return undefined
  }
  if (geometry.type === "Polygon") {
    const polygon = readPolygon(geometry.coordinates, where, problems)
    return polygon ? [polygon] : undefined
  }
  if (geometry.type === "MultiPolygon") {
    if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
      problems.push({ where: at, message: "is a MultiPolygon without polygons" })
      return undefined
    }
    const parts = geometry.coordinates.map((rings: unknown, k: number) => readPolygon(rings, `${where}polygon ${k}, `, problems))
    return parts.every((p) => p !== undefined) ? parts : undefined
  }
  problems.push({ where: at, message: `has type ${JSON.stringify(geometry.type)}; a boundary is a Polygon or MultiPolygon (or a Feature or FeatureCollection of them)` })
  return undefined
}

/**
 * Parses a boundary from JSON text.
 *
 * @example
 * parseBoundary('{"type":"Polygon","coordinates":[[[120.9,31.05],[121.05,31.05],[121.05,31.2],[120.9,31.2],[120.9,31.05]]]}')
 * // { polygons: [[[ [120.9, 31.05], ... ]]] }
 */
export const parseBoundary = (
  text: string,
  limits: BoundaryLimits = DEFAULT_BOUNDARY_LIMITS,
): { readonly polygons: MultiPolygonCoordinates } | { readonly problems: ReadonlyArray<BoundaryProblem> } => {
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { problems: [{ where: "body", message: `is not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] }
  }
  const problems: Array<BoundaryProblem> = []
  const polygons: Array<ReadonlyArray<Ring>> = []
  const add = (g: MultiPolygonCoordinates | undefined) => {
    if (g) polygons.push(...g)
  }
  if (!isRecord(json)) return { problems: [{ where: "body", message: "is not a GeoJSON object" }] }
  if (json.type === "FeatureCollection") {
    if (!Array.isArray(json.features) || json.features.length === 0) return { problems: [{ where: "features", message: "is empty or not an array" }] }
    json.features.forEach((f: unknown, i: number) => {
      if (!isRecord(f) || f.type !== "Feature") problems.push({ where: `feature ${i}`, message: 'is not a GeoJSON Feature ({"type": "Feature", "geometry": ...})' })
      else add(readGeometry(f.geometry, `feature ${i}, `, problems))
    })
  } else if (json.type === "Feature") {
    add(readGeometry(json.geometry, "", problems))
  } else {
    add(readGeometry(json, "", problems))
  }
  if (problems.length > 0) return { problems: problems.slice(0, MAX_PROBLEMS) }
  const vertices = polygons.reduce((n, rings) => n + rings.reduce((m, r) => m + r.length, 0), 0)
  if (polygons.length > limits.maxPolygons) {
    return { problems: [{ where: "geometry", message: `has ${polygons.length} polygons; at most ${limits.maxPolygons} are accepted (merge or drop the smallest islands)` }] }
  }
  if (vertices > limits.maxVertices) {
    return { problems: [{ where: "geometry", message: `has ${vertices} positions; at most ${limits.maxVertices} are accepted (simplify it first, e.g. mapshaper -simplify 10%)` }] }
  }
  return { polygons }
}

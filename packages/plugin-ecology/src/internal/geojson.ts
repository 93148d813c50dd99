/**
 * Reads a GeoJSON FeatureCollection of Polygon/MultiPolygon features in WGS84 lon/lat (RFC 7946) and checks
 * its structure: every position two finite numbers in range, every ring closed with at least four positions.
 * Each problem names the input, the feature (1-based row, with its id where it has one) and the field.
 */
import { DEFAULT_INPUT_LIMITS, type InputLimits, type InputProblem, inputTooLarge } from "@tijian/core/plugin"

/** A ring as given: lon/lat positions, closed. */
export type LonLatRing = ReadonlyArray<readonly [number, number]>

/** A feature that passed the structural checks. `row` is its 1-based position in `features`. */
export interface RawFeature {
  readonly file: string
  readonly row: number
  /** How messages name the feature, e.g. `feature 3 (id "R-17")`. */
  readonly label: string
  readonly properties: Readonly<Record<string, unknown>>
  /** Polygons, each an exterior ring followed by holes, as given (any winding). */
  readonly polygons: ReadonlyArray<ReadonlyArray<LonLatRing>>
}

const isRecord = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x)

const featureLabel = (row: number, feature: Record<string, unknown>): string => {
  const props = isRecord(feature.properties) ? feature.properties : {}
  const id = feature.id ?? props.id ?? props.name
  return typeof id === "string" || typeof id === "number" ? `feature ${row} (id "${id}")` : `feature ${row}`
}

const checkRing = (ring: unknown, where: string, problem: (field: string, message: string) => void): LonLatRing | undefined => {
  if (!Array.isArray(ring)) {
    problem("geometry", `${where} is not an array of positions`)
    return undefined
  }
  const out: Array<readonly [number, number]> = []
  for (let i = 0; i < ring.length; i++) {
    const p: unknown = ring[i]
    if (!Array.isArray(p) || p.length < 2 || typeof p[0] !== "number" || typeof p[1] !== "number" || !Number.isFinite(p[0]) || !Number.isFinite(p[1])) {
      problem("geometry", `${where}, position ${i} is not [longitude, latitude] as two finite numbers`)
      return undefined
    }
    const [lon, lat] = p as [number, number]
    if (lon < -180 || lon > 180 || lat < -90 || lat > 90) {
      problem(
        "geometry",
        `${where}, position ${i} [${lon}, ${lat}] is not a WGS84 longitude/latitude (RFC 7946); projected coordinates must be converted to lon/lat first`,
      )
      return undefined
    }
    out.push([lon, lat])
  }
  if (out.length < 4) {
    problem("geometry", `${where} has ${out.length} position(s); a ring needs at least 4 (three corners and the first repeated at the end)`)
    return undefined
  }
  const first = out[0]!
  const last = out[out.length - 1]!
  if (first[0] !== last[0] || first[1] !== last[1]) {
    problem("geometry", `${where} is not closed: its last position [${last[0]}, ${last[1]}] differs from its first [${first[0]}, ${first[1]}]`)
    return undefined
  }
  return out
}

const checkPolygon = (rings: unknown, where: string, problem: (field: string, message: string) => void) => {
  if (!Array.isArray(rings) || rings.length === 0) {
    problem("geometry", `${where} has no rings`)
    return undefined
  }
  const out: Array<LonLatRing> = []
  let ok = true
  rings.forEach((ring, i) => {
    const checked = checkRing(ring, `${where}ring ${i}`, problem)
    if (checked) out.push(checked)
    else ok = false
  })
  return ok ? out : undefined
}

/**
 * Parses and checks a GeoJSON text. Returns the features that passed and every problem found (capped at
 * `maxProblems`); callers refuse the whole input when there is any problem. More features than `limits.maxFeatures`
 * throw a `too-large` CalculatorError before any feature is checked.
 */
export const parseFeatureCollection = (
  text: string,
  file: string,
  options: { readonly maxProblems?: number; readonly limits?: InputLimits } = {},
): { readonly features: ReadonlyArray<RawFeature>; readonly problems: ReadonlyArray<InputProblem> } => {
  const { maxProblems = 50, limits = DEFAULT_INPUT_LIMITS } = options
  const problems: Array<InputProblem> = []
  let json: unknown
  try {
    json = JSON.parse(text)
  } catch (e) {
    return { features: [], problems: [{ file, message: `not valid JSON: ${e instanceof Error ? e.message : String(e)}` }] }
  }
  if (!isRecord(json) || json.type !== "FeatureCollection" || !Array.isArray(json.features)) {
    return { features: [], problems: [{ file, message: 'not a GeoJSON FeatureCollection (expected {"type": "FeatureCollection", "features": [...]})' }] }
  }
  if (json.features.length > limits.maxFeatures) throw inputTooLarge({ file, limit: "maxFeatures", limits, found: json.features.length })
  const features: Array<RawFeature> = []
  json.features.forEach((f: unknown, i: number) => {
    if (problems.length >= maxProblems) return
    const row = i + 1
    if (!isRecord(f) || f.type !== "Feature") {
      problems.push({ file, row, field: "type", message: `feature ${row} is not a GeoJSON Feature` })
      return
    }
    const label = featureLabel(row, f)
    const problem = (field: string, message: string) => problems.push({ file, row, field, message: `${label}: ${message}` })
    const geometry = f.geometry
    if (!isRecord(geometry)) {
      problem("geometry", "has no geometry")
      return
    }
    let polygons: Array<ReadonlyArray<LonLatRing>> | undefined
    if (geometry.type === "Polygon") {
      const p = checkPolygon(geometry.coordinates, "", problem)
      polygons = p ? [p] : undefined
    } else if (geometry.type === "MultiPolygon") {
      if (!Array.isArray(geometry.coordinates) || geometry.coordinates.length === 0) {
        problem("geometry", "MultiPolygon has no polygons")
        return
      }
      const parts = geometry.coordinates.map((rings: unknown, k: number) => checkPolygon(rings, `polygon ${k}, `, problem))
      polygons = parts.every((p) => p !== undefined) ? parts : undefined
    } else {
      problem("geometry", `geometry type ${JSON.stringify(geometry.type)} is not Polygon or MultiPolygon`)
      return
    }
    if (polygons) features.push({ file, row, label, properties: isRecord(f.properties) ? f.properties : {}, polygons })
  })
  return { features, problems: problems.slice(0, maxProblems) }
}

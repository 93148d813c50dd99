/**
 * Turns checked lon/lat features into metric features ready for overlay: projects every position to the local
 * equal-area frame, snaps it to a fixed grid, drops repeated positions, refuses rings that collapse or cross
 * themselves, normalises winding (RFC 7946's right-hand rule is not required of the input), and reads the
 * region code or land-use class attribute.
 */
import type { InputProblem, RegionSet } from "@tijian/core/plugin"
import { type LandUseClass, landUseClasses, landUseClassOf } from "../landUseClasses.js"
import { type RedlineType, redlineTypeChoices, redlineTypeOf } from "../redlineTypes.js"
import type { RawFeature } from "./geojson.js"
import { type Box, boxOf, boxOverlap, geometryKey, type MultiPolygon, multiPolygonAreaM2, normaliseWinding, type Pair, type Polygon, pointInPolygon, ringSignedAreaM2 } from "./geometry.js"
import type { Projection } from "./projection.js"
import { polygonDefects } from "./ringValidity.js"

/** A feature in the metric frame. */
export interface MetricFeature {
  readonly file: string
  readonly row: number
  readonly label: string
  /** The region code (redlines, boundaries). */
  readonly region?: string
  /** The land-use class (land-use layers). */
  readonly landUse?: LandUseClass
  /** The redline type (redline layers whose features carry one; see `redlineTypes.ts`). */
  readonly redlineType?: RedlineType
  readonly geometry: MultiPolygon
  readonly box: Box
  readonly areaM2: number
  /** Equal for features with identical snapped coordinates. */
  readonly key: string
}

/** What attribute a layer's features must carry. */
export type Attribute =
  | {
      readonly kind: "region"
      readonly field: string
      readonly regions: RegionSet
      readonly what: string
      /** The property holding a redline's type, read where present (an unknown type is a problem). */
      readonly typeField?: string
    }
  | { readonly kind: "land-use"; readonly field: string }
  | { readonly kind: "none" }

/** Formats a metric position as lon/lat for messages, e.g. `121.004512°E 31.002101°N`. */
export const lonLatText = (projection: Projection, p: Pair): string => {
  const [lon, lat] = projection.inverse(p[0], p[1])
  return `${lon.toFixed(6)}°E ${lat.toFixed(6)}°N`
}

const snapRing = (
  ring: ReadonlyArray<readonly [number, number]>,
  projection: Projection,
  snapM: number,
): { readonly ring: Array<Pair>; readonly original: Array<number> } => {
  const out: Array<Pair> = []
  const original: Array<number> = []
  ring.forEach(([lon, lat], i) => {
    const [x, y] = projection.forward(lon, lat)
    const p: Pair = [Math.round(x / snapM) * snapM, Math.round(y / snapM) * snapM]
    const last = out[out.length - 1]
    if (last && last[0] === p[0] && last[1] === p[1]) return
    out.push(p)
    original.push(i)
  })
  return { ring: out, original }
}

const attributeOf = (
  f: RawFeature,
  attribute: Attribute,
  problem: (field: string, message: string) => void,
): { region?: string; landUse?: LandUseClass; redlineType?: RedlineType } | undefined => {
  if (attribute.kind === "none") return {}
  const value = f.properties[attribute.field]
  if (attribute.kind === "region") {
    const code = typeof value === "number" ? String(value) : typeof value === "string" ? value.trim() : ""
    if (code === "") {
      problem(
        `properties.${attribute.field}`,
        `has no region code (property "${attribute.field}"); every ${attribute.what} feature must name the GB/T 2260 code of its region, e.g. "320509"`,
      )
      return undefined
    }
    if (!attribute.regions.get(code)) {
      problem(`properties.${attribute.field}`, `region code "${code}" is not a known region (regions are identified by GB/T 2260 code, e.g. 320509)`)
      return undefined
    }
    if (attribute.typeField === undefined || f.properties[attribute.typeField] === undefined) return { region: code }
    const type = f.properties[attribute.typeField]
    const redlineType = redlineTypeOf(type)
    if (!redlineType) {
      problem(`properties.${attribute.typeField}`, `redline type ${JSON.stringify(type)} is not known (property "${attribute.typeField}"); use one of ${redlineTypeChoices()}`)
      return undefined
    }
    return { region: code, redlineType }
  }
  const landUse = landUseClassOf(value)
  if (!landUse) {
    problem(
      `properties.${attribute.field}`,
      `land-use class ${value === undefined ? "is missing" : JSON.stringify(value) + " is not known"} (property "${attribute.field}"); use one of ${landUseClasses.join(", ")} or their Chinese names`,
    )
    return undefined
  }
  return { landUse }
}

/** Prepares a layer. Returns the features and every problem (the caller refuses the input when there is any). */
export const prepareLayer = (
  raw: ReadonlyArray<RawFeature>,
  options: { readonly projection: Projection; readonly snapM: number; readonly attribute: Attribute },
): { readonly features: ReadonlyArray<MetricFeature>; readonly problems: ReadonlyArray<InputProblem> } => {
  const { projection, snapM } = options
  const problems: Array<InputProblem> = []
  const features: Array<MetricFeature> = []
  for (const f of raw) {
    const problem = (field: string, message: string) => problems.push({ file: f.file, row: f.row, field, message: `${f.label}: ${message}` })
    const attrs = attributeOf(f, options.attribute, problem)
    const polygons: Array<Polygon> = []
    let valid = attrs !== undefined
    f.polygons.forEach((rings, pi) => {
      const where = f.polygons.length > 1 ? `polygon ${pi}, ` : ""
      const snapped = rings.map((r) => snapRing(r, projection, snapM))
      const collapsed = snapped.findIndex((s) => s.ring.length < 4 || ringSignedAreaM2(s.ring) === 0)
      if (collapsed >= 0) {
        problem("geometry", `${where}ring ${collapsed} has no area once snapped to ${snapM} m (fewer than three distinct corners, or all in a line)`)
        valid = false
        return
      }
      const defects = polygonDefects(snapped.map((s) => s.ring))
      for (const d of defects) {
        const pos = (ring: number, edge: number) => {
          const o = snapped[ring]!.original
          return `${o[edge]}-${o[edge + 1]}`
        }
        const at = lonLatText(projection, d.at)
        problem(
          "geometry",
          d.ringA === d.ringB
            ? `${where}ring ${d.ringA} intersects itself at ${at} (the edges between positions ${pos(d.ringA, d.edgeA)} and ${pos(d.ringB, d.edgeB)}); self-intersecting polygons are invalid`
            : `${where}ring ${d.ringB} crosses ring ${d.ringA} at ${at}; the rings of a polygon may not cross`,
        )
        valid = false
      }
      if (defects.length === 0) polygons.push(normaliseWinding(snapped.map((s) => s.ring)))
    })
    for (let i = 0; valid && i < polygons.length; i++) {
      for (let j = i + 1; valid && j < polygons.length; j++) {
        const a = polygons[i]![0]!
        const b = polygons[j]![0]!
        if (!boxOverlap(boxOf([[a]]), boxOf([[b]]))) continue
        const crossing = polygonDefects([a, b], 1).length > 0
        if (crossing || pointInPolygon(b[0]!, polygons[i]!) || pointInPolygon(a[0]!, polygons[j]!)) {
          problem("geometry", `polygons ${i} and ${j} of the MultiPolygon overlap; the parts of a MultiPolygon may only touch at points`)
          valid = false
        }
      }
    }
    if (!valid) continue
    features.push({
      file: f.file,
      row: f.row,
      label: f.label,
      ...attrs,
      geometry: polygons,
      box: boxOf(polygons),
      areaM2: multiPolygonAreaM2(polygons),
      key: geometryKey(polygons),
    })
  }
  return { features, problems }
}

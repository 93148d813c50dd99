/**
 * A choropleth map as inline SVG: each area (a member's boundary) filled by a class, outlined, and labelled
 * with its name and a second line (a status glyph and text, or a value), so it reads without colour. The
 * projection is equirectangular with longitudes scaled by cos(middle latitude): for a region a few tenths of a
 * degree to a few degrees across (the Demonstration Zone, the Delta) it distorts shapes by under 4%
 * (cos 29° / cos 32° = 1.03, cos 35° / cos 32° = 0.97), and it needs no projection library. Pure: geometry in, SVG out; no script, no external resources.
 */
import type { LonLat, MultiPolygonCoordinates } from "./boundary.js"
import { h, type Html, trusted } from "./html.js"

/** One area of the map. */
export interface MapArea {
  readonly code: string
  /** The name shown on the map. */
  readonly name: string
  /** The second label line (e.g. `▲ substantial progress` or `21.30%`). */
  readonly label: string
  /** The CSS class of its fill (e.g. `m-substantial`). */
  readonly fillClass: string
  readonly polygons: MultiPolygonCoordinates
}

/** Size of the drawing, in SVG user units (px). */
export interface MapSize {
  readonly width: number
  readonly maxHeight: number
  readonly padding: number
}

/** The default drawing size. */
export const DEFAULT_MAP_SIZE: MapSize = { width: 640, maxHeight: 560, padding: 24 }

/** A projection fitted to a bounding box: lon/lat to SVG x/y (y down), and the drawing's height. */
export interface FittedProjection {
  readonly project: (p: LonLat) => readonly [number, number]
  readonly width: number
  readonly height: number
  /** SVG units per degree of latitude. */
  readonly scale: number
}

/**
 * The equirectangular projection of the areas' bounding box, scaled to fill `width` (or `maxHeight`) inside
 * `padding`: x = padding + (lon - west) * cos(midLat) * scale, y = padding + (north - lat) * scale.
 *
 * @example
 * const p = fitProjection([[[[120.9, 31.05], [121.05, 31.05], [121.05, 31.2], [120.9, 31.2], [120.9, 31.05]]]])
 * p.project([121.05, 31.2])[1] // 24: the northern edge at the top, inside the padding
 */
export const fitProjection = (geometries: ReadonlyArray<MultiPolygonCoordinates>, size: MapSize = DEFAULT_MAP_SIZE): FittedProjection => {
  let west = Infinity
  let east = -Infinity
  let south = Infinity
  let north = -Infinity
  for (const polygons of geometries) {
    for (const rings of polygons) {
      for (const [lon, lat] of rings[0] ?? []) {
        west = Math.min(west, lon)
        east = Math.max(east, lon)
        south = Math.min(south, lat)
        north = Math.max(north, lat)
      }
    }
  }
  const k = Math.cos((((south + north) / 2) * Math.PI) / 180)
  const spanX = Math.max((east - west) * k, 1e-9)
  const spanY = Math.max(north - south, 1e-9)
  const inner = size.width - 2 * size.padding
  const scale = Math.min(inner / spanX, (size.maxHeight - 2 * size.padding) / spanY)
  const width = size.width
  const height = spanY * scale + 2 * size.padding
  const offsetX = size.padding + (inner - spanX * scale) / 2
  return {
    project: ([lon, lat]) => [offsetX + (lon - west) * k * scale, size.padding + (north - lat) * scale],
    width,
    height,
    scale,
  }
}

const coordinate = (v: number): string => String(Math.round(v * 10) / 10)

/** The SVG path data of a multipolygon (one `M … Z` per ring; holes cut out by the even-odd rule). */
export const pathData = (polygons: MultiPolygonCoordinates, project: FittedProjection["project"]): string =>
  polygons
    .flatMap((rings) =>
      rings.map((ring) => {
        const points = ring.slice(0, -1).map((p) => {
          const [x, y] = project(p)
          return `${coordinate(x)} ${coordinate(y)}`
        })
        return `M${points.join("L")}Z`
      }),
    )
    .join("")

/** The area-weighted centroid of the largest exterior ring, projected: where the label goes. */
const labelPoint = (polygons: MultiPolygonCoordinates, project: FittedProjection["project"]): readonly [number, number] => {
  let best: { area: number; x: number; y: number } | undefined
  for (const rings of polygons) {
    const pts = (rings[0] ?? []).map(project)
    let a = 0
    let cx = 0
    let cy = 0
    for (let i = 0; i < pts.length - 1; i++) {
      const [x0, y0] = pts[i]!
      const [x1, y1] = pts[i + 1]!
      const cross = x0 * y1 - x1 * y0
      a += cross
      cx += (x0 + x1) * cross
      cy += (y0 + y1) * cross
    }
    if (a !== 0 && (!best || Math.abs(a) > best.area)) best = { area: Math.abs(a), x: cx / (3 * a), y: cy / (3 * a) }
  }
  return best ? [best.x, best.y] : project(polygons[0]?.[0]?.[0] ?? [0, 0])
}

/**
 * The map as an `<svg>`: titled by `titleId` (the id of the element that names it, e.g. a figcaption).
 *
 * @example
 * choroplethSvg([{ code: "310118", name: "Qingpu", label: "▲ substantial", fillClass: "m-substantial", polygons }], "map-cap")
 */
export const choroplethSvg = (areas: ReadonlyArray<MapArea>, titleId: string, size: MapSize = DEFAULT_MAP_SIZE): Html => {
  const projection = fitProjection(
    areas.map((a) => a.polygons),
    size,
  )
  const { project } = projection
  const shapes = areas.map(
    (a) => h`<path class="area ${a.fillClass}" data-code="${a.code}" d="${pathData(a.polygons, project)}"><title>${a.name}: ${a.label}</title></path>`,
  )
  const labels = areas.map((a) => {
    const [x, y] = labelPoint(a.polygons, project)
    return h`<text class="area-label" x="${coordinate(x)}" y="${coordinate(y - 4)}" text-anchor="middle">${a.name}</text>
<text class="area-label area-status" x="${coordinate(x)}" y="${coordinate(y + 12)}" text-anchor="middle">${a.label}</text>`
  })
  return h`<svg class="choropleth" role="img" aria-labelledby="${titleId}" viewBox="0 0 ${projection.width} ${trusted(coordinate(projection.height))}" width="${projection.width}" height="${trusted(coordinate(projection.height))}">
<g class="areas">${shapes}</g><g class="labels">${labels}</g></svg>`
}

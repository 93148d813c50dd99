/**
 * The toy map, in a local metric frame (metres): three regions in a row, A [0,1000]x[0,1000] (Qingpu 310118),
 * B [1000,2000]x[0,1000] (Wujiang 320509), C [2000,3000]x[0,1000] (Jiashan 330421); the redline R =
 * [500,2500]x[200,800] (1,200,000 m²: A 300k, B 600k, C 300k); construction K = [1800,2200]x[700,900]
 * (40,000 m² inside R: B 20k, C 20k). Every figure in the tests can be checked with a pencil.
 */
import type { LandUseClass } from "../src/landUseClasses.js"
import { boxOf, geometryKey, type MultiPolygon, multiPolygonAreaM2, type Polygon } from "../src/internal/geometry.js"
import type { MeasureOptions, MetricInputs } from "../src/internal/measure.js"
import { startOverlay, type Overlay } from "../src/internal/overlay.js"
import type { MetricFeature } from "../src/internal/prepare.js"

export const A = "310118"
export const B = "320509"
export const C = "330421"

/** The axis-aligned rectangle [x0,x1]x[y0,y1], counter-clockwise. */
export const rect = (x0: number, y0: number, x1: number, y1: number): Polygon => [
  [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
    [x0, y0],
  ],
]

/** A metric feature from polygons, as prepare.ts would make it. */
export const feature = (
  file: string,
  row: number,
  polygons: Polygon | MultiPolygon,
  attrs: { readonly region?: string; readonly landUse?: LandUseClass } = {},
): MetricFeature => {
  const geometry = (typeof polygons[0]![0]![0] === "number" ? [polygons] : polygons) as MultiPolygon
  return { file, row, label: `feature ${row}`, ...attrs, geometry, box: boxOf(geometry), areaM2: multiPolygonAreaM2(geometry), key: geometryKey(geometry) }
}

export const boundaries = (aRight = 1000): Array<MetricFeature> => [
  feature("boundaries", 1, rect(0, 0, aRight, 1000), { region: A }),
  feature("boundaries", 2, rect(1000, 0, 2000, 1000), { region: B }),
  feature("boundaries", 3, rect(2000, 0, 3000, 1000), { region: C }),
]

export const R = rect(500, 200, 2500, 800)
export const K = rect(1800, 700, 2200, 900)

/** The redline R drawn by each region as its own part; `aRight` and `bLeft` move the A/B seam. */
export const redlineByRegion = (aRight = 1000, bLeft = 1000, file = "redlines-current"): Array<MetricFeature> => [
  feature(file, 1, rect(500, 200, aRight, 800), { region: A }),
  feature(file, 2, rect(bLeft, 200, 2000, 800), { region: B }),
  feature(file, 3, rect(2000, 200, 2500, 800), { region: C }),
]

/** The toy inputs: baseline R drawn by B (one feature), current the same unless given. */
export const toyInputs = (over: Partial<MetricInputs> = {}): MetricInputs => ({
  redlinesBaseline: [feature("redlines-baseline", 1, R, { region: B })],
  redlinesCurrent: [feature("redlines-current", 1, R, { region: B })],
  boundaries: boundaries(),
  ...over,
})

/** Runs `f` with an overlay worker, closing it after. */
export const withOverlay = async <T>(f: (overlay: Overlay) => Promise<T>, timeoutMs = 30_000): Promise<T> => {
  const overlay = startOverlay({ timeoutMs })
  try {
    return await f(overlay)
  } finally {
    await overlay.close()
  }
}

/** Measure options for the toy: every region included, redline codes are territory codes. */
export const toyOptions = (overlay: Overlay, over: Partial<MeasureOptions> = {}): MeasureOptions => ({
  overlay,
  borderToleranceM: 10,
  seamBandM: 100,
  sliverM2: 1,
  locate: ([x, y]) => `(${x.toFixed(1)}, ${y.toFixed(1)})`,
  include: () => true,
  unitOf: (region, units) => (units.includes(region) ? region : undefined),
  ...over,
})

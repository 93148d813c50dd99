/**
 * Encroachment at scale: 1,000 redline polygons (24 positions each, some overlapping) x 10,000 construction
 * polygons (8 positions each, a jittered grid that never overlaps itself) over a 60 km x 60 km map of three
 * regions; 9,000 of the construction polygons also exist in the baseline year. Seeded, so every run measures
 * the same map.
 *
 * Case: what the calculator does for encroachment — territories, the baseline redline dissolved, cut by region
 * and tiled, every construction polygon of both years intersected with it through the spatial index and the
 * overlay worker, self-overlap checks, and new-vs-baseline. Baseline: counting the bounding-box candidate
 * pairs with flatbush over the same polygons (no exact geometry). Goal: the case under 3 s.
 *
 * Second case: the whole calculator on the same map written as lon/lat GeoJSON near 31°N (reading, checking
 * every ring for self-intersection, projecting, both years' redlines, encroachment and the seam check), against
 * parsing the same files as the baseline.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { runCalculator, seededRandom, yrdRegions } from "@tijian/core"
import Flatbush from "flatbush"
import { ecology, redlineIntegrity } from "../src/index.js"
import { measureEncroachment } from "../src/internal/encroachment.js"
import { boxOf, geometryKey, type MultiPolygon, multiPolygonAreaM2, type Pair, type Polygon } from "../src/internal/geometry.js"
import { startOverlay } from "../src/internal/overlay.js"
import type { MetricFeature } from "../src/internal/prepare.js"
import { lambertAzimuthalEqualArea } from "../src/internal/projection.js"
import { buildRedlineLayer } from "../src/internal/redlineLayer.js"
import { resolveTerritories } from "../src/internal/territories.js"

const SIDE_M = 60_000
const REDLINES = 1_000
const GRID = 100
const CELL_M = SIDE_M / GRID

/** A star-shaped polygon around (cx, cy): `n` positions at radii between `r * lo` and `r`. */
const blob = (rnd: () => number, cx: number, cy: number, r: number, n: number, lo: number): Polygon => {
  const ring: Array<Pair> = Array.from({ length: n }, (_, i) => {
    const a = (2 * Math.PI * i) / n
    const rr = r * (lo + (1 - lo) * rnd())
    return [Math.round((cx + rr * Math.cos(a)) * 1e4) / 1e4, Math.round((cy + rr * Math.sin(a)) * 1e4) / 1e4]
  })
  return [[...ring, ring[0]!]]
}

const metric = (file: string, row: number, polygon: Polygon, region?: string): MetricFeature => {
  const geometry: MultiPolygon = [polygon]
  return { file, row, label: `feature ${row}`, ...(region ? { region } : {}), geometry, box: boxOf(geometry), areaM2: multiPolygonAreaM2(geometry), key: geometryKey(geometry) }
}

const codes = ["310118", "320509", "330421"]

const makeMap = () => {
  const rnd = seededRandom(20240220)
  const third = SIDE_M / 3
  const boundaries = codes.map((code, i) =>
    metric("boundaries", i + 1, [[[i * third, 0], [(i + 1) * third, 0], [(i + 1) * third, SIDE_M], [i * third, SIDE_M], [i * third, 0]]], code),
  )
  const redlines = Array.from({ length: REDLINES }, (_, i) => {
    const [cx, cy] = [1_000 + rnd() * (SIDE_M - 2_000), 1_000 + rnd() * (SIDE_M - 2_000)]
    return metric("redlines-baseline", i + 1, blob(rnd, cx, cy, 300 + rnd() * 600, 24, 0.6), codes[Math.min(2, Math.floor(cx / third))])
  })
  const construction: Array<MetricFeature> = []
  for (let gx = 0; gx < GRID; gx++) {
    for (let gy = 0; gy < GRID; gy++) {
      const [cx, cy] = [(gx + 0.5) * CELL_M + (rnd() - 0.5) * 100, (gy + 0.5) * CELL_M + (rnd() - 0.5) * 100]
      construction.push(metric("construction-current", construction.length + 1, blob(rnd, cx, cy, 60 + rnd() * 190, 8, 0.7)))
    }
  }
  const baseline = construction.filter((_, i) => i % 10 !== 0).map((f, i) => ({ ...f, file: "construction-baseline", row: i + 1 }))
  return { boundaries, redlines, construction, baseline }
}

type BenchMap = ReturnType<typeof makeMap>

const encroachment = async (map: BenchMap) => {
  const overlay = startOverlay({ timeoutMs: 120_000 })
  try {
    const territories = await resolveTerritories(map.boundaries, overlay, 1)
    const redline = await buildRedlineLayer(map.redlines, territories, overlay)
    const e = await measureEncroachment({ redline, current: map.construction, baseline: map.baseline, overlay, sliverM2: 1, locate: ([x, y]) => `${x},${y}` })
    const total = [...e.byUnit.values()].reduce((s, u) => s + u.totalM2, 0)
    const fresh = [...e.byUnit.values()].reduce((s, u) => s + (u.newM2 ?? 0), 0)
    return { figures: { encroachmentKm2: total / 1e6, newKm2: fresh / 1e6, encroachingFeatures: e.features.length, overlayOps: overlay.count(), redlineKm2: redline.totalM2 / 1e6 } }
  } finally {
    await overlay.close()
  }
}

const boxCandidates = (map: BenchMap) => {
  const index = new Flatbush(map.redlines.length)
  for (const r of map.redlines) index.add(r.box[0], r.box[1], r.box[2], r.box[3])
  index.finish()
  let pairs = 0
  for (const layer of [map.construction, map.baseline]) for (const k of layer) pairs += index.search(k.box[0], k.box[1], k.box[2], k.box[3]).length
  return { figures: { candidatePairs: pairs } }
}

const writeFiles = () => {
  const map = makeMap()
  const projection = lambertAzimuthalEqualArea(120.9, 31.0)
  const toLonLat = (f: MetricFeature, properties: Record<string, unknown>) => ({
    type: "Feature",
    properties,
    geometry: { type: "Polygon", coordinates: f.geometry[0]!.map((ring) => ring.map(([x, y]) => projection.inverse(x, y))) },
  })
  const layer = (features: ReadonlyArray<MetricFeature>, region: boolean) =>
    JSON.stringify({ type: "FeatureCollection", features: features.map((f) => toLonLat(f, region ? { region: f.region } : {})) })
  const dir = mkdtempSync(join(tmpdir(), "tijian-ecology-bench-"))
  const files: Record<string, string> = {
    "redlines-baseline": layer(map.redlines, true),
    "redlines-current": layer(map.redlines, true),
    boundaries: layer(map.boundaries, true),
    "construction-baseline": layer(map.baseline, false),
    "construction-current": layer(map.construction, false),
  }
  const inputs = Object.fromEntries(
    Object.entries(files).map(([name, text]) => {
      const path = join(dir, `${name}.geojson`)
      writeFileSync(path, text)
      return [name, { filename: `${name}.geojson`, path }]
    }),
  )
  return { dir, inputs, texts: Object.values(files) }
}

type BenchFiles = ReturnType<typeof writeFiles>

const calculator = async (files: BenchFiles) => {
  const { output } = await runCalculator(redlineIntegrity, ecology, { inputs: files.inputs, params: {}, region: "DEMO-ZONE", year: 2024, regions: yrdRegions() })
  const value = (indicator: string) => output.values.find((v) => v.indicator === indicator && v.region === "DEMO-ZONE")?.value ?? NaN
  return { figures: { redlineKm2: value("ecology.redline-area-km2"), encroachmentKm2: value("ecology.redline-encroachment-km2"), newKm2: value("ecology.redline-new-encroachment-km2") } }
}

export default {
  name: "ecology: redline encroachment",
  cases: [
    {
      name: "encroachment of 10,000 construction polygons (and 9,000 baseline) into 1,000 redline polygons, 3 regions",
      runs: 5,
      setup: makeMap,
      run: encroachment,
      baseline: { name: "bounding-box candidate pairs only (flatbush, no exact geometry)", run: boxCandidates },
      goal: "under 3 s per run (median)",
    },
    {
      name: "whole calculator run on the same map as lon/lat GeoJSON (check, project, both redlines, encroachment, seams)",
      runs: 3,
      setup: writeFiles,
      run: calculator,
      baseline: { name: "JSON.parse of the same files", run: (files: BenchFiles) => void files.texts.map((t) => JSON.parse(t)) },
      teardown: (files: BenchFiles) => rmSync(files.dir, { recursive: true, force: true }),
      goal: "informative: the cost around the encroachment overlay",
    },
  ],
}

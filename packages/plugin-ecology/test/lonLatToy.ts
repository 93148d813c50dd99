/**
 * The toy map in WGS84 lon/lat near 31°N: each metric position (x, y) becomes (121° + x / m-per-degree of longitude,
 * 31° + y / m-per-degree of latitude), with the ellipsoid's radii of curvature at 31°N, so one unit is one metre
 * to within 0.01% over the toy's 3 km. Written as GeoJSON files and run through the calculator as agencies would.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { CalculatorError, type CalculatorFile, DEFAULT_INPUT_LIMITS, type InputLimits, runCalculator, yrdRegions } from "@tijian/core/plugin"
import { expect } from "vitest"
import type { Polygon } from "../src/internal/geometry.js"
import { ecology, redlineIntegrity } from "../src/index.js"

const a = 6378137
const f = 1 / 298.257223563
const e2 = f * (2 - f)
const phi = (31 * Math.PI) / 180
const w = Math.sqrt(1 - e2 * Math.sin(phi) ** 2)
/** Metres per degree of latitude and of longitude at 31°N. */
export const mPerDegLat = ((a * (1 - e2)) / w ** 3) * (Math.PI / 180)
export const mPerDegLon = (a / w) * Math.cos(phi) * (Math.PI / 180)

/** A metric toy position in lon/lat. */
export const lonLat = ([x, y]: readonly [number, number]): [number, number] => [121 + x / mPerDegLon, 31 + y / mPerDegLat]

/** A GeoJSON feature from a metric polygon (rings converted to lon/lat as they are, winding kept). */
export const geoFeature = (polygon: Polygon, properties: Record<string, unknown> = {}, id?: string) => ({
  type: "Feature",
  ...(id ? { id } : {}),
  properties,
  geometry: { type: "Polygon", coordinates: polygon.map((ring) => ring.map(lonLat)) },
})

export const collection = (features: ReadonlyArray<unknown>) => ({ type: "FeatureCollection", features })

/** Writes each named FeatureCollection (or raw text) to a fresh directory and returns the calculator inputs. */
export const writeInputs = (files: Readonly<Record<string, unknown>>): Record<string, CalculatorFile> => {
  const dir = mkdtempSync(join(tmpdir(), "tijian-ecology-"))
  return Object.fromEntries(
    Object.entries(files).map(([name, content]) => {
      const path = join(dir, `${name}.geojson`)
      writeFileSync(path, typeof content === "string" ? content : JSON.stringify(content))
      return [name, { filename: `${name}.geojson`, path }]
    }),
  )
}

/** Runs the redline calculator on the given files for a scope and year (params as strings or numbers), under default or lower limits. */
export const runRedlines = (
  files: Readonly<Record<string, unknown>>,
  options: { region?: string; year?: number; params?: Record<string, unknown>; limits?: Partial<InputLimits>; signal?: AbortSignal } = {},
) =>
  runCalculator(redlineIntegrity, ecology, {
    inputs: writeInputs(files),
    params: options.params ?? {},
    region: options.region ?? "DEMO-ZONE",
    year: options.year ?? 2024,
    regions: yrdRegions(),
    limits: { ...DEFAULT_INPUT_LIMITS, ...options.limits },
    ...(options.signal ? { signal: options.signal } : {}),
  })

/** The value of an indicator for a region in a run's output. */
export const valueOf = (output: { readonly values: ReadonlyArray<{ indicator: string; region: string; value: number }> }, indicator: string, region: string) =>
  output.values.find((v) => v.indicator === indicator && v.region === region)?.value

/** The CalculatorError a run is refused with (the test fails if it succeeds or fails otherwise). */
export const refused = async (run: Promise<unknown>): Promise<CalculatorError> => {
  const error = await run.then(
    () => undefined,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(CalculatorError)
  return error as CalculatorError
}

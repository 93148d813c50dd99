import { Geodesic } from "geographiclib-geodesic"
import { describe, expect, it } from "vitest"
import { destinationPoint, geodesicM, haversineM } from "../src/geo/geodesic.js"
import { PointIndex } from "../src/geo/PointIndex.js"

const relative = (a: number, b: number) => Math.abs(a - b) / Math.abs(b)
const inverse = (lon1: number, lat1: number, lon2: number, lat2: number) => Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2).s12!

/** Pairs in the YRD and beyond: Shanghai Hongqiao - Suzhou, 800 m in Jiashan, pole to equator, near-antipodal. */
const PAIRS: ReadonlyArray<readonly [number, number, number, number]> = [
  [121.3203, 31.1946, 120.6124, 31.2989],
  [120.9269, 30.8411, 120.9269 + 0.008, 30.8411 + 0.004],
  [0, 90, 0, 0],
  [0, 0, 179.5, 0.5],
  [174.81, -41.32, -5.5, 40.96],
]

describe("distances on the WGS84 ellipsoid (item 5 of issue #17)", () => {
  it("agrees with geographiclib's Inverse to 1e-9 relative on every pair", () => {
    for (const [lon1, lat1, lon2, lat2] of PAIRS) expect(relative(geodesicM(lon1, lat1, lon2, lat2), inverse(lon1, lat1, lon2, lat2))).toBeLessThan(1e-9)
  })

  it("gives GeographicLib's published Wellington - Salamanca distance, 19,959,679.267 m", () => {
    expect(geodesicM(174.81, -41.32, -5.5, 40.96)).toBeCloseTo(19_959_679.267, 3)
  })

  it("measures a quarter meridian at 10,001,965.729 m (WGS84), where the mean sphere gives 10,007,557.2 m", () => {
    expect(geodesicM(0, 90, 0, 0)).toBeCloseTo(10_001_965.729, 3)
    expect(haversineM(0, 90, 0, 0)).toBeCloseTo((Math.PI / 2) * 6_371_008.8, 3)
  })

  it("places destination points that geographiclib measures at the distance asked, to 1e-9 relative", () => {
    for (const [d, bearing] of [[500, 30], [799, 150], [801, 270], [3000, 0], [25_000, 45]] as const) {
      const [lon, lat] = destinationPoint(121, 31, bearing, d)
      expect(relative(inverse(121, 31, lon, lat), d)).toBeLessThan(1e-9)
    }
  })

  it("decides the 800 m catchment where the sphere would not: at Shanghai 801 m east is 799.38 m on the sphere, 799 m north 801.32 m", () => {
    const east801 = destinationPoint(121.4737, 31.2304, 90, 801)
    const north799 = destinationPoint(121.4737, 31.2304, 0, 799)
    expect(haversineM(121.4737, 31.2304, ...east801)).toBeCloseTo(799.385, 3)
    expect(haversineM(121.4737, 31.2304, ...north799)).toBeCloseTo(801.317, 3)
    const index = new PointIndex([east801[0], north799[0]], [east801[1], north799[1]])
    expect(index.within(121.4737, 31.2304, 800).map((n) => n.id)).toEqual([1])
  })

  it("finds points within a radius by the ellipsoid: 799 m and 799.999 m in, 801 m out, at every bearing", () => {
    const bearings = [0, 45, 90, 135, 180, 225, 270, 315]
    const points = bearings.flatMap((b) => [799, 799.999, 801].map((d) => destinationPoint(121.4737, 31.2304, b, d)))
    const index = new PointIndex(
      points.map((p) => p[0]),
      points.map((p) => p[1]),
    )
    const found = index.within(121.4737, 31.2304, 800)
    expect(found).toHaveLength(16)
    for (const n of found) expect(relative(n.distanceM, inverse(121.4737, 31.2304, points[n.id]![0], points[n.id]![1]))).toBeLessThan(1e-9)
  })
})

/**
 * The equal-area projection against the ellipsoidal reference: geographiclib's geodesic polygon area on WGS84.
 */
import { Geodesic } from "geographiclib-geodesic"
import { describe, expect, it } from "vitest"
import { polygonAreaM2 } from "../src/internal/geometry.js"
import { lambertAzimuthalEqualArea } from "../src/internal/projection.js"

const geodesicAreaM2 = (ring: ReadonlyArray<readonly [number, number]>): number => {
  const p = Geodesic.WGS84.Polygon(false)
  for (const [lon, lat] of ring.slice(0, -1)) p.AddPoint(lat, lon)
  return Math.abs(p.Compute(false, true).area!)
}

/** A lon/lat box with `n` positions per side (dense edges: geodesic and projected edges then coincide). */
const box = (lon0: number, lat0: number, lon1: number, lat1: number, n = 1): Array<[number, number]> => {
  const out: Array<[number, number]> = []
  for (let i = 0; i < n; i++) out.push([lon0 + ((lon1 - lon0) * i) / n, lat0])
  for (let i = 0; i < n; i++) out.push([lon1, lat0 + ((lat1 - lat0) * i) / n])
  for (let i = 0; i < n; i++) out.push([lon1 - ((lon1 - lon0) * i) / n, lat1])
  for (let i = 0; i < n; i++) out.push([lon0, lat1 - ((lat1 - lat0) * i) / n])
  return [...out, out[0]!]
}

const relativeError = (ring: Array<[number, number]>, centre: [number, number]) => {
  const proj = lambertAzimuthalEqualArea(...centre)
  const planar = polygonAreaM2([ring.map(([lon, lat]) => proj.forward(lon, lat))])
  return Math.abs(planar / geodesicAreaM2(ring) - 1)
}

describe("Lambert azimuthal equal-area on WGS84", () => {
  it("maps its centre to the origin and inverts its forward mapping", () => {
    const p = lambertAzimuthalEqualArea(120.9, 31)
    expect(p.forward(120.9, 31)).toEqual([0, 0])
    const [lon, lat] = p.inverse(...p.forward(121.3, 30.7))
    expect(lon).toBeCloseTo(121.3, 7)
    expect(lat).toBeCloseTo(30.7, 7)
  })

  it("gives a 1 km x 1 km cell near 31N the geodesic area to 1e-6 (well within 0.1%)", () => {
    expect(relativeError(box(121, 31, 121.0105, 31.009), [121, 31])).toBeLessThan(1e-6)
  })

  it("keeps a county-sized polygon 100 km from the centre within 0.001% of the geodesic area", () => {
    // About 50 km x 55 km, edges of 1 km or less (like real boundary data).
    expect(relativeError(box(120.8, 30.8, 121.3, 31.3, 60), [120.0, 31.5])).toBeLessThan(1e-5)
  })

  it("keeps the whole Yangtze River Delta (about 900 km across) within 0.01%", () => {
    expect(relativeError(box(114.8, 27.0, 123.0, 35.1, 400), [118.9, 31.05])).toBeLessThan(1e-4)
  })
})

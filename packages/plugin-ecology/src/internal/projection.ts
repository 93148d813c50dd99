/**
 * Lambert azimuthal equal-area projection on the WGS84 ellipsoid (Snyder, "Map Projections: A Working Manual",
 * 1987, pp. 187-190, oblique aspect). Equal-area: the planar area of a projected polygon is its area on the
 * ellipsoid (up to the difference between straight projected edges and geodesic edges, negligible for edges
 * shorter than tens of kilometres). Tested against geographiclib's geodesic polygon area.
 */

const A = 6378137
const F = 1 / 298.257223563
const E2 = F * (2 - F)
const E = Math.sqrt(E2)
const DEG = Math.PI / 180

const q = (sinPhi: number): number =>
  (1 - E2) * (sinPhi / (1 - E2 * sinPhi * sinPhi) - (1 / (2 * E)) * Math.log((1 - E * sinPhi) / (1 + E * sinPhi)))

const QP = q(1)
const RQ = A * Math.sqrt(QP / 2)

/** A projection between WGS84 lon/lat (degrees) and a local metric frame (metres). */
export interface Projection {
  readonly centreLon: number
  readonly centreLat: number
  readonly forward: (lon: number, lat: number) => [number, number]
  readonly inverse: (x: number, y: number) => [number, number]
}

/** The Lambert azimuthal equal-area projection centred at (lon0, lat0), in degrees. */
export const lambertAzimuthalEqualArea = (lon0: number, lat0: number): Projection => {
  const phi1 = lat0 * DEG
  const lambda0 = lon0 * DEG
  const sinPhi1 = Math.sin(phi1)
  const beta1 = Math.asin(q(sinPhi1) / QP)
  const sinB1 = Math.sin(beta1)
  const cosB1 = Math.cos(beta1)
  const m1 = Math.cos(phi1) / Math.sqrt(1 - E2 * sinPhi1 * sinPhi1)
  const D = (A * m1) / (RQ * cosB1)
  const e4 = E2 * E2
  const e6 = e4 * E2
  const c2 = E2 / 3 + (31 * e4) / 180 + (517 * e6) / 5040
  const c4 = (23 * e4) / 360 + (251 * e6) / 3780
  const c6 = (761 * e6) / 45360

  const forward = (lon: number, lat: number): [number, number] => {
    const beta = Math.asin(Math.max(-1, Math.min(1, q(Math.sin(lat * DEG)) / QP)))
    const dl = lon * DEG - lambda0
    const sinB = Math.sin(beta)
    const cosB = Math.cos(beta)
    const cosDl = Math.cos(dl)
    const B = RQ * Math.sqrt(2 / (1 + sinB1 * sinB + cosB1 * cosB * cosDl))
    return [B * D * cosB * Math.sin(dl), (B / D) * (cosB1 * sinB - sinB1 * cosB * cosDl)]
  }

  const inverse = (x: number, y: number): [number, number] => {
    const rho = Math.hypot(x / D, D * y)
    if (rho === 0) return [lon0, lat0]
    const ce = 2 * Math.asin(Math.min(1, rho / (2 * RQ)))
    const sinCe = Math.sin(ce)
    const cosCe = Math.cos(ce)
    const beta = Math.asin(cosCe * sinB1 + (D * y * sinCe * cosB1) / rho)
    const lambda = lambda0 + Math.atan2(x * sinCe, D * rho * cosB1 * cosCe - D * D * y * sinB1 * sinCe)
    const phi = beta + c2 * Math.sin(2 * beta) + c4 * Math.sin(4 * beta) + c6 * Math.sin(6 * beta)
    return [lambda / DEG, phi / DEG]
  }

  return { centreLon: lon0, centreLat: lat0, forward, inverse }
}

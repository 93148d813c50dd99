/**
 * Geodesic distances. Every distance the plugin reports or compares with a threshold (station spacing, catchment
 * and transfer radii) is the geodesic on the WGS84 ellipsoid, by Karney's algorithm (geographiclib), accurate to
 * about 15 nm. The haversine distance on the sphere of the IUGG mean radius is kept for the spatial index's
 * prefilter (it differs from the ellipsoid by less than 0.6%) and for callers of the public API.
 */
import geographiclib from "geographiclib-geodesic"

// The package is CommonJS with no named exports Node's ES module loader can see: take them from its default export.
const { Geodesic } = geographiclib
const WGS84 = Geodesic.WGS84

/** The mean Earth radius in metres (IUGG R1). */
export const EARTH_RADIUS_M = 6_371_008.8

const RAD = Math.PI / 180

/** Great-circle distance in metres between two WGS84 positions (degrees), by the haversine formula. */
export const haversineM = (lon1: number, lat1: number, lon2: number, lat2: number): number => {
  const dLat = (lat2 - lat1) * RAD
  const dLon = (lon2 - lon1) * RAD
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)))
}

/**
 * The geodesic distance in metres between two WGS84 positions (degrees) on the WGS84 ellipsoid.
 *
 * @example
 * geodesicM(174.81, -41.32, -5.5, 40.96) // 19,959,679.267 m: Wellington to Salamanca (GeographicLib's example)
 */
export const geodesicM = (lon1: number, lat1: number, lon2: number, lat2: number): number =>
  WGS84.Inverse(lat1, lon1, lat2, lon2, Geodesic.DISTANCE).s12!

/**
 * The point reached from (lon, lat) after `distanceM` metres along the geodesic on the WGS84 ellipsoid with
 * initial azimuth `bearingDeg` (0 = north, 90 = east); `geodesicM` measures it at `distanceM`.
 *
 * @example
 * destinationPoint(121, 31, 0, 1000) // [121, 31.009020]: 1 km north
 */
export const destinationPoint = (lon: number, lat: number, bearingDeg: number, distanceM: number): [number, number] => {
  const r = WGS84.Direct(lat, lon, bearingDeg, distanceM, Geodesic.LATITUDE | Geodesic.LONGITUDE)
  return [r.lon2!, r.lat2!]
}

/**
 * The point reached along the great circle of the sphere of `haversineM`: the spherical counterpart of
 * `destinationPoint`.
 */
export const sphereDestinationPoint = (lon: number, lat: number, bearingDeg: number, distanceM: number): [number, number] => {
  const delta = distanceM / EARTH_RADIUS_M
  const theta = bearingDeg * RAD
  const phi1 = lat * RAD
  const lambda1 = lon * RAD
  const sinPhi2 = Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta)
  const phi2 = Math.asin(sinPhi2)
  const lambda2 =
    lambda1 + Math.atan2(Math.sin(theta) * Math.sin(delta) * Math.cos(phi1), Math.cos(delta) - Math.sin(phi1) * sinPhi2)
  return [(((lambda2 / RAD + 540) % 360) - 180), phi2 / RAD]
}

/**
 * Geodesic distances on a sphere. Every distance in the plugin is a great-circle distance on the sphere of the
 * IUGG mean Earth radius (6,371,008.8 m), computed with the haversine formula; over the few kilometres of a
 * station catchment the difference from the WGS84 ellipsoid is below 0.5%, and the same sphere is used for every
 * comparison, so a point "at 799 m" built with `destinationPoint` is measured at 799 m.
 */

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
 * The point reached from (lon, lat) after `distanceM` metres along the great circle with initial bearing
 * `bearingDeg` (0 = north, 90 = east), on the same sphere as `haversineM`.
 *
 * @example
 * destinationPoint(121, 31, 0, 1000) // [121, 31.008993...]: 1 km north
 */
export const destinationPoint = (lon: number, lat: number, bearingDeg: number, distanceM: number): [number, number] => {
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

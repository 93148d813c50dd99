/**
 * Walking links between weighted points (population or jobs) and stations: every station within `radiusM` of a
 * point, with the walking time at `walkSpeedMps`. Found with one radius query per station on a spatial index of the
 * points, so points far from any station cost nothing.
 */
import { PointIndex } from "../geo/PointIndex.js"
import type { WeightedPoints } from "../inputs/WeightedPoints.js"

/** Links of point `i` are `start[i] .. start[i+1]` in `station` / `walkS` / `distanceM`, nearest first. */
export interface StationLinks {
  readonly start: Int32Array
  readonly station: Int32Array
  readonly distanceM: Float64Array
  readonly walkS: Float64Array
}

/** Links every point to the stations within `radiusM` (stations given as stop indices with coordinates). */
export const linkPointsToStations = (
  points: WeightedPoints,
  stations: ReadonlyArray<number>,
  stopLon: ArrayLike<number>,
  stopLat: ArrayLike<number>,
  radiusM: number,
  walkSpeedMps: number,
): StationLinks => {
  const index = new PointIndex(points.lon, points.lat)
  const found: Array<Array<{ station: number; distanceM: number }>> = []
  for (const s of stations) {
    for (const { id, distanceM } of index.within(stopLon[s]!, stopLat[s]!, radiusM)) {
      const list = found[id] ?? (found[id] = [])
      list.push({ station: s, distanceM })
    }
  }
  const n = points.lon.length
  const start = new Int32Array(n + 1)
  for (let i = 0; i < n; i++) start[i + 1] = start[i]! + (found[i]?.length ?? 0)
  const station = new Int32Array(start[n]!)
  const distanceM = new Float64Array(start[n]!)
  for (let i = 0; i < n; i++) {
    const list = (found[i] ?? []).sort((a, b) => a.distanceM - b.distanceM || a.station - b.station)
    list.forEach((l, k) => {
      station[start[i]! + k] = l.station
      distanceM[start[i]! + k] = l.distanceM
    })
  }
  return { start, station, distanceM, walkS: distanceM.map((d) => d / walkSpeedMps) }
}

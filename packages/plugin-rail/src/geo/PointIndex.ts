/**
 * A spatial index of WGS84 points for radius queries: a static k-d tree (kdbush) searched with geokdbush's
 * great-circle `around`, then filtered by the WGS84 geodesic distance of `geodesic.ts`. No query scans every
 * point.
 */
import KDBush from "kdbush"
import { around } from "geokdbush"
import { EARTH_RADIUS_M, geodesicM } from "./geodesic.js"

/**
 * geokdbush measures on a sphere of 6,371 km; a radius in our metres is converted with a 1% margin (the WGS84
 * geodesic differs from the great circle of the mean sphere by less than 0.6%), then checked exactly.
 */
const GEOKDBUSH_RADIUS_KM = 6371
const toGeokdbushKm = (radiusM: number) => (radiusM / EARTH_RADIUS_M) * GEOKDBUSH_RADIUS_KM * 1.01 + 1e-9

/** A point found by a radius query: its index in the input arrays and its distance in metres. */
export interface Neighbour {
  readonly id: number
  readonly distanceM: number
}

/** An immutable index over points given as longitude and latitude arrays (degrees). */
export class PointIndex {
  private readonly tree: KDBush | undefined

  constructor(
    readonly lon: ArrayLike<number>,
    readonly lat: ArrayLike<number>,
  ) {
    if (lon.length === 0) {
      this.tree = undefined
      return
    }
    const tree = new KDBush(lon.length)
    for (let i = 0; i < lon.length; i++) tree.add(lon[i]!, lat[i]!)
    this.tree = tree.finish()
  }

  /** Every point within `radiusM` metres (inclusive) of (lon, lat), nearest first. */
  within(lon: number, lat: number, radiusM: number): Array<Neighbour> {
    if (!this.tree) return []
    const out: Array<Neighbour> = []
    for (const id of around(this.tree, lon, lat, Infinity, toGeokdbushKm(radiusM))) {
      const distanceM = geodesicM(lon, lat, this.lon[id]!, this.lat[id]!)
      if (distanceM <= radiusM) out.push({ id, distanceM })
    }
    return out
  }
}

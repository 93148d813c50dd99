/**
 * Weighted points: population or jobs as WGS84 points with a value (people, jobs). Read from a CSV of points or
 * from a GeoTIFF grid (each cell with a positive value becomes a point at the cell's centre).
 */

/** Points with values; `total` is the sum of `value`. */
export interface WeightedPoints {
  readonly lon: Float64Array
  readonly lat: Float64Array
  readonly value: Float64Array
  readonly total: number
  /** "csv" or "geotiff". */
  readonly format: "csv" | "geotiff"
  /**
   * A CSV's `region` column, when it has one: each point's GB/T 2260 code (a city or one of its counties), and the
   * file row it came from (for messages).
   */
  readonly regions?: { readonly codes: ReadonlyArray<string>; readonly rows: ReadonlyArray<number> }
}

/** A growable list of points. */
export class PointList {
  lon: Array<number> = []
  lat: Array<number> = []
  value: Array<number> = []
  region: Array<string> = []
  row: Array<number> = []
  add(lon: number, lat: number, value: number, region?: { readonly code: string; readonly row: number }): void {
    this.lon.push(lon)
    this.lat.push(lat)
    this.value.push(value)
    if (region) {
      this.region.push(region.code)
      this.row.push(region.row)
    }
  }
  finish(format: WeightedPoints["format"]): WeightedPoints {
    return {
      lon: Float64Array.from(this.lon),
      lat: Float64Array.from(this.lat),
      value: Float64Array.from(this.value),
      total: this.value.reduce((s, v) => s + v, 0),
      format,
      ...(this.region.length > 0 ? { regions: { codes: this.region, rows: this.row } } : {}),
    }
  }
}

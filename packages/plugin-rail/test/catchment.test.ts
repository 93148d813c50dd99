import { writeArrayBuffer } from "geotiff"
import { describe, expect, it } from "vitest"
import { catchmentCalculator } from "../src/index.js"
import { destinationPoint, geodesicM } from "../src/geo/geodesic.js"
import { runRail } from "./helpers/run.js"
import { binaryFile, STATIONS, textFile, toyFeedFiles, zipFeed } from "./helpers/toyFeed.js"

const feed = zipFeed(toyFeedFiles())
const [lonA, latA] = STATIONS.A
const around = (distanceM: number, bearingDeg: number) => destinationPoint(lonA, latA, bearingDeg, distanceM)
const csv = (rows: ReadonlyArray<readonly [readonly [number, number], number]>, header = "lon,lat,value") =>
  `${header}\n${rows.map(([[lon, lat], v]) => `${lon},${lat},${v}`).join("\n")}\n`

describe("station catchment (default 800 m, WGS84 geodesic)", () => {
  it("places the test points at 500 m, 799 m and 801 m from A, as measured", () => {
    for (const [d, b] of [[500, 30], [799, 150], [801, 270]] as const) expect(geodesicM(lonA, latA, ...around(d, b))).toBeCloseTo(d, 6)
  })

  it("counts points at 500 m and 799 m and not at 801 m: 300 of 700 people", async () => {
    const population = textFile(csv([[around(500, 30), 100], [around(799, 150), 200], [around(801, 270), 400]]), "boundary.csv")
    const { output } = await runRail(catchmentCalculator, { gtfs: feed, population })
    expect(output.values).toEqual([
      {
        indicator: "rail.station-catchment-population-share",
        region: "310000",
        year: 2024,
        value: 300 / 700,
        note: "300 of 700 people (42.86%) within 4 stations of toy-feed.zip, radius 800 m (WGS84 geodesic)",
      },
    ])
    expect(output.tables![0]!.rows.map((r) => [r.station, r.population])).toEqual([["A", 300], ["B", 0], ["C", 0], ["D", 0]])
  })

  it("takes a configurable radius (801 m counts at 802 m) and reports jobs beside population", async () => {
    const population = textFile(csv([[around(500, 30), 100], [around(801, 270), 400]]), "pop.csv")
    const jobs = textFile(csv([[around(100, 0), 30], [STATIONS.C, 50], [around(2000, 180), 20]], "longitude,latitude,jobs"), "jobs.csv")
    const { output } = await runRail(catchmentCalculator, { gtfs: feed, population, jobs }, { radiusM: 802 })
    expect(output.values.map((v) => [v.indicator, v.value])).toEqual([
      ["rail.station-catchment-population-share", 1],
      ["rail.station-catchment-jobs-share", 0.8],
    ])
  })

  it("reads a WorldPop-style GeoTIFF (EPSG:4326, 0.01° cells, nodata -99999): only the cell centred on A is within 800 m", async () => {
    const tiff = writeArrayBuffer(new Float32Array([1000, 2000, 0, -99999, 500, 3000]), {
      width: 3,
      height: 2,
      ModelPixelScale: [0.01, 0.01, 0],
      ModelTiepoint: [0, 0, 0, lonA - 0.005, latA + 0.005, 0],
      GeographicTypeGeoKey: 4326,
      GTModelTypeGeoKey: 2,
      GDAL_NODATA: "-99999",
      SampleFormat: [3],
      BitsPerSample: [32],
    })
    const { output } = await runRail(catchmentCalculator, { gtfs: feed, population: binaryFile(tiff, "worldpop.tif") })
    expect(output.values[0]!.value).toBeCloseTo(1000 / 6500, 12)
  })

  it("refuses a projected grid and a bad CSV cell, naming file, row and field", async () => {
    const projected = writeArrayBuffer(new Float32Array([1, 2, 3, 4]), {
      width: 2,
      height: 2,
      ModelPixelScale: [1000, 1000, 0],
      ModelTiepoint: [0, 0, 0, 500000, 3400000, 0],
      ProjectedCSTypeGeoKey: 54009,
      GTModelTypeGeoKey: 1,
    })
    await expect(runRail(catchmentCalculator, { gtfs: feed, population: binaryFile(projected, "ghsl.tif") })).rejects.toMatchObject({
      reason: "invalid-input",
      problems: [{ file: "population", message: expect.stringContaining("projected CRS (EPSG:54009); reproject it to geographic WGS84 (EPSG:4326)") }],
    })
    const bad = textFile("lon,lat,value\n121,31,10\n121,91,5\n121,31,-3\n", "bad.csv")
    await expect(runRail(catchmentCalculator, { gtfs: feed, population: bad })).rejects.toMatchObject({
      problems: [
        { file: "population", row: 3, field: "lat", message: 'lat "91" must be a WGS84 latitude in -90..90' },
        { file: "population", row: 4, field: "value", message: 'value "-3" must be a number of people >= 0' },
      ],
    })
    const noValue = textFile("lon,lat,people\n121,31,10\n", "nocol.csv")
    await expect(runRail(catchmentCalculator, { gtfs: feed, population: noValue })).rejects.toMatchObject({ problems: [{ file: "population", row: 1, field: "value" }] })
  })
})

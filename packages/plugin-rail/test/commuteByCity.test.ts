/**
 * The one-hour commute share by city (#21): the population CSV's `region` column gives each point's prefecture-level
 * city (a county's code counts for its city); each city's value is the share of its own population within the hour.
 * Not additive: the cities' shares do not add up to the run's share, their population-weighted mean is it.
 *
 * The toy feed from A at 07:00: B in 20 min, C in 45, D in 70. A (1,000,000) and B (200,000, Qingpu 310118) are in
 * Shanghai, C (150,000, Wujiang 320509) and a point 900 m east of C (50,000, out of walking reach) in Suzhou, D
 * (100,000) in Jiaxing. Shanghai 1.2M of 1.2M = 100%; Suzhou 150k of 200k = 75%; Jiaxing 0 of 100k = 0%; the run
 * 1.35M of 1.5M = 90%.
 */
import { describe, expect, it } from "vitest"
import { commuteCalculator, commuteCityDimension } from "../src/index.js"
import { destinationPoint } from "../src/geo/geodesic.js"
import { computeStoreAndReport, runRail } from "./helpers/run.js"
import { MONDAY, STATIONS, textFile, toyFeedFiles, zipFeed } from "./helpers/toyFeed.js"

const feed = zipFeed(toyFeedFiles())
const fromA = { coreStations: "A", date: MONDAY, direction: "from-core", departure: "07:00", windowMin: 0 }
const far = destinationPoint(STATIONS.C[0], STATIONS.C[1], 90, 900)
const csv = (regions: Readonly<Record<"A" | "B" | "C" | "far" | "D", string>>) =>
  textFile(
    "lon,lat,value,region\n" +
      `${STATIONS.A[0]},${STATIONS.A[1]},1000000,${regions.A}\n` +
      `${STATIONS.B[0]},${STATIONS.B[1]},200000,${regions.B}\n` +
      `${STATIONS.C[0]},${STATIONS.C[1]},150000,${regions.C}\n` +
      `${far[0]},${far[1]},50000,${regions.far}\n` +
      `${STATIONS.D[0]},${STATIONS.D[1]},100000,${regions.D}\n`,
    `population-${Object.values(regions).join("-")}.csv`,
  )
const population = csv({ A: "310000", B: "310118", C: "320509", far: "320500", D: "330400" })

describe("one-hour commute share by city", () => {
  it("gives each city's own share beside the run's: Shanghai 100%, Suzhou 75%, Jiaxing 0%; the run 90%", async () => {
    const { output } = await runRail(commuteCalculator, { gtfs: feed, population }, fromA)
    expect(output.values.map((v) => [v.dimensions?.city ?? "total", v.value])).toEqual([
      ["total", 1_350_000 / 1_500_000],
      ["310000", 1],
      ["320500", 0.75],
      ["330400", 0],
    ])
    expect(output.values[2]!.note).toBe("150000 of 200000 people of Suzhou (Jiangsu) (75.00%) within 60 min door to door")
    // not additive: 1 + 0.75 + 0 is not 0.9; the population-weighted mean is
    expect((1_200_000 * 1 + 200_000 * 0.75 + 100_000 * 0) / 1_500_000).toBeCloseTo(output.values[0]!.value, 12)
    expect(commuteCityDimension).not.toHaveProperty("additive")
  })

  it("is stored with its total (the write's checks accept a non-additive breakdown) and the report judges the total", async () => {
    const result = await computeStoreAndReport(() => runRail(commuteCalculator, { gtfs: feed, population }, fromA))
    expect(result.stored.map((o) => [o.dimensions?.city ?? "total", o.value])).toEqual([["total", 0.9], ["310000", 1], ["320500", 0.75], ["330400", 0]])
    expect(result.row("rail.one-hour-commute-population-share").value).toBe(0.9)
  })

  it("refuses a point whose region is unknown or above city level, naming its row", async () => {
    const bad = csv({ A: "310000", B: "310118", C: "320000", far: "320500", D: "999999" })
    await expect(runRail(commuteCalculator, { gtfs: feed, population: bad }, fromA)).rejects.toMatchObject({
      reason: "invalid-input",
      problems: [
        { file: "population", row: 4, field: "region", message: 'region "320000" is above the level of a city; give the GB/T 2260 code of the point\'s prefecture-level city or of one of its counties (e.g. 320509)' },
        { file: "population", row: 6, field: "region", message: 'region "999999" is not a known region code; give the GB/T 2260 code of the point\'s prefecture-level city or of one of its counties (e.g. 320509)' },
      ],
    })
  })
})

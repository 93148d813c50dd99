import { describe, expect, it } from "vitest"
import { stationSpacingCalculator } from "../src/index.js"
import { computeStoreAndReport, runRail } from "./helpers/run.js"
import { toyFeedFiles, zipFeed } from "./helpers/toyFeed.js"

const feed = zipFeed(toyFeedFiles())

describe("mean station spacing (stations 4, 5 and 2 km apart along one meridian)", () => {
  it("R1 A-B-C averages 4.5 km, R2 C-D 2 km; all lines together 11 km / 3 segments = 3.667 km", async () => {
    const { output } = await runRail(stationSpacingCalculator, { gtfs: feed })
    expect(output.values[0]!.value).toBeCloseTo(11 / 3, 9)
    expect(output.tables![0]!.rows.map((r) => [r.line, r.stations, r.lengthKm, r.meanSpacingKm, r.minSpacingKm, r.againstGuidance])).toEqual([
      ["R1", 3, 9, 4.5, 4, "≥ 3 km"],
      ["R2", 2, 2, 2, 2, "< 3 km"],
    ])
    const r1 = await runRail(stationSpacingCalculator, { gtfs: feed }, { lines: "R1" })
    expect(r1.output.values[0]!.value).toBeCloseTo(4.5, 9)
  })

  it("judges a line against the 3 km guidance: R2 at 2 km misses by 1 km, R1 meets it", async () => {
    const r2 = await computeStoreAndReport(() => runRail(stationSpacingCalculator, { gtfs: feed }, { lines: "R2" }))
    const [target] = r2.row("rail.mean-station-spacing-km").targets
    expect([target!.kind, target!.value, target!.met, target!.binding]).toEqual(["at-least", 3, false, false])
    expect(target!.gap).toBeCloseTo(1, 9)
    expect(target!.source.en).toMatch(/^National guidance on suburban railways/)
    const r1 = await computeStoreAndReport(() => runRail(stationSpacingCalculator, { gtfs: feed }, { lines: "R1" }))
    expect(r1.row("rail.mean-station-spacing-km").targets[0]!.met).toBe(true)
  })

  it("takes each line's sequence from the trips of the service day: weekend short turns A-B (3 trips) beat weekday A-B-C (2) only without a date", async () => {
    const base = toyFeedFiles()
    const weekend = zipFeed(
      toyFeedFiles({
        "calendar.txt": `${base["calendar.txt"]}WE,0,0,0,0,0,1,1,20240101,20241231\n`,
        "trips.txt": `${base["trips.txt"]}R1,WE,S1\nR1,WE,S2\nR1,WE,S3\n`,
        "stop_times.txt": `${base["stop_times.txt"]}${["S1", "S2", "S3"].map((t, i) => `${t},0${8 + i}:00:00,0${8 + i}:00:00,A,1\n${t},0${8 + i}:20:00,0${8 + i}:20:00,B,2\n`).join("")}`,
      }),
    )
    // All trips: R1's most frequent sequence is the weekend A-B (4 km); on Monday 2024-03-11 it is A-B-C (4 + 5 km, 4.5 km mean).
    const all = await runRail(stationSpacingCalculator, { gtfs: weekend }, { lines: "R1" })
    expect(all.output.values[0]!.value).toBeCloseTo(4, 9)
    const monday = await runRail(stationSpacingCalculator, { gtfs: weekend }, { lines: "R1", date: "2024-03-11" })
    expect(monday.output.values[0]!.value).toBeCloseTo(4.5, 9)
    const saturday = await runRail(stationSpacingCalculator, { gtfs: weekend }, { lines: "R1", date: "2024-03-16" })
    expect(saturday.output.values[0]!.value).toBeCloseTo(4, 9)
    await expect(runRail(stationSpacingCalculator, { gtfs: weekend }, { date: "2025-01-06" })).rejects.toMatchObject({
      problems: [{ field: "date", message: "2025-01-06 is not in 2024, the year the values are for" }],
    })
  })

  it("refuses an unknown line, listing the feed's lines", async () => {
    await expect(runRail(stationSpacingCalculator, { gtfs: feed }, { lines: "R7" })).rejects.toMatchObject({
      problems: [{ file: "params", field: "lines", message: 'unknown line "R7"; the feed has R1, R2' }],
    })
  })
})

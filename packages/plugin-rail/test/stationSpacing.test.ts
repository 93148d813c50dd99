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

  it("refuses an unknown line, listing the feed's lines", async () => {
    await expect(runRail(stationSpacingCalculator, { gtfs: feed }, { lines: "R7" })).rejects.toMatchObject({
      problems: [{ file: "params", field: "lines", message: 'unknown line "R7"; the feed has R1, R2' }],
    })
  })
})

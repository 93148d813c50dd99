import { describe, expect, it } from "vitest"
import { commuteCalculator, ridershipCalculator } from "../src/index.js"
import { computeStoreAndReport, runRail } from "./helpers/run.js"
import { MONDAY, stationPopulationCsv, textFile, toyFeedFiles, zipFeed } from "./helpers/toyFeed.js"

const csv = textFile(
  "line,date,boardings\n" +
    "L1,2024-03-11,120000\nL1,2024-03-12,150000\nL1,20240313,180000\nL1,2024-03-16,30000\n" +
    "L2,2024-03-11,80000\nL2,2024-03-12,90000\nL2,2023-12-29,500000\n",
  "ridership.csv",
)

describe("line daily ridership against the 100,000-300,000 band", () => {
  it("L1 averages 120,000 over its four 2024 days, 150,000 over its weekdays; the 2023 row of L2 is ignored", async () => {
    const all = await runRail(ridershipCalculator, { ridership: csv }, { line: "L1" })
    expect(all.output.values[0]).toMatchObject({ indicator: "rail.line-daily-ridership", value: 120_000 })
    const weekdays = await runRail(ridershipCalculator, { ridership: csv }, { line: "L1", weekdaysOnly: true })
    expect(weekdays.output.values[0]!.value).toBe(150_000)
    expect(all.output.tables![0]!.rows).toEqual([
      { line: "L1", days: 4, meanDaily: 120000, minDaily: 30000, maxDaily: 180000, band: "100,000-300,000" },
      { line: "L2", days: 2, meanDaily: 85000, minDaily: 80000, maxDaily: 90000, band: "< 100,000" },
    ])
  })

  it("puts L2 (85,000) 15,000 below the band; the target is expected, its source Yang Dongyuan", async () => {
    const { row } = await computeStoreAndReport(() => runRail(ridershipCalculator, { ridership: csv }, { line: "L2" }))
    const [target] = row("rail.line-daily-ridership").targets
    expect([target!.kind, target!.lo, target!.hi, target!.met, target!.gap, target!.binding]).toEqual(["band", 100_000, 300_000, false, 15_000, false])
    expect(target!.source.en).toMatch(/^Yang Dongyuan, in the roundtable 'High-quality integration in the YRD: what can planning do'/)
  })

  it("says in the report's section how the line compares and what its commuting circle covers", async () => {
    const feed = zipFeed(toyFeedFiles())
    const population = textFile(stationPopulationCsv(), "population.csv")
    const { report } = await computeStoreAndReport([
      () => runRail(ridershipCalculator, { ridership: csv }, { line: "L2" }),
      () => runRail(commuteCalculator, { gtfs: feed, population }, { coreStations: "A", date: MONDAY, direction: "from-core", departure: "07:00", windowMin: 0 }),
    ])
    const section = report.sections.find((s) => s.plugin === "rail")!
    expect(section.notes[0]!.en).toBe(
      "The line carries 85,000 person-trips a day, below the 100,000-300,000 band; judged by the commuting circle, 93.1% of the population is within one hour.",
    )
    expect(section.notes[0]!.zh).toContain("低于 10 万-30 万区间")
  })

  it("asks which line when the file has several, and refuses a malformed row", async () => {
    await expect(runRail(ridershipCalculator, { ridership: csv })).rejects.toMatchObject({
      problems: [{ field: "line", message: "the file has 2 lines in 2024 (L1, L2); name the region's line" }],
    })
    const bad = textFile("line,date,boardings\nL1,2024-02-30,100\nL1,2024-03-01,1.5e5\n", "bad.csv")
    await expect(runRail(ridershipCalculator, { ridership: bad })).rejects.toMatchObject({
      problems: [
        { file: "ridership", row: 2, field: "date", message: 'date "2024-02-30" is not a date (YYYY-MM-DD or YYYYMMDD)' },
        { file: "ridership", row: 3, field: "boardings", message: 'boardings "1.5e5" must be a whole number of person-trips >= 0' },
      ],
    })
  })
})

import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { describe, expect, it } from "vitest"
import { commuteCalculator } from "../src/index.js"
import { destinationPoint } from "../src/geo/geodesic.js"
import { computeStoreAndReport, runRail } from "./helpers/run.js"
import { MONDAY, STATIONS, stationPopulationCsv, textFile, toyFeedFiles, zipFeed } from "./helpers/toyFeed.js"

const feed = zipFeed(toyFeedFiles())
const population = textFile(stationPopulationCsv(), "population.csv")
const fromA = { coreStations: "A", date: MONDAY, direction: "from-core", departure: "07:00", windowMin: 0 }
const minutes = (tables: ReadonlyArray<{ readonly id: string; readonly rows: ReadonlyArray<Record<string, unknown>> }> | undefined) =>
  Object.fromEntries(tables!.find((t) => t.id === "rail-commute-stations")!.rows.map((r) => [r.station, r.medianMinutes]))

describe("one-hour commuting circle on the toy feed (A 1,000,000, B 200,000, C 150,000, D 100,000 people)", () => {
  it("from A at 07:00: B in 20 min, C in 45, D in 70, so 1.35M of 1.45M people = 93.10% are within an hour", async () => {
    const { output, provenance } = await runRail(commuteCalculator, { gtfs: feed, population }, fromA)
    const [value] = output.values
    expect(value).toMatchObject({ indicator: "rail.one-hour-commute-population-share", region: "310000", year: 2024 })
    expect(value!.value).toBeCloseTo(1_350_000 / 1_450_000, 12)
    expect((value!.value * 100).toFixed(2)).toBe("93.10")
    expect(minutes(output.tables)).toEqual({ A: 0, B: 20, C: 45, D: 70 })
    expect(value!.note).toMatch(/^1350000 of 1450000 people \(93\.10%\) within 60 min door to door from core stations A; toy-feed\.zip, service day 2024-03-11/)
    expect(provenance.inputs.map((i) => [i.name, i.sha256])).toEqual([
      ["gtfs", createHash("sha256").update(readFileSync(feed.path)).digest("hex")],
      ["population", createHash("sha256").update(readFileSync(population.path)).digest("hex")],
    ])
    expect(provenance.params).toMatchObject({ coreStations: ["A"], date: MONDAY, accessRadiusM: 800, walkKmh: 4.32, minTransferMin: 2, direction: "from-core", departure: "07:00", windowMin: 0, thresholdMin: 60, maxTransfers: 4 })
  })

  it("with a 10-minute minimum transfer time, the 07:50 at C is missed and D becomes unreachable", async () => {
    const { output } = await runRail(commuteCalculator, { gtfs: feed, population }, { ...fromA, minTransferMin: 10 })
    expect(minutes(output.tables)).toEqual({ A: 0, B: 20, C: 45, D: null })
    expect(output.values[0]!.value).toBeCloseTo(1_350_000 / 1_450_000, 12)
  })

  it("to core D, median over departures 07:00, 07:10, 07:20: B and C take 70, 60, 50 min (median 60, in); A 70, then none (out)", async () => {
    const { output } = await runRail(commuteCalculator, { gtfs: feed, population }, { coreStations: "D", date: MONDAY, direction: "to-core", departure: "07:00", windowMin: 20, stepMin: 10 })
    expect(minutes(output.tables)).toEqual({ A: null, B: 60, C: 60, D: 0 })
    expect(output.values[0]!.value).toBeCloseTo(450_000 / 1_450_000, 12)
  })

  it("adds the walk to the station: 600 m from B at 1.2 m/s is 500 s (28.3 min from A, in); 900 m from any station is out", async () => {
    const [lon, lat] = STATIONS.B
    const near = destinationPoint(lon, lat, 90, 600)
    const far = destinationPoint(lon, lat, 90, 900)
    const points = textFile(stationPopulationCsv() + `${near[0]},${near[1]},50000\n${far[0]},${far[1]},50000\n`, "population-walk.csv")
    const { output } = await runRail(commuteCalculator, { gtfs: feed, population: points }, fromA)
    expect(output.values[0]!.value).toBeCloseTo(1_400_000 / 1_550_000, 12)
    const slow = await runRail(commuteCalculator, { gtfs: feed, population: points }, { ...fromA, walkKmh: 0.5, accessRadiusM: 1000 })
    expect(slow.output.values[0]!.value).toBeCloseTo(1_350_000 / 1_550_000, 12)
  })

  it("counts jobs reachable within 45 and 60 min from each home at 07:10: 735/1450 = 50.69% and 770/1450 = 53.10%", async () => {
    const jobs = textFile(stationPopulationCsv({ A: 500_000, B: 100_000, C: 300_000, D: 100_000 }).replace("value", "jobs"), "jobs.csv")
    const { output } = await runRail(commuteCalculator, { gtfs: feed, population, jobs }, { coreStations: "A", date: MONDAY, direction: "to-core", departure: "07:10", windowMin: 0 })
    const byId = Object.fromEntries(output.values.map((v) => [v.indicator, v.value]))
    // From A: A, B (40 min) within 45 and 60; from B: B, C (35) within 45, + D (60) within 60; from C: C, + D (60); from D: D.
    expect(byId["rail.jobs-accessible-45min-share"]).toBeCloseTo((1_000_000 * 0.6 + 200_000 * 0.4 + 150_000 * 0.3 + 100_000 * 0.1) / 1_450_000, 12)
    expect(byId["rail.jobs-accessible-60min-share"]).toBeCloseTo((1_000_000 * 0.6 + 200_000 * 0.5 + 150_000 * 0.4 + 100_000 * 0.1) / 1_450_000, 12)
    expect(byId["rail.jobs-accessible-45min-share"]! * 1450).toBeCloseTo(735, 9)
  })

  it("stores the share as an observation whose source names the feed and population files (SHA-256) and the parameters", async () => {
    const result = await computeStoreAndReport(() => runRail(commuteCalculator, { gtfs: feed, population }, fromA))
    expect(result.revisions).toBe(1)
    const [stored] = result.stored
    const sha = createHash("sha256").update(readFileSync(feed.path)).digest("hex")
    expect(stored!.source).toContain(`gtfs=toy-feed.zip sha256:${sha.slice(0, 12)}`)
    expect(stored!.source).toContain("population=population.csv sha256:")
    expect(stored!.source).toContain('"coreStations":["A"]')
    expect(stored!.note).toContain("1350000 of 1450000 people")
    const row = result.row("rail.one-hour-commute-population-share")
    expect([row.status, row.value!.toFixed(4)]).toEqual(["ok", "0.9310"])
  })

  it("runs from the core by default (the commuting circle): the same 93.10% as from A without a direction", async () => {
    const { output } = await runRail(commuteCalculator, { gtfs: feed, population }, { coreStations: "A", date: MONDAY, departure: "07:00", windowMin: 0 })
    expect(output.values[0]!.value).toBeCloseTo(1_350_000 / 1_450_000, 12)
    expect(output.values[0]!.note).toContain("from core stations A")
  })

  it("a 30-minute circle holds A and B: 1.2M of 1.45M = 82.76%, beside the one-hour row; the indicator stays at 60 min", async () => {
    const { output } = await runRail(commuteCalculator, { gtfs: feed, population }, { ...fromA, thresholdMin: 30 })
    expect(output.values[0]!.value).toBeCloseTo(1_350_000 / 1_450_000, 12)
    const circle = output.tables!.find((t) => t.id === "rail-commute-circle")!
    expect(circle.rows).toEqual([
      { thresholdMinutes: 60, population: 1_350_000, share: "93.10%" },
      { thresholdMinutes: 30, population: 1_200_000, share: "82.76%" },
    ])
  })

  it("returns each point's door-to-door minutes on request: 0, 20, 45, 70 at the stations; a point 900 m away has no station", async () => {
    const [lon, lat] = STATIONS.B
    const far = destinationPoint(lon, lat, 90, 900)
    const points = textFile(stationPopulationCsv() + `${far[0]},${far[1]},50000\n`, "population-far.csv")
    const { output } = await runRail(commuteCalculator, { gtfs: feed, population: points }, { ...fromA, perPoint: true })
    const table = output.tables!.find((t) => t.id === "rail-commute-points")!
    expect(table.rows.map((r) => [r.point, r.population, r.medianMinutes, r.within])).toEqual([
      [1, 1_000_000, 0, "yes"],
      [2, 200_000, 20, "yes"],
      [3, 150_000, 45, "yes"],
      [4, 100_000, 70, "no"],
      [5, 50_000, null, "no station within walking distance"],
    ])
    const without = await runRail(commuteCalculator, { gtfs: feed, population }, fromA)
    expect(without.output.tables!.some((t) => t.id === "rail-commute-points")).toBe(false)
  })

  it("transfers: none leaves D (reached by changing at C) out; unlimited reaches it in 70 min, as 4 do", async () => {
    const none = await runRail(commuteCalculator, { gtfs: feed, population }, { ...fromA, maxTransfers: 0 })
    expect(minutes(none.output.tables)).toEqual({ A: 0, B: 20, C: 45, D: null })
    const unlimited = await runRail(commuteCalculator, { gtfs: feed, population }, { ...fromA, maxTransfers: "unlimited" })
    expect(minutes(unlimited.output.tables)).toEqual({ A: 0, B: 20, C: 45, D: 70 })
    expect(unlimited.provenance.params.maxTransfers).toBe("unlimited")
    expect(unlimited.output.values[0]!.note).toContain("unlimited transfers")
  })

  it("refuses an unknown core station, a missing date and a date outside the run's year", async () => {
    const inputs = { gtfs: feed, population }
    await expect(runRail(commuteCalculator, inputs, { ...fromA, coreStations: "Q" })).rejects.toMatchObject({
      reason: "invalid-parameter",
      problems: [{ file: "params", field: "coreStations", message: 'unknown stop_id "Q" (not in toy-feed.zip stops.txt)' }],
    })
    await expect(runRail(commuteCalculator, inputs, { coreStations: "A" })).rejects.toMatchObject({ problems: [{ field: "date", message: 'parameter "date" is required (Service day YYYY-MM-DD (within the run\'s year))' }] })
    await expect(runRail(commuteCalculator, inputs, { ...fromA, date: "2023-03-13" })).rejects.toMatchObject({
      problems: [{ field: "date", message: "2023-03-13 is not in 2024, the year the values are for" }],
    })
    await expect(runRail(commuteCalculator, inputs, { ...fromA, date: "2024-13-01", walkKmh: "fast", maxTransfers: 11 })).rejects.toMatchObject({
      reason: "invalid-parameter",
      problems: [
        { field: "date", message: 'parameter "date" must be a date YYYY-MM-DD that exists, e.g. 2024-05-15, got "2024-13-01"' },
        { field: "walkKmh", message: 'parameter "walkKmh" must be a number from 0.5 to 10 km/h, got "fast"' },
        { field: "maxTransfers", message: 'parameter "maxTransfers" must be a whole number from 0 to 10, or "unlimited", got 11' },
      ],
    })
    await expect(runRail(commuteCalculator, inputs, { ...fromA, direction: "sideways" })).rejects.toMatchObject({ problems: [{ field: "direction" }] })
  })
})

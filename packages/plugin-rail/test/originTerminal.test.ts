import { describe, expect, it } from "vitest"
import { originTerminalCalculator } from "../src/index.js"
import { runRail } from "./helpers/run.js"
import { MONDAY, STATIONS, toyFeedFiles, zipFeed } from "./helpers/toyFeed.js"

const feed = zipFeed(toyFeedFiles())
const share = async (stations: string, date = MONDAY, gtfs = feed) =>
  (await runRail(originTerminalCalculator, { gtfs }, { stations, date })).output

describe("origin/terminal share of trains, per service day", () => {
  it("A 2/2, B 0/2, C 3/3 (both R1 trips end at C, R2 starts there), D 1/1", async () => {
    expect((await share("A")).values[0]!.value).toBe(1)
    expect((await share("B")).values[0]!.value).toBe(0)
    const c = await share("C")
    expect(c.values[0]).toMatchObject({ indicator: "rail.origin-terminal-share", region: "310000", year: 2024, value: 1 })
    expect(c.values[0]!.note).toBe("3 of 3 trains calling at C start or end there (100.00%); toy-feed.zip, service day 2024-03-11")
    expect(c.tables![0]!.rows.map((r) => [r.station, r.trainsCalling, r.trainsStartingOrEnding, r.share])).toEqual([
      ["C", 3, 3, 1],
      ["A", 2, 2, 1],
      ["B", 2, 0, 0],
      ["D", 1, 1, 1],
    ])
  })

  it("counts a train once for a group of stations: B and D together, 1 of 3 trains (R2 ends at D; R1 trips pass B)", async () => {
    expect((await share("B,D")).values[0]!.value).toBeCloseTo(1 / 3, 12)
  })

  it("takes a station id for its platforms: C1 and C2 under station CS count as one station", async () => {
    const files = toyFeedFiles()
    const [lonC, latC] = STATIONS.C
    const row = (id: string, name: string, type: number, parent: string) => `${id},${name},${latC},${lonC},${type},${parent}`
    const gtfs = zipFeed({
      ...files,
      "stops.txt":
        files["stops.txt"]!.replace("stop_id,stop_name,stop_lat,stop_lon", "stop_id,stop_name,stop_lat,stop_lon,location_type,parent_station").replace(/^C,.*\n/m, "") +
        [row("CS", "Station C", 1, ""), row("C1", "Platform C1", 0, "CS"), row("C2", "Platform C2", 0, "CS")].join("\n") +
        "\n",
      "stop_times.txt": files["stop_times.txt"]!.replace(/,C,3/g, ",C1,3").replace(",C,1", ",C2,1"),
    })
    const out = await share("CS", MONDAY, gtfs)
    expect(out.values[0]!.value).toBe(1)
    expect(out.tables![0]!.rows[0]).toEqual({ station: "CS", name: "Station C", trainsCalling: 3, trainsStartingOrEnding: 3, share: 1 })
  })

  it("refuses a day without service and a station no train calls at", async () => {
    await expect(share("A", "2024-03-16")).rejects.toMatchObject({ reason: "invalid-parameter", problems: [{ field: "date", message: "no trips of the selected routes run on 2024-03-16" }] })
    await expect(runRail(originTerminalCalculator, { gtfs: feed }, { date: MONDAY })).rejects.toMatchObject({ problems: [{ field: "stations" }] })
  })
})

import { describe, expect, it } from "vitest"
import { commuteCalculator } from "../src/index.js"
import { readGtfs } from "../src/gtfs/readGtfs.js"
import { computeStoreAndReport, runRail } from "./helpers/run.js"
import { MONDAY, stationPopulationCsv, textFile, toyFeedFiles, zipFeed } from "./helpers/toyFeed.js"
import { readOptions } from "./helpers/readOptions.js"

const STOP_TIMES_HEADER = "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n"
const problemsOf = async (files: Record<string, string>) => {
  try {
    await readGtfs(zipFeed(files).path, { ...readOptions(), filename: "toy-feed.zip" })
  } catch (e) {
    return e as { reason: string; message: string; problems: ReadonlyArray<Record<string, unknown>> }
  }
  throw new Error("the feed was accepted")
}

describe("reading a GTFS feed", () => {
  it("reads the toy feed: 4 stops, 2 routes, 3 trips, 8 stop times in sequence order", async () => {
    const feed = await readGtfs(zipFeed(toyFeedFiles()).path, readOptions())
    expect([feed.stops.ids, feed.routes.ids, feed.trips.ids]).toEqual([["A", "B", "C", "D"], ["R1", "R2"], ["R1-0700", "R1-0730", "R2-0750"]])
    expect(Array.from(feed.trips.stopTimeStart)).toEqual([0, 3, 6, 8])
    expect(Array.from(feed.stopTimes.arrival.subarray(0, 3), (s) => s / 60)).toEqual([420, 440, 465])
  })

  it("orders stop times by stop_sequence, interpolates an untimed stop, and accepts hours past 24 (25:10:00)", async () => {
    const feed = await readGtfs(
      zipFeed(
        toyFeedFiles({
          "stop_times.txt": STOP_TIMES_HEADER + "R2-0750,25:10:00,25:10:00,D,9\nR2-0750,24:50:00,24:50:00,C,1\nR1-0700,07:45:00,07:45:00,C,3\nR1-0700,,,B,2\nR1-0700,07:00:00,07:00:00,A,1\n",
          "trips.txt": "route_id,service_id,trip_id\nR1,WK,R1-0700\nR2,WK,R2-0750\n",
        }),
      ).path,
      readOptions(),
    )
    expect(Array.from(feed.stopTimes.stop, (s) => feed.stops.ids[s])).toEqual(["A", "B", "C", "C", "D"])
    expect(Array.from(feed.stopTimes.arrival, (s) => s / 60)).toEqual([420, 442.5, 465, 1490, 1510])
  })

  it("reads files inside one top-level folder, with a byte-order mark, and a calendar_dates.txt-only calendar", async () => {
    const files = toyFeedFiles({
      "calendar.txt": undefined,
      "calendar_dates.txt": "service_id,date,exception_type\nWK,20240311,1\nWK,20240313,1\n",
    })
    const nested = Object.fromEntries(Object.entries(files).map(([name, text]) => [`toy/${name}`, name === "stops.txt" ? `\ufeff${text}` : text]))
    const feed = await readGtfs(zipFeed(nested).path, readOptions())
    expect(feed.stops.ids).toEqual(["A", "B", "C", "D"])
    expect(feed.services.range).toEqual({ first: 20240311, last: 20240313 })
    expect([20240311, 20240312, 20240313].map((d) => feed.services.activeOn(d)[0])).toEqual([1, 0, 1])
  })

  it("refuses a feed without stop_times.txt, naming the file", async () => {
    const files = toyFeedFiles({ "stop_times.txt": undefined })
    const error = await problemsOf(files)
    expect(error.reason).toBe("invalid-input")
    expect(error.problems).toEqual([{ file: "gtfs/stop_times.txt", message: "required file stop_times.txt is missing from toy-feed.zip" }])
    expect(error.message).toBe("GTFS feed toy-feed.zip is invalid: gtfs/stop_times.txt: required file stop_times.txt is missing from toy-feed.zip; nothing was computed")
  })

  it("refuses a trip whose times go backwards, naming row 4 and arrival_time", async () => {
    const files = toyFeedFiles()
    const error = await problemsOf({ ...files, "stop_times.txt": files["stop_times.txt"]!.replace("07:45:00,07:45:00,C", "07:10:00,07:10:00,C") })
    expect(error.problems).toEqual([
      {
        file: "gtfs/stop_times.txt",
        row: 4,
        field: "arrival_time",
        message: 'trip "R1-0700" at stop_sequence 3: arrival 07:10:00 is before the departure 07:20:00 from the previous stop (stop_sequence 2); times must not go backwards',
      },
    ])
  })

  it("refuses a departure before its own arrival", async () => {
    const files = toyFeedFiles()
    const error = await problemsOf({ ...files, "stop_times.txt": files["stop_times.txt"]!.replace("07:20:00,07:20:00,B", "07:20:00,07:19:00,B") })
    expect(error.problems).toEqual([
      { file: "gtfs/stop_times.txt", row: 3, field: "departure_time", message: 'trip "R1-0700" at stop_sequence 2: departure 07:19:00 is before arrival 07:20:00' },
    ])
  })

  it("refuses unknown stop, trip and route ids, each with its row and field", async () => {
    const files = toyFeedFiles()
    const stopError = await problemsOf({ ...files, "stop_times.txt": files["stop_times.txt"]! + "R2-0750,08:30:00,08:30:00,X,3\nR9,08:30:00,08:30:00,D,1\n" })
    expect(stopError.problems).toEqual([
      { file: "gtfs/stop_times.txt", row: 10, field: "stop_id", message: 'unknown stop_id "X" (not in stops.txt)' },
      { file: "gtfs/stop_times.txt", row: 11, field: "trip_id", message: 'unknown trip_id "R9" (not in trips.txt)' },
    ])
    const routeError = await problemsOf({ ...files, "trips.txt": files["trips.txt"]!.replace("R2,WK,R2-0750", "R3,WK,R2-0750") })
    expect(routeError.problems).toEqual([{ file: "gtfs/trips.txt", row: 4, field: "route_id", message: 'unknown route_id "R3" (not in routes.txt)' }])
    const transferError = await problemsOf({ ...files, "transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nC,Z,2,60\n" })
    expect(transferError.problems).toEqual([{ file: "gtfs/transfers.txt", row: 2, field: "to_stop_id", message: 'unknown to_stop_id "Z" (not in stops.txt)' }])
  })

  it("refuses malformed times (7:5:00, 24:70:00) and a missing column", async () => {
    const files = toyFeedFiles()
    const timeError = await problemsOf({ ...files, "stop_times.txt": files["stop_times.txt"]!.replace("07:20:00,07:20:00,B", "7:5:00,24:70:00,B") })
    expect(timeError.problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [3, "arrival_time", 'arrival_time "7:5:00" is not a time H:MM:SS (hours may exceed 24, e.g. 25:10:00)'],
      [3, "departure_time", 'departure_time "24:70:00" is not a time H:MM:SS (hours may exceed 24, e.g. 25:10:00)'],
    ])
    const columnError = await problemsOf({ ...files, "stop_times.txt": "trip_id,arrival_time,stop_id,stop_sequence\nR1-0700,07:00:00,A,1\n" })
    expect(columnError.problems).toEqual([
      {
        file: "gtfs/stop_times.txt",
        row: 1,
        field: "departure_time",
        message: 'required column "departure_time" is missing; the header has: trip_id, arrival_time, stop_id, stop_sequence',
      },
    ])
  })

  it("refuses a file that is not a zip archive", async () => {
    await expect(readGtfs(textFile("stop_id\nA\n", "feed.zip").path, readOptions())).rejects.toMatchObject({
      reason: "invalid-input",
      problems: [{ file: "gtfs", message: expect.stringMatching(/^not a readable zip archive/) }],
    })
  })

  it("stores nothing when the feed is malformed: the calculator fails before any value exists", async () => {
    const files = toyFeedFiles()
    const broken = zipFeed({ ...files, "stop_times.txt": files["stop_times.txt"]!.replace("07:45:00,07:45:00,C", "07:10:00,07:10:00,C") })
    const population = textFile(stationPopulationCsv(), "population.csv")
    const result = await computeStoreAndReport(() =>
      runRail(commuteCalculator, { gtfs: broken, population }, { coreStations: "A", date: MONDAY, direction: "from-core" }),
    )
    expect(result.outcome._tag).toBe("Left")
    expect(result.revisions).toBe(0)
    expect(result.row("rail.one-hour-commute-population-share").status).toBe("missing")
  })
})

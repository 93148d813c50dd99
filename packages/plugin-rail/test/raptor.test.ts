import { describe, expect, it } from "vitest"
import { readGtfs } from "../src/gtfs/readGtfs.js"
import { parseGtfsTime } from "../src/gtfs/time.js"
import { compileTimetable } from "../src/raptor/compileTimetable.js"
import { RaptorSearch } from "../src/raptor/RaptorSearch.js"
import { INF, reverseTimetable } from "../src/raptor/Timetable.js"
import { buildToCoreProfile, earliestArrivalAtCore } from "../src/access/ToCoreProfile.js"
import { toyFeedFiles, zipFeed } from "./helpers/toyFeed.js"
import { connectionScan, connectionsOf } from "./helpers/connectionScan.js"
import { syntheticTimetable } from "./helpers/syntheticFeed.js"
import { readOptions } from "./helpers/readOptions.js"

const at = (hhmm: string) => parseGtfsTime(`${hhmm}:00`)!
const minutesFrom = (start: number, best: Int32Array) => Array.from(best, (a) => (a === INF ? null : (a - start) / 60))

const toy = async (overrides: Record<string, string> = {}, minTransferS = 0) => {
  const feed = await readGtfs(zipFeed(toyFeedFiles(overrides)).path, readOptions())
  return { feed, day: compileTimetable(feed, { date: 20240311, minTransferS, walkSpeedMps: 1.2 }) }
}

describe("RAPTOR on the toy feed (R1 A->B->C at 07:00 and 07:30, R2 C->D at 07:50)", () => {
  it("from A at 07:00 reaches B in 20 min, C in 45 and D in 70 (changing at C)", async () => {
    const { feed, day } = await toy()
    const search = new RaptorSearch(day.timetable)
    search.run([{ stop: feed.stops.index.get("A")!, timeS: at("07:00") }])
    expect(minutesFrom(at("07:00"), search.best)).toEqual([0, 20, 45, 70])
  })

  it("with a 10-minute minimum transfer time the 07:50 at C is missed and D is unreachable", async () => {
    const { day } = await toy({}, 600)
    const search = new RaptorSearch(day.timetable)
    search.run([{ stop: 0, timeS: at("07:00") }])
    expect(minutesFrom(at("07:00"), search.best)).toEqual([0, 20, 45, null])
  })

  it("takes a minimum transfer time from transfers.txt at C (type 2, 600 s) as well", async () => {
    const { day } = await toy({ "transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nC,C,2,600\n" })
    const search = new RaptorSearch(day.timetable)
    search.run([{ stop: 0, timeS: at("07:00") }])
    expect(minutesFrom(at("07:00"), search.best)).toEqual([0, 20, 45, null])
  })

  it("counts rounds as trips: with one trip only, D (which needs two) is unreachable", async () => {
    const { day } = await toy()
    const search = new RaptorSearch(day.timetable, { maxTrips: 1 })
    search.run([{ stop: 0, timeS: at("07:00") }])
    expect(minutesFrom(at("07:00"), search.best)).toEqual([0, 20, 45, null])
  })

  it("from A at 07:01 waits for the 07:30: B in 49 min, C in 74, D not that morning", async () => {
    const { day } = await toy()
    const search = new RaptorSearch(day.timetable)
    search.run([{ stop: 0, timeS: at("07:01") }])
    expect(minutesFrom(at("07:01"), search.best)).toEqual([0, 49, 74, null])
  })

  it("walks a transfers.txt footpath: from D at 07:00, A on foot at 07:05, then the 07:30 to B (50 min) and C (75)", async () => {
    const { day } = await toy({ "transfers.txt": "from_stop_id,to_stop_id,transfer_type,min_transfer_time\nD,A,2,300\n" })
    const search = new RaptorSearch(day.timetable)
    search.run([{ stop: 3, timeS: at("07:00") }])
    expect(minutesFrom(at("07:00"), search.best)).toEqual([5, 50, 75, 0])
  })

  it("runs a trip timed past 24:00 (25:10:00) on the next morning, from the previous service day", async () => {
    const files = toyFeedFiles()
    const feed = await readGtfs(
      zipFeed({
        ...files,
        "trips.txt": files["trips.txt"] + "R2,WK,R2-night\n",
        "stop_times.txt": files["stop_times.txt"] + "R2-night,24:50:00,24:50:00,C,1\nR2-night,25:10:00,25:10:00,D,2\n",
      }).path,
      readOptions(),
    )
    const tuesday = compileTimetable(feed, { date: 20240312, minTransferS: 0, walkSpeedMps: 1.2 })
    expect([tuesday.tripsToday, tuesday.tripsFromPreviousDay]).toEqual([4, 1])
    const search = new RaptorSearch(tuesday.timetable)
    search.run([{ stop: 2, timeS: at("00:40") }])
    expect(minutesFrom(at("00:40"), search.best)[3]).toBe(30)
    const monday = compileTimetable(feed, { date: 20240311, minTransferS: 0, walkSpeedMps: 1.2 })
    expect(monday.tripsFromPreviousDay).toBe(0)
    const saturday = compileTimetable(feed, { date: 20240316, minTransferS: 0, walkSpeedMps: 1.2 })
    expect([saturday.tripsToday, saturday.tripsFromPreviousDay]).toEqual([0, 1])
  })

  it("reverses time: from D backwards, the latest departures reaching D by 08:10 are A 07:00, B 07:20, C 07:50", async () => {
    const { day } = await toy()
    const search = new RaptorSearch(reverseTimetable(day.timetable))
    search.run([{ stop: 3, timeS: -at("08:10") }])
    expect(Array.from(search.best, (x) => (x === INF ? null : -x / 60))).toEqual([420, 440, 470, 490])
  })
})

describe("range RAPTOR and the to-core profile agree with plain one-departure searches", () => {
  const tt = syntheticTimetable({ seed: 7, stops: 120, routes: 30, stopsPerRoute: 12, headwayMin: 9, firstS: 6 * 3600, lastS: 10 * 3600 })
  const servedBy = (s: number) => tt.stopPatternStart[s + 1]! - tt.stopPatternStart[s]!
  const hubs = Array.from({ length: tt.stopCount }, (_, s) => s).sort((a, b) => servedBy(b) - servedBy(a) || a - b)

  it("keeps labels between departures without changing any answer (120 stops, 16 departures)", () => {
    const departures = Array.from({ length: 16 }, (_, i) => 7 * 3600 + i * 240)
    const range = new RaptorSearch(tt)
    const fresh = new RaptorSearch(tt)
    let compared = 0
    for (const t of [...departures].reverse()) {
      range.run([{ stop: hubs[0]!, timeS: t }])
      fresh.reset()
      fresh.run([{ stop: hubs[0]!, timeS: t }])
      expect(Array.from(range.best)).toEqual(Array.from(fresh.best))
      compared += fresh.best.filter((x) => x !== INF).length
    }
    expect(compared).toBeGreaterThan(16 * 100)
  })

  it("gives, for every stop and departure, the earliest arrival at the core that a forward search finds", () => {
    const core = hubs[1]!
    const profile = buildToCoreProfile(tt, new Set([core]), { fromS: 7 * 3600, toS: 11 * 3600, horizonS: 3 * 3600, maxTrips: 5 })
    const forward = new RaptorSearch(tt)
    let reached = 0
    let unreached = 0
    for (let s = 0; s < tt.stopCount; s += 3) {
      for (const t of [7 * 3600, 7 * 3600 + 437, 7.5 * 3600, 9.9 * 3600]) {
        forward.reset()
        forward.run([{ stop: s, timeS: t }], t + 3 * 3600)
        const expected = forward.best[core] === INF ? Infinity : forward.best[core]!
        expect(earliestArrivalAtCore(profile, s, t), `stop ${s} at ${t}`).toBe(expected)
        if (expected !== Infinity) reached++
        else unreached++
      }
    }
    expect([reached, unreached].every((n) => n > 10)).toBe(true)
  })

  it("finds the same earliest arrivals as an independent connection scan, for 40 origins at 07:00, 07:23 and 09:54", () => {
    const connections = connectionsOf(tt)
    const search = new RaptorSearch(tt, { maxTrips: 40 })
    let reached = 0
    for (let o = 0; o < 40; o++) {
      const origin = hubs[o]!
      for (const t of [7 * 3600, 7 * 3600 + 23 * 60, 9.9 * 3600]) {
        search.reset()
        search.run([{ stop: origin, timeS: t }])
        const reference = connectionScan(tt, connections, origin, t)
        expect(Array.from(search.best), `origin ${origin} at ${t}`).toEqual(Array.from(reference))
        reached += reference.filter((x) => x !== INF).length
      }
    }
    expect(reached).toBeGreaterThan(40 * 2 * 100)
  })
})

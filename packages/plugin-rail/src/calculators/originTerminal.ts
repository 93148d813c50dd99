/**
 * `rail.origin-terminal`: per station, the trains whose first or last stop is there divided by the trains calling
 * there, on one service day (GTFS semantics: the trips whose service runs that day). The region's value is that of
 * its main station(s), named by the `stations` parameter and counted together (a train calling at two of them
 * counts once).
 */
import { defineCalculator, fromPromise, param, Params } from "@tijian/core/plugin"
import { Schema } from "effect"
import { stationOf } from "../gtfs/GtfsFeed.js"
import { readGtfs } from "../gtfs/readGtfs.js"
import { parameterError } from "../problems.js"
import { routeSelected } from "../raptor/compileTimetable.js"
import { gtfsInput } from "./inputs.js"
import { checkRegion, commonParams, percent, routeTypesOf, serviceDay, stopsOf } from "./params.js"
import { readOptionsOf } from "../readOptions.js"

/** The origin/terminal share calculator. */
export const originTerminalCalculator = defineCalculator({
  id: "rail.origin-terminal",
  name: { zh: "始发终到列车占比", en: "Origin/terminal share of trains" },
  description: {
    zh: "由 GTFS 计算：在车站始发或终到的列车数 / 经停该站的列车数（按服务日）",
    en: "From GTFS: trains starting or ending at a station / trains calling there, per service day",
  },
  inputs: [gtfsInput],
  params: Schema.Struct({
    stations: param(Params.TextList, { zh: "本区域主要车站的 stop_id（车站 id 代表其所有站台）", en: "stop_id(s) of the region's main station(s) (a station id stands for its platforms)" }),
    date: commonParams.date,
    routeTypes: commonParams.routeTypes,
  }),
  produces: ["rail.origin-terminal-share"],
  run: (ctx) =>
    fromPromise(async () => {
    checkRegion(ctx)
    const routeTypes = routeTypesOf(ctx.params.routeTypes)
    const feed = await readGtfs(ctx.inputs.gtfs!.path, { ...readOptionsOf(ctx), filename: ctx.inputs.gtfs!.filename })
    const date = serviceDay(ctx.params.date, ctx.year, feed)
    const selected = new Set(stopsOf(feed, ctx.params.stations, "stations").stops.map((s) => stationOf(feed.stops, s)))
    const active = feed.services.activeOn(date)
    const calls = new Map<number, number>()
    const ends = new Map<number, number>()
    let groupCalls = 0
    let groupEnds = 0
    let trips = 0
    const { trips: t, stopTimes } = feed
    for (let trip = 0; trip < t.ids.length; trip++) {
      const from = t.stopTimeStart[trip]!
      const to = t.stopTimeStart[trip + 1]!
      if (to === from || active[t.service[trip]!] !== 1 || !routeSelected(feed, t.route[trip]!, routeTypes)) continue
      trips++
      const first = stationOf(feed.stops, stopTimes.stop[from]!)
      const last = stationOf(feed.stops, stopTimes.stop[to - 1]!)
      const visited = new Set<number>()
      for (let i = from; i < to; i++) visited.add(stationOf(feed.stops, stopTimes.stop[i]!))
      for (const s of visited) {
        calls.set(s, (calls.get(s) ?? 0) + 1)
        if (s === first || s === last) ends.set(s, (ends.get(s) ?? 0) + 1)
      }
      if ([...visited].some((s) => selected.has(s))) {
        groupCalls++
        if (selected.has(first) || selected.has(last)) groupEnds++
      }
    }
    if (trips === 0) throw parameterError("date", `no trips of the selected routes run on ${ctx.params.date}`)
    const names = [...selected].map((s) => feed.stops.ids[s]).join(", ")
    if (groupCalls === 0) throw parameterError("stations", `no train calls at ${names} on ${ctx.params.date}`)
    const share = groupEnds / groupCalls
    return {
      values: [
        {
          indicator: "rail.origin-terminal-share" as const,
          region: ctx.region,
          year: ctx.year,
          value: share,
          note: `${groupEnds} of ${groupCalls} trains calling at ${names} start or end there (${percent(share)}); ${feed.filename}, service day ${ctx.params.date}`,
        },
      ],
      tables: [
        {
          id: "rail-origin-terminal-stations",
          title: { zh: `各站始发终到列车占比（${ctx.params.date}）`, en: `Origin/terminal share by station (${ctx.params.date})` },
          columns: [
            { id: "station", name: { zh: "车站编号", en: "Station id" } },
            { id: "name", name: { zh: "车站", en: "Station" } },
            { id: "trainsCalling", name: { zh: "经停列车", en: "Trains calling" } },
            { id: "trainsStartingOrEnding", name: { zh: "始发或终到列车", en: "Trains starting or ending" } },
            { id: "share", name: { zh: "占比", en: "Share" } },
          ],
          rows: [...calls]
            .sort((a, b) => b[1] - a[1] || feed.stops.ids[a[0]]!.localeCompare(feed.stops.ids[b[0]]!))
            .map(([s, n]) => ({
              station: feed.stops.ids[s]!,
              name: feed.stops.names[s]!,
              trainsCalling: n,
              trainsStartingOrEnding: ends.get(s) ?? 0,
              share: (ends.get(s) ?? 0) / n,
            })),
        },
      ],
    }
    }),
})

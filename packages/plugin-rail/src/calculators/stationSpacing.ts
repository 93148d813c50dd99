/**
 * `rail.station-spacing`: the mean distance between consecutive stations of each line (GTFS route), along the
 * stop sequence most of its trips run (ties: the longer), as WGS84 geodesic distances between stations (platforms
 * are taken at their parent station). The region's value is the mean over every segment of the selected lines
 * (total length / number of segments): for one line, that line's mean spacing.
 */
import { defineCalculator, fromPromise, param, Params } from "@tijian/core/plugin"
import { Schema } from "effect"
import { geodesicM } from "../geo/geodesic.js"
import { type GtfsFeed, stationOf } from "../gtfs/GtfsFeed.js"
import { readGtfs } from "../gtfs/readGtfs.js"
import { parameterError } from "../problems.js"
import { routeSelected } from "../raptor/compileTimetable.js"
import { gtfsInput } from "./inputs.js"
import { checkRegion, commonParams, routeTypesOf, serviceDay } from "./params.js"
import { readOptionsOf } from "../readOptions.js"

/** The most frequent station sequence of each route (ties: more stations, then first seen), over the trips running on the day `active` marks (all trips without it). */
const typicalSequences = (feed: GtfsFeed, active?: Uint8Array) => {
  const counts = new Map<number, Map<string, { stations: Array<number>; trips: number }>>()
  for (let t = 0; t < feed.trips.ids.length; t++) {
    if (active !== undefined && active[feed.trips.service[t]!] !== 1) continue
    const stations: Array<number> = []
    for (let i = feed.trips.stopTimeStart[t]!; i < feed.trips.stopTimeStart[t + 1]!; i++) {
      const s = stationOf(feed.stops, feed.stopTimes.stop[i]!)
      if (stations[stations.length - 1] !== s) stations.push(s)
    }
    if (stations.length < 2) continue
    const byKey = counts.get(feed.trips.route[t]!) ?? new Map()
    const key = stations.join(",")
    const entry = byKey.get(key) ?? { stations, trips: 0 }
    entry.trips++
    byKey.set(key, entry)
    counts.set(feed.trips.route[t]!, byKey)
  }
  const out = new Map<number, { stations: Array<number>; trips: number }>()
  for (const [route, byKey] of counts) {
    let best: { stations: Array<number>; trips: number } | undefined
    for (const e of byKey.values()) if (!best || e.trips > best.trips || (e.trips === best.trips && e.stations.length > best.stations.length)) best = e
    out.set(route, best!)
  }
  return out
}

/** The station spacing calculator. */
export const stationSpacingCalculator = defineCalculator({
  id: "rail.station-spacing",
  name: { zh: "平均站间距", en: "Mean station spacing" },
  description: { zh: "由 GTFS 计算各线路相邻车站的平均距离", en: "From GTFS: the mean distance between consecutive stations of each line" },
  inputs: [gtfsInput],
  params: Schema.Struct({
    lines: param(Params.TextList, { zh: "计入的线路（route_id 或 route_short_name）；空为全部", en: "Lines to include (route_id or route_short_name); empty: all", default: [] }),
    date: commonParams.optionalDate,
    routeTypes: commonParams.routeTypes,
  }),
  produces: ["rail.mean-station-spacing-km"],
  run: (ctx) =>
    fromPromise(async () => {
    checkRegion(ctx)
    const routeTypes = routeTypesOf(ctx.params.routeTypes)
    const feed = await readGtfs(ctx.inputs.gtfs!.path, { ...readOptionsOf(ctx), filename: ctx.inputs.gtfs!.filename })
    const wanted = ctx.params.lines
      const date = ctx.params.date === undefined ? undefined : serviceDay(ctx.params.date, ctx.year, feed)
      const active = date === undefined ? undefined : feed.services.activeOn(date)
    const routes = feed.routes
    const known = (id: string) => routes.ids.findIndex((r, i) => r === id || routes.shortNames[i] === id)
    const unknown = wanted.filter((w) => known(w) < 0)
    if (unknown.length > 0) throw parameterError("lines", `unknown line ${unknown.map((u) => `"${u}"`).join(", ")}; the feed has ${routes.ids.join(", ")}`)
    const selected = wanted.length > 0 ? wanted.map(known) : routes.ids.map((_, i) => i).filter((r) => routeSelected(feed, r, routeTypes))
    const sequences = typicalSequences(feed, active)
    const { lon, lat } = feed.stops
    const rows = selected.flatMap((r) => {
      const seq = sequences.get(r)
      if (!seq) return []
      const segmentsKm = seq.stations.slice(1).map((s, i) => geodesicM(lon[seq.stations[i]!]!, lat[seq.stations[i]!]!, lon[s]!, lat[s]!) / 1000)
      const lengthKm = segmentsKm.reduce((a, b) => a + b, 0)
      return [{ route: r, stations: seq.stations.length, segments: segmentsKm.length, lengthKm, minKm: Math.min(...segmentsKm), meanKm: lengthKm / segmentsKm.length }]
    })
    if (rows.length === 0) throw parameterError("lines", "no selected line has trips with two or more stations")
    const totalKm = rows.reduce((s, r) => s + r.lengthKm, 0)
    const segments = rows.reduce((s, r) => s + r.segments, 0)
    const value = totalKm / segments
    const round3 = (x: number) => Math.round(x * 1000) / 1000
    return {
      values: [
        {
          indicator: "rail.mean-station-spacing-km" as const,
          region: ctx.region,
          year: ctx.year,
          value,
          note: `${round3(totalKm)} km over ${segments} segments of ${rows.map((r) => routes.ids[r.route]).join(", ")} (geodesic on WGS84 between consecutive stations of each line's most frequent stop sequence); ${feed.filename}`,
        },
      ],
      tables: [
        {
          id: "rail-station-spacing",
          title: { zh: "各线路站间距（千米）", en: "Station spacing by line (km)" },
          columns: [
            { id: "line", name: { zh: "线路", en: "Line" } },
            { id: "name", name: { zh: "名称", en: "Name" } },
            { id: "stations", name: { zh: "车站数", en: "Stations" } },
            { id: "lengthKm", name: { zh: "长度（千米）", en: "Length (km)" } },
            { id: "meanSpacingKm", name: { zh: "平均站间距（千米）", en: "Mean spacing (km)" } },
            { id: "minSpacingKm", name: { zh: "最小站间距（千米）", en: "Shortest spacing (km)" } },
            { id: "againstGuidance", name: { zh: "与 3 千米比较", en: "Against 3 km" } },
          ],
          rows: rows.map((r) => ({
            line: routes.ids[r.route]!,
            name: routes.shortNames[r.route] || routes.longNames[r.route] || "",
            stations: r.stations,
            lengthKm: round3(r.lengthKm),
            meanSpacingKm: round3(r.meanKm),
            minSpacingKm: round3(r.minKm),
            againstGuidance: r.meanKm >= 3 ? "≥ 3 km" : "< 3 km",
          })),
        },
      ],
    }
    }),
})

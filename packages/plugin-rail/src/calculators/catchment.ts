/**
 * `rail.station-catchment`: the share of population (and jobs) within a station's walking catchment. A point is covered
 * when a served station lies within `radiusM` metres (WGS84 geodesic) (inclusive) of it; each point counts once.
 */
import { defineCalculator, fromPromise, param, Params, type ReportTable } from "@tijian/core/plugin"
import { Schema } from "effect"
import { PointIndex } from "../geo/PointIndex.js"
import { stationOf } from "../gtfs/GtfsFeed.js"
import { readGtfs } from "../gtfs/readGtfs.js"
import { readWeightedPoints } from "../inputs/readWeightedPoints.js"
import type { WeightedPoints } from "../inputs/WeightedPoints.js"
import { parameterError } from "../problems.js"
import { servedStops } from "../raptor/compileTimetable.js"
import { checkRegion, commonParams, percent, routeTypesOf, ymdOf } from "./params.js"
import { gtfsInput, jobsInput, populationInput } from "./inputs.js"
import { readOptionsOf } from "../readOptions.js"

/** Per station: the population / jobs of points within the radius of any of its platforms. */
const coverage = (points: WeightedPoints, platforms: ReadonlyMap<number, ReadonlyArray<number>>, lon: Float64Array, lat: Float64Array, radiusM: number) => {
  const index = new PointIndex(points.lon, points.lat)
  const covered = new Uint8Array(points.lon.length)
  const byStation = new Map<number, number>()
  for (const [station, stops] of platforms) {
    const mine = new Set<number>()
    for (const s of stops) for (const { id } of index.within(lon[s]!, lat[s]!, radiusM)) mine.add(id)
    let sum = 0
    for (const id of mine) {
      sum += points.value[id]!
      covered[id] = 1
    }
    byStation.set(station, sum)
  }
  let total = 0
  for (let i = 0; i < covered.length; i++) if (covered[i] === 1) total += points.value[i]!
  return { covered: total, share: points.total > 0 ? total / points.total : 0, byStation }
}

/** The catchment calculator. */
export const catchmentCalculator = defineCalculator({
  id: "rail.station-catchment",
  name: { zh: "站点覆盖人口与岗位", en: "Station catchment population and jobs" },
  description: {
    zh: "由 GTFS 站点与人口（及就业）点或栅格，计算站点步行范围内人口（及岗位）占比",
    en: "From GTFS stations and population (and jobs) points or grid: the share within walking distance of a station",
  },
  inputs: [gtfsInput, populationInput, jobsInput],
  params: Schema.Struct({
    radiusM: param(Params.Metres.pipe(Params.within(1, 50_000)), { zh: "站点覆盖半径（米，WGS84 测地线距离）", en: "Catchment radius (m, WGS84 geodesic)", default: 800 }),
    date: commonParams.optionalDate,
    routeTypes: commonParams.routeTypes,
  }),
  produces: ["rail.station-catchment-population-share", "rail.station-catchment-jobs-share"],
  run: (ctx) =>
    fromPromise(async () => {
    checkRegion(ctx)
    const { radiusM } = ctx.params
    const date = ctx.params.date === undefined ? undefined : ymdOf(ctx.params.date)
    if (date !== undefined && Math.floor(date / 10000) !== ctx.year) throw parameterError("date", `${ctx.params.date} is not in ${ctx.year}, the year the values are for`)
    const routeTypes = routeTypesOf(ctx.params.routeTypes)
    const feed = await readGtfs(ctx.inputs.gtfs!.path, { ...readOptionsOf(ctx), filename: ctx.inputs.gtfs!.filename })
    const population = await readWeightedPoints(ctx.inputs.population!, "population", "population", readOptionsOf(ctx))
    const jobs = ctx.inputs.jobs ? await readWeightedPoints(ctx.inputs.jobs, "jobs", "jobs", readOptionsOf(ctx)) : undefined
    const served = servedStops(feed, { ...(date !== undefined ? { date } : {}), routeTypes })
    if (served.length === 0) throw parameterError(date !== undefined ? "date" : "routeTypes", "no station is served with these parameters")
    const platforms = new Map<number, Array<number>>()
    for (const s of served) {
      const station = stationOf(feed.stops, s)
      const list = platforms.get(station) ?? []
      list.push(s)
      platforms.set(station, list)
    }
    const pop = coverage(population, platforms, feed.stops.lon, feed.stops.lat, radiusM)
    const job = jobs ? coverage(jobs, platforms, feed.stops.lon, feed.stops.lat, radiusM) : undefined
    const where = `${platforms.size} stations of ${feed.filename}${date !== undefined ? ` served on ${ctx.params.date}` : ""}, radius ${radiusM} m (WGS84 geodesic)`
    const table: ReportTable = {
      id: "rail-station-catchments",
      title: { zh: `站点 ${radiusM} 米范围内人口与岗位`, en: `Population and jobs within ${radiusM} m of each station` },
      columns: [
        { id: "station", name: { zh: "车站编号", en: "Station id" } },
        { id: "name", name: { zh: "车站", en: "Station" } },
        { id: "population", name: { zh: "覆盖人口", en: "Population within radius" } },
        ...(job ? [{ id: "jobs", name: { zh: "覆盖岗位", en: "Jobs within radius" } }] : []),
      ],
      rows: [...platforms.keys()].map((station) => ({
        station: feed.stops.ids[station]!,
        name: feed.stops.names[station]!,
        population: pop.byStation.get(station) ?? 0,
        ...(job ? { jobs: job.byStation.get(station) ?? 0 } : {}),
      })),
    }
    return {
      values: [
        {
          indicator: "rail.station-catchment-population-share" as const,
          region: ctx.region,
          year: ctx.year,
          value: pop.share,
          note: `${pop.covered} of ${population.total} people (${percent(pop.share)}) within ${where}`,
        },
        ...(job && jobs
          ? [
              {
                indicator: "rail.station-catchment-jobs-share" as const,
                region: ctx.region,
                year: ctx.year,
                value: job.share,
                note: `${job.covered} of ${jobs.total} jobs (${percent(job.share)}) within ${where}`,
              },
            ]
          : []),
      ],
      tables: [table],
    }
    }),
})

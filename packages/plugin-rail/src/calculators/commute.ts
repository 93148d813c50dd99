/**
 * `rail.commute`: the one-hour commuting circle from a GTFS timetable and population (and jobs): RAPTOR over the
 * service day's timetable, door to door, median over a departure window.
 */
import {
  type CalculatorContext,
  type CalculatorOutput,
  defineCalculator,
  formatClock,
  fromPromise,
  param,
  ParamJsonSchema,
  Params,
  type ReportTable,
} from "@tijian/core/plugin"
import { ParseResult, Schema } from "effect"
import { commuteAccess } from "../access/commuteAccess.js"
import { pointCities } from "../cityDimension.js"
import { departureTimes } from "../access/departures.js"
import { readGtfs } from "../gtfs/readGtfs.js"
import { readWeightedPoints } from "../inputs/readWeightedPoints.js"
import { parameterError } from "../problems.js"
import { compileTimetable, servedStops } from "../raptor/compileTimetable.js"
import { gtfsInput, jobsInput, populationInput } from "./inputs.js"
import { checkRegion, commonParams, percent, routeTypesOf, serviceDay, stopsOf } from "./params.js"
import { readOptionsOf } from "../readOptions.js"

/** Transfers: a whole number from 0 to 10, or `unlimited` (rounds go on until no arrival improves). */
const Transfers = Schema.Union(
  Params.Integer.pipe(Params.within(0, 10)),
  Schema.transformOrFail(Schema.Literal("unlimited"), Schema.Number, {
    strict: true,
    decode: () => ParseResult.succeed(Number.POSITIVE_INFINITY),
    encode: (n, _, ast) => (n === Number.POSITIVE_INFINITY ? ParseResult.succeed("unlimited" as const) : ParseResult.fail(new ParseResult.Type(ast, n))),
  }),
).annotations({
  title: "0-10|unlimited",
  message: () => ({ message: 'must be a whole number from 0 to 10, or "unlimited"', override: true }),
  [ParamJsonSchema]: { anyOf: [{ type: "integer", minimum: 0, maximum: 10 }, { type: "string", enum: ["unlimited"] }] },
})

/** The indicators the commuting circle produces. */
type CommuteIndicator = "rail.one-hour-commute-population-share" | "rail.jobs-accessible-45min-share" | "rail.jobs-accessible-60min-share"

/** The commuting-circle parameters. */
const commuteParams = Schema.Struct({
  coreStations: param(Params.TextList, { zh: "核心城市中心站的 stop_id（车站 id 代表其所有站台）", en: "stop_id(s) of the core city's centre station(s) (a station id stands for its platforms)" }),
  date: commonParams.date,
  direction: param(Params.OneOf("from-core", "to-core"), {
    zh: "from-core（默认）：从核心中心站出发，可在多少分钟内到达各地（通勤圈）；to-core：从各地到核心",
    en: "from-core (default): how far one gets from the core's centre station within the threshold (the commuting circle); to-core: from homes to the core",
    default: "from-core",
  }),
  departure: param(Params.ClockTime, { zh: "出发时间（时间窗的开始，HH:MM[:SS]）", en: "Departure time: the start of the departure window (HH:MM[:SS])", default: "07:00" }),
  windowMin: param(Params.Minutes.pipe(Params.within(0, 720)), {
    zh: "出发时间窗长度（分钟）；取窗内各次出发的时间中位数；0 为仅此一次出发",
    en: "Length of the departure window (min); times are the median over its departures; 0: the one departure time",
    default: 120,
  }),
  stepMin: param(Params.Minutes.pipe(Params.within(1, 240)), { zh: "时间窗内出发间隔（分钟）", en: "Minutes between departures in the window", default: 1 }),
  thresholdMin: param(Params.Minutes.pipe(Params.within(1, 240)), {
    zh: "通勤圈阈值（分钟，门到门）；“1 小时”指标始终按 60 分钟计",
    en: "The circle's threshold (min, door to door); the one-hour indicator is always at 60",
    default: 60,
  }),
  accessRadiusM: param(Params.Metres.pipe(Params.within(1, 10_000)), { zh: "步行接驳最大距离（米）", en: "Longest walk to or from a station (m)", default: 800 }),
  walkKmh: param(Params.KmPerHour.pipe(Params.within(0.5, 10)), { zh: "步行速度（千米/小时；4.32 即 1.2 米/秒）", en: "Walking speed (km/h; 4.32 is 1.2 m/s)", default: 4.32 }),
  minTransferMin: param(Params.Minutes.pipe(Params.within(0, 120)), {
    zh: "同站换乘最短时间（分钟；transfers.txt 可要求更长）",
    en: "Least time to change trains at a stop (min; transfers.txt may ask more)",
    default: 2,
  }),
  maxTransfers: param(Transfers, { zh: "最多换乘次数（0-10，或 unlimited 不限）", en: "Most transfers in a journey (0-10, or unlimited)", default: 4 }),
  maxTravelMin: param(Params.Minutes.pipe(Params.within(60, 1440)), { zh: "超过此时间（分钟）视为不可达", en: "Journeys longer than this (min) count as unreachable", default: 120 }),
  perPoint: param(Params.Flag, { zh: "输出每个人口点的门到门时间表", en: "Return a table of every population point's door-to-door minutes", default: false }),
  routeTypes: commonParams.routeTypes,
})

/** The commuting-circle calculator. */
export const commuteCalculator = defineCalculator({
  id: "rail.commute",
  name: { zh: "1 小时通勤圈", en: "One-hour commuting circle" },
  description: {
    zh: "由 GTFS 时刻表（RAPTOR 算法）与人口、岗位数据，计算从核心城市中心站出发（默认）门到门 60 分钟内可达的人口比例，及 45/60 分钟可达岗位比例",
    en: "From a GTFS timetable (RAPTOR) and population and jobs: the population share within 60 minutes door to door of the core city's centre station (from the core, by default), and the jobs reachable within 45 and 60 minutes",
  },
  inputs: [gtfsInput, populationInput, jobsInput],
  params: commuteParams,
  produces: ["rail.one-hour-commute-population-share", "rail.jobs-accessible-45min-share", "rail.jobs-accessible-60min-share"],
  run: (ctx) => fromPromise(() => runCommute(ctx)),
})

const runCommute = async (ctx: CalculatorContext<Schema.Schema.Type<typeof commuteParams>>): Promise<CalculatorOutput<CommuteIndicator>> => {
    checkRegion(ctx)
    const { direction: dir, departure, windowMin, stepMin, thresholdMin, accessRadiusM, walkKmh, minTransferMin, maxTransfers, maxTravelMin, perPoint } = ctx.params
    if (maxTravelMin < thresholdMin) throw parameterError("maxTravelMin", `${maxTravelMin} min is shorter than the threshold ${thresholdMin} min; journeys up to the threshold must count`)
    const walkSpeedMps = walkKmh / 3.6
    const windowStart = departure
    const windowEnd = departure + Math.round(windowMin * 60)
    const routeTypes = routeTypesOf(ctx.params.routeTypes)
    const feed = await readGtfs(ctx.inputs.gtfs!.path, { ...readOptionsOf(ctx), filename: ctx.inputs.gtfs!.filename })
    const date = serviceDay(ctx.params.date, ctx.year, feed)
    const core = stopsOf(feed, ctx.params.coreStations, "coreStations")
    const population = await readWeightedPoints(ctx.inputs.population!, "population", "population", readOptionsOf(ctx))
    const cities = population.regions ? pointCities(population.regions, ctx.regions, "population") : undefined
    const jobs = ctx.inputs.jobs ? await readWeightedPoints(ctx.inputs.jobs, "jobs", "jobs", readOptionsOf(ctx)) : undefined
    const day = compileTimetable(feed, { date, routeTypes, minTransferS: Math.round(minTransferMin * 60), walkSpeedMps })
    if (day.tripsToday === 0) throw parameterError("date", `no trips of the selected routes run on ${ctx.params.date}`)
    const stations = servedStops(feed, { date, routeTypes })
    const departuresS = departureTimes(windowStart, windowEnd, Math.round(stepMin * 60))
    const result = commuteAccess({
      timetable: day.timetable,
      stopLon: feed.stops.lon,
      stopLat: feed.stops.lat,
      stations: [...new Set([...stations, ...core.stops])],
      core: core.stops,
      population,
      ...(jobs ? { jobs } : {}),
      direction: dir,
      departuresS,
      accessRadiusM,
      walkSpeedMps,
      maxTrips: maxTransfers + 1,
      horizonS: Math.round(maxTravelMin * 60),
      thresholdS: Math.round(thresholdMin * 60),
      perPoint,
      ...(cities ? { pointGroups: { of: cities.of, count: cities.cities.length } } : {}),
      signal: ctx.signal,
      progress: ctx.progress,
    })
    const how =
      `${dir === "to-core" ? "to" : "from"} core stations ${core.ids.join(", ")}; ${feed.filename}, service day ${ctx.params.date} ` +
      `(${day.tripsToday} trips${day.tripsFromPreviousDay > 0 ? ` + ${day.tripsFromPreviousDay} after midnight from the day before` : ""}); ` +
      (windowMin === 0 ? `departure ${formatClock(windowStart)}; ` : `departures ${formatClock(windowStart)}-${formatClock(windowEnd)} every ${stepMin} min, median; `) +
      `walk ${walkKmh} km/h up to ${accessRadiusM} m; min transfer ${minTransferMin} min; ${maxTransfers === Number.POSITIVE_INFINITY ? "unlimited transfers" : `at most ${maxTransfers} transfers`}`
    const value = (indicator: CommuteIndicator, v: number, note: string, city?: string) => ({
      indicator,
      region: ctx.region,
      year: ctx.year,
      value: v,
      note,
      ...(city ? { dimensions: { city } } : {}),
    })
    const values = [
      value("rail.one-hour-commute-population-share", result.oneHourShare, `${result.populationWithinHour} of ${result.populationTotal} people (${percent(result.oneHourShare)}) within 60 min door to door ${how}`),
      // by city: each city's own population within the hour (not additive: shares of different populations)
      ...(cities && result.groups
        ? cities.cities.map((city, g) => {
            const people = result.groups!.population[g]!
            const share = people > 0 ? result.groups!.withinHour[g]! / people : 0
            return value("rail.one-hour-commute-population-share", share, `${result.groups!.withinHour[g]} of ${people} people of ${ctx.regions.get(city)?.nameEn ?? city} (${percent(share)}) within 60 min door to door`, city)
          })
        : []),
    ]
    if (result.jobs45Share !== undefined && result.jobs60Share !== undefined) {
      const jobsNote = (m: number, s: number) => `population-weighted mean share of ${result.jobsTotal} jobs reachable within ${m} min: ${percent(s)}; nearest-station access; ${how.replace(/^\S+ core stations [^;]+; /, "")}`
      values.push(value("rail.jobs-accessible-45min-share", result.jobs45Share, jobsNote(45, result.jobs45Share)))
      values.push(value("rail.jobs-accessible-60min-share", result.jobs60Share, jobsNote(60, result.jobs60Share)))
    }
    const round1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null)
    const circle: ReportTable = {
      id: "rail-commute-circle",
      title: { zh: "通勤圈：门到门时间阈值内的人口", en: "Commuting circle: population within the door-to-door threshold" },
      columns: [
        { id: "thresholdMinutes", name: { zh: "阈值（分钟）", en: "Threshold (min)" } },
        { id: "population", name: { zh: "阈值内人口", en: "Population within" } },
        { id: "share", name: { zh: "占比", en: "Share" } },
      ],
      rows: [
        { thresholdMinutes: 60, population: result.populationWithinHour, share: percent(result.oneHourShare) },
        ...(thresholdMin === 60 ? [] : [{ thresholdMinutes: thresholdMin, population: result.populationWithinThreshold, share: percent(result.thresholdShare) }]),
      ],
    }
    const points: ReadonlyArray<ReportTable> =
      result.pointSeconds === undefined
        ? []
        : [
            {
              id: "rail-commute-points",
              title: { zh: "各人口点门到门时间中位数（分钟）", en: "Median door-to-door minutes of each population point" },
              columns: [
                { id: "point", name: { zh: "点（输入顺序）", en: "Point (input order)" } },
                { id: "lon", name: { zh: "经度", en: "Longitude" } },
                { id: "lat", name: { zh: "纬度", en: "Latitude" } },
                { id: "population", name: { zh: "人口", en: "Population" } },
                { id: "medianMinutes", name: { zh: "时间中位数（分钟）", en: "Median minutes" } },
                { id: "within", name: { zh: `${thresholdMin} 分钟内`, en: `Within ${thresholdMin} min` } },
              ],
              rows: Array.from(result.pointSeconds, (sec, i) => ({
                point: i + 1,
                lon: population.lon[i]!,
                lat: population.lat[i]!,
                population: population.value[i]!,
                medianMinutes: Number.isNaN(sec) ? null : round1(sec / 60),
                within: Number.isNaN(sec) ? "no station within walking distance" : sec <= thresholdMin * 60 ? "yes" : "no",
              })),
            },
          ]
    return {
      values,
      tables: [
        circle,
        ...points,
        {
          id: "rail-commute-stations",
          title: {
            zh: dir === "to-core" ? "各站到核心中心站的时间中位数（分钟）" : "核心中心站到各站的时间中位数（分钟）",
            en: dir === "to-core" ? "Median minutes from each station to the core" : "Median minutes from the core to each station",
          },
          columns: [
            { id: "station", name: { zh: "站点编号", en: "Stop id" } },
            { id: "name", name: { zh: "站点", en: "Stop" } },
            { id: "medianMinutes", name: { zh: "时间中位数（分钟，空为不可达）", en: "Median minutes (empty: unreachable)" } },
            { id: "population", name: { zh: "以此为最近站的人口", en: "Population for which it is the nearest station" } },
          ],
          rows: result.stations.map((s) => ({
            station: feed.stops.ids[s.stop]!,
            name: feed.stops.names[s.stop]!,
            medianMinutes: round1(s.medianMinutes),
            population: s.population,
          })),
        },
      ],
    }
}

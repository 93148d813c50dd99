/**
 * `rail.commute`: the one-hour commuting circle from a GTFS timetable and population (and jobs): RAPTOR over the
 * service day's timetable, door to door, median over a departure window.
 */
import type { Calculator, CalculatorContext } from "@tijian/core/plugin"
import { commuteAccess, type CommuteDirection } from "../access/commuteAccess.js"
import { departureTimes } from "../access/departures.js"
import { readGtfs } from "../gtfs/readGtfs.js"
import { formatGtfsTime } from "../gtfs/time.js"
import type { RailIndicatorId } from "../indicators.js"
import { readWeightedPoints } from "../inputs/readWeightedPoints.js"
import { parameterError } from "../problems.js"
import { compileTimetable, servedStops } from "../raptor/compileTimetable.js"
import { gtfsInput, jobsInput, populationInput } from "./inputs.js"
import { checkRegion, clockParam, commonParams, dateParam, integerParam, numberParam, param, percent, routeTypesParam, stopsParam } from "./params.js"
import { readOptionsOf } from "../readOptions.js"

const direction = (ctx: CalculatorContext): CommuteDirection => {
  const v = ctx.params.direction as string
  if (v !== "to-core" && v !== "from-core") throw parameterError("direction", `must be "to-core" or "from-core", got "${v}"`)
  return v
}

/** The commuting-circle calculator. */
export const commuteCalculator: Calculator<RailIndicatorId> = {
  id: "rail.commute",
  name: { zh: "1 小时通勤圈", en: "One-hour commuting circle" },
  description: {
    zh: "由 GTFS 时刻表（RAPTOR 算法）与人口、岗位数据，计算到核心城市中心站门到门 60 分钟内的人口比例，及 45/60 分钟可达岗位比例",
    en: "From a GTFS timetable (RAPTOR) and population and jobs: the population share within 60 minutes door to door of the core city's centre station, and the jobs reachable within 45 and 60 minutes",
  },
  inputs: [gtfsInput, populationInput, jobsInput],
  parameters: [
    param("coreStations", "string-list", "核心城市中心站的 stop_id（车站 id 代表其所有站台）", "stop_id(s) of the core city's centre station(s) (a station id stands for its platforms)"),
    commonParams.date,
    param("windowStart", "string", "出发时间窗开始 HH:MM", "Departure window start HH:MM", "07:00"),
    param("windowEnd", "string", "出发时间窗结束 HH:MM（含）", "Departure window end HH:MM (inclusive)", "09:00"),
    param("stepMin", "number", "时间窗内出发间隔（分钟）", "Minutes between departures in the window", 1),
    param("direction", "string", "to-core：从居住地到核心（默认）；from-core：从核心出发", "to-core: from homes to the core (default); from-core: from the core outwards", "to-core"),
    param("accessRadiusM", "number", "步行接驳最大距离（米）", "Longest walk to or from a station (m)", 800),
    param("walkSpeedMps", "number", "步行速度（米/秒）", "Walking speed (m/s)", 1.2),
    param("minTransferMin", "number", "同站换乘最短时间（分钟；transfers.txt 可要求更长）", "Least time to change trains at a stop (min; transfers.txt may ask more)", 2),
    param("maxTransfers", "number", "最多换乘次数", "Most transfers in a journey", 4),
    param("maxTravelMin", "number", "超过此时间（分钟）视为不可达", "Journeys longer than this (min) count as unreachable", 120),
    commonParams.routeTypes,
  ],
  produces: ["rail.one-hour-commute-population-share", "rail.jobs-accessible-45min-share", "rail.jobs-accessible-60min-share"],
  run: async (ctx) => {
    checkRegion(ctx)
    const dir = direction(ctx)
    const windowStart = clockParam(ctx, "windowStart")
    const windowEnd = clockParam(ctx, "windowEnd")
    if (windowEnd < windowStart) throw parameterError("windowEnd", `window end ${String(ctx.params.windowEnd)} is before its start ${String(ctx.params.windowStart)}`)
    const stepMin = numberParam(ctx, "stepMin", 0, 240)
    const accessRadiusM = numberParam(ctx, "accessRadiusM", 0, 10_000)
    const walkSpeedMps = numberParam(ctx, "walkSpeedMps", 0, 10)
    const minTransferMin = ctx.params.minTransferMin as number
    if (!(minTransferMin >= 0 && minTransferMin <= 120)) throw parameterError("minTransferMin", `must be from 0 to 120 minutes, got ${minTransferMin}`)
    const maxTransfers = integerParam(ctx, "maxTransfers", 0, 10)
    const maxTravelMin = ctx.params.maxTravelMin as number
    if (!(maxTravelMin >= 60 && maxTravelMin <= 24 * 60)) throw parameterError("maxTravelMin", `must be from 60 to 1440 minutes, got ${maxTravelMin}`)
    const routeTypes = routeTypesParam(ctx)
    const feed = await readGtfs(ctx.inputs.gtfs!.path, { ...readOptionsOf(ctx), filename: ctx.inputs.gtfs!.filename })
    const date = dateParam(ctx, feed)
    const core = stopsParam(ctx, feed, "coreStations")
    const population = await readWeightedPoints(ctx.inputs.population!, "population", "population", readOptionsOf(ctx))
    const jobs = ctx.inputs.jobs ? await readWeightedPoints(ctx.inputs.jobs, "jobs", "jobs", readOptionsOf(ctx)) : undefined
    const day = compileTimetable(feed, { date, routeTypes, minTransferS: Math.round(minTransferMin * 60), walkSpeedMps })
    if (day.tripsToday === 0) throw parameterError("date", `no trips of the selected routes run on ${date}`)
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
      signal: ctx.signal,
      progress: ctx.progress,
    })
    const how =
      `${dir === "to-core" ? "to" : "from"} core stations ${core.ids.join(", ")}; ${feed.filename}, service day ${date} ` +
      `(${day.tripsToday} trips${day.tripsFromPreviousDay > 0 ? ` + ${day.tripsFromPreviousDay} after midnight from the day before` : ""}); ` +
      `departures ${formatGtfsTime(windowStart).slice(0, 5)}-${formatGtfsTime(windowEnd).slice(0, 5)} every ${stepMin} min, median; ` +
      `walk ${walkSpeedMps} m/s up to ${accessRadiusM} m; min transfer ${minTransferMin} min; at most ${maxTransfers} transfers`
    const value = (indicator: RailIndicatorId, v: number, note: string) => ({ indicator, region: ctx.region, year: ctx.year, value: v, note })
    const values = [
      value("rail.one-hour-commute-population-share", result.oneHourShare, `${result.populationWithinHour} of ${result.populationTotal} people (${percent(result.oneHourShare)}) within 60 min door to door ${how}`),
    ]
    if (result.jobs45Share !== undefined && result.jobs60Share !== undefined) {
      const jobsNote = (m: number, s: number) => `population-weighted mean share of ${result.jobsTotal} jobs reachable within ${m} min: ${percent(s)}; nearest-station access; ${how.replace(/^\S+ core stations [^;]+; /, "")}`
      values.push(value("rail.jobs-accessible-45min-share", result.jobs45Share, jobsNote(45, result.jobs45Share)))
      values.push(value("rail.jobs-accessible-60min-share", result.jobs60Share, jobsNote(60, result.jobs60Share)))
    }
    const round1 = (x: number) => (Number.isFinite(x) ? Math.round(x * 10) / 10 : null)
    return {
      values,
      tables: [
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
  },
}

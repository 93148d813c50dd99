/**
 * The commuting circle: door-to-door travel times between population points and the core city's centre stations
 * (walk to a station within the access radius, wait, ride, transfer, ride, ...), median over a departure window,
 * the share of population within 60 minutes (the indicator) and within the run's own threshold, and optionally
 * each point's median door-to-door minutes; with jobs, the population-weighted share of the region's jobs
 * reachable within 45 and 60 minutes.
 */
import { abortedError } from "../problems.js"
import { INF, type Timetable } from "../raptor/Timetable.js"
import type { WeightedPoints } from "../inputs/WeightedPoints.js"
import { median } from "./departures.js"
import { arrivalsFromCore } from "./fromCore.js"
import { jobsReached } from "./jobsAccess.js"
import { linkPointsToStations } from "./StationLinks.js"
import { buildToCoreProfile, earliestArrivalAtCore } from "./ToCoreProfile.js"

/** Which way the commute runs: from the core outwards (the commuting circle, the calculator's default) or from homes to the core. */
export type CommuteDirection = "to-core" | "from-core"

/** What the commuting-circle computation needs. */
export interface CommuteQuery {
  readonly timetable: Timetable
  readonly stopLon: ArrayLike<number>
  readonly stopLat: ArrayLike<number>
  /** Stops population can walk to (served stops). */
  readonly stations: ReadonlyArray<number>
  /** The core city's centre stops. */
  readonly core: ReadonlyArray<number>
  readonly population: WeightedPoints
  readonly jobs?: WeightedPoints
  readonly direction: CommuteDirection
  readonly departuresS: ReadonlyArray<number>
  readonly accessRadiusM: number
  readonly walkSpeedMps: number
  readonly maxTrips: number
  /** Journeys longer than this count as unreachable (>= 3600 and >= thresholdS). */
  readonly horizonS: number
  /** The run's own circle: a point is within it when its median door-to-door time is at most this. Default 3600. */
  readonly thresholdS?: number
  /** Return each population point's median door-to-door seconds (`pointSeconds`). */
  readonly perPoint?: boolean
  /** Each population point's group (e.g. its city) as an index below `count`: population and within-hour totals per group (`groups`). */
  readonly pointGroups?: { readonly of: Int32Array; readonly count: number }
  readonly signal?: AbortSignal
  readonly progress?: (done: number, total: number, message: string) => void
}

/** The results: shares 0..1, and per station the median minutes to (or from) the core and the population linked. */
export interface CommuteResult {
  readonly populationTotal: number
  readonly populationWithinHour: number
  readonly oneHourShare: number
  /** The run's threshold (s), the population within it and its share. */
  readonly thresholdS: number
  readonly populationWithinThreshold: number
  readonly thresholdShare: number
  /** Per population point (input order): median door-to-door seconds; Infinity when unreachable within the horizon, NaN when no station is within walking distance. */
  readonly pointSeconds?: Float64Array
  /** Per group of `pointGroups`: its population (points out of walking reach included) and its population within 60 minutes. */
  readonly groups?: { readonly population: Float64Array; readonly withinHour: Float64Array }
  readonly jobsTotal?: number
  readonly jobs45Share?: number
  readonly jobs60Share?: number
  readonly stations: ReadonlyArray<{ readonly stop: number; readonly medianMinutes: number; readonly population: number }>
}

const HOUR_S = 3600

/** Runs the commuting-circle computation. */
export const commuteAccess = (q: CommuteQuery): CommuteResult => {
  const { timetable: tt, population, departuresS } = q
  const links = linkPointsToStations(population, q.stations, q.stopLon, q.stopLat, q.accessRadiusM, q.walkSpeedMps)
  const maxWalkS = q.accessRadiusM / q.walkSpeedMps
  const first = departuresS[0]!
  const last = departuresS[departuresS.length - 1]!
  q.progress?.(0, 3, "travel times to / from the core")
  let doorToCore: (stop: number, walkS: number, departureS: number, d: number) => number
  if (q.direction === "to-core") {
    const profile = buildToCoreProfile(tt, new Set(q.core), { fromS: first, toS: last + maxWalkS + q.horizonS, horizonS: q.horizonS, maxTrips: q.maxTrips })
    doorToCore = (stop, walkS, t) => earliestArrivalAtCore(profile, stop, t + walkS) - t
  } else {
    const arrivals = arrivalsFromCore(tt, q.core, departuresS, { horizonS: q.horizonS, maxTrips: q.maxTrips })
    doorToCore = (stop, walkS, t, d) => {
      const a = arrivals[d * tt.stopCount + stop]!
      return a === INF ? Infinity : a + walkS - t
    }
  }
  if (q.signal?.aborted) throw abortedError()
  const medianSeconds = (choices: ReadonlyArray<[number, number]>) => {
    const times = departuresS.map((t, d) => {
      let best = Infinity
      for (const [stop, walkS] of choices) best = Math.min(best, doorToCore(stop, walkS, t, d))
      return best > q.horizonS ? Infinity : best
    })
    return median(times)
  }
  const thresholdS = q.thresholdS ?? HOUR_S
  const pointSeconds = q.perPoint ? new Float64Array(population.lon.length).fill(Number.NaN) : undefined
  let within = 0
  let withinThreshold = 0
  const linkedPopulation = new Map<number, number>()
  const groups = q.pointGroups ? { population: new Float64Array(q.pointGroups.count), withinHour: new Float64Array(q.pointGroups.count) } : undefined
  for (let i = 0; i < population.lon.length; i++) {
    if ((i & 0x3fff) === 0 && q.signal?.aborted) throw abortedError()
    const group = q.pointGroups?.of[i]
    if (groups && group !== undefined) groups.population[group] = groups.population[group]! + population.value[i]!
    const from = links.start[i]!
    const to = links.start[i + 1]!
    if (to === from) continue
    linkedPopulation.set(links.station[from]!, (linkedPopulation.get(links.station[from]!) ?? 0) + population.value[i]!)
    const choices: Array<[number, number]> = []
    for (let k = from; k < to; k++) choices.push([links.station[k]!, links.walkS[k]!])
    const seconds = medianSeconds(choices)
    if (pointSeconds) pointSeconds[i] = seconds
    if (seconds <= HOUR_S) {
      within += population.value[i]!
      if (groups && group !== undefined) groups.withinHour[group] = groups.withinHour[group]! + population.value[i]!
    }
    if (seconds <= thresholdS) withinThreshold += population.value[i]!
  }
  q.progress?.(1, 3, "population within one hour")
  const stations = q.stations.map((stop) => ({ stop, medianMinutes: medianSeconds([[stop, 0]]) / 60, population: linkedPopulation.get(stop) ?? 0 }))
  const base: CommuteResult = {
    populationTotal: population.total,
    populationWithinHour: within,
    oneHourShare: population.total > 0 ? within / population.total : 0,
    thresholdS,
    populationWithinThreshold: withinThreshold,
    thresholdShare: population.total > 0 ? withinThreshold / population.total : 0,
    ...(pointSeconds ? { pointSeconds } : {}),
    ...(groups ? { groups } : {}),
    stations,
  }
  if (!q.jobs) return base
  const jobLinks = linkPointsToStations(q.jobs, q.stations, q.stopLon, q.stopLat, q.accessRadiusM, q.walkSpeedMps)
  const reached = jobsReached(
    tt,
    { links, count: population.lon.length },
    { links: jobLinks, value: q.jobs.value },
    departuresS,
    {
      budgetsS: [45 * 60, 60 * 60],
      maxTrips: q.maxTrips,
      ...(q.signal ? { signal: q.signal } : {}),
      progress: (done, total) => q.progress?.(2, 3, `job accessibility: origin station ${done} of ${total}`),
    },
  )
  const weightedShare = (b: number) => {
    if (population.total === 0 || q.jobs!.total === 0) return 0
    let sum = 0
    for (let i = 0; i < population.lon.length; i++) sum += population.value[i]! * (reached.reached[b]![i]! / q.jobs!.total)
    return sum / population.total
  }
  q.progress?.(3, 3, "done")
  return { ...base, jobsTotal: q.jobs.total, jobs45Share: weightedShare(0), jobs60Share: weightedShare(1) }
}

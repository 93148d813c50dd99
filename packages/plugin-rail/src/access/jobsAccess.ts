/**
 * Cumulative job accessibility: for each population point, the jobs reachable door to door within 45 and 60
 * minutes (median over the departure window). Each population point and each job point is assigned to its nearest
 * station within the access radius (walks rounded up to whole seconds for jobs). From each origin station, a range
 * RAPTOR over the departure times of trains there gives the earliest arrival at every station for any departure;
 * for each such departure a cumulative curve "jobs reached within x seconds" is built once, so each population
 * point and departure costs one look-up, not a pass over every station.
 */
import { abortedError } from "../problems.js"
import { RaptorSearch } from "../raptor/RaptorSearch.js"
import { INF, type Timetable } from "../raptor/Timetable.js"
import { median } from "./departures.js"
import type { StationLinks } from "./StationLinks.js"

/** Jobs reachable by each population point within each budget (median over departures). */
export interface JobsReached {
  readonly budgetsS: ReadonlyArray<number>
  /** `reached[b][i]`: jobs reachable from population point `i` within budget `b`. */
  readonly reached: ReadonlyArray<Float64Array>
}

/** Departure times of trains from `origin` or from stops one footpath away (minus the walk), within [fromS, toS], ascending. */
const departureCandidates = (tt: Timetable, origin: number, fromS: number, toS: number): Array<number> => {
  const starts: Array<[number, number]> = [[origin, 0]]
  for (let e = tt.footStart[origin]!; e < tt.footStart[origin + 1]!; e++) starts.push([tt.footTo[e]!, tt.footS[e]!])
  const times = new Set<number>()
  for (const [s, walk] of starts) {
    for (let e = tt.stopPatternStart[s]!; e < tt.stopPatternStart[s + 1]!; e++) {
      const p = tt.stopPatterns[e]!
      const j = tt.stopPatternPos[e]!
      if (tt.patternBoard[tt.patternStopStart[p]! + j] !== 1) continue
      const n = tt.patternStopStart[p + 1]! - tt.patternStopStart[p]!
      for (let i = 0; i < tt.patternTripStart[p + 1]! - tt.patternTripStart[p]!; i++) {
        const d = tt.departure[tt.patternTimeStart[p]! + i * n + j]! - walk
        if (d >= fromS && d <= toS) times.add(d)
      }
    }
  }
  return [...times].sort((a, b) => a - b)
}

/** Jobs of each station: whole-second walks (ascending) with cumulative job counts. */
const jobsByStation = (links: StationLinks, jobs: Float64Array) => {
  const byStation = new Map<number, Map<number, number>>()
  for (let j = 0; j < jobs.length; j++) {
    if (links.start[j + 1] === links.start[j]) continue
    const k = links.start[j]!
    const walk = Math.ceil(links.walkS[k]!)
    const bins = byStation.get(links.station[k]!) ?? new Map<number, number>()
    bins.set(walk, (bins.get(walk) ?? 0) + jobs[j]!)
    byStation.set(links.station[k]!, bins)
  }
  return new Map(
    [...byStation].map(([station, bins]) => {
      const sorted = [...bins].sort((a, b) => a[0] - b[0])
      let sum = 0
      return [station, { walkS: Int32Array.from(sorted, (x) => x[0]), jobs: Float64Array.from(sorted, (x) => x[1]), cumulative: Float64Array.from(sorted, (x) => (sum += x[1])) }] as const
    }),
  )
}

type StationJobs = ReturnType<typeof jobsByStation> extends Map<number, infer V> ? V : never

const jobsWithinWalk = (j: StationJobs, maxWalkS: number): number => {
  let lo = 0
  let hi = j.walkS.length - 1
  let last = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (j.walkS[mid]! <= maxWalkS) {
      last = mid
      lo = mid + 1
    } else hi = mid - 1
  }
  return last < 0 ? 0 : j.cumulative[last]!
}

/** The index of the first of the ascending `times` at or after `t`, or -1. */
const firstAtOrAfter = (times: ReadonlyArray<number>, t: number): number => {
  let lo = 0
  let hi = times.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (times[mid]! >= t) {
      found = mid
      hi = mid - 1
    } else lo = mid + 1
  }
  return found
}

/** Computes jobs reachable within each budget for every population point linked to a station. */
export const jobsReached = (
  tt: Timetable,
  population: { readonly links: StationLinks; readonly count: number },
  jobs: { readonly links: StationLinks; readonly value: Float64Array },
  departuresS: ReadonlyArray<number>,
  options: { readonly budgetsS: ReadonlyArray<number>; readonly maxTrips: number; readonly signal?: AbortSignal; readonly progress?: (done: number, total: number) => void },
): JobsReached => {
  const budgets = options.budgetsS
  const horizonS = Math.max(...budgets)
  const reached = budgets.map(() => new Float64Array(population.count))
  const targets = jobsByStation(jobs.links, jobs.value)
  const byOrigin = new Map<number, Array<number>>()
  for (let i = 0; i < population.count; i++) {
    if (population.links.start[i + 1] === population.links.start[i]) continue
    const o = population.links.station[population.links.start[i]!]!
    const list = byOrigin.get(o) ?? []
    list.push(i)
    byOrigin.set(o, list)
  }
  const search = new RaptorSearch(tt, { maxTrips: options.maxTrips })
  const first = departuresS[0]!
  const last = departuresS[departuresS.length - 1]!
  let done = 0
  for (const [origin, members] of byOrigin) {
    if (options.signal?.aborted) throw abortedError()
    const onFoot = new Map<number, number>([[origin, 0]])
    for (let e = tt.footStart[origin]!; e < tt.footStart[origin + 1]!; e++) onFoot.set(tt.footTo[e]!, Math.min(onFoot.get(tt.footTo[e]!) ?? Infinity, tt.footS[e]!))
    let maxAccessS = 0
    for (const i of members) maxAccessS = Math.max(maxAccessS, population.links.walkS[population.links.start[i]!]!)
    const candidates = departureCandidates(tt, origin, first, last + maxAccessS + horizonS)
    const footStations = [...onFoot.keys()]
    // The candidate each member leaves on for each departure: the first train departure at or after the member reaches the station.
    const rowOf = members.map((i) => {
      const accessS = population.links.walkS[population.links.start[i]!]!
      return Int32Array.from(departuresS, (t) => firstAtOrAfter(candidates, t + accessS))
    })
    const used = new Uint8Array(candidates.length)
    for (const rows of rowOf) for (const k of rows) if (k >= 0) used[k] = 1
    // curves[k][x]: jobs reached by train within x seconds of leaving at candidates[k] (stations within walking reach apart);
    // byTrainToFoot[k * m + f]: arrival by train at the f-th station within walking reach. Built for used candidates only.
    const curves: Array<Float64Array | undefined> = new Array(candidates.length)
    const byTrainToFoot = new Float64Array(candidates.length * footStations.length)
    search.reset()
    for (let k = candidates.length - 1; k >= 0; k--) {
      const c = candidates[k]!
      search.run([{ stop: origin, timeS: c }], c + horizonS)
      if (used[k] === 0) continue
      footStations.forEach((station, f) => {
        const a = search.best[station]!
        byTrainToFoot[k * footStations.length + f] = a === INF ? Infinity : a
      })
      const curve = new Float64Array(horizonS + 1)
      for (const [station, j] of targets) {
        const a = search.best[station]!
        if (a === INF || onFoot.has(station)) continue
        for (let b = 0; b < j.walkS.length && a - c + j.walkS[b]! <= horizonS; b++) curve[a - c + j.walkS[b]!]! += j.jobs[b]!
      }
      for (let x = 1; x <= horizonS; x++) curve[x]! += curve[x - 1]!
      curves[k] = curve
    }
    members.forEach((i, m) => {
      const accessS = population.links.walkS[population.links.start[i]!]!
      const counts = budgets.map(() => new Float64Array(departuresS.length))
      departuresS.forEach((t, d) => {
        const tau = t + accessS
        const k = rowOf[m]![d]!
        budgets.forEach((budget, b) => {
          let sum = 0
          const x = k < 0 ? -1 : t + budget - candidates[k]!
          if (x >= 0) sum += curves[k]![Math.min(x, horizonS)]!
          footStations.forEach((station, f) => {
            const j = targets.get(station)
            if (!j) return
            const byTrain = k < 0 ? Infinity : byTrainToFoot[k * footStations.length + f]!
            sum += jobsWithinWalk(j, t + budget - Math.min(byTrain, tau + onFoot.get(station)!))
          })
          counts[b]![d] = sum
        })
      })
      budgets.forEach((_, b) => (reached[b]![i] = median(counts[b]!)))
    })
    options.progress?.(++done, byOrigin.size)
  }
  return { budgetsS: budgets, reached }
}

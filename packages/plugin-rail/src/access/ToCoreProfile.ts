/**
 * Travel to the core, from every stop at once: a range RAPTOR on the time-reversed timetable, started at the core
 * stops at each time a train arrives there (or a footpath into the core ends). Each run gives, for every stop, the
 * latest departure that still reaches the core by that arrival; together they form each stop's profile, from which
 * the earliest arrival at the core for any departure time is read by binary search. Exact to the second.
 */
import { RaptorSearch } from "../raptor/RaptorSearch.js"
import { INF, reverseTimetable, type Timetable } from "../raptor/Timetable.js"

/** Per stop: for arrival `arrivalS[k]` at the core, the latest departure `latestDepartureS[k * stopCount + s]`. */
export interface ToCoreProfile {
  readonly arrivalS: Int32Array
  readonly latestDepartureS: Float64Array
  /** Walking time from each stop to the nearest core stop by footpath (0 at a core stop; Infinity when none). */
  readonly walkToCoreS: Float64Array
  readonly stopCount: number
}

/** Candidate arrival times at the core within [fromS, toS]: trains arriving at a core stop, or footpaths into one. */
const arrivalCandidates = (tt: Timetable, core: ReadonlySet<number>, fromS: number, toS: number): Int32Array => {
  const feeders = new Map<number, number>()
  for (const c of core) feeders.set(c, 0)
  for (let s = 0; s < tt.stopCount; s++) {
    for (let e = tt.footStart[s]!; e < tt.footStart[s + 1]!; e++) {
      if (core.has(tt.footTo[e]!)) feeders.set(s, Math.min(feeders.get(s) ?? Infinity, tt.footS[e]!))
    }
  }
  const times = new Set<number>()
  for (const [s, walk] of feeders) {
    for (let e = tt.stopPatternStart[s]!; e < tt.stopPatternStart[s + 1]!; e++) {
      const p = tt.stopPatterns[e]!
      const j = tt.stopPatternPos[e]!
      if (tt.patternAlight[tt.patternStopStart[p]! + j] !== 1) continue
      const n = tt.patternStopStart[p + 1]! - tt.patternStopStart[p]!
      for (let i = 0; i < tt.patternTripStart[p + 1]! - tt.patternTripStart[p]!; i++) {
        const a = tt.arrival[tt.patternTimeStart[p]! + i * n + j]! + walk
        if (a >= fromS && a <= toS) times.add(a)
      }
    }
  }
  return Int32Array.from([...times].sort((a, b) => a - b))
}

/**
 * Builds the profile of arrivals at `core` between `fromS` and `toS`, for journeys of at most `horizonS` and
 * `maxTrips` trips.
 */
export const buildToCoreProfile = (
  tt: Timetable,
  core: ReadonlySet<number>,
  window: { readonly fromS: number; readonly toS: number; readonly horizonS: number; readonly maxTrips: number },
): ToCoreProfile => {
  const reversed = reverseTimetable(tt)
  const arrivalS = arrivalCandidates(tt, core, window.fromS, window.toS)
  const n = tt.stopCount
  const latestDepartureS = new Float64Array(arrivalS.length * n)
  const search = new RaptorSearch(reversed, { maxTrips: window.maxTrips })
  for (let k = 0; k < arrivalS.length; k++) {
    const a = arrivalS[k]!
    search.run([...core].map((stop) => ({ stop, timeS: -a })), -a + window.horizonS)
    for (let s = 0; s < n; s++) {
      const label = search.best[s]!
      latestDepartureS[k * n + s] = label === INF ? -Infinity : -label
    }
  }
  const walkToCoreS = new Float64Array(n).fill(Infinity)
  for (let s = 0; s < n; s++) {
    if (core.has(s)) walkToCoreS[s] = 0
    else for (let e = tt.footStart[s]!; e < tt.footStart[s + 1]!; e++) if (core.has(tt.footTo[e]!)) walkToCoreS[s] = Math.min(walkToCoreS[s]!, tt.footS[e]!)
  }
  return { arrivalS, latestDepartureS, walkToCoreS, stopCount: n }
}

/** The earliest arrival at the core leaving stop `s` at `departureS` or later (Infinity when not within the profile). */
export const earliestArrivalAtCore = (profile: ToCoreProfile, s: number, departureS: number): number => {
  const { arrivalS, latestDepartureS, stopCount } = profile
  let lo = 0
  let hi = arrivalS.length - 1
  let found = -1
  while (lo <= hi) {
    const mid = (lo + hi) >> 1
    if (latestDepartureS[mid * stopCount + s]! >= departureS) {
      found = mid
      hi = mid - 1
    } else lo = mid + 1
  }
  const byTrain = found < 0 ? Infinity : arrivalS[found]!
  return Math.min(byTrain, departureS + profile.walkToCoreS[s]!)
}

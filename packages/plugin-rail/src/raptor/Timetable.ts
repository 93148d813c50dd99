/**
 * The timetable RAPTOR searches: trips grouped into patterns (trips with the same stops, in order, none overtaking
 * another), laid out in flat typed arrays so a search touches contiguous memory and a timetable can be posted to a
 * worker thread as is. Times are seconds (of the service day; may be negative or past 24 h).
 */

/** A trip to put in a timetable: its stops in order, times in seconds, and whether boarding / alighting is allowed. */
export interface TimetableTrip {
  readonly stops: ArrayLike<number>
  readonly arrival: ArrayLike<number>
  readonly departure: ArrayLike<number>
  readonly canBoard?: ArrayLike<number>
  readonly canAlight?: ArrayLike<number>
  /** The route (GTFS route index) the trip belongs to; trips of different routes never share a pattern. */
  readonly route: number
}

/** A walking link between two stops. */
export interface Footpath {
  readonly from: number
  readonly to: number
  readonly durationS: number
}

/** The compiled timetable. Pattern `p` has stops `patternStops[patternStopStart[p] .. patternStopStart[p+1]]`. */
export interface Timetable {
  readonly stopCount: number
  readonly patternCount: number
  readonly patternStopStart: Int32Array
  readonly patternStops: Int32Array
  readonly patternBoard: Uint8Array
  readonly patternAlight: Uint8Array
  /** Trips of pattern `p` are `patternTripStart[p] .. patternTripStart[p+1]` (sorted by time, none overtaking). */
  readonly patternTripStart: Int32Array
  /** Where pattern `p`'s times begin: trip `i` (0-based in the pattern), stop `j` is at `patternTimeStart[p] + i * n + j`. */
  readonly patternTimeStart: Int32Array
  readonly patternRoute: Int32Array
  readonly arrival: Int32Array
  readonly departure: Int32Array
  /** For each stop, the patterns serving it and the stop's position in each. */
  readonly stopPatternStart: Int32Array
  readonly stopPatterns: Int32Array
  readonly stopPatternPos: Int32Array
  /** Walking links from each stop: `footTo` / `footS` at `footStart[s] .. footStart[s+1]`. */
  readonly footStart: Int32Array
  readonly footTo: Int32Array
  readonly footS: Int32Array
  /** Seconds needed to change trips at the same stop (`NO_TRANSFER` where changing there is not possible). */
  readonly minTransferS: Int32Array
}

/** Unreached / unknown time. */
export const INF = 0x7fffffff

/** The minimum transfer time of a stop where changing trips is not possible (GTFS transfer_type 3). */
export const NO_TRANSFER = 0x3fffffff

const sameTimesOrLater = (a: TimetableTrip, b: TimetableTrip): boolean => {
  for (let j = 0; j < a.stops.length; j++) if (b.arrival[j]! < a.arrival[j]! || b.departure[j]! < a.departure[j]!) return false
  return true
}

const csr = (count: number, items: ReadonlyArray<readonly [number, ...Array<number>]>) => {
  const start = new Int32Array(count + 1)
  for (const [key] of items) start[key + 1]!++
  for (let i = 0; i < count; i++) start[i + 1]! += start[i]!
  const cursor = start.slice(0, count)
  const slots = new Int32Array(items.length)
  items.forEach((item, i) => (slots[cursor[item[0]]!++] = i))
  return { start, slots }
}

/** Groups trips into non-overtaking patterns and lays the timetable out in flat arrays. */
export const buildTimetable = (input: {
  readonly stopCount: number
  readonly trips: ReadonlyArray<TimetableTrip>
  readonly footpaths: ReadonlyArray<Footpath>
  readonly minTransferS: Int32Array
}): Timetable => {
  const groups = new Map<string, Array<TimetableTrip>>()
  for (const trip of input.trips) {
    let key = `${trip.route}|`
    for (let j = 0; j < trip.stops.length; j++) key += `${trip.stops[j]}:${trip.canBoard?.[j] ?? 1}${trip.canAlight?.[j] ?? 1},`
    const list = groups.get(key)
    if (list) list.push(trip)
    else groups.set(key, [trip])
  }
  const patterns: Array<Array<TimetableTrip>> = []
  for (const trips of groups.values()) {
    trips.sort((a, b) => a.departure[0]! - b.departure[0]! || a.arrival[a.stops.length - 1]! - b.arrival[b.stops.length - 1]!)
    const split: Array<Array<TimetableTrip>> = []
    for (const trip of trips) {
      const home = split.find((p) => sameTimesOrLater(p[p.length - 1]!, trip))
      if (home) home.push(trip)
      else split.push([trip])
    }
    patterns.push(...split)
  }
  const P = patterns.length
  const patternStopStart = new Int32Array(P + 1)
  const patternTripStart = new Int32Array(P + 1)
  const patternTimeStart = new Int32Array(P)
  const patternRoute = new Int32Array(P)
  let stopTotal = 0
  let timeTotal = 0
  patterns.forEach((trips, p) => {
    const n = trips[0]!.stops.length
    patternStopStart[p + 1] = patternStopStart[p]! + n
    patternTripStart[p + 1] = patternTripStart[p]! + trips.length
    patternTimeStart[p] = timeTotal
    patternRoute[p] = trips[0]!.route
    stopTotal += n
    timeTotal += n * trips.length
  })
  const patternStops = new Int32Array(stopTotal)
  const patternBoard = new Uint8Array(stopTotal)
  const patternAlight = new Uint8Array(stopTotal)
  const arrival = new Int32Array(timeTotal)
  const departure = new Int32Array(timeTotal)
  const servedBy: Array<[number, number, number]> = []
  patterns.forEach((trips, p) => {
    const first = trips[0]!
    const n = first.stops.length
    const so = patternStopStart[p]!
    for (let j = 0; j < n; j++) {
      patternStops[so + j] = first.stops[j]!
      patternBoard[so + j] = first.canBoard?.[j] ?? 1
      patternAlight[so + j] = first.canAlight?.[j] ?? 1
      servedBy.push([first.stops[j]!, p, j])
    }
    trips.forEach((trip, i) => {
      const base = patternTimeStart[p]! + i * n
      for (let j = 0; j < n; j++) {
        arrival[base + j] = trip.arrival[j]!
        departure[base + j] = trip.departure[j]!
      }
    })
  })
  const byStop = csr(input.stopCount, servedBy)
  const foot = csr(input.stopCount, input.footpaths.map((f) => [f.from, f.to, f.durationS] as const))
  return {
    stopCount: input.stopCount,
    patternCount: P,
    patternStopStart,
    patternStops,
    patternBoard,
    patternAlight,
    patternTripStart,
    patternTimeStart,
    patternRoute,
    arrival,
    departure,
    stopPatternStart: byStop.start,
    stopPatterns: Int32Array.from(byStop.slots, (i) => servedBy[i]![1]),
    stopPatternPos: Int32Array.from(byStop.slots, (i) => servedBy[i]![2]),
    footStart: foot.start,
    footTo: Int32Array.from(foot.slots, (i) => input.footpaths[i]!.to),
    footS: Int32Array.from(foot.slots, (i) => input.footpaths[i]!.durationS),
    minTransferS: input.minTransferS,
  }
}

/**
 * The time-reversed timetable: every trip runs backwards with times negated (t -> -t), footpaths reversed. A
 * forward search on it from a destination at time -A finds, for every stop, the latest departure (negated) that
 * still arrives by A: the "to a place" search, done with the same RAPTOR code.
 */
export const reverseTimetable = (tt: Timetable): Timetable => {
  const trips: Array<TimetableTrip> = []
  for (let p = 0; p < tt.patternCount; p++) {
    const so = tt.patternStopStart[p]!
    const n = tt.patternStopStart[p + 1]! - so
    const stops = Int32Array.from({ length: n }, (_, j) => tt.patternStops[so + n - 1 - j]!)
    const canBoard = Uint8Array.from({ length: n }, (_, j) => tt.patternAlight[so + n - 1 - j]!)
    const canAlight = Uint8Array.from({ length: n }, (_, j) => tt.patternBoard[so + n - 1 - j]!)
    for (let i = 0; i < tt.patternTripStart[p + 1]! - tt.patternTripStart[p]!; i++) {
      const base = tt.patternTimeStart[p]! + i * n
      trips.push({
        stops,
        canBoard,
        canAlight,
        route: tt.patternRoute[p]!,
        arrival: Int32Array.from({ length: n }, (_, j) => -tt.departure[base + n - 1 - j]!),
        departure: Int32Array.from({ length: n }, (_, j) => -tt.arrival[base + n - 1 - j]!),
      })
    }
  }
  const footpaths: Array<Footpath> = []
  for (let s = 0; s < tt.stopCount; s++) {
    for (let e = tt.footStart[s]!; e < tt.footStart[s + 1]!; e++) footpaths.push({ from: tt.footTo[e]!, to: s, durationS: tt.footS[e]! })
  }
  return buildTimetable({ stopCount: tt.stopCount, trips, footpaths, minTransferS: tt.minTransferS })
}

/**
 * The Connection Scan Algorithm (Dibbelt et al. 2013) as an independent reference: one pass over every
 * elementary connection (stop j to stop j + 1 of a trip) in departure order. Earliest arrival with any number of
 * trips, the same transfer rules as RAPTOR (a trip already boarded is kept without changing; changing at a stop
 * takes its minimum transfer time; footpaths relaxed on arrival).
 */
import { INF, NO_TRANSFER, type Timetable } from "../../src/raptor/Timetable.js"

/** Connections sorted by departure: parallel typed arrays. */
export interface Connections {
  readonly from: Int32Array
  readonly to: Int32Array
  readonly departure: Int32Array
  readonly arrival: Int32Array
  readonly trip: Int32Array
  readonly tripCount: number
}

/** Lists the connections of a timetable, sorted by departure time. */
export const connectionsOf = (tt: Timetable): Connections => {
  const rows: Array<[number, number, number, number, number]> = []
  let trip = 0
  for (let p = 0; p < tt.patternCount; p++) {
    const so = tt.patternStopStart[p]!
    const n = tt.patternStopStart[p + 1]! - so
    for (let i = 0; i < tt.patternTripStart[p + 1]! - tt.patternTripStart[p]!; i++, trip++) {
      const base = tt.patternTimeStart[p]! + i * n
      for (let j = 0; j + 1 < n; j++) rows.push([tt.patternStops[so + j]!, tt.patternStops[so + j + 1]!, tt.departure[base + j]!, tt.arrival[base + j + 1]!, trip])
    }
  }
  rows.sort((a, b) => a[2] - b[2] || a[3] - b[3])
  return {
    from: Int32Array.from(rows, (r) => r[0]),
    to: Int32Array.from(rows, (r) => r[1]),
    departure: Int32Array.from(rows, (r) => r[2]),
    arrival: Int32Array.from(rows, (r) => r[3]),
    trip: Int32Array.from(rows, (r) => r[4]),
    tripCount: trip,
  }
}

/** Reusable buffers for `connectionScan`. */
export const scanBuffers = (tt: Timetable, c: Connections) => ({
  arrival: new Int32Array(tt.stopCount),
  ready: new Int32Array(tt.stopCount),
  boarded: new Uint8Array(c.tripCount),
})

/** Earliest arrival at every stop leaving `source` at `departureS` (into `buffers.arrival`; `INF` unreached). */
export const connectionScan = (tt: Timetable, c: Connections, source: number, departureS: number, buffers = scanBuffers(tt, c)): Int32Array => {
  const { arrival, ready, boarded } = buffers
  arrival.fill(INF)
  ready.fill(INF)
  boarded.fill(0)
  const reach = (stop: number, a: number, changeS: number) => {
    if (a < arrival[stop]!) arrival[stop] = a
    if (changeS !== NO_TRANSFER && a + changeS < ready[stop]!) ready[stop] = a + changeS
  }
  reach(source, departureS, 0)
  for (let e = tt.footStart[source]!; e < tt.footStart[source + 1]!; e++) reach(tt.footTo[e]!, departureS + tt.footS[e]!, 0)
  let lo = 0
  let hi = c.departure.length
  while (lo < hi) {
    const mid = (lo + hi) >> 1
    if (c.departure[mid]! < departureS) lo = mid + 1
    else hi = mid
  }
  for (let i = lo; i < c.departure.length; i++) {
    const t = c.trip[i]!
    if (boarded[t] === 0) {
      if (ready[c.from[i]!]! > c.departure[i]!) continue
      boarded[t] = 1
    }
    const to = c.to[i]!
    const a = c.arrival[i]!
    if (a < arrival[to]!) {
      reach(to, a, tt.minTransferS[to]!)
      for (let e = tt.footStart[to]!; e < tt.footStart[to + 1]!; e++) reach(tt.footTo[e]!, a + tt.footS[e]!, 0)
    }
  }
  return arrival
}

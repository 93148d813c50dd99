/**
 * stop_times.txt, streamed into typed columns, then grouped by trip and ordered by stop_sequence. Checks every row
 * (known trip and stop, times well formed: hours may pass 24) and every trip (at least two stops, first and last
 * timed, times never going backwards). Untimed intermediate stops are interpolated linearly by position.
 */
import type { ProblemLog } from "../problems.js"
import type { CsvTable } from "./csvTable.js"
import { cell } from "./csvTable.js"
import type { GtfsStopTimes, GtfsStops } from "./GtfsFeed.js"
import { formatGtfsTime, parseGtfsTime } from "./time.js"

/** A growable Int32 column that never allocates more than `capacity` values (the table's row limit). */
class IntColumn {
  data: Int32Array
  length = 0
  constructor(readonly capacity: number) {
    this.data = new Int32Array(Math.min(4096, capacity))
  }
  push(v: number): void {
    if (this.length === this.data.length) {
      if (this.length >= this.capacity) throw new RangeError(`IntColumn: more than ${this.capacity} values`)
      const next = new Int32Array(Math.min(this.data.length * 2, this.capacity))
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = v
  }
}

const UNTIMED = -1

/** What reading stop_times gives: the columns, and the offsets of each trip's stop times. */
export interface StopTimesResult {
  readonly stopTimes: GtfsStopTimes
  readonly stopTimeStart: Int32Array
}

/**
 * Reads and checks stop_times.txt for the given trips and stops; problems go to `log`. `maxRows` bounds the columns'
 * growth (the table itself refuses more rows).
 */
export const readStopTimes = async (
  table: CsvTable,
  tripIndex: ReadonlyMap<string, number>,
  tripIds: ReadonlyArray<string>,
  stops: GtfsStops,
  log: ProblemLog,
  maxRows: number,
): Promise<StopTimesResult> => {
  const c = (name: string) => table.column(name)
  const [iTrip, iStop, iSeq, iArr, iDep, iPick, iDrop] = [c("trip_id"), c("stop_id"), c("stop_sequence"), c("arrival_time"), c("departure_time"), c("pickup_type"), c("drop_off_type")]
  const trip = new IntColumn(maxRows)
  const stop = new IntColumn(maxRows)
  const seq = new IntColumn(maxRows)
  const arr = new IntColumn(maxRows)
  const dep = new IntColumn(maxRows)
  const flags = new IntColumn(maxRows)
  const rows = new IntColumn(maxRows)
  for await (const row of table.rows()) {
    const problem = (field: string, message: string) => log.add({ file: table.file, row: row.row, field, message })
    const tripId = cell(row, iTrip)
    const t = tripIndex.get(tripId)
    if (t === undefined) problem("trip_id", `unknown trip_id "${tripId}" (not in trips.txt)`)
    const stopId = cell(row, iStop)
    const s = stops.index.get(stopId)
    if (s === undefined) problem("stop_id", `unknown stop_id "${stopId}" (not in stops.txt)`)
    else if (stops.locationType[s] !== 0 && stops.locationType[s] !== 4) {
      problem("stop_id", `stop_id "${stopId}" is a station or entrance (location_type ${stops.locationType[s]}); stop times must name a stop or platform`)
    }
    const seqText = cell(row, iSeq)
    const sequence = /^\d+$/.test(seqText) ? Number(seqText) : NaN
    if (!Number.isSafeInteger(sequence)) problem("stop_sequence", `stop_sequence "${seqText}" is not a non-negative integer`)
    const time = (index: number, field: string) => {
      const text = cell(row, index)
      if (text === "") return UNTIMED
      const v = parseGtfsTime(text)
      if (v === undefined) {
        problem(field, `${field} "${text}" is not a time H:MM:SS (hours may exceed 24, e.g. 25:10:00)`)
        return UNTIMED
      }
      return v
    }
    let a = time(iArr, "arrival_time")
    let d = time(iDep, "departure_time")
    if (a === UNTIMED) a = d
    if (d === UNTIMED) d = a
    const pick = cell(row, iPick)
    const drop = cell(row, iDrop)
    if (t !== undefined && s !== undefined && Number.isSafeInteger(sequence)) {
      trip.push(t)
      stop.push(s)
      seq.push(sequence)
      arr.push(a)
      dep.push(d)
      flags.push((pick === "1" ? 0 : 1) | (drop === "1" ? 0 : 2))
      rows.push(row.row)
    }
    if (log.full) break
  }
  const n = trip.length
  const nTrips = tripIds.length
  const start = new Int32Array(nTrips + 1)
  for (let i = 0; i < n; i++) start[trip.data[i]! + 1]!++
  for (let t = 0; t < nTrips; t++) start[t + 1]! += start[t]!
  const cursor = start.slice(0, nTrips)
  const order = new Int32Array(n)
  for (let i = 0; i < n; i++) order[cursor[trip.data[i]!]!++] = i
  const out = {
    stop: new Int32Array(n),
    arrival: new Int32Array(n),
    departure: new Int32Array(n),
    canBoard: new Uint8Array(n),
    canAlight: new Uint8Array(n),
  }
  for (let t = 0; t < nTrips && !log.full; t++) {
    const from = start[t]!
    const to = start[t + 1]!
    if (to === from) continue
    const slice = Array.from(order.subarray(from, to))
    slice.sort((x, y) => seq.data[x]! - seq.data[y]!)
    const rowOf = (k: number) => rows.data[slice[k]!]!
    const problem = (k: number, field: string, message: string) => log.add({ file: table.file, row: rowOf(k), field, message })
    if (to - from < 2) {
      problem(0, "trip_id", `trip "${tripIds[t]}" has only one stop time; a trip needs at least two`)
      continue
    }
    for (let k = 1; k < slice.length; k++) {
      if (seq.data[slice[k]!] === seq.data[slice[k - 1]!]) problem(k, "stop_sequence", `trip "${tripIds[t]}" has stop_sequence ${seq.data[slice[k]!]} twice`)
    }
    const last = slice.length - 1
    for (const k of [0, last]) {
      if (arr.data[slice[k]!] === UNTIMED) {
        problem(k, "arrival_time", `trip "${tripIds[t]}": the ${k === 0 ? "first" : "last"} stop needs arrival_time and departure_time`)
      }
    }
    if (arr.data[slice[0]!] === UNTIMED || arr.data[slice[last]!] === UNTIMED) continue
    let prevTimed = 0
    for (let k = 1; k <= last; k++) {
      if (arr.data[slice[k]!] === UNTIMED) continue
      const t0 = dep.data[slice[prevTimed]!]!
      const t1 = arr.data[slice[k]!]!
      for (let m = prevTimed + 1; m < k; m++) {
        const v = Math.round(t0 + ((t1 - t0) * (m - prevTimed)) / (k - prevTimed))
        arr.data[slice[m]!] = v
        dep.data[slice[m]!] = v
      }
      prevTimed = k
    }
    for (let k = 0; k <= last; k++) {
      const i = slice[k]!
      const at = `trip "${tripIds[t]}" at stop_sequence ${seq.data[i]}`
      if (dep.data[i]! < arr.data[i]!) {
        problem(k, "departure_time", `${at}: departure ${formatGtfsTime(dep.data[i]!)} is before arrival ${formatGtfsTime(arr.data[i]!)}`)
      }
      if (k > 0 && arr.data[i]! < dep.data[slice[k - 1]!]!) {
        problem(
          k,
          "arrival_time",
          `${at}: arrival ${formatGtfsTime(arr.data[i]!)} is before the departure ${formatGtfsTime(dep.data[slice[k - 1]!]!)} from the previous stop (stop_sequence ${seq.data[slice[k - 1]!]}); times must not go backwards`,
        )
      }
      const p = from + k
      out.stop[p] = stop.data[i]!
      out.arrival[p] = arr.data[i]!
      out.departure[p] = dep.data[i]!
      out.canBoard[p] = flags.data[i]! & 1
      out.canAlight[p] = (flags.data[i]! >> 1) & 1
    }
  }
  return { stopTimes: out, stopTimeStart: start }
}

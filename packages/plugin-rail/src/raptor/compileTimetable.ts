/**
 * The timetable of one service day from a GTFS feed: the trips whose service runs that day, plus the previous
 * day's trips still running after midnight (GTFS times past 24:00:00, shifted back by 24 h); footpaths and minimum
 * transfer times from transfers.txt, and links between platforms of the same station.
 */
import { geodesicM } from "../geo/geodesic.js"
import type { GtfsFeed } from "../gtfs/GtfsFeed.js"
import { addDays, DAY_S, type Ymd } from "../gtfs/time.js"
import { buildTimetable, type Footpath, NO_TRANSFER, type Timetable, type TimetableTrip } from "./Timetable.js"

/** How to compile a day's timetable. */
export interface CompileOptions {
  /** The service day. */
  readonly date: Ymd
  /** Only routes of these GTFS route types (empty: every route). */
  readonly routeTypes?: ReadonlySet<number>
  /** The least time to change trips at a stop, in seconds (transfers.txt may ask for more). */
  readonly minTransferS: number
  /** Walking speed for transfers without a time and links between platforms of a station (m/s). */
  readonly walkSpeedMps: number
}

/** A compiled day: the timetable, which GTFS trip each timetable trip is, and counts for notes. */
export interface CompiledDay {
  readonly timetable: Timetable
  /** Trips of the day's own services. */
  readonly tripsToday: number
  /** Trips of the previous day's services still running after midnight. */
  readonly tripsFromPreviousDay: number
}

/** Whether a GTFS route passes the route-type filter. */
export const routeSelected = (feed: GtfsFeed, route: number, routeTypes?: ReadonlySet<number>): boolean =>
  !routeTypes || routeTypes.size === 0 || routeTypes.has(feed.routes.types[route]!)

const childrenOf = (feed: GtfsFeed) => {
  const children = new Map<number, Array<number>>()
  for (let s = 0; s < feed.stops.ids.length; s++) {
    const p = feed.stops.parent[s]!
    if (p >= 0 && feed.stops.locationType[s] === 0) children.set(p, [...(children.get(p) ?? []), s])
  }
  return children
}

/** Compiles the timetable of `options.date`. */
export const compileTimetable = (feed: GtfsFeed, options: CompileOptions): CompiledDay => {
  const { stops, trips, stopTimes } = feed
  const today = feed.services.activeOn(options.date)
  const yesterday = feed.services.activeOn(addDays(options.date, -1))
  const list: Array<TimetableTrip> = []
  let tripsToday = 0
  let tripsFromPreviousDay = 0
  for (let t = 0; t < trips.ids.length; t++) {
    const from = trips.stopTimeStart[t]!
    const to = trips.stopTimeStart[t + 1]!
    if (to - from < 2 || !routeSelected(feed, trips.route[t]!, options.routeTypes)) continue
    const service = trips.service[t]!
    const slice = (shift: number): TimetableTrip => ({
      stops: stopTimes.stop.subarray(from, to),
      arrival: shift === 0 ? stopTimes.arrival.subarray(from, to) : stopTimes.arrival.slice(from, to).map((x) => x - shift),
      departure: shift === 0 ? stopTimes.departure.subarray(from, to) : stopTimes.departure.slice(from, to).map((x) => x - shift),
      canBoard: stopTimes.canBoard.subarray(from, to),
      canAlight: stopTimes.canAlight.subarray(from, to),
      route: trips.route[t]!,
    })
    if (today[service] === 1) {
      list.push(slice(0))
      tripsToday++
    }
    if (yesterday[service] === 1 && stopTimes.arrival[to - 1]! >= DAY_S) {
      list.push(slice(DAY_S))
      tripsFromPreviousDay++
    }
  }
  const n = stops.ids.length
  const minTransferS = new Int32Array(n).fill(options.minTransferS)
  const links = new Map<number, number>()
  const children = childrenOf(feed)
  const platforms = (s: number) => (stops.locationType[s] === 1 ? (children.get(s) ?? []) : [s])
  const walkS = (a: number, b: number) => Math.ceil(geodesicM(stops.lon[a]!, stops.lat[a]!, stops.lon[b]!, stops.lat[b]!) / options.walkSpeedMps)
  const forbidden = new Set<number>()
  for (const tr of feed.transfers) {
    for (const a of platforms(tr.from)) {
      for (const b of platforms(tr.to)) {
        if (a === b) {
          if (tr.type === 3) minTransferS[a] = NO_TRANSFER
          else if (tr.type === 2 && minTransferS[a] !== NO_TRANSFER) minTransferS[a] = Math.max(options.minTransferS, tr.minTransferS)
          continue
        }
        if (tr.type === 3) {
          forbidden.add(a * n + b)
          links.delete(a * n + b)
          continue
        }
        const durationS = tr.type === 1 ? 0 : tr.minTransferS >= 0 ? tr.minTransferS : walkS(a, b)
        links.set(a * n + b, durationS)
      }
    }
  }
  for (const members of children.values()) {
    for (const a of members) {
      for (const b of members) {
        const key = a * n + b
        if (a !== b && !links.has(key) && !forbidden.has(key)) links.set(key, Math.max(options.minTransferS, walkS(a, b)))
      }
    }
  }
  const footpaths: Array<Footpath> = [...links].map(([key, durationS]) => ({ from: Math.floor(key / n), to: key % n, durationS }))
  return { timetable: buildTimetable({ stopCount: n, trips: list, footpaths, minTransferS }), tripsToday, tripsFromPreviousDay }
}

/** Stops served by at least one trip (of the selected route types; of the day, when a date is given): the stations of catchments. */
export const servedStops = (feed: GtfsFeed, options: { readonly date?: Ymd; readonly routeTypes?: ReadonlySet<number> }): Array<number> => {
  const active = options.date === undefined ? undefined : feed.services.activeOn(options.date)
  const served = new Uint8Array(feed.stops.ids.length)
  for (let t = 0; t < feed.trips.ids.length; t++) {
    if (!routeSelected(feed, feed.trips.route[t]!, options.routeTypes)) continue
    if (active && active[feed.trips.service[t]!] !== 1) continue
    for (let i = feed.trips.stopTimeStart[t]!; i < feed.trips.stopTimeStart[t + 1]!; i++) served[feed.stopTimes.stop[i]!] = 1
  }
  return [...served.keys()].filter((s) => served[s] === 1)
}

/** The stop indices named by ids: a station id stands for its platforms. Unknown ids are returned separately. */
export const resolveStops = (feed: GtfsFeed, ids: ReadonlyArray<string>): { readonly stops: Array<number>; readonly unknown: Array<string> } => {
  const children = childrenOf(feed)
  const out = new Set<number>()
  const unknown: Array<string> = []
  for (const id of ids) {
    const s = feed.stops.index.get(id)
    if (s === undefined) unknown.push(id)
    else if (feed.stops.locationType[s] === 1) for (const c of children.get(s) ?? []) out.add(c)
    else out.add(s)
  }
  return { stops: [...out], unknown }
}


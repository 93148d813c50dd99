/**
 * A GTFS static feed as read from its zip: stops, routes, trips, their stop times (grouped by trip, in
 * stop_sequence order, every time present and in order), service calendars and transfers. Columnar typed arrays
 * keep a feed of millions of stop times compact; entities are referred to by index, ids kept for messages.
 */
import type { Ymd } from "./time.js"

/** stops.txt. `parent` is the index of the parent station, -1 when none. Coordinates are WGS84 degrees (NaN when absent). */
export interface GtfsStops {
  readonly ids: ReadonlyArray<string>
  readonly names: ReadonlyArray<string>
  readonly lon: Float64Array
  readonly lat: Float64Array
  /** 0 stop or platform, 1 station, 2 entrance, 3 generic node, 4 boarding area. */
  readonly locationType: Uint8Array
  readonly parent: Int32Array
  readonly index: ReadonlyMap<string, number>
}

/** routes.txt. `types` holds route_type (0 tram, 1 metro, 2 rail, 3 bus, 100-117 extended rail ...). */
export interface GtfsRoutes {
  readonly ids: ReadonlyArray<string>
  readonly shortNames: ReadonlyArray<string>
  readonly longNames: ReadonlyArray<string>
  readonly types: Int32Array
  readonly index: ReadonlyMap<string, number>
}

/** trips.txt, with each trip's stop times at `stopTimeStart[t] .. stopTimeStart[t + 1]`. */
export interface GtfsTrips {
  readonly ids: ReadonlyArray<string>
  readonly route: Int32Array
  readonly service: Int32Array
  readonly stopTimeStart: Int32Array
  readonly index: ReadonlyMap<string, number>
}

/** stop_times.txt, grouped by trip and ordered by stop_sequence; times in seconds of the service day. */
export interface GtfsStopTimes {
  readonly stop: Int32Array
  readonly arrival: Int32Array
  readonly departure: Int32Array
  /** 1 when passengers may board (pickup_type is not 1). */
  readonly canBoard: Uint8Array
  /** 1 when passengers may alight (drop_off_type is not 1). */
  readonly canAlight: Uint8Array
}

/** calendar.txt and calendar_dates.txt. */
export interface ServiceCalendar {
  readonly ids: ReadonlyArray<string>
  readonly index: ReadonlyMap<string, number>
  /** 1 for each service that runs on the date. */
  readonly activeOn: (date: Ymd) => Uint8Array
  /** The first and last date any service is defined for, or undefined for an empty calendar. */
  readonly range: { readonly first: Ymd; readonly last: Ymd } | undefined
}

/** One row of transfers.txt between stops (trip- and route-specific transfers are not used). */
export interface GtfsTransfer {
  readonly from: number
  readonly to: number
  /** 0 recommended, 1 timed, 2 minimum time, 3 not possible. */
  readonly type: number
  /** min_transfer_time in seconds, or -1 when not given. */
  readonly minTransferS: number
}

/** A parsed, validated GTFS feed. */
export interface GtfsFeed {
  /** The feed's file name, for messages. */
  readonly filename: string
  readonly stops: GtfsStops
  readonly routes: GtfsRoutes
  readonly trips: GtfsTrips
  readonly stopTimes: GtfsStopTimes
  readonly services: ServiceCalendar
  readonly transfers: ReadonlyArray<GtfsTransfer>
  /** Trips listed in trips.txt that have no stop times (ignored). */
  readonly tripsWithoutStopTimes: number
}

/** The station a stop belongs to: its parent station, or itself. */
export const stationOf = (stops: GtfsStops, stop: number): number => {
  const p = stops.parent[stop]!
  return p >= 0 ? p : stop
}

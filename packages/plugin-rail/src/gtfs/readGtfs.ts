/**
 * Reads a GTFS static feed from a zip file on disk: stops, routes, trips, stop_times, calendar / calendar_dates and
 * transfers, each member streamed through csv-parse. Any malformed file, row or reference fails with one
 * `CalculatorError` naming file, row and field (up to 25 problems listed); nothing partial is returned. A feed over
 * an input limit (members, unpacked bytes, rows per member) fails with reason `too-large`; an aborted signal stops
 * reading.
 */
import { basename } from "node:path"
import { ProblemLog } from "../problems.js"
import type { ReadOptions } from "../readOptions.js"
import { cell, type CsvTable, openCsv } from "./csvTable.js"
import type { GtfsFeed, GtfsRoutes, GtfsStops, GtfsTransfer } from "./GtfsFeed.js"
import { readServices } from "./readServices.js"
import { readStopTimes } from "./readStopTimes.js"
import { openZipArchive } from "./zipArchive.js"

const REQUIRED_FILES = ["stops.txt", "routes.txt", "trips.txt", "stop_times.txt"] as const

/** The feed's members as CSV tables, named `<label>/<member>` in problems. */
export interface GtfsMembers {
  readonly has: (member: string) => boolean
  readonly table: (member: string, required: ReadonlyArray<string>) => Promise<CsvTable>
}

/** How to read a feed: the limits and signal, and the names problems use. */
export interface ReadGtfsOptions extends ReadOptions {
  /** The input's name in problems (default "gtfs", giving `gtfs/stop_times.txt`). */
  readonly label?: string
  /** The feed's file name in messages (default the path's base name). */
  readonly filename?: string
}

const readStops = async (zip: GtfsMembers, log: ProblemLog): Promise<GtfsStops> => {
  const table = await zip.table("stops.txt", ["stop_id"])
  const [iId, iName, iLat, iLon, iType, iParent] = ["stop_id", "stop_name", "stop_lat", "stop_lon", "location_type", "parent_station"].map(table.column) as [number, number, number, number, number, number]
  const ids: Array<string> = []
  const names: Array<string> = []
  const lon: Array<number> = []
  const lat: Array<number> = []
  const types: Array<number> = []
  const parents: Array<{ id: string; row: number }> = []
  const index = new Map<string, number>()
  for await (const row of table.rows()) {
    const problem = (field: string, message: string) => log.add({ file: table.file, row: row.row, field, message })
    const id = cell(row, iId)
    if (!id) problem("stop_id", "stop_id is empty")
    else if (index.has(id)) problem("stop_id", `stop_id "${id}" appears twice`)
    const typeText = cell(row, iType)
    const type = typeText === "" ? 0 : Number(typeText)
    if (![0, 1, 2, 3, 4].includes(type)) problem("location_type", `location_type must be 0-4 or empty, got "${typeText}"`)
    const coordinate = (index: number, field: string, limit: number) => {
      const text = cell(row, index)
      if (text === "" && type >= 3) return NaN
      const v = Number(text)
      if (text === "" || !Number.isFinite(v) || Math.abs(v) > limit) {
        problem(field, `${field} "${text}" must be a WGS84 ${field === "stop_lat" ? "latitude in -90..90" : "longitude in -180..180"}`)
        return NaN
      }
      return v
    }
    const la = coordinate(iLat, "stop_lat", 90)
    const lo = coordinate(iLon, "stop_lon", 180)
    if (id && !index.has(id)) {
      index.set(id, ids.length)
      ids.push(id)
      names.push(cell(row, iName))
      lat.push(la)
      lon.push(lo)
      types.push(type)
      parents.push({ id: cell(row, iParent), row: row.row })
    }
    if (log.full) break
  }
  const parent = new Int32Array(ids.length).fill(-1)
  parents.forEach((p, i) => {
    if (!p.id) return
    const j = index.get(p.id)
    if (j === undefined) log.add({ file: table.file, row: p.row, field: "parent_station", message: `unknown parent_station "${p.id}"` })
    else parent[i] = j
  })
  return { ids, names, lon: Float64Array.from(lon), lat: Float64Array.from(lat), locationType: Uint8Array.from(types), parent, index }
}

const readRoutes = async (zip: GtfsMembers, log: ProblemLog): Promise<GtfsRoutes> => {
  const table = await zip.table("routes.txt", ["route_id", "route_type"])
  const [iId, iShort, iLong, iType] = ["route_id", "route_short_name", "route_long_name", "route_type"].map(table.column) as [number, number, number, number]
  const ids: Array<string> = []
  const shortNames: Array<string> = []
  const longNames: Array<string> = []
  const types: Array<number> = []
  const index = new Map<string, number>()
  for await (const row of table.rows()) {
    const problem = (field: string, message: string) => log.add({ file: table.file, row: row.row, field, message })
    const id = cell(row, iId)
    const typeText = cell(row, iType)
    const type = /^\d+$/.test(typeText) ? Number(typeText) : NaN
    if (!id) problem("route_id", "route_id is empty")
    else if (index.has(id)) problem("route_id", `route_id "${id}" appears twice`)
    if (Number.isNaN(type)) problem("route_type", `route_type "${typeText}" is not a GTFS route type (e.g. 2 rail, 1 metro)`)
    if (id && !index.has(id)) {
      index.set(id, ids.length)
      ids.push(id)
      shortNames.push(cell(row, iShort))
      longNames.push(cell(row, iLong))
      types.push(Number.isNaN(type) ? -1 : type)
    }
    if (log.full) break
  }
  return { ids, shortNames, longNames, types: Int32Array.from(types), index }
}

const readTransfers = async (zip: GtfsMembers, stops: GtfsStops, log: ProblemLog): Promise<Array<GtfsTransfer>> => {
  if (!zip.has("transfers.txt")) return []
  const table = await zip.table("transfers.txt", ["from_stop_id", "to_stop_id", "transfer_type"])
  const [iFrom, iTo, iType, iMin, iFromTrip, iToTrip] = ["from_stop_id", "to_stop_id", "transfer_type", "min_transfer_time", "from_trip_id", "to_trip_id"].map(table.column) as [number, number, number, number, number, number]
  const out: Array<GtfsTransfer> = []
  for await (const row of table.rows()) {
    const problem = (field: string, message: string) => log.add({ file: table.file, row: row.row, field, message })
    const typeText = cell(row, iType)
    const type = typeText === "" ? 0 : Number(typeText)
    if (![0, 1, 2, 3, 4, 5].includes(type)) problem("transfer_type", `transfer_type must be 0-5, got "${typeText}"`)
    if (type >= 4 || cell(row, iFromTrip) || cell(row, iToTrip)) continue
    const stop = (index: number, field: string) => {
      const id = cell(row, index)
      const s = stops.index.get(id)
      if (s === undefined) problem(field, `unknown ${field} "${id}" (not in stops.txt)`)
      return s
    }
    const from = stop(iFrom, "from_stop_id")
    const to = stop(iTo, "to_stop_id")
    const minText = cell(row, iMin)
    const min = minText === "" ? -1 : Number(minText)
    if (minText !== "" && !(Number.isInteger(min) && min >= 0)) problem("min_transfer_time", `min_transfer_time "${minText}" must be whole seconds >= 0`)
    if (type === 2 && minText === "") problem("min_transfer_time", "transfer_type 2 needs min_transfer_time")
    if (from !== undefined && to !== undefined) out.push({ from, to, type, minTransferS: min })
    if (log.full) break
  }
  return out
}

/**
 * Reads and validates a GTFS zip under the given limits and signal.
 *
 * @example
 * const feed = await readGtfs(ctx.inputs.gtfs!.path, { ...readOptionsOf(ctx), filename: ctx.inputs.gtfs!.filename })
 * feed.stops.ids // ["A", "B", "C", "D"]
 */
export const readGtfs = async (path: string, options: ReadGtfsOptions): Promise<GtfsFeed> => {
  const { label = "gtfs", filename = basename(path) } = options
  const archive = await openZipArchive(path, label, options)
  const zip: GtfsMembers = {
    has: archive.has,
    table: async (member, required) => openCsv(await archive.open(member), `${label}/${member}`, required, options),
  }
  try {
    const what = `GTFS feed ${filename}`
    const log = new ProblemLog()
    for (const f of REQUIRED_FILES) {
      if (!zip.has(f)) log.add({ file: `${label}/${f}`, message: `required file ${f} is missing from ${filename}` })
    }
    if (!zip.has("calendar.txt") && !zip.has("calendar_dates.txt")) {
      log.add({ file: `${label}/calendar.txt`, message: `${filename} has neither calendar.txt nor calendar_dates.txt; one is required` })
    }
    log.throwIfAny(what)
    const stops = await readStops(zip, log)
    const routes = await readRoutes(zip, log)
    const services = await readServices(zip, log)
    log.throwIfAny(what)
    const tripsTable = await zip.table("trips.txt", ["route_id", "service_id", "trip_id"])
    const [iRoute, iService, iTrip] = ["route_id", "service_id", "trip_id"].map(tripsTable.column) as [number, number, number]
    const tripIds: Array<string> = []
    const tripRoute: Array<number> = []
    const tripService: Array<number> = []
    const tripIndex = new Map<string, number>()
    for await (const row of tripsTable.rows()) {
      const problem = (field: string, message: string) => log.add({ file: tripsTable.file, row: row.row, field, message })
      const id = cell(row, iTrip)
      const route = routes.index.get(cell(row, iRoute))
      const service = services.index.get(cell(row, iService))
      if (!id) problem("trip_id", "trip_id is empty")
      else if (tripIndex.has(id)) problem("trip_id", `trip_id "${id}" appears twice`)
      if (route === undefined) problem("route_id", `unknown route_id "${cell(row, iRoute)}" (not in routes.txt)`)
      if (service === undefined) problem("service_id", `unknown service_id "${cell(row, iService)}" (not in calendar.txt or calendar_dates.txt)`)
      if (id && !tripIndex.has(id) && route !== undefined && service !== undefined) {
        tripIndex.set(id, tripIds.length)
        tripIds.push(id)
        tripRoute.push(route)
        tripService.push(service)
      }
      if (log.full) break
    }
    log.throwIfAny(what)
    const stopTimesTable = await zip.table("stop_times.txt", ["trip_id", "stop_id", "stop_sequence", "arrival_time", "departure_time"])
    const { stopTimes, stopTimeStart } = await readStopTimes(stopTimesTable, tripIndex, tripIds, stops, log, options.limits.maxRows)
    log.throwIfAny(what)
    const transfers = await readTransfers(zip, stops, log)
    log.throwIfAny(what)
    let tripsWithoutStopTimes = 0
    for (let t = 0; t < tripIds.length; t++) if (stopTimeStart[t + 1] === stopTimeStart[t]) tripsWithoutStopTimes++
    return {
      filename,
      stops,
      routes,
      trips: { ids: tripIds, route: Int32Array.from(tripRoute), service: Int32Array.from(tripService), stopTimeStart, index: tripIndex },
      stopTimes,
      services,
      transfers,
      tripsWithoutStopTimes,
    }
  } finally {
    archive.close()
  }
}

/**
 * The toy feed whose answers are checked by hand. Four stations on one meridian (lon 121°E), going north from
 * A at 31°N: B 4 km from A, C 5 km from B, D 2 km from C. Route R1 runs A -> B -> C at 07:00 and 07:30 (20 min to B,
 * 45 min to C); route R2 runs C -> D at 07:50 (20 min). Weekday service in 2024.
 */
import { mkdtempSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { destinationPoint } from "../../src/geo/geodesic.js"
import { writeZip } from "./zip.js"

const north = (km: number) => destinationPoint(121, 31, 0, km * 1000)

/** Station coordinates [lon, lat]. */
export const STATIONS = { A: north(0), B: north(4), C: north(9), D: north(11) } as const

/** A Monday on which the weekday service runs. */
export const MONDAY = "2024-03-11"

/** The toy feed's files; pass overrides to break one. */
export const toyFeedFiles = (overrides: Readonly<Record<string, string | undefined>> = {}): Record<string, string> => {
  const files: Record<string, string | undefined> = {
    "agency.txt": "agency_id,agency_name,agency_url,agency_timezone\nT,Toy Rail,https://example.org,Asia/Shanghai\n",
    "stops.txt":
      "stop_id,stop_name,stop_lat,stop_lon\n" +
      Object.entries(STATIONS)
        .map(([id, [lon, lat]]) => `${id},Station ${id},${lat},${lon}`)
        .join("\n") +
      "\n",
    "routes.txt": "route_id,agency_id,route_short_name,route_long_name,route_type\nR1,T,R1,A-B-C,2\nR2,T,R2,C-D,2\n",
    "calendar.txt": "service_id,monday,tuesday,wednesday,thursday,friday,saturday,sunday,start_date,end_date\nWK,1,1,1,1,1,0,0,20240101,20241231\n",
    "trips.txt": "route_id,service_id,trip_id\nR1,WK,R1-0700\nR1,WK,R1-0730\nR2,WK,R2-0750\n",
    "stop_times.txt":
      "trip_id,arrival_time,departure_time,stop_id,stop_sequence\n" +
      "R1-0700,07:00:00,07:00:00,A,1\nR1-0700,07:20:00,07:20:00,B,2\nR1-0700,07:45:00,07:45:00,C,3\n" +
      "R1-0730,07:30:00,07:30:00,A,1\nR1-0730,07:50:00,07:50:00,B,2\nR1-0730,08:15:00,08:15:00,C,3\n" +
      "R2-0750,07:50:00,07:50:00,C,1\nR2-0750,08:10:00,08:10:00,D,2\n",
    ...overrides,
  }
  return Object.fromEntries(Object.entries(files).filter((e): e is [string, string] => e[1] !== undefined))
}

const dir = mkdtempSync(join(tmpdir(), "tijian-rail-"))
let counter = 0

/** Writes files into a fresh zip and returns it as a calculator input. */
export const zipFeed = (files: Readonly<Record<string, string>>, filename = "toy-feed.zip") => {
  const path = join(dir, `${counter++}-${filename}`)
  writeZip(path, files)
  return { filename, path }
}

/** Writes a text file (CSV) and returns it as a calculator input. */
export const textFile = (content: string, filename: string) => {
  const path = join(dir, `${counter++}-${filename}`)
  writeFileSync(path, content)
  return { filename, path }
}

/** Writes a binary file and returns it as a calculator input. */
export const binaryFile = (content: ArrayBuffer | Uint8Array, filename: string) => {
  const path = join(dir, `${counter++}-${filename}`)
  writeFileSync(path, content instanceof Uint8Array ? content : new Uint8Array(content))
  return { filename, path }
}

/** Population at the stations: A 1,000,000, B 200,000, C 150,000, D 100,000. */
export const stationPopulationCsv = (values: Readonly<Record<keyof typeof STATIONS, number>> = { A: 1_000_000, B: 200_000, C: 150_000, D: 100_000 }) =>
  "lon,lat,value\n" +
  (Object.keys(STATIONS) as Array<keyof typeof STATIONS>).map((k) => `${STATIONS[k][0]},${STATIONS[k][1]},${values[k]}`).join("\n") +
  "\n"

/**
 * Points from CSV: one row per point, columns `lon`, `lat` (WGS84 degrees) and the value (`value`, `population` or
 * `jobs`, people or jobs at that point, >= 0), and optionally `region` (the GB/T 2260 code of the point's city or
 * county, for a breakdown by city). Streamed; every bad cell is reported with its row and field.
 */
import { createReadStream } from "node:fs"
import { cell, openCsv } from "../gtfs/csvTable.js"
import { inputError, ProblemLog } from "../problems.js"
import type { ReadOptions } from "../readOptions.js"
import { PointList, type WeightedPoints } from "./WeightedPoints.js"

const pick = (columns: ReadonlyArray<string>, names: ReadonlyArray<string>) => columns.findIndex((c) => names.includes(c.toLowerCase()))

/** Reads a CSV of weighted points. */
export const readPointsCsv = async (path: string, label: string, quantity: "population" | "jobs", options: ReadOptions): Promise<WeightedPoints> => {
  const table = await openCsv(createReadStream(path), label, [], options)
  const iLon = pick(table.columns, ["lon", "lng", "longitude"])
  const iLat = pick(table.columns, ["lat", "latitude"])
  const iValue = pick(table.columns, ["value", quantity])
  const iRegion = pick(table.columns, ["region"])
  const missing = [
    [iLon, "lon"],
    [iLat, "lat"],
    [iValue, "value"],
  ].find(([i]) => i === -1)
  if (missing) {
    throw inputError({
      file: label,
      row: 1,
      field: String(missing[1]),
      message: `a ${quantity} CSV needs columns lon, lat and value (or ${quantity}); the header has: ${table.columns.join(", ")}`,
    })
  }
  const log = new ProblemLog()
  const points = new PointList()
  for await (const row of table.rows()) {
    const number = (index: number, field: string, ok: (v: number) => boolean, expected: string) => {
      const text = cell(row, index)
      const v = Number(text)
      if (text === "" || !Number.isFinite(v) || !ok(v)) {
        log.add({ file: label, row: row.row, field, message: `${field} "${text}" must be ${expected}` })
        return NaN
      }
      return v
    }
    const lon = number(iLon, table.columns[iLon]!, (v) => Math.abs(v) <= 180, "a WGS84 longitude in -180..180")
    const lat = number(iLat, table.columns[iLat]!, (v) => Math.abs(v) <= 90, "a WGS84 latitude in -90..90")
    const value = number(iValue, table.columns[iValue]!, (v) => v >= 0, `a number of ${quantity === "jobs" ? "jobs" : "people"} >= 0`)
    const region = iRegion === -1 ? undefined : cell(row, iRegion)
    if (region === "") log.add({ file: label, row: row.row, field: table.columns[iRegion]!, message: `region is empty; give the GB/T 2260 code of the point's city or county (e.g. 320509), or leave the column out` })
    if (!Number.isNaN(lon) && !Number.isNaN(lat) && !Number.isNaN(value) && region !== "") points.add(lon, lat, value, region === undefined ? undefined : { code: region, row: row.row })
    if (log.full) break
  }
  log.throwIfAny(`${quantity} file`)
  return points.finish("csv")
}

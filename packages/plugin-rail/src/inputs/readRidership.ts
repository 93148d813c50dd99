/**
 * Daily ridership per line from CSV: columns `line` (the operator's line id, e.g. a GTFS route_id), `date`
 * (YYYY-MM-DD or YYYYMMDD) and `boardings` (person-trips that day, a whole number >= 0). One row per line and day.
 */
import { createReadStream } from "node:fs"
import { cell, openCsv } from "../gtfs/csvTable.js"
import { parseYmd, type Ymd } from "../gtfs/time.js"
import { ProblemLog } from "../problems.js"
import type { ReadOptions } from "../readOptions.js"

/** One day of one line. */
export interface RidershipDay {
  readonly date: Ymd
  readonly boardings: number
}

/** Days by line, in file order. */
export type Ridership = ReadonlyMap<string, ReadonlyArray<RidershipDay>>

/** Reads and checks a ridership CSV. */
export const readRidership = async (path: string, label: string, options: ReadOptions): Promise<Ridership> => {
  const table = await openCsv(createReadStream(path), label, ["line", "date", "boardings"], options)
  const [iLine, iDate, iBoardings] = ["line", "date", "boardings"].map(table.column) as [number, number, number]
  const log = new ProblemLog()
  const byLine = new Map<string, Array<RidershipDay>>()
  const seen = new Map<string, number>()
  for await (const row of table.rows()) {
    const problem = (field: string, message: string) => log.add({ file: label, row: row.row, field, message })
    const line = cell(row, iLine)
    const dateText = cell(row, iDate)
    const date = parseYmd(dateText.replace(/^(\d{4})-(\d{2})-(\d{2})$/, "$1$2$3"))
    const boardingsText = cell(row, iBoardings)
    const boardings = /^\d+$/.test(boardingsText) ? Number(boardingsText) : NaN
    if (!line) problem("line", "line is empty")
    if (date === undefined) problem("date", `date "${dateText}" is not a date (YYYY-MM-DD or YYYYMMDD)`)
    if (!Number.isSafeInteger(boardings)) problem("boardings", `boardings "${boardingsText}" must be a whole number of person-trips >= 0`)
    if (line && date !== undefined && Number.isSafeInteger(boardings)) {
      const key = `${line}\u0000${date}`
      const first = seen.get(key)
      if (first !== undefined) problem("date", `line "${line}" has ${dateText} twice (first on row ${first})`)
      else {
        seen.set(key, row.row)
        const days = byLine.get(line) ?? []
        days.push({ date, boardings })
        byLine.set(line, days)
      }
    }
    if (log.full) break
  }
  log.throwIfAny("ridership file")
  return byLine
}

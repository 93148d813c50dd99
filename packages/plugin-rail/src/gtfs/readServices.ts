/**
 * Service calendars: calendar.txt (weekly pattern between two dates) and calendar_dates.txt (added or removed
 * dates). At least one of the two files must be present; a service may be defined by either or both.
 */
import type { ProblemLog } from "../problems.js"
import { cell } from "./csvTable.js"
import type { ServiceCalendar } from "./GtfsFeed.js"
import type { GtfsMembers } from "./readGtfs.js"
import { parseYmd, weekdayOf, type Ymd } from "./time.js"

const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const

interface WeeklyPattern {
  readonly days: ReadonlyArray<boolean>
  readonly start: Ymd
  readonly end: Ymd
}

/** Reads calendar.txt and calendar_dates.txt into a calendar; problems go to `log`. */
export const readServices = async (zip: GtfsMembers, log: ProblemLog): Promise<ServiceCalendar> => {
  const ids: Array<string> = []
  const index = new Map<string, number>()
  const serviceIndex = (id: string) => {
    let i = index.get(id)
    if (i === undefined) {
      i = ids.length
      ids.push(id)
      index.set(id, i)
    }
    return i
  }
  const weekly = new Map<number, WeeklyPattern>()
  const exceptions = new Map<number, Map<Ymd, 1 | 2>>()
  let first = Infinity
  let last = -Infinity
  if (zip.has("calendar.txt")) {
    const table = await zip.table("calendar.txt", ["service_id", ...WEEKDAYS, "start_date", "end_date"])
    const col = Object.fromEntries(table.columns.map((c, i) => [c, i]))
    for await (const row of table.rows()) {
      const problem = (field: string, message: string) => log.add({ file: table.file, row: row.row, field, message })
      const id = cell(row, col.service_id!)
      if (!id) problem("service_id", "service_id is empty")
      else if (index.has(id) && weekly.has(index.get(id)!)) problem("service_id", `service_id "${id}" appears twice`)
      const days = WEEKDAYS.map((d) => {
        const v = cell(row, col[d]!)
        if (v !== "0" && v !== "1") problem(d, `${d} must be 0 or 1, got "${v}"`)
        return v === "1"
      })
      const start = parseYmd(cell(row, col.start_date!))
      const end = parseYmd(cell(row, col.end_date!))
      if (start === undefined) problem("start_date", `start_date "${cell(row, col.start_date!)}" is not a date YYYYMMDD`)
      if (end === undefined) problem("end_date", `end_date "${cell(row, col.end_date!)}" is not a date YYYYMMDD`)
      if (start !== undefined && end !== undefined && end < start) problem("end_date", `end_date ${end} is before start_date ${start}`)
      if (id && start !== undefined && end !== undefined) {
        weekly.set(serviceIndex(id), { days, start, end })
        first = Math.min(first, start)
        last = Math.max(last, end)
      }
      if (log.full) break
    }
  }
  if (zip.has("calendar_dates.txt")) {
    const table = await zip.table("calendar_dates.txt", ["service_id", "date", "exception_type"])
    const [iId, iDate, iType] = ["service_id", "date", "exception_type"].map(table.column) as [number, number, number]
    for await (const row of table.rows()) {
      const problem = (field: string, message: string) => log.add({ file: table.file, row: row.row, field, message })
      const id = cell(row, iId)
      const date = parseYmd(cell(row, iDate))
      const type = cell(row, iType)
      if (!id) problem("service_id", "service_id is empty")
      if (date === undefined) problem("date", `date "${cell(row, iDate)}" is not a date YYYYMMDD`)
      if (type !== "1" && type !== "2") problem("exception_type", `exception_type must be 1 (added) or 2 (removed), got "${type}"`)
      if (id && date !== undefined && (type === "1" || type === "2")) {
        const s = serviceIndex(id)
        const byDate = exceptions.get(s) ?? new Map<Ymd, 1 | 2>()
        byDate.set(date, type === "1" ? 1 : 2)
        exceptions.set(s, byDate)
        first = Math.min(first, date)
        last = Math.max(last, date)
      }
      if (log.full) break
    }
  }
  return {
    ids,
    index,
    range: Number.isFinite(first) ? { first, last } : undefined,
    activeOn: (date) => {
      const flags = new Uint8Array(ids.length)
      const weekday = weekdayOf(date)
      for (let s = 0; s < ids.length; s++) {
        const w = weekly.get(s)
        let on = w !== undefined && date >= w.start && date <= w.end && w.days[weekday] === true
        const exception = exceptions.get(s)?.get(date)
        if (exception === 1) on = true
        else if (exception === 2) on = false
        flags[s] = on ? 1 : 0
      }
      return flags
    },
  }
}

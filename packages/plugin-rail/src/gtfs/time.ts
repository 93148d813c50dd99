/**
 * GTFS times and dates. A time is seconds since "noon minus 12 h" of the service day, so it may pass 24:00:00
 * (`25:10:00` is 01:10 the next morning on the same service day). A date is `YYYYMMDD`.
 */

/** Seconds in a day. */
export const DAY_S = 86_400

/**
 * Parses `H:MM:SS` / `HH:MM:SS` (hours may exceed 24) into seconds, or returns undefined when malformed.
 *
 * @example
 * parseGtfsTime("07:20:00") // 26400
 * parseGtfsTime("25:10:00") // 90600
 */
export const parseGtfsTime = (text: string): number | undefined => {
  const m = /^(\d{1,3}):([0-5]\d):([0-5]\d)$/.exec(text)
  if (!m) return undefined
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3])
}

/** Parses a clock time `HH:MM` (or `HH:MM:SS`) for parameters, e.g. a departure window. Undefined when malformed. */
export const parseClock = (text: string): number | undefined => {
  const m = /^(\d{1,2}):([0-5]\d)(?::([0-5]\d))?$/.exec(text.trim())
  if (!m) return undefined
  return Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3] ?? 0)
}

/** Formats seconds as `HH:MM:SS` (hours may exceed 24). */
export const formatGtfsTime = (seconds: number): string => {
  const h = Math.floor(seconds / 3600)
  const m = Math.floor((seconds % 3600) / 60)
  const s = seconds % 60
  return `${String(h).padStart(2, "0")}:${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`
}

/** A calendar date as `YYYYMMDD` digits. */
export type Ymd = number

/** Parses `YYYYMMDD` into a number, checking that the date exists. Undefined when malformed. */
export const parseYmd = (text: string): Ymd | undefined => {
  const m = /^(\d{4})(\d{2})(\d{2})$/.exec(text.trim())
  if (!m) return undefined
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])]
  const date = new Date(Date.UTC(y, mo - 1, d))
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined
  return y * 10000 + mo * 100 + d
}

const toDate = (ymd: Ymd) => new Date(Date.UTC(Math.floor(ymd / 10000), Math.floor(ymd / 100) % 100 - 1, ymd % 100))

/** Day of week, 0 = Monday ... 6 = Sunday (the order of calendar.txt's columns). */
export const weekdayOf = (ymd: Ymd): number => (toDate(ymd).getUTCDay() + 6) % 7

/** The date `days` days after `ymd` (negative for before). */
export const addDays = (ymd: Ymd, days: number): Ymd => {
  const d = toDate(ymd)
  d.setUTCDate(d.getUTCDate() + days)
  return d.getUTCFullYear() * 10000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate()
}

/**
 * Reading path and query parameters, with 400s that say what was expected.
 */
import { canonicalTime, YEAR_RANGE } from "@tijian/core"
import { BadRequest } from "./errors.js"

/** Reads `asOf` as an ISO time with a zone and returns core's canonical UTC form. */
export const parseAsOf = (text: string): string => {
  const time = canonicalTime(text)
  if (time === undefined) {
    throw new BadRequest({
      message: `asOf must be an ISO-8601 date or date-time with a time zone (e.g. 2025-01-01 or 2025-01-01T08:00:00Z), not "${text}"`,
    })
  }
  return time
}

/** Reads a year within core's accepted range. */
export const parseYear = (text: string, name = "year"): number => {
  const year = /^\d{1,4}$/.test(text) ? Number(text) : Number.NaN
  if (!Number.isInteger(year) || year < YEAR_RANGE.min || year > YEAR_RANGE.max) {
    throw new BadRequest({ message: `${name} must be a whole year between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}, not "${text}"` })
  }
  return year
}

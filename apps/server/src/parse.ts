/**
 * Reading path and query parameters outside the endpoint objects (pages, shared renderers), with the same 400s
 * as the endpoints' parameter Schemas (`endpoint/parameters.ts`).
 */
import { Schema } from "effect"
import { AsOfParam, badYearMessage, decodeParams, yearOf } from "./endpoint/parameters.js"
import { BadRequest } from "./errors.js"

const AsOfOnly = Schema.Struct({ asOf: AsOfParam })

/** Reads `asOf` as an ISO time with a zone and returns core's canonical UTC form. */
export const parseAsOf = (text: string): string => decodeParams(AsOfOnly, { asOf: text }).asOf

/** Reads a year within core's accepted range. */
export const parseYear = (text: string, name = "year"): number => {
  const year = yearOf(text)
  if (year === undefined) throw new BadRequest({ message: badYearMessage(text, name) })
  return year
}

/**
 * Reading the calculators' parameters (already typed and defaulted by core's `resolveParams`) into the values the
 * computations need, with a clear `invalid-parameter` error for anything out of range.
 */
import type { CalculatorContext, CalculatorParameter } from "@tijian/core/plugin"
import type { GtfsFeed } from "../gtfs/GtfsFeed.js"
import { parseClock, parseYmd, type Ymd } from "../gtfs/time.js"
import { parameterError } from "../problems.js"
import { resolveStops } from "../raptor/compileTimetable.js"

/** Builds a parameter declaration. */
export const param = (
  name: string,
  type: CalculatorParameter["type"],
  zh: string,
  en: string,
  defaultValue?: CalculatorParameter["default"],
): CalculatorParameter => ({ name, type, description: { zh, en }, ...(defaultValue !== undefined ? { default: defaultValue } : {}) })

/** The shared parameter declarations. */
export const commonParams = {
  date: param("date", "string", "服务日 YYYYMMDD（须在计算年份内）", "Service day YYYYMMDD (within the run's year)"),
  routeTypes: param("routeTypes", "string-list", "仅计入这些 GTFS route_type（如 2 铁路、101 高铁）；空为全部", "Only these GTFS route_type codes (e.g. 2 rail, 101 high-speed); empty: all", []),
}

/** Checks that the run's region is a known region or group code. */
export const checkRegion = (ctx: CalculatorContext): void => {
  if (!ctx.regions.has(ctx.region)) throw parameterError("region", `"${ctx.region}" is not a known region or group code (GB/T 2260, e.g. 320500)`)
}

/** A number parameter within (min, max]. */
export const numberParam = (ctx: CalculatorContext, name: string, min: number, max: number): number => {
  const v = ctx.params[name] as number
  if (!(v > min && v <= max)) throw parameterError(name, `must be greater than ${min} and at most ${max}, got ${v}`)
  return v
}

/** A whole-number parameter in [min, max]. */
export const integerParam = (ctx: CalculatorContext, name: string, min: number, max: number): number => {
  const v = ctx.params[name] as number
  if (!(Number.isInteger(v) && v >= min && v <= max)) throw parameterError(name, `must be a whole number from ${min} to ${max}, got ${v}`)
  return v
}

/** The service day; required, and within the run's year. */
export const dateParam = (ctx: CalculatorContext, feed: GtfsFeed): Ymd => {
  const text = ctx.params.date as string | undefined
  if (text === undefined) throw parameterError("date", "a service day YYYYMMDD is required")
  const date = parseYmd(text)
  if (date === undefined) throw parameterError("date", `"${text}" is not a date YYYYMMDD`)
  if (Math.floor(date / 10000) !== ctx.year) throw parameterError("date", `${text} is not in ${ctx.year}, the year the values are for`)
  const range = feed.services.range
  if (!range || date < range.first || date > range.last) {
    throw parameterError("date", `${text} is outside the feed's calendar${range ? ` (${range.first}-${range.last})` : ""}`)
  }
  return date
}

/** A clock time parameter (HH:MM) in seconds. */
export const clockParam = (ctx: CalculatorContext, name: string): number => {
  const text = ctx.params[name] as string
  const v = parseClock(text)
  if (v === undefined) throw parameterError(name, `"${text}" is not a time HH:MM`)
  return v
}

/** The GTFS route types to keep (empty set: all). */
export const routeTypesParam = (ctx: CalculatorContext): ReadonlySet<number> => {
  const list = (ctx.params.routeTypes as ReadonlyArray<string> | undefined) ?? []
  for (const t of list) if (!/^\d+$/.test(t)) throw parameterError("routeTypes", `"${t}" is not a GTFS route_type code`)
  return new Set(list.map(Number))
}

/** Stop ids (a station id stands for its platforms); required and all known. */
export const stopsParam = (ctx: CalculatorContext, feed: GtfsFeed, name: string): { readonly ids: ReadonlyArray<string>; readonly stops: Array<number> } => {
  const ids = (ctx.params[name] as ReadonlyArray<string> | undefined) ?? []
  if (ids.length === 0) throw parameterError(name, "give one or more stop_id values (a station's id stands for all its platforms)")
  const { stops, unknown } = resolveStops(feed, ids)
  if (unknown.length > 0) throw parameterError(name, `unknown stop_id ${unknown.map((u) => `"${u}"`).join(", ")} (not in ${feed.filename} stops.txt)`)
  if (stops.length === 0) throw parameterError(name, `${ids.join(", ")} name no stop or platform`)
  return { ids, stops }
}

/** Formats a ratio as a percentage with two decimals, for notes. */
export const percent = (share: number): string => `${(share * 100).toFixed(2)}%`

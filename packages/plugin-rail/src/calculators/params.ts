/**
 * The rail calculators' shared parameters, as Schemas in the units a transport analyst uses (ISO dates, km/h,
 * minutes, metres), and the checks that need the feed (a service day inside its calendar, stop ids it knows).
 */
import { optionalParam, param, Params, type CalculatorContext } from "@tijian/core/plugin"
import type { GtfsFeed } from "../gtfs/GtfsFeed.js"
import type { Ymd } from "../gtfs/time.js"
import { parameterError } from "../problems.js"
import { resolveStops } from "../raptor/compileTimetable.js"

/** The shared parameter declarations. */
export const commonParams = {
  date: param(Params.IsoDate, { zh: "服务日 YYYY-MM-DD（须在计算年份内）", en: "Service day YYYY-MM-DD (within the run's year)" }),
  optionalDate: optionalParam(Params.IsoDate, {
    zh: "可选：仅计入该服务日（YYYY-MM-DD）有列车运行的站点与线路",
    en: "Optional: only stations and lines served on this day (YYYY-MM-DD)",
  }),
  routeTypes: param(Params.TextList, {
    zh: "仅计入这些 GTFS route_type（如 2 铁路、101 高铁）；空为全部",
    en: "Only these GTFS route_type codes (e.g. 2 rail, 101 high-speed); empty: all",
    default: [],
  }),
}

/** Checks that the run's region is a known region or group code. */
export const checkRegion = (ctx: CalculatorContext<unknown>): void => {
  if (!ctx.regions.has(ctx.region)) throw parameterError("region", `"${ctx.region}" is not a known region or group code (GB/T 2260, e.g. 320500)`)
}

/** `YYYY-MM-DD` as GTFS's `YYYYMMDD` digits. */
export const ymdOf = (iso: string): Ymd => Number(iso.replaceAll("-", ""))

/** The service day: within the run's year and the feed's calendar. */
export const serviceDay = (iso: string, year: number, feed: GtfsFeed, name = "date"): Ymd => {
  const date = ymdOf(iso)
  if (Math.floor(date / 10000) !== year) throw parameterError(name, `${iso} is not in ${year}, the year the values are for`)
  const range = feed.services.range
  if (!range || date < range.first || date > range.last) {
    const show = (d: number) => `${String(d).slice(0, 4)}-${String(d).slice(4, 6)}-${String(d).slice(6)}`
    throw parameterError(name, `${iso} is outside the feed's calendar${range ? ` (${show(range.first)} to ${show(range.last)})` : ""}`)
  }
  return date
}

/** The GTFS route types to keep (empty set: all). */
export const routeTypesOf = (list: ReadonlyArray<string>): ReadonlySet<number> => {
  for (const t of list) if (!/^\d+$/.test(t)) throw parameterError("routeTypes", `"${t}" is not a GTFS route_type code (a whole number such as 2 or 101)`)
  return new Set(list.map(Number))
}

/** Stop ids (a station id stands for its platforms); at least one, all known. */
export const stopsOf = (feed: GtfsFeed, ids: ReadonlyArray<string>, name: string): { readonly ids: ReadonlyArray<string>; readonly stops: Array<number> } => {
  if (ids.length === 0) throw parameterError(name, "give one or more stop_id values (a station's id stands for all its platforms)")
  const { stops, unknown } = resolveStops(feed, ids)
  if (unknown.length > 0) throw parameterError(name, `unknown stop_id ${unknown.map((u) => `"${u}"`).join(", ")} (not in ${feed.filename} stops.txt)`)
  if (stops.length === 0) throw parameterError(name, `${ids.join(", ")} name no stop or platform`)
  return { ids, stops }
}

/** Formats a ratio as a percentage with two decimals, for notes. */
export const percent = (share: number): string => `${(share * 100).toFixed(2)}%`

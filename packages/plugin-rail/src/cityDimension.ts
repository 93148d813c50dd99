/**
 * The dimension `city` of the one-hour commute share: the prefecture-level city of the population points (the
 * reference regions' cities, and Shanghai, a province-level municipality, as its own city). A point is given its
 * city by the `region` column of the population CSV: a city's code, or one of its counties' (320509 Wujiang is
 * Suzhou 320500). Not additive: each city's value is the share of that city's own population within the hour, so
 * the cities' shares do not add up to the run's share (their population-weighted mean is it).
 */
import { type Dimension, type RegionSet, yrdRegions } from "@tijian/core/plugin"
import { ProblemLog } from "./problems.js"

/** Province-level municipalities: each is its own prefecture-level city. */
const MUNICIPALITIES: ReadonlySet<string> = new Set(["110000", "120000", "310000", "500000"])

const cityLevel = (regions: RegionSet) =>
  regions.regions.filter((r) => r.level === "city" || (r.level === "province" && MUNICIPALITIES.has(r.code))).sort((a, b) => (a.code < b.code ? -1 : 1))

/** The dimension, its codes the reference regions' prefecture-level cities in code order. */
export const commuteCityDimension = {
  id: "city",
  name: { zh: "所在城市", en: "city" },
  codes: cityLevel(yrdRegions()).map((r) => ({ code: r.code, name: { zh: r.nameZh, en: r.nameEn } })),
} as const satisfies Dimension

const declared = new Set(commuteCityDimension.codes.map((c) => c.code))

/**
 * The prefecture-level city of a region code: itself or its ancestor at city level (or a municipality), or
 * undefined when the code is unknown or above city level.
 *
 * @example
 * cityOf(regions, "320509") // "320500"
 * cityOf(regions, "310118") // "310000"
 */
export const cityOf = (regions: RegionSet, code: string): string | undefined => {
  for (let at = regions.get(code); at !== undefined; at = at.parent ? regions.get(at.parent) : undefined) {
    if (at.level === "city" || MUNICIPALITIES.has(at.code)) return at.code
  }
  return undefined
}

/** Each point's city as an index into `cities` (the cities present, in the dimension's order). */
export interface PointCities {
  readonly cities: ReadonlyArray<string>
  readonly of: Int32Array
}

/**
 * The city of every point. Throws a `CalculatorError` (invalid-input) listing the points whose code is unknown, above
 * city level or outside the dimension's cities, each naming its file row.
 */
export const pointCities = (
  points: { readonly codes: ReadonlyArray<string>; readonly rows: ReadonlyArray<number> },
  regions: RegionSet,
  file: string,
): PointCities => {
  const problems = new ProblemLog()
  const cityCodes = points.codes.map((code, i) => {
    const city = cityOf(regions, code)
    if (city === undefined || !declared.has(city)) {
      const why = regions.get(code) === undefined ? "is not a known region code" : city === undefined ? "is above the level of a city" : "lies in a city outside the reference regions"
      problems.add({ file, row: points.rows[i]!, field: "region", message: `region "${code}" ${why}; give the GB/T 2260 code of the point's prefecture-level city or of one of its counties (e.g. 320509)` })
    }
    return city
  })
  problems.throwIfAny(`${file} file`)
  const cities = commuteCityDimension.codes.map((c) => c.code).filter((c) => cityCodes.includes(c))
  const index = new Map(cities.map((c, i) => [c, i]))
  return { cities, of: Int32Array.from(cityCodes, (c) => index.get(c!)!) }
}

/**
 * Members' values for a year: each member region's values of some indicators, from its own series (observed,
 * computed), as its own report would have them. What a group report's plugin sections and a composite's ranking read.
 */
import type { MemberValues } from "../Plugin.js"
import type { Region } from "../Region.js"
import type { RegistryService } from "../Registry.js"
import { buildSeries, type ObservedValue, type SeriesSet } from "./series.js"

/**
 * A reader of the members' values in `year` of the given indicators (those without one left out), in member order;
 * the members' series are built once, on first read, from `observations` (theirs among others).
 */
export const memberValues = (registry: RegistryService, members: ReadonlyArray<Region>, observations: ReadonlyArray<ObservedValue>, year: number) => {
  let series: ReadonlyArray<{ readonly region: Region; readonly series: SeriesSet }> | undefined
  return (indicators: ReadonlyArray<string>): ReadonlyArray<MemberValues> => {
    if (!series) {
      const byRegion = new Map<string, Array<ObservedValue>>()
      for (const o of observations) {
        const rows = byRegion.get(o.region)
        if (rows) rows.push(o)
        else byRegion.set(o.region, [o])
      }
      series = members.map((region) => ({ region, series: buildSeries(registry, { _tag: "region" as const, region }, byRegion.get(region.code) ?? [], year) }))
    }
    return series.map(({ region, series: s }) => {
      const values: Record<string, number> = {}
      for (const id of indicators) {
        const cell = s.get(id)?.get(year)
        if (cell?._tag === "value") values[id] = cell.value
      }
      return { code: region.code, name: { zh: region.nameZh, en: region.nameEn }, values }
    })
  }
}

/**
 * The outliers among a report year's registered values: each value of the year tested against its own series with
 * `historyOutlier`, the test the write path applies, so what a write flagged a report lists again.
 */
import { historyOutlier, type OutlierFinding, type YearValue } from "../HistoryOutliers.js"
import type { RegistryService } from "../Registry.js"
import type { ObservedValue } from "./series.js"

/** A value of the year flagged against its history. */
export interface YearOutlier {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  readonly finding: OutlierFinding
}

/**
 * The values of `year` among `observations` (of `regions` only) that are outliers against their cell's other years,
 * in indicator then region order.
 *
 * @example
 * // 100, 101, 102, 103, 104, 105 (2017-2022) then 160 in 2023: modified z-score far above 3.5
 * yearOutliers(registry, observations, new Set(["310000"]), 2023) // [{ indicator, region: "310000", value: 160, finding: { method: "modified-z", ... } }]
 */
export const yearOutliers = (
  registry: RegistryService,
  observations: ReadonlyArray<ObservedValue>,
  regions: ReadonlySet<string>,
  year: number,
): ReadonlyArray<YearOutlier> => {
  // indicator -> region -> the cell's values up to `year`; the store returns observations in cell order, so a run of
  // one cell shares one lookup (no key built per value); any order gives the same series
  const series = new Map<string, Map<string, Array<YearValue>>>()
  const ofYear: Array<{ readonly o: ObservedValue; readonly history: ReadonlyArray<YearValue> }> = []
  let run: Array<YearValue> | undefined
  let runIndicator = ""
  let runRegion = ""
  for (const o of observations) {
    if (o.year > year || !regions.has(o.region)) continue
    if (run === undefined || o.indicator !== runIndicator || o.region !== runRegion) {
      let byRegion = series.get(o.indicator)
      if (!byRegion) series.set(o.indicator, (byRegion = new Map()))
      run = byRegion.get(o.region)
      if (!run) byRegion.set(o.region, (run = []))
      runIndicator = o.indicator
      runRegion = o.region
    }
    run.push(o)
    if (o.year === year) ofYear.push({ o, history: run })
  }
  const out: Array<YearOutlier> = []
  for (const { o, history } of ofYear) {
    const indicator = registry.indicator(o.indicator)
    if (!indicator) continue
    const finding = historyOutlier(indicator, history, year, o.value)
    if (finding) out.push({ indicator: o.indicator, region: o.region, year, value: o.value, finding })
  }
  return out.sort((a, b) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : a.region < b.region ? -1 : a.region > b.region ? 1 : 0))
}

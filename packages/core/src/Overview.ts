/**
 * The overview of one indicator across every region of a level for one year (all 2,978 county-level units of China, say):
 * each region's value, status, progress and trend, taken from the rows of the regions' own reports, so it says what
 * each report says. `WarmEvaluations.overview` answers it from the kept evaluations.
 */
import { noProgress } from "./internal/progressCounts.js"
import type { Indicator } from "./Indicator.js"
import type { ProgressStatus } from "./Progress.js"
import type { Region, RegionLevel } from "./Region.js"
import type { Evaluation, Report, SeriesPoint } from "./Report.js"
import type { I18nText } from "./Text.js"

/** Which indicator, in which year, across which level of regions (default `county`). */
export interface OverviewInput {
  readonly indicator: string
  readonly year: number
  readonly level?: RegionLevel | undefined
}

/**
 * A region's row: its report's value of the indicator (null without one), the row's status (`not-reported` when the
 * indicator does not apply to the region, so its report lists it under "not reported"), its progress status (null
 * when not reported), its grade id, and its trend (every judged value up to the year, as the report shows it).
 */
export interface OverviewRow {
  readonly region: string
  readonly name: I18nText
  readonly parent: string | null
  readonly value: number | null
  readonly status: Evaluation["status"] | "not-reported"
  readonly progress: ProgressStatus | null
  readonly grade: string | null
  readonly trend: ReadonlyArray<SeriesPoint>
}

/** How many regions are in each state: with a value, missing, in error, not reported, and by progress status. */
export interface OverviewCounts {
  readonly regions: number
  readonly withValue: number
  readonly missing: number
  readonly error: number
  readonly notReported: number
  readonly progress: Readonly<Record<ProgressStatus, number>>
}

/** One indicator across a level's regions in a year, as of the latest change (`asOf`). */
export interface Overview {
  readonly indicator: string
  readonly name: I18nText
  readonly unit: I18nText
  readonly decimals: number
  readonly year: number
  readonly level: RegionLevel
  readonly asOf: string
  readonly counts: OverviewCounts
  /** One row per region of the level, in the order of the region set. */
  readonly rows: ReadonlyArray<OverviewRow>
}

const rowOf = (report: Report, indicator: string): Evaluation | undefined => {
  for (const section of report.sections) for (const e of section.evaluations) if (e.indicator === indicator) return e
  return undefined
}

/**
 * The overview from each region's report (`reports[i]` is the report of `regions[i]` for `year`).
 *
 * @example
 * overviewOf(indicator, 2024, "county", asOf, counties, reports).rows[0] // { region: "110101", value: 92.4, status: "ok", progress: "moderate", ... }
 */
export const overviewOf = (
  indicator: Indicator,
  year: number,
  level: RegionLevel,
  asOf: string,
  regions: ReadonlyArray<Region>,
  reports: ReadonlyArray<Report>,
): Overview => {
  const progress: Record<ProgressStatus, number> = noProgress()
  let withValue = 0
  let missing = 0
  let error = 0
  let notReported = 0
  const rows = regions.map((region, i): OverviewRow => {
    const row = rowOf(reports[i]!, indicator.id)
    const name = { zh: region.nameZh, en: region.nameEn }
    const parent = region.parent ?? null
    if (!row) {
      notReported++
      return { region: region.code, name, parent, value: null, status: "not-reported", progress: null, grade: null, trend: [] }
    }
    if (row.status === "ok") {
      withValue++
      progress[row.progress.status]++
    } else if (row.status === "missing") missing++
    else error++
    return {
      region: region.code,
      name,
      parent,
      value: row.value,
      status: row.status,
      progress: row.progress.status,
      grade: row.grade?.id ?? null,
      trend: row.trend,
    }
  })
  return {
    indicator: indicator.id,
    name: indicator.name,
    unit: indicator.unit,
    decimals: indicator.decimals,
    year,
    level,
    asOf,
    counts: { regions: regions.length, withValue, missing, error, notReported, progress },
    rows,
  }
}

/**
 * A row's breakdowns (issue #21): each code of each of the indicator's dimensions gets its own series, built from
 * the breakdown's rows as the total's is from the totals (registered, or for a group aggregated from the members by
 * the same rule and coverage), and is evaluated by `evaluateIndicator` against the targets that address it, so the
 * same as-of, approvals, lineage join, aggregation and progress rules judge a breakdown and a total.
 */
import { breakdownKey, TOTAL_BREAKDOWN } from "../Dimension.js"
import type { Indicator } from "../Indicator.js"
import type { Scope } from "../Region.js"
import type { Evaluation } from "../Report.js"
import type { BreakdownTargetSummary, DimensionBreakdown } from "../ReportBreakdowns.js"
import type { Target } from "../Target.js"
import { evaluateIndicator } from "./evaluateIndicator.js"
import { observedSeriesOf, type ObservedValue } from "./series.js"

/** A current breakdown as a report reads it: a value with its breakdown key. */
export type ObservedBreakdown = ObservedValue & { readonly breakdown?: string | undefined }

/** Indicator -> breakdown key -> its rows (every region and year read). */
export type BreakdownRows = ReadonlyMap<string, ReadonlyMap<string, ReadonlyArray<ObservedValue>>>

/**
 * The breakdown rows grouped by indicator and key, each group joined across recodes by `join` on its own (a
 * successor's own breakdown wins over its predecessor's, key by key).
 */
export const groupBreakdowns = (
  rows: ReadonlyArray<ObservedBreakdown>,
  join: (rows: ReadonlyArray<ObservedValue>) => ReadonlyArray<ObservedValue>,
): BreakdownRows => {
  const grouped = new Map<string, Map<string, Array<ObservedValue>>>()
  for (const r of rows) {
    const key = r.breakdown ?? TOTAL_BREAKDOWN
    if (key === TOTAL_BREAKDOWN) continue
    let byKey = grouped.get(r.indicator)
    if (!byKey) grouped.set(r.indicator, (byKey = new Map()))
    const { breakdown: _, ...value } = r
    byKey.set(key, [...(byKey.get(key) ?? []), value])
  }
  for (const byKey of grouped.values()) for (const [key, list] of byKey) byKey.set(key, [...join(list)])
  return grouped
}

/**
 * The breakdowns of `row` (the total's evaluation of `indicator`, which declares dimensions) in `year`: per
 * dimension, every code's value, share of the total (additive dimensions), and the assessments of `targets` (by
 * breakdown key). `totals` are the report's current totals, read for a weighted mean's weights.
 */
export const evaluateBreakdowns = (
  indicator: Indicator,
  row: Evaluation,
  scope: Scope,
  rows: ReadonlyMap<string, ReadonlyArray<ObservedValue>> | undefined,
  totals: ReadonlyArray<ObservedValue>,
  targets: ReadonlyMap<string, ReadonlyArray<Target>>,
  year: number,
): ReadonlyArray<DimensionBreakdown> => {
  const weight = indicator.aggregate?.rule === "weighted-mean" ? indicator.aggregate.weight : undefined
  const weights = weight === undefined ? [] : totals.filter((o) => o.indicator === weight)
  return (indicator.dimensions ?? []).map((d): DimensionBreakdown => {
    const additive = d.additive === true
    const values = d.codes.map((c) => {
      const key = breakdownKey(indicator.dimensions, { [d.id]: c.code })
      const series = observedSeriesOf(indicator, scope, [...(rows?.get(key) ?? []), ...weights], year)
      const keyTargets = targets.get(key) ?? []
      const e = evaluateIndicator(indicator, series, keyTargets, year, () => false)
      return {
        code: c.code,
        name: c.name,
        value: e.value,
        share: additive && e.value !== null && row.value !== null && row.value !== 0 ? e.value / row.value : null,
        coverage: e.coverage,
        targets: e.targets,
        progress: keyTargets.length === 0 ? null : e.progress,
        revisions: e.revisions,
      }
    })
    return { dimension: d.id, name: d.name, additive, complete: values.every((v) => v.value !== null), values }
  })
}

/**
 * The count of the targets on breakdowns among `rows`, apart from the totals'; undefined when there are none.
 *
 * @example
 * breakdownTargetSummary(rows) // { targets: 2, binding: 1, met: 1, notMet: 1, notAssessed: 0, bindingNotMet: 0, bindingNotAssessed: 0 }
 */
export const breakdownTargetSummary = (rows: ReadonlyArray<Evaluation>): BreakdownTargetSummary | undefined => {
  const summary = { targets: 0, binding: 0, met: 0, notMet: 0, notAssessed: 0, bindingNotMet: 0, bindingNotAssessed: 0 }
  for (const r of rows) {
    for (const d of r.breakdowns ?? []) {
      for (const v of d.values) {
        for (const t of v.targets) {
          if (t.kind === "forecast") continue
          summary.targets++
          if (t.binding) summary.binding++
          if (t.met === true) summary.met++
          else if (t.met === false) {
            summary.notMet++
            if (t.binding) summary.bindingNotMet++
          } else {
            summary.notAssessed++
            if (t.binding) summary.bindingNotAssessed++
          }
        }
      }
    }
  }
  return summary.targets === 0 ? undefined : summary
}

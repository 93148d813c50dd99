/**
 * A forecast target evaluated for one indicator, region and year (plan vs reality), the rule an outrun forecast adds
 * to the row, and the not-assessed row every kind of target shares.
 */
import { type ForecastJudgement, judgeForecast } from "../Forecast.js"
import type { Indicator } from "../Indicator.js"
import type { Point } from "../Progress.js"
import type { BrokenRule, TargetEvaluation } from "../Report.js"
import type { ForecastTarget, Target } from "../Target.js"

/** A row built field by field (in the report's key order). */
export type Writable<T> = { -readonly [K in keyof T]: T[K] }

/** Completes `row` as not assessed, for `reason` (null: a forecast that was judged). */
export const notAssessedRow = (row: Writable<TargetEvaluation>, reason: TargetEvaluation["notAssessed"]): TargetEvaluation => {
  row.met = null
  row.gap = null
  row.attainment = null
  row.progress = { status: "insufficient-data" }
  row.notAssessed = reason
  return row
}

/** A forecast: plan vs reality, never met or missed, no progress (see `judgeForecast`). */
export const evaluateForecast = (indicator: Indicator, target: Target & ForecastTarget, year: number, points: ReadonlyArray<Point>, partial: boolean) => {
  const row = { id: target.id, kind: target.kind, value: target.value, dueYear: target.dueYear, binding: false, source: target.source } as Writable<TargetEvaluation>
  row.expects = target.expects
  if (target.madeIn !== undefined) row.madeIn = target.madeIn
  row.baseline = null
  const judgement = partial ? undefined : judgeForecast(target, points, year, indicator.decimals)
  row.forecast = judgement ?? null
  return notAssessedRow(row, judgement ? null : partial ? "partial-coverage" : "no-value")
}

/** A number with thousands separators at `d` decimals, the same in every locale (9,500,000; 12.50). */
const grouped = (n: number, d: number) => n.toLocaleString("en-US", { minimumFractionDigits: d, maximumFractionDigits: d, useGrouping: true })

/**
 * "Reality outran the plan": the forecast, the year it was reached, how early, and how far the value compared is
 * past it, e.g. "the forecast of 9,500,000 for 2030 was reached by 2023, 7 years early; 10,000,000 in 2023,
 * 500,000 (5.3%) above it". The row names the indicator; the message names no target id.
 */
export const outranRule = (t: TargetEvaluation, f: ForecastJudgement, d: number): BrokenRule => {
  const pct = f.deviationShare === null ? null : `${(Math.abs(f.deviationShare) * 100).toFixed(1)}%`
  const by = (open: string, close: string) => `${grouped(Math.abs(f.deviation), d)}${pct === null ? "" : `${open}${pct}${close}`}`
  const above = f.deviation >= 0
  return {
    rule: "reality-outran-forecast",
    message: {
      zh: `现实超越规划：规划预测 ${t.dueYear} 年为 ${grouped(t.value!, d)}，${f.passedIn} 年已达到（提前 ${f.yearsEarly} 年）；${f.comparedYear} 年为 ${grouped(f.comparedValue, d)}，${above ? "高于" : "低于"}预测 ${by("（", "）")}`,
      en: `reality outran the plan: the forecast of ${grouped(t.value!, d)} for ${t.dueYear} was reached by ${f.passedIn}, ${f.yearsEarly} years early; ${grouped(f.comparedValue, d)} in ${f.comparedYear}, ${by(" (", ")")} ${above ? "above" : "below"} it`,
    },
  }
}

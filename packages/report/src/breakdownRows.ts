/**
 * What the HTML and Markdown renderings of breakdowns share: the targets on breakdowns of a report, row by row, and
 * a breakdown's value as text (null when not registered).
 */
import type { BreakdownValue, DimensionBreakdown, Evaluation, Lang, Report, TargetEvaluation } from "@tijian/core"
import { primaryTarget } from "./describe.js"
import { formatValue, type NumberStyle } from "./format.js"

/** One target on a breakdown: its row, the breakdown, the target, and whether it is the one the progress judges. */
export interface BreakdownTargetRow {
  readonly e: Evaluation
  readonly v: BreakdownValue
  readonly t: TargetEvaluation
  readonly primary: boolean
}

/** The goals (not forecasts) of a breakdown. */
export const breakdownGoals = (v: BreakdownValue): ReadonlyArray<TargetEvaluation> => v.targets.filter((t) => t.kind !== "forecast")

/** Whether a dimension has nothing to show: no code with a value or a target (said in one line, not a table). */
export const breakdownEmpty = (d: DimensionBreakdown): boolean => d.values.every((v) => v.value === null && v.targets.length === 0)

/** Every target on a breakdown in the report, in section, row, dimension and code order. */
export const breakdownTargetRows = (report: Report): ReadonlyArray<BreakdownTargetRow> =>
  report.sections.flatMap((s) => s.evaluations).flatMap((e) =>
    (e.breakdowns ?? []).flatMap((d) =>
      d.values.flatMap((v) => {
        const primary = primaryTarget(v, report.year)
        return breakdownGoals(v).map((t) => ({ e, v, t, primary: t === primary }))
      }),
    ),
  )

/** A breakdown's value in the indicator's unit ("25.0%", "3.2 million trips"), or null when none is registered. */
export const breakdownValueText = (value: number | null, style: NumberStyle, unit: string, lang: Lang): string | null =>
  value === null ? null : `${formatValue(value, style, lang)}${style.format === "percent" ? "" : ` ${unit}`}`

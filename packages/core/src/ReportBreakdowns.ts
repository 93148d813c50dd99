/**
 * The breakdowns of a report row (issue #21): for an indicator that declares dimensions, its value in the report year
 * broken down by each dimension's codes, with each code's share of the total (an additive dimension) and the
 * assessments of the targets that address it. Plain JSON; absent from rows of indicators without dimensions.
 */
import type { Progress } from "./Progress.js"
import type { Coverage, TargetEvaluation } from "./Report.js"
import type { I18nText } from "./Text.js"

/**
 * One code of a dimension in the report year.
 *
 * @example
 * { code: "metro", name: { zh: "地铁", en: "metro" }, value: 0.3, share: 0.4286, coverage: null, targets: [...],
 *   progress: { status: "moderate", ... }, revisions: ["mob.green-share/320500/2022/mode=metro/r1"] }
 */
export interface BreakdownValue {
  readonly code: string
  readonly name: I18nText
  /** The value in the indicator's unit; null when none is registered (or, for a group, no member registered one). */
  readonly value: number | null
  /** For an additive dimension: the value as a share (0..1) of the row's total; else, or without both values, null. */
  readonly share: number | null
  /** For a value aggregated from a group's members: how many reported, as for the total; else null. */
  readonly coverage: Coverage | null
  /** The targets that address this breakdown, assessed as a total's are; none: an empty list. */
  readonly targets: ReadonlyArray<TargetEvaluation>
  /** The progress status of its primary target; null when no target addresses it (not judged, never all clear). */
  readonly progress: Progress | null
  /** Ids of the stored revisions its value and series rest on. */
  readonly revisions: ReadonlyArray<string>
}

/** One dimension of a row's breakdowns: every declared code, in declaration order. */
export interface DimensionBreakdown {
  readonly dimension: string
  readonly name: I18nText
  /** The codes partition the total (see `Dimension.additive`). */
  readonly additive: boolean
  /** Every code has a value: for an additive dimension, the values add up to the total. */
  readonly complete: boolean
  readonly values: ReadonlyArray<BreakdownValue>
}

/**
 * The report's targets on breakdowns, counted apart from the totals' (the summary's other counts are about totals
 * only). Absent when no target of the report addresses a breakdown.
 */
export interface BreakdownTargetSummary {
  readonly targets: number
  /** Of `targets`, the binding (约束性) ones. */
  readonly binding: number
  readonly met: number
  readonly notMet: number
  /** Not assessed: no value registered for the breakdown, too little data, or a partial aggregate. */
  readonly notAssessed: number
  /** Of `notMet`, the binding ones: red lines of a breakdown breached. */
  readonly bindingNotMet: number
  /** Of `notAssessed`, the binding ones: red lines of a breakdown nobody could check. */
  readonly bindingNotAssessed: number
}

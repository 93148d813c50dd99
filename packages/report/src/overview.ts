/**
 * The overview of a group's members (or a parent region's children), after the SDSN Sustainable Development
 * Report dashboards: a member x indicator matrix whose cells give each member's own status (progress status,
 * or no data / error) and a trend (better, unchanged or worse than the member's previous value). Built from the
 * members' own reports for the same year; indicators no member has a value for are left out and counted.
 */
import type { Evaluation, I18nText, ProgressStatus, Report } from "@tijian/core"

/** A cell's status: the member's progress status, or why there is none. */
export type CellStatus = ProgressStatus | "missing" | "error"

/** Which way the member's value moved, in the indicator's better direction. */
export type Trend = "better" | "same" | "worse"

/** One member x indicator cell. */
export interface OverviewCell {
  readonly status: CellStatus
  readonly value: number | null
  /** null when there is nothing to compare with (no value, a single year, a band indicator). */
  readonly trend: Trend | null
  /** The year the trend compares with (the previous value's year, else the baseline's). */
  readonly trendFrom: number | null
}

/** One column: an indicator at least one member has a value for. */
export interface OverviewColumn {
  readonly indicator: string
  readonly plugin: string
  readonly name: I18nText
  readonly unit: I18nText
  readonly decimals: number
  readonly direction: Evaluation["direction"]
  /** Whether the scope has a binding target for it. */
  readonly binding: boolean
  /** How many members have a value. */
  readonly withValue: number
}

/** One row: a member with its cells, in column order. */
export interface OverviewRow {
  readonly code: string
  readonly name: I18nText
  readonly cells: ReadonlyArray<OverviewCell>
}

/** The overview of a scope's members. */
export interface Overview {
  readonly scope: string
  readonly scopeName: I18nText
  /** `group` members, or a parent region's `children`. */
  readonly kind: "members" | "children"
  readonly year: number
  readonly columns: ReadonlyArray<OverviewColumn>
  readonly rows: ReadonlyArray<OverviewRow>
  /** Indicators no member has a value for (left out of the matrix). */
  readonly leftOut: ReadonlyArray<{ readonly indicator: string; readonly name: I18nText }>
}

const evaluationsOf = (report: Report): ReadonlyArray<Evaluation> => report.sections.flatMap((s) => s.evaluations)

const roundedSign = (delta: number, decimals: number): number => {
  const scaled = Math.round(delta * 10 ** decimals)
  return scaled === 0 ? 0 : Math.sign(scaled)
}

/**
 * The trend of one evaluation: "worse" when it breaks the regression rule; else the sign of the change from
 * the previous value (else from the baseline), turned so that positive is better and compared at the
 * indicator's decimals. Band indicators have no better direction: null.
 *
 * @example
 * trendOf(evaluation) // { trend: "better", from: 2023 }
 */
export const trendOf = (e: Evaluation, year: number): { readonly trend: Trend | null; readonly from: number | null } => {
  if (e.status !== "ok" || e.value === null) return { trend: null, from: null }
  const previous = [...e.trend].filter((p) => p.year < year).pop()
  const from = previous ?? (e.baseline && e.baseline.year < year ? e.baseline : null)
  if (e.rulesBroken.some((r) => r.rule === "regression")) return { trend: "worse", from: previous?.year ?? from?.year ?? null }
  if (!from || e.direction === "band") return { trend: null, from: from?.year ?? null }
  const sign = roundedSign(e.value - from.value, e.decimals) * (e.direction === "lower-is-better" ? -1 : 1)
  return { trend: sign > 0 ? "better" : sign < 0 ? "worse" : "same", from: from.year }
}

const cellOf = (e: Evaluation | undefined, year: number): OverviewCell => {
  if (!e || e.status === "missing") return { status: "missing", value: null, trend: null, trendFrom: null }
  if (e.status === "error") return { status: "error", value: null, trend: null, trendFrom: null }
  const { trend, from } = trendOf(e, year)
  return { status: e.progress.status, value: e.value, trend, trendFrom: from }
}

/**
 * The overview of `report`'s members from their own reports (`memberReports`, in the order rows are shown).
 * Columns follow the scope report's order, then any indicator only a member's report holds.
 *
 * @example
 * const o = buildOverview(demoZone2025, [qingpu, wujiang, jiashan])
 * o.rows[0].cells[0] // { status: "substantial", value: 0.21, trend: "better", trendFrom: 2024 }
 */
export const buildOverview = (report: Report, memberReports: ReadonlyArray<Report>): Overview => {
  const byMember = memberReports.map((m) => new Map(evaluationsOf(m).map((e) => [e.indicator, e])))
  const known = new Map<string, Evaluation>()
  for (const e of [...evaluationsOf(report), ...memberReports.flatMap(evaluationsOf)]) if (!known.has(e.indicator)) known.set(e.indicator, e)
  const notReported = (report as { readonly notReported?: ReadonlyArray<{ indicator: string; name: I18nText }> }).notReported ?? []
  const scopeBinding = new Set(evaluationsOf(report).filter((e) => e.targets.some((t) => t.binding)).map((e) => e.indicator))
  const columns: Array<OverviewColumn> = []
  const leftOut: Array<{ indicator: string; name: I18nText }> = []
  for (const [indicator, e] of known) {
    const withValue = byMember.filter((m) => {
      const s = m.get(indicator)?.status
      return s === "ok" || s === "error"
    }).length
    if (withValue === 0) {
      leftOut.push({ indicator, name: e.name })
      continue
    }
    const binding = scopeBinding.has(indicator) || byMember.some((m) => m.get(indicator)?.targets.some((t) => t.binding) ?? false)
    columns.push({ indicator, plugin: e.plugin, name: e.name, unit: e.unit, decimals: e.decimals, direction: e.direction, binding, withValue })
  }
  for (const n of notReported) if (!known.has(n.indicator)) leftOut.push({ indicator: n.indicator, name: n.name })
  return {
    scope: report.scope.code,
    scopeName: report.scope.name,
    kind: report.scope.type === "group" ? "members" : "children",
    year: report.year,
    columns,
    rows: memberReports.map((m, i) => ({
      code: m.scope.code,
      name: m.scope.name,
      cells: columns.map((c) => cellOf(byMember[i]!.get(c.indicator), report.year)),
    })),
    leftOut,
  }
}

/**
 * The indicator a map shows when none is chosen: the column most members have a value for, binding targets
 * first, then in column order; undefined when there are no columns.
 */
export const defaultMapIndicator = (overview: Overview): string | undefined =>
  [...overview.columns].sort((a, b) => b.withValue - a.withValue || Number(b.binding) - Number(a.binding))[0]?.indicator

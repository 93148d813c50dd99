/**
 * The judgement a reviewer reads first: how the scope's binding (约束性) targets stand — breached (red), not
 * assessed (amber: no value for the year, too little data, or a partial aggregate), met — and the verdict that
 * may be drawn from them. "No binding target is missed" is said only when every binding target was assessed.
 * A binding target on a breakdown (a share for one mode) is a red line too: the verdict and its counts include the
 * breakdowns' binding targets (`summary.breakdownTargets`), and say how many of them are on breakdowns; the rows
 * themselves are listed with the breakdowns' targets.
 * Works on reports of any schema: an edition published before `summary.binding` existed is counted from its rows.
 */
import type { BindingSummary, DiagnosisItem, I18nText, NotAssessedReason, Report } from "@tijian/core"

/** The verdict of the binding summary, from worst to best. */
export type BindingVerdict = "breached" | "not-assessed" | "all-met" | "none-apply"

/** The binding counts of a report, and its not-assessed targets. */
export interface BindingStanding {
  readonly counts: BindingSummary
  readonly verdict: BindingVerdict
  readonly notAssessed: ReadonlyArray<DiagnosisItem>
  /** How many of `counts.targets` are binding targets on breakdowns. */
  readonly onBreakdowns: number
}

/**
 * The binding standing of a report.
 *
 * @example
 * bindingStanding(report) // { counts: { targets: 4, met: 0, breached: 0, notAssessed: 4 }, verdict: "not-assessed", ... }
 */
export const bindingStanding = (report: Report): BindingStanding => {
  const rows = report.sections.flatMap((s) => s.evaluations)
  const totals =
    report.summary.binding ??
    rows.reduce(
      (c, r) => {
        for (const t of r.targets) {
          if (!t.binding) continue
          c.targets++
          if (t.met === true) c.met++
          else if (t.met === false) c.breached++
          else c.notAssessed++
        }
        return c
      },
      { targets: 0, met: 0, breached: 0, notAssessed: 0 },
    )
  const notAssessed =
    report.diagnosis.bindingNotAssessed ??
    rows.flatMap((r) =>
      r.targets
        .filter((t) => t.binding && t.met === null)
        .map((t): DiagnosisItem => ({ indicator: r.indicator, name: r.name, value: r.value, target: t.id, reason: r.value === null ? "no-value" : "too-little-data" })),
    )
  const b = report.summary.breakdownTargets
  const onBreakdowns = b?.binding ?? 0
  const counts: BindingSummary =
    b === undefined || onBreakdowns === 0
      ? totals
      : {
          targets: totals.targets + onBreakdowns,
          met: totals.met + (onBreakdowns - b.bindingNotMet - b.bindingNotAssessed),
          breached: totals.breached + b.bindingNotMet,
          notAssessed: totals.notAssessed + b.bindingNotAssessed,
        }
  const verdict: BindingVerdict =
    counts.breached > 0 ? "breached" : counts.notAssessed > 0 ? "not-assessed" : counts.targets > 0 ? "all-met" : "none-apply"
  return { counts, verdict, notAssessed, onBreakdowns }
}

/** The sentence that says how many of the binding targets are on breakdowns (empty when none). */
export const onBreakdownsText = (standing: BindingStanding): I18nText => {
  const n = standing.onBreakdowns
  if (n === 0) return { zh: "", en: "" }
  return {
    zh: standing.counts.targets === n ? `均为分项目标，见下方"分项目标"。` : `${standing.counts.targets} 项中 ${n} 项为分项目标，见下方"分项目标"。`,
    en:
      standing.counts.targets === n
        ? ` ${n === 1 ? "It is a target on a breakdown" : "They are targets on breakdowns"}, listed under "Targets on breakdowns".`
        : ` Of the ${standing.counts.targets}, ${n} ${n === 1 ? "is a target on a breakdown" : "are targets on breakdowns"}, listed under "Targets on breakdowns".`,
  }
}

/** The sentence of each verdict, with the counts. */
export const verdictText = (counts: BindingSummary): Readonly<Record<BindingVerdict, I18nText>> => ({
  breached: {
    zh: `${counts.targets} 项约束性目标中 ${counts.breached} 项未达到（突破底线）${counts.notAssessed > 0 ? `，另有 ${counts.notAssessed} 项未能评估` : ""}。`,
    en: `${counts.breached} of ${counts.targets} binding targets are breached (red lines)${counts.notAssessed > 0 ? `; ${counts.notAssessed} more could not be assessed` : ""}.`,
  },
  "not-assessed": {
    zh: `${counts.targets} 项约束性目标中 ${counts.notAssessed} 项未能评估，不能判定底线是否守住；其余 ${counts.met} 项达到。`,
    en: `${counts.notAssessed} of ${counts.targets} binding targets could not be assessed, so no all-clear can be given; ${counts.met} met.`,
  },
  "all-met": {
    zh: `${counts.targets} 项约束性目标全部评估且全部达到，没有未达标的约束性目标。`,
    en:
      counts.targets === 1
        ? "The one binding target was assessed and met: no binding target is missed."
        : `All ${counts.targets} binding targets were assessed and met: no binding target is missed.`,
  },
  "none-apply": {
    zh: "本范围没有约束性目标，本报告不对底线作出判断。",
    en: "No binding target applies to this scope; this report makes no red-line judgement.",
  },
})

/** The three counts' labels. */
export const bindingCountLabels = {
  breached: { zh: "未达到（突破底线）", en: "Breached" },
  notAssessed: { zh: "未能评估", en: "Not assessed" },
  met: { zh: "达到", en: "Met" },
  targets: { zh: "约束性目标", en: "Binding targets" },
  heading: { zh: "约束性目标（底线）", en: "Binding targets (red lines)" },
  notAssessedList: { zh: "未能评估的约束性目标", en: "Binding targets not assessed" },
  why: { zh: "原因", en: "Why" },
} as const satisfies Record<string, I18nText>

/** Why a target was not assessed, in words. */
export const notAssessedLabels: Readonly<Record<NotAssessedReason, I18nText>> = {
  "no-value": { zh: "本年无数据", en: "no value for the year" },
  "too-little-data": { zh: "数据不足（缺基期值）", en: "too little data (no baseline value)" },
  "partial-coverage": { zh: "汇总值仅覆盖部分成员", en: "aggregate covers too few members" },
  "no-benchmark-value": { zh: "对标地区本年无数据", en: "no value of the benchmark region for the year" },
}

/** Labels of the applicability list and of partial aggregates. */
export const applicabilityLabels = {
  notReported: { zh: "本范围不报告的指标", en: "Not reported for this scope" },
  notReportedGloss: {
    zh: "这些指标对本范围没有目标、未声明适用、也没有数据，因此不列入评估和完整性统计。",
    en: "These indicators have no target for this scope, are not declared for it and have no value, so they are left out of the evaluation and of completeness.",
  },
  partial: { zh: "部分汇总", en: "Partial" },
  coverage: (reported: number, members: number): I18nText => ({
    zh: `${members} 个成员中 ${reported} 个有数据`,
    en: `${reported} of ${members} members reported`,
  }),
  weightShare: (share: string): I18nText => ({ zh: `权重占 ${share}`, en: `${share} of the weight` }),
  notJudged: { zh: "覆盖不足，不作目标判断", en: "too few members to judge against a target" },
} as const

/** The labels of a row's breakdowns (issue #21), in Chinese and English. */
import type { BreakdownTargetSummary, I18nText } from "@tijian/core"

/** Fixed labels of the breakdown table, bar and summary line. */
export const breakdownLabels = {
  share: { zh: "占总量", en: "Share of total" },
  notRegistered: { zh: "未登记", en: "not registered" },
  noTarget: { zh: "无目标（不评判）", en: "no target (not judged)" },
  notJudged: { zh: "不评判", en: "not judged" },
  heading: { zh: "分项", en: "Breakdowns" },
  summaryHeading: { zh: "分项目标", en: "Targets on breakdowns" },
  breakdown: { zh: "分项", en: "Breakdown" },
} as const satisfies Record<string, I18nText>

/** Labels built from the data. */
export const breakdownPhrases = {
  /** The diagnosis' red lines: binding targets on breakdowns not met (listed with the breakdowns' targets). */
  redLines: (n: number): I18nText => ({
    zh: `${n} 项分项约束性目标未达到（突破底线），见摘要中的"分项目标"。`,
    en: `${n} binding target${n === 1 ? " on a breakdown is" : "s on breakdowns are"} not met (red lines), listed under "Targets on breakdowns" in the summary.`,
  }),
  /** "By mode (2022)". */
  caption: (dimension: I18nText, year: number): I18nText => ({ zh: `按${dimension.zh}分（${year} 年）`, en: `By ${dimension.en} (${year})` }),
  /** The bar's text: "Composition of the total (70%): metro 43%, bus 36%, bike 21%" (no parts: the heading alone). */
  composition: (total: string, parts: ReadonlyArray<{ readonly name: I18nText; readonly share: string }>): I18nText => ({
    zh: `总量（${total}）构成${parts.length === 0 ? "" : `：${parts.map((p) => `${p.name.zh} ${p.share}`).join("，")}`}`,
    en: `Composition of the total (${total})${parts.length === 0 ? "" : `: ${parts.map((p) => `${p.name.en} ${p.share}`).join(", ")}`}`,
  }),
  /** A dimension with no value and no target: one line, not a table of blanks. */
  noneRegistered: (dimension: I18nText, year: number): I18nText => ({
    zh: `按${dimension.zh}分（${year} 年）：未登记任何分项，无分项目标`,
    en: `By ${dimension.en} (${year}): no breakdown registered, no target on one`,
  }),
  /** Why an additive dimension draws no bar: some codes are not registered. */
  incomplete: (missing: ReadonlyArray<I18nText>): I18nText => ({
    zh: `分项不全（${missing.map((m) => m.zh).join("、")}未登记）：不绘制构成条，占比之和不是总量`,
    en: `Incomplete breakdown (${missing.map((m) => m.en).join(", ")} not registered): no composition bar; the shares do not add up to the total`,
  }),
  /** "2 targets (1 binding): 1 met, 1 not met (0 binding), 0 not assessed (0 binding)". */
  summary: (s: BreakdownTargetSummary): I18nText => ({
    zh: `共 ${s.targets} 项（约束性 ${s.binding}）：达到 ${s.met}，未达到 ${s.notMet}（约束性 ${s.bindingNotMet}），未评估 ${s.notAssessed}（约束性 ${s.bindingNotAssessed}）`,
    en: `${s.targets} target${s.targets === 1 ? "" : "s"} (${s.binding} binding): ${s.met} met, ${s.notMet} not met (${s.bindingNotMet} binding), ${s.notAssessed} not assessed (${s.bindingNotAssessed} binding)`,
  }),
}

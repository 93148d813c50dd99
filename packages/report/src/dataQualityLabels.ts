/**
 * The words of the "Data quality" section (HTML and Markdown): headings, what was checked, why a value is flagged,
 * and the names of the regions a rule or an outlier is at.
 */
import type { Lang, OutlierNote } from "@tijian/core"
import type { ReportView } from "./ReportView.js"

export const dataQualityLabels = {
  heading: { zh: "数据质量", en: "Data quality" },
  rules: { zh: "校验规则", en: "Validation rules" },
  noRules: { zh: "本范围没有适用的校验规则：未做跨指标校验。", en: "No validation rule applies to this scope: no cross-check was made." },
  rulesPassed: (n: number) => ({ zh: `共 ${n} 项规则校验，全部通过。`, en: `${n} rule check(s); all passed.` }),
  rulesOpen: (passed: number, open: number, n: number) => ({
    zh: `共 ${n} 项规则校验：${passed} 项通过，${open} 项因缺值未能校验。`,
    en: `${n} rule check(s): ${passed} passed, ${open} could not be made for lack of a value.`,
  }),
  rulesFailed: (failed: number, open: number, n: number) => ({
    zh: `共 ${n} 项规则校验，${failed} 项未通过或无法计算${open > 0 ? `，${open} 项因缺值未能校验` : ""}：`,
    en: `${n} rule check(s); ${failed} failed or could not be evaluated${open > 0 ? `, ${open} could not be made for lack of a value` : ""}:`,
  }),
  severity: { error: { zh: "错误", en: "error" }, warning: { zh: "警告", en: "warning" } },
  state: { failed: { zh: "未通过", en: "fails" }, error: { zh: "无法计算", en: "could not be evaluated" } },
  rule: { zh: "规则", en: "Rule" },
  where: { zh: "地区", en: "Where" },
  finding: { zh: "结果", en: "Finding" },
  outliers: { zh: "异常值", en: "Outliers against history" },
  outliersMethod: {
    zh: "本年数值与自身历史相比变化不合常理者：按插件声明的合理变化区间，否则按逐年对数变化的修正 z 分数（|M| > 3.5，需至少五个更早的数值）。",
    en: "Values of the year whose change from their own history is implausible: outside the plugin's declared band, else a modified z-score of the year-on-year log changes above 3.5 (needs five earlier values).",
  },
  noOutliers: { zh: "未发现异常值。", en: "No value of the year is flagged." },
  confirmed: { zh: "已说明", en: "explained" },
  mark: { confirmed: { zh: "异常值（已说明）", en: "outlier (explained)" }, unexplained: { zh: "异常值（未说明）", en: "outlier (unexplained)" } },
  unexplained: { zh: "未说明：请登记单位核实", en: "unexplained: ask the registering agency" },
  previous: { zh: "上一数值", en: "Previous" },
  why: { zh: "依据", en: "Why flagged" },
  note: { zh: "说明", en: "Note" },
  band: (ratio: string, lo: string, hi: string) => ({ zh: `年变化比 ${ratio}，超出合理区间 ${lo}–${hi}`, en: `annual ratio ${ratio}, outside the plausible ${lo}–${hi}` }),
  zscore: (score: string) => ({ zh: `修正 z 分数 ${score}`, en: `modified z-score ${score}` }),
} as const

const number = (x: number, lang: Lang) => (Number.isFinite(x) ? x.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 3 }) : x > 0 ? "∞" : "−∞")

/** Region names the report knows (its scope and its members' reports); else the code. */
export const regionNamer = (view: ReportView, lang: Lang) => {
  const names = new Map([[view.report.scope.code, view.report.scope.name], ...view.members.map((m) => [m.scope.code, m.scope.name] as const)])
  return (code: string) => names.get(code)?.[lang] ?? code
}

/** Why a value is flagged: its band ratio or its modified z-score. */
export const outlierWhy = (o: OutlierNote, lang: Lang): string =>
  o.finding.method === "band"
    ? dataQualityLabels.band(number(o.finding.ratio, lang), number(o.finding.minRatio, lang), number(o.finding.maxRatio, lang))[lang]
    : dataQualityLabels.zscore(o.finding.score.toLocaleString(lang === "zh" ? "zh-CN" : "en-US", { maximumFractionDigits: 1 }))[lang]

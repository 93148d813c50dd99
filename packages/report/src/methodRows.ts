/**
 * The method comparison of a row (issue #17) as the reports show it: one line per method (its name, its status in
 * its own words, the number behind it, the class on the common scale) and the "method-dependent" flag, in zh and
 * en. HTML cards and Markdown sections render the same lines.
 */
import type {
  CommonClass,
  EscapAnticipated,
  EscapNotAssessableReason,
  EscapStatus,
  Evaluation,
  I18nText,
  Lang,
  MethodComparison,
  SdsnNotAssessableReason,
  SdsnTrend,
  SdsnTrendStatus,
} from "@tijian/core"
import { formatDifference, formatRate, formatShare, formatValue, type NumberStyle } from "./format.js"
import { notAssessableGloss, progressLabels, text } from "./labels.js"

/** The three methods by name. */
export const methodNames: Readonly<Record<"openSdg" | "sdsn" | "escap", I18nText>> = {
  openSdg: { zh: "加拿大统计局 / Open SDG 进展评估", en: "StatCan / Open SDG progress" },
  sdsn: { zh: "SDSN 可持续发展报告趋势", en: "SDSN Sustainable Development Report trend" },
  escap: { zh: "联合国亚太经社会预期进展", en: "UN ESCAP anticipated progress" },
}

/** The SDR trend arrows. */
export const sdsnTrendLabels: Readonly<Record<SdsnTrendStatus, I18nText>> = {
  achieved: { zh: "保持达标", en: "maintaining achievement" },
  "on-track": { zh: "按期可达标", en: "on track" },
  "moderately-improving": { zh: "温和改善", en: "moderately improving" },
  stagnating: { zh: "停滞", en: "stagnating" },
  decreasing: { zh: "倒退", en: "decreasing" },
  "not-assessable": { zh: "无法评估", en: "not assessable" },
}

/** ESCAP's anticipated progress levels. */
export const escapLabels: Readonly<Record<EscapStatus, I18nText>> = {
  "achieve-target": { zh: "预计可实现目标", en: "will achieve the target" },
  "acceleration-needed": { zh: "有进展，需加速", en: "progress, acceleration needed" },
  regress: { zh: "退步，需扭转趋势", en: "regressing: reverse the trend" },
  "not-assessable": { zh: "无法评估", en: "not assessable" },
}

/** The common ordinal scale the three are compared on. */
export const commonClassLabels: Readonly<Record<CommonClass, I18nText>> = {
  "on-track": { zh: "达标或按期", en: "on track" },
  progressing: { zh: "有进展", en: "progressing" },
  limited: { zh: "进展有限", en: "limited" },
  regressing: { zh: "退步", en: "regressing" },
}

/** Why the SDR trend or ESCAP's anticipated progress was not assessed. */
export const methodNotAssessableLabels: Readonly<Record<SdsnNotAssessableReason | EscapNotAssessableReason, I18nText>> = {
  "no-target": { zh: "无目标，本方法不适用", en: "no target: the method needs one" },
  "fewer-than-two-years": { zh: "基期以来不足两个年份的数据", en: "fewer than two years of data since the base year" },
  "due-before-base": { zh: "目标年份不晚于基期", en: "the due year is not after the base year" },
  "zero-base": { zh: "基期值为 0，无法计算复合增长率", en: "a base value of 0 has no compound growth rate" },
  "values-change-sign": { zh: "数值正负号发生变化", en: "values change sign" },
}

/** The fixed words of the comparison. */
export const methodText = {
  heading: { zh: "方法比较", en: "Method comparison" },
  method: { zh: "方法", en: "Method" },
  status: { zh: "结论", en: "Status" },
  keyNumber: { zh: "依据", en: "Key number" },
  commonScale: { zh: "统一等级", en: "Common scale" },
  methodDependent: { zh: "结论因方法而异", en: "method-dependent" },
  methodDependentNote: {
    zh: "三种方法的结论不一致，判断取决于所用方法；本报告的进展状态采用加拿大统计局 / Open SDG 方法。",
    en: "The methods disagree: the judgement depends on the method. The report's progress status is the StatCan / Open SDG one.",
  },
  agree: { zh: "可评估的方法结论一致", en: "the methods that can judge agree" },
  needed: { zh: "所需", en: "needed" },
  capped: { zh: "（趋势外推超出取值范围，取其上下限）", en: " (the trend runs past the indicator's range; stopped at its bound)" },
} as const satisfies Readonly<Record<string, I18nText>>

/** The comparison's words with numbers filled in. */
export const methodPhrases = {
  predicted: (year: number, value: string): I18nText => ({ zh: `预测 ${year} 年：${value}`, en: `predicted ${year}: ${value}` }),
} as const satisfies Readonly<Record<string, (...args: never[]) => I18nText>>

/** One method's line. */
export interface MethodRow {
  readonly method: string
  readonly status: string
  readonly keyNumber: string
  readonly common: string
}

const ratioText = (ratio: number | undefined) => (ratio === undefined || !Number.isFinite(ratio) ? "" : `R = ${ratio.toFixed(2)}`)
const joined = (parts: ReadonlyArray<string>, lang: Lang) => parts.filter((p) => p !== "").join(lang === "zh" ? "；" : "; ")
const commonText = (classes: ReadonlyArray<CommonClass>, lang: Lang) =>
  classes.length === 0 ? "—" : classes.map((c) => commonClassLabels[c][lang]).join(lang === "zh" ? " 或 " : " or ")

const openSdgNumber = (m: MethodComparison["openSdg"], style: NumberStyle, lang: Lang): string => {
  if (m.status === "insufficient-data") return m.reason ? notAssessableGloss[m.reason][lang] : "—"
  if (m.observedRate === undefined) return "—"
  const rates =
    m.requiredRate === undefined
      ? formatRate(m.observedRate, m.method, style, lang)
      : `${formatRate(m.observedRate, m.method, style, lang)} / ${methodText.needed[lang]} ${formatRate(m.requiredRate, m.method, style, lang)}`
  return joined([ratioText(m.ratio), rates], lang)
}

const perYear = (v: number | undefined, style: NumberStyle, lang: Lang) => `${formatDifference(v, style, lang, true)}${text.perYear[lang]}`

const sdsnNumber = (m: SdsnTrend, style: NumberStyle, lang: Lang): string => {
  if (m.reason) return methodNotAssessableLabels[m.reason][lang]
  if (m.ratio === undefined) return "—"
  return joined([ratioText(m.ratio), `${perYear(m.observedPerYear, style, lang)} / ${methodText.needed[lang]} ${perYear(m.requiredPerYear, style, lang)}`], lang)
}

const escapNumber = (m: EscapAnticipated, style: NumberStyle, lang: Lang): string => {
  if (m.reason) return methodNotAssessableLabels[m.reason][lang]
  if (m.predictedValue === undefined) return "—"
  const value = formatValue(m.predictedValue, style, lang)
  const predicted = `${methodPhrases.predicted(m.predictedYear!, value)[lang]}${m.capped ? methodText.capped[lang] : ""}`
  return joined([m.ratio === undefined ? "" : `APr = ${formatShare(m.ratio, lang)}`, predicted], lang)
}

/**
 * The lines of a row's comparison, or undefined when the row has none (no value, or a report made before it).
 *
 * @example
 * methodRows(evaluation, { decimals: 2, format: "number" }, "en")?.[1]
 * // { method: "SDSN Sustainable Development Report trend", status: "on track", keyNumber: "R = 1.07; −4.29/yr / needed −4.00/yr", common: "on track" }
 */
export const methodRows = (e: Evaluation, style: NumberStyle, lang: Lang): ReadonlyArray<MethodRow> | undefined => {
  const m = e.methods
  if (!m) return undefined
  return [
    { method: methodNames.openSdg[lang], status: progressLabels[m.openSdg.status][lang], keyNumber: openSdgNumber(m.openSdg, style, lang), common: commonText(m.openSdg.classes, lang) },
    { method: methodNames.sdsn[lang], status: sdsnTrendLabels[m.sdsn.status][lang], keyNumber: sdsnNumber(m.sdsn, style, lang), common: commonText(m.sdsn.classes, lang) },
    { method: methodNames.escap[lang], status: escapLabels[m.escap.status][lang], keyNumber: escapNumber(m.escap, style, lang), common: commonText(m.escap.classes, lang) },
  ]
}

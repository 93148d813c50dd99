/**
 * How a target's standard (3 + 1 + X) and a forecast's plan-vs-reality judgement read, in zh and en, and the
 * one-cell judgement of any target (met, not met, not assessed and why, or how reality compares with a forecast).
 */
import type { ForecastJudgement, ForecastStatus, I18nText, Lang, Standard, StandardFamily, TargetEvaluation } from "@tijian/core"
import { notAssessedLabels } from "./bindingSummary.js"
import { formatShare, formatValue, type NumberStyle } from "./format.js"

/** The families of standards: the "3" (local), the "1" (national), the "X" (benchmark), and the plan's own. */
export const standardFamilyLabels: Readonly<Record<StandardFamily, I18nText>> = {
  national: { zh: "国家标准", en: "national standard" },
  local: { zh: "地方标准", en: "local standard" },
  plan: { zh: "规划目标", en: "plan target" },
  benchmark: { zh: "对标地区", en: "benchmark" },
}

/** Plan-vs-reality statuses. */
export const forecastStatusLabels: Readonly<Record<ForecastStatus, I18nText>> = {
  outran: { zh: "现实超越规划", en: "reality outran the plan" },
  "not-yet-reached": { zh: "尚未达到预测", en: "not yet at the forecast" },
  "as-forecast": { zh: "符合预测", en: "as forecast" },
  overshot: { zh: "高于预测", en: "above the forecast" },
  undershot: { zh: "低于预测", en: "below the forecast" },
}

/** Labels of the judgement cell. */
export const judgementLabels = {
  judgement: { zh: "判定", en: "Judgement" },
  met: { zh: "达到", en: "met" },
  notMet: { zh: "未达到", en: "not met" },
  notAssessed: { zh: "未评估", en: "not assessed" },
  notProgress: { zh: "预测不评进展", en: "a forecast has no progress" },
} as const satisfies Record<string, I18nText>

/**
 * A standard in words: "national standard", "local standard (310000)", "benchmark 320500".
 *
 * @example
 * standardText({ family: "local", issuer: "310000" }, "zh") // "地方标准（310000）"
 */
export const standardText = (s: Standard, lang: Lang): string => {
  const family = standardFamilyLabels[s.family][lang]
  const code = s.family === "local" ? s.issuer : s.family === "benchmark" ? s.region : undefined
  if (code === undefined) return family
  return lang === "zh" ? `${family}（${code}）` : `${family} (${code})`
}

const signed = (n: number, style: NumberStyle, lang: Lang) => formatValue(Math.abs(n), style, lang)

/**
 * A forecast's judgement in one phrase, e.g. "reality outran the plan: reached by 2023, 7 years early; 500,000
 * (5.3%) above the forecast in 2023".
 */
export const forecastText = (f: ForecastJudgement, style: NumberStyle, lang: Lang): string => {
  const status = forecastStatusLabels[f.status][lang]
  const share = f.deviationShare === null ? "" : lang === "zh" ? `（${formatShare(Math.abs(f.deviationShare), lang, 1)}）` : ` (${formatShare(Math.abs(f.deviationShare), lang, 1)})`
  const by = `${signed(f.deviation, style, lang)}${share}`
  const side = f.deviation >= 0 ? { zh: "高于", en: "above" } : { zh: "低于", en: "below" }
  const where =
    lang === "zh" ? `${f.comparedYear} 年${side.zh}预测 ${by}` : `${by} ${side.en} the forecast in ${f.comparedYear}`
  if (f.status === "outran") {
    const since = f.lastShortOf === null ? "" : lang === "zh" ? `（${f.lastShortOf} 年尚未达到）` : ` (short of it in ${f.lastShortOf})`
    return lang === "zh"
      ? `${status}：${f.passedIn} 年已达到${since}，提前 ${f.yearsEarly} 年；${where}`
      : `${status}: reached by ${f.passedIn}${since}, ${f.yearsEarly} years early; ${where}`
  }
  if (f.status === "as-forecast") return status
  return lang === "zh" ? `${status}：${where}` : `${status}: ${where}`
}

/**
 * The judgement of one target in a cell: met / not met, not assessed with its reason, or for a forecast how reality
 * compares with it. Never blank, so nothing unassessed reads as passed.
 */
export const targetJudgement = (t: TargetEvaluation, style: NumberStyle, lang: Lang): string => {
  if (t.kind === "forecast") {
    if (t.forecast) return forecastText(t.forecast, style, lang)
    const reason = t.notAssessed ? notAssessedLabels[t.notAssessed][lang] : ""
    return lang === "zh" ? `${judgementLabels.notAssessed.zh}：${reason}` : `${judgementLabels.notAssessed.en}: ${reason}`
  }
  if (t.met === true) return judgementLabels.met[lang]
  if (t.met === false) return judgementLabels.notMet[lang]
  const reason = t.notAssessed ? notAssessedLabels[t.notAssessed][lang] : ""
  return lang === "zh" ? `${judgementLabels.notAssessed.zh}：${reason}` : `${judgementLabels.notAssessed.en}: ${reason}`
}

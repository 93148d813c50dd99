/**
 * Plain-text descriptions shared by the HTML, Markdown and CSV renderings: a target's aim, a target in one
 * phrase, the primary target of a row, and a status label.
 */
import type { Evaluation, Lang, ProgressStatus, TargetEvaluation } from "@tijian/core"
import { bindingLabels, progressGlyphs, progressLabels, targetKindLabels } from "./labels.js"
import { formatValue, type NumberStyle } from "./format.js"
import { standardText } from "./standards.js"

/**
 * What a target asks for, as a value: `100`; a band `0.20–0.40`; no decrease from the baseline `143.32 (2020)`.
 *
 * @example
 * targetAim({ kind: "at-least", value: 100, ... }, { decimals: 2, format: "number" }, "en") // "100.00"
 */
export const targetAim = (t: TargetEvaluation, style: NumberStyle, lang: Lang): string => {
  switch (t.kind) {
    case "band":
      return `${formatValue(t.lo, style, lang)}–${formatValue(t.hi, style, lang)}`
    case "no-decrease-from-baseline":
      return t.baseline ? `${formatValue(t.baseline.value, style, lang)} (${t.baseline.year})` : "—"
    default:
      return formatValue(t.value, style, lang)
  }
}

/**
 * A target in one phrase: its standard when declared, kind, aim, due year, binding or expected; a forecast: its
 * value, year and the year the plan made it.
 *
 * @example
 * targetPhrase(t, style, "zh") // "不低于 100.00（2035 年，预期性）"
 * targetPhrase(t, style, "en") // "at least 100.00 by 2035 (expected)"
 * targetPhrase(nationalStandard, style, "en") // "national standard: at least 8.00 by 2035 (expected)"
 * targetPhrase(forecast, style, "en") // "plan forecast 9,500,000 for 2030 (made in 2016)"
 */
export const targetPhrase = (t: TargetEvaluation, style: NumberStyle, lang: Lang): string => {
  const kind = targetKindLabels[t.kind][lang]
  if (t.kind === "forecast") {
    const made = t.madeIn === undefined ? "" : lang === "zh" ? `，${t.madeIn} 年作出` : ` (made in ${t.madeIn})`
    return lang === "zh" ? `${kind} ${targetAim(t, style, lang)}（${t.dueYear} 年${made}）` : `${kind} ${targetAim(t, style, lang)} for ${t.dueYear}${made}`
  }
  const binding = bindingLabels[t.binding ? "binding" : "expected"][lang]
  const standard = t.standard ? `${standardText(t.standard, lang)}${lang === "zh" ? "：" : ": "}` : ""
  return lang === "zh"
    ? `${standard}${kind} ${targetAim(t, style, lang)}（${t.dueYear} 年，${binding}）`
    : `${standard}${kind} ${targetAim(t, style, lang)} by ${t.dueYear} (${binding})`
}

/**
 * The target a row's progress status is about: the nearest due year not yet passed, else the latest one. A
 * forecast is not a goal and is never the primary target. Undefined without targets.
 */
export const primaryTarget = (row: Pick<Evaluation, "targets">, year: number): TargetEvaluation | undefined => {
  const byDue = row.targets.filter((t) => t.kind !== "forecast").sort((a, b) => a.dueYear - b.dueYear)
  return byDue.find((t) => t.dueYear >= year) ?? byDue.at(-1)
}

/** A progress status with its glyph, as plain text: "▼ limited progress". */
export const progressText = (status: ProgressStatus, lang: Lang): string => `${progressGlyphs[status]} ${progressLabels[status][lang]}`

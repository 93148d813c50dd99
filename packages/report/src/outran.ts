/**
 * The forecasts reality outran, as the diagnosis lists them (HTML and Markdown alike).
 */
import type { DiagnosisItem, I18nText, Lang, Report } from "@tijian/core"
import { targetPhrase } from "./describe.js"
import type { NumberStyle } from "./format.js"
import { forecastText } from "./standards.js"

/** The diagnosis's list of forecasts reality outran. */
export const outranHeading: I18nText = { zh: "现实超越规划预测", en: "Reality outran the plan's forecast" }

/**
 * Each forecast the report's diagnosis lists as outrun, as a line: the indicator, the forecast and how reality
 * compares, e.g. "Urban population: plan forecast 9,500,000 for 2030 (made in 2016) — reality outran the plan: ...".
 */
export const outranLines = (
  report: Report,
  style: (indicator: string) => NumberStyle,
  lang: Lang,
): ReadonlyArray<{ readonly indicator: string; readonly name: string; readonly forecast: string; readonly judgement: string }> => {
  const rows = report.sections.flatMap((s) => s.evaluations)
  // an edition published before forecasts existed has no such list
  const outrun: ReadonlyArray<DiagnosisItem> = report.diagnosis.forecastsOutrun ?? []
  return outrun.flatMap((item) => {
    const t = rows.find((e) => e.indicator === item.indicator)?.targets.find((x) => x.id === item.target)
    if (!t?.forecast) return []
    const s = style(item.indicator)
    return [{ indicator: item.indicator, name: item.name[lang], forecast: targetPhrase(t, s, lang), judgement: forecastText(t.forecast, s, lang) }]
  })
}

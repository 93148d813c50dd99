/** The "Data quality" section as Markdown: what was checked, failed rules, outliers with their notes (see `dataQualityHtml.ts`). */
import type { Lang } from "@tijian/core"
import { formatValue } from "./format.js"
import { dataQualityLabels as L, outlierWhy, regionNamer } from "./dataQualityLabels.js"
import { text } from "./labels.js"
import { mdTable, mdText } from "./markdownText.js"
import type { ReportView } from "./ReportView.js"

/** The section, or null for a report made before it existed. */
export const dataQualityMarkdown = (view: ReportView, lang: Lang): string | null => {
  const dq = view.report.dataQuality
  if (!dq) return null
  const name = regionNamer(view, lang)
  const rules =
    dq.checked === 0
      ? mdText(L.noRules[lang])
      : dq.rules.length === 0 && dq.notApplicable > 0
        ? mdText(L.rulesOpen(dq.passed, dq.notApplicable, dq.checked)[lang])
        : dq.rules.length === 0
          ? mdText(L.rulesPassed(dq.checked)[lang])
        : `${mdText(L.rulesFailed(dq.rules.length, dq.notApplicable, dq.checked)[lang])}\n\n${mdTable(
            [L.rule[lang], L.where[lang], L.finding[lang]].map(mdText),
            dq.rules.map((r) => [`${r.name[lang]} (${r.rule})`, name(r.scope), `${L.severity[r.severity][lang]} · ${L.state[r.state === "error" ? "error" : "failed"][lang]}: ${r.message}`].map(mdText)),
          )}`
  const outliers =
    dq.outliers.length === 0
      ? L.noOutliers[lang]
      : mdTable(
          [text.indicator[lang], L.where[lang], L.previous[lang], text.value[lang], L.why[lang], L.note[lang]].map(mdText),
          dq.outliers.map((o) => {
            const style = view.style(o.indicator)
            return [
              ...[
                view.indicatorName(o.indicator)?.[lang] ?? o.indicator,
                name(o.region),
                `${formatValue(o.finding.previous.value, style, lang)} (${o.finding.previous.year})`,
                formatValue(o.value, style, lang),
                outlierWhy(o, lang),
              ].map(mdText),
              o.confirmed ? mdText(`${L.confirmed[lang]}: ${o.note?.[lang] ?? ""}`) : `**${mdText(L.unexplained[lang])}**`,
            ]
          }),
        )
  return [`## ${L.heading[lang]}`, `### ${L.rules[lang]}`, rules, `### ${L.outliers[lang]}`, `_${mdText(L.outliersMethod[lang])}_`, outliers].join("\n\n")
}

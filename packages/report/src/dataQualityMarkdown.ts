/** The "Data quality" section as Markdown: what was checked, failed rules, outliers with their notes (see `dataQualityHtml.ts`). */
import type { Lang } from "@tijian/core"
import { formatValue } from "./format.js"
import { dataQualityLabels as L, outlierWhy, regionNamer } from "./dataQualityLabels.js"
import { text } from "./labels.js"
import type { ReportView } from "./ReportView.js"

const cell = (s: string) => s.replace(/\\/g, "\\\\").replace(/\|/g, "\\|").replace(/\r?\n/g, " ")

const table = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<string>>): string =>
  [`| ${header.map(cell).join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...rows.map((r) => `| ${r.map(cell).join(" | ")} |`)].join("\n")

/** The section, or null for a report made before it existed. */
export const dataQualityMarkdown = (view: ReportView, lang: Lang): string | null => {
  const dq = view.report.dataQuality
  if (!dq) return null
  const name = regionNamer(view, lang)
  const rules =
    dq.checked === 0
      ? L.noRules[lang]
      : dq.rules.length === 0 && dq.notApplicable > 0
        ? L.rulesOpen(dq.passed, dq.notApplicable, dq.checked)[lang]
        : dq.rules.length === 0
          ? L.rulesPassed(dq.checked)[lang]
        : `${L.rulesFailed(dq.rules.length, dq.notApplicable, dq.checked)[lang]}\n\n${table(
            [L.rule[lang], L.where[lang], L.finding[lang]],
            dq.rules.map((r) => [`${r.name[lang]} (${r.rule})`, name(r.scope), `${L.severity[r.severity][lang]} · ${L.state[r.state === "error" ? "error" : "failed"][lang]}: ${r.message}`]),
          )}`
  const outliers =
    dq.outliers.length === 0
      ? L.noOutliers[lang]
      : table(
          [text.indicator[lang], L.where[lang], L.previous[lang], text.value[lang], L.why[lang], L.note[lang]],
          dq.outliers.map((o) => {
            const style = view.style(o.indicator)
            return [
              view.indicatorName(o.indicator)?.[lang] ?? o.indicator,
              name(o.region),
              `${formatValue(o.finding.previous.value, style, lang)} (${o.finding.previous.year})`,
              formatValue(o.value, style, lang),
              outlierWhy(o, lang),
              o.confirmed ? `${L.confirmed[lang]}: ${o.note?.[lang] ?? ""}` : `**${L.unexplained[lang]}**`,
            ]
          }),
        )
  return [`## ${L.heading[lang]}`, `### ${L.rules[lang]}`, rules, `### ${L.outliers[lang]}`, `_${L.outliersMethod[lang]}_`, outliers].join("\n\n")
}

/**
 * The report's "Data quality" section: the plugins' validation rules that fail (or could not be evaluated) at the
 * scope and the regions in it, and the year's values that are implausible against their own history, each with
 * the note that confirms it or marked unexplained. It says what was checked, so an empty list is never read as an
 * all-clear on what was not checked.
 */
import type { DataQuality, Lang, OutlierNote, RuleResult } from "@tijian/core"
import { formatValue } from "./format.js"
import { anchorId, h, type Html } from "./html.js"
import { text } from "./labels.js"
import { scrollTable } from "./parts.js"
import type { ReportView } from "./ReportView.js"
import { dataQualityLabels, outlierWhy, regionNamer } from "./dataQualityLabels.js"


const rulesTable = (view: ReportView, rules: ReadonlyArray<RuleResult>, lang: Lang): Html => {
  const caption = dataQualityLabels.rules[lang]
  const name = regionNamer(view, lang)
  return scrollTable(
    caption,
    h`<table class="rules"><caption class="vh">${caption}</caption><thead><tr><th scope="col">${dataQualityLabels.rule[lang]}</th><th scope="col">${dataQualityLabels.where[lang]}</th>
<th scope="col">${dataQualityLabels.finding[lang]}</th></tr></thead>
<tbody>${rules.map(
      (r) => h`<tr class="${r.severity === "error" && r.state === "failed" ? "rule-error" : "rule-warning"}"><th scope="row">${r.name[lang]} <code>${r.rule}</code></th>
<td>${name(r.scope)}</td><td><strong>${dataQualityLabels.severity[r.severity][lang]} · ${r.state === "error" ? dataQualityLabels.state.error[lang] : dataQualityLabels.state.failed[lang]}</strong><br><span class="muted">${r.message}</span></td></tr>`,
    )}</tbody></table>`,
  )
}

const outliersTable = (view: ReportView, outliers: ReadonlyArray<OutlierNote>, lang: Lang): Html => {
  const caption = dataQualityLabels.outliers[lang]
  const name = regionNamer(view, lang)
  return scrollTable(
    caption,
    h`<table class="outliers"><caption class="vh">${caption}</caption><thead><tr><th scope="col">${text.indicator[lang]}</th><th scope="col">${dataQualityLabels.where[lang]}</th>
<th scope="col" class="num">${dataQualityLabels.previous[lang]}</th><th scope="col" class="num">${text.value[lang]}</th><th scope="col">${dataQualityLabels.why[lang]}</th><th scope="col">${dataQualityLabels.note[lang]}</th></tr></thead>
<tbody>${outliers.map((o) => {
      const style = view.style(o.indicator)
      const indicator = view.indicatorName(o.indicator)?.[lang] ?? o.indicator
      const own = o.region === view.report.scope.code
      return h`<tr><th scope="row">${own ? h`<a href="#${anchorId("ind", o.indicator)}">${indicator}</a>` : indicator}</th><td>${name(o.region)}</td>
<td class="num">${formatValue(o.finding.previous.value, style, lang)} (${o.finding.previous.year})</td><td class="num">${formatValue(o.value, style, lang)}</td>
<td>${outlierWhy(o, lang)}</td><td>${o.confirmed ? h`<span class="dq-explained">${dataQualityLabels.confirmed[lang]}</span> ${o.note?.[lang] ?? ""}` : h`<span class="dq-unexplained">${dataQualityLabels.unexplained[lang]}</span>`}</td></tr>`
    })}</tbody></table>`,
  )
}

/** The section, or null for a report made before it existed. */
export const dataQualityHtml = (view: ReportView, lang: Lang): Html | null => {
  const dq: DataQuality | undefined = view.report.dataQuality
  if (!dq) return null
  const rules =
    dq.checked === 0
      ? h`<p class="neutral-note">${dataQualityLabels.noRules[lang]}</p>`
      : dq.rules.length === 0 && dq.notApplicable > 0
        ? h`<p class="amber">${dataQualityLabels.rulesOpen(dq.passed, dq.notApplicable, dq.checked)[lang]}</p>`
        : dq.rules.length === 0
          ? h`<p class="ok-note">${dataQualityLabels.rulesPassed(dq.checked)[lang]}</p>`
        : h`<p class="${dq.rules.some((r) => r.severity === "error" && r.state === "failed") ? "redline" : "amber"}">${dataQualityLabels.rulesFailed(dq.rules.length, dq.notApplicable, dq.checked)[lang]}</p>${rulesTable(view, dq.rules, lang)}`
  return h`<section id="data-quality" aria-labelledby="data-quality-h"><h2 id="data-quality-h">${dataQualityLabels.heading[lang]}</h2>
<h3>${dataQualityLabels.rules[lang]}</h3>
${rules}
<h3>${dataQualityLabels.outliers[lang]}</h3>
<p class="method-note">${dataQualityLabels.outliersMethod[lang]}</p>
${dq.outliers.length === 0 ? h`<p class="muted">${dataQualityLabels.noOutliers[lang]}</p>` : outliersTable(view, dq.outliers, lang)}
</section>`
}

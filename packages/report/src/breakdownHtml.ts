/**
 * A row's breakdowns in the HTML report (issue #21): per dimension a small table (each code's value in the
 * indicator's unit, its share of the total, its targets and their judgement, "not registered" where no value is)
 * and, for an additive dimension with every code registered, a stacked bar of the total's composition: grey levels
 * that stay apart in greyscale print, each segment labelled with its share, a legend in bar order and a text
 * alternative. The summary lists the targets on breakdowns apart from the totals' counts.
 */
import type { DimensionBreakdown, Evaluation, Lang } from "@tijian/core"
import { breakdownLabels, breakdownPhrases } from "./breakdownLabels.js"
import { breakdownEmpty, breakdownGoals, breakdownTargetRows, breakdownValueText } from "./breakdownRows.js"
import { targetPhrase } from "./describe.js"
import { formatShare, formatValue, type NumberStyle } from "./format.js"
import { anchorId, h, type Html } from "./html.js"
import { lead, text } from "./labels.js"
import { progressBadge, scrollTable } from "./parts.js"
import type { ReportView } from "./ReportView.js"
import { judgementLabels, targetJudgement } from "./standards.js"

/** Segment fills, dark to light: neighbours differ in lightness, so they stay apart printed in greyscale. */
const FILLS: ReadonlyArray<{ readonly fill: string; readonly ink: string }> = [
  { fill: "#0a3069", ink: "#ffffff" },
  { fill: "#c9d1d9", ink: "#000000" },
  { fill: "#57606a", ink: "#ffffff" },
  { fill: "#eaeef2", ink: "#000000" },
  { fill: "#24292f", ink: "#ffffff" },
  { fill: "#8c959f", ink: "#000000" },
]
const fillOf = (i: number) => FILLS[i % FILLS.length]!

const valueText = (value: number | null, style: NumberStyle, unit: string, lang: Lang): Html =>
  h`${breakdownValueText(value, style, unit, lang) ?? h`<span class="muted">${breakdownLabels.notRegistered[lang]}</span>`}`

/** The stacked bar of a complete additive breakdown, or null when it cannot be drawn honestly. */
const stackedBar = (e: Evaluation, d: DimensionBreakdown, style: NumberStyle, lang: Lang): Html | null => {
  if (!d.additive || !d.complete || e.value === null || !(e.value > 0)) return null
  if (d.values.some((v) => v.share === null || v.share < 0)) return null
  const total = formatValue(e.value, style, lang)
  const parts = d.values.map((v) => ({ name: v.name, share: formatShare(v.share, lang) }))
  const alt = breakdownPhrases.composition(total, parts)[lang]
  const id = anchorId("bd", `${e.indicator}-${d.dimension}`)
  let x = 0
  const segments = d.values.map((v, i) => {
    const width = Math.max(0, v.share!) * 600
    const { fill, ink } = fillOf(i)
    const at = x
    x += width
    // a share too narrow for its label is still named in the legend and the table
    const label = width >= 44 ? h`<text x="${(at + width / 2).toFixed(1)}" y="21" text-anchor="middle" fill="${ink}">${formatShare(v.share, lang)}</text>` : null
    return h`<rect x="${at.toFixed(1)}" y="2" width="${width.toFixed(1)}" height="28" fill="${fill}" stroke="#ffffff" stroke-width="2"/>${label}`
  })
  return h`<figure class="breakdown-bar">
<svg viewBox="0 0 600 32" role="img" aria-labelledby="${id}-t" focusable="false"><title id="${id}-t">${alt}</title>${segments}</svg>
<figcaption><span aria-hidden="true">${breakdownPhrases.composition(total, [])[lang]}</span><ul class="breakdown-legend">${d.values.map(
    (v, i) => h`<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true" focusable="false"><rect width="10" height="10" fill="${fillOf(i).fill}" stroke="#1f2328" stroke-width="1"/></svg>${v.name[lang]} ${formatShare(v.share, lang)}</li>`,
  )}</ul></figcaption>
</figure>`
}

const dimensionTable = (view: ReportView, e: Evaluation, d: DimensionBreakdown, lang: Lang): Html => {
  if (breakdownEmpty(d)) return h`<p class="muted breakdown-none">${breakdownPhrases.noneRegistered(d.name, view.report.year)[lang]}</p>`
  const style = view.style(e.indicator)
  const caption = breakdownPhrases.caption(d.name, view.report.year)[lang]
  const missing = d.values.filter((v) => v.value === null).map((v) => v.name)
  const table = h`<table class="breakdown"><caption>${caption}</caption>
<thead><tr><th scope="col">${d.name[lang]}</th><th scope="col" class="num">${text.value[lang]}</th>${d.additive ? h`<th scope="col" class="num">${breakdownLabels.share[lang]}</th>` : null}
<th scope="col">${text.target[lang]}</th><th scope="col">${judgementLabels.judgement[lang]}</th></tr></thead>
<tbody>${d.values.map((v) => {
    const goals = breakdownGoals(v)
    const judged = goals.length === 0
      ? h`<span class="muted">${breakdownLabels.notJudged[lang]}</span>`
      : h`${goals.map((t, i) => h`${i > 0 ? h`<br>` : null}${targetJudgement(t, style, lang)}`)}${v.progress ? h` ${progressBadge(v.progress.status, lang)}` : null}`
    return h`<tr><th scope="row">${v.name[lang]} <code>${v.code}</code></th><td class="num">${valueText(v.value, style, e.unit[lang], lang)}</td>${
      d.additive ? h`<td class="num">${formatShare(v.share, lang)}</td>` : null
    }<td>${goals.length === 0 ? h`<span class="muted">${breakdownLabels.noTarget[lang]}</span>` : goals.map((t, i) => h`${i > 0 ? h`<br>` : null}${targetPhrase(t, style, lang)}`)}</td><td>${judged}</td></tr>`
  })}</tbody></table>`
  const note = d.additive && missing.length > 0 && missing.length < d.values.length ? h`<p class="muted breakdown-note">${breakdownPhrases.incomplete(missing)[lang]}</p>` : null
  return h`<div class="breakdown-block">${scrollTable(`${lead(e.name[lang], lang)}${caption}`, table)}${note}${stackedBar(e, d, style, lang)}</div>`
}

/** The breakdown tables (and bars) of a row, or null for a row without breakdowns. */
export const breakdownsHtml = (view: ReportView, e: Evaluation, lang: Lang): Html | null =>
  e.breakdowns === undefined || e.breakdowns.length === 0 ? null : h`<div class="breakdowns">${e.breakdowns.map((d) => dimensionTable(view, e, d, lang))}</div>`

/**
 * The rows of single-year indicators with breakdowns, each with its heading and tables (a single-year row has no
 * card to hold them), or null when none has.
 */
export const singleYearBreakdownsHtml = (view: ReportView, rows: ReadonlyArray<Evaluation>, lang: Lang): Html | null => {
  const with_ = rows.filter((e) => (e.breakdowns?.length ?? 0) > 0)
  if (with_.length === 0) return null
  return h`${with_.map((e) => h`<h4>${lead(e.name[lang], lang)}${breakdownLabels.heading[lang]} <code>${e.indicator}</code></h4>${breakdownsHtml(view, e, lang)}`)}`
}

/** The summary's list of targets on breakdowns, labelled apart from the totals' counts; null when none. */
export const breakdownSummaryHtml = (view: ReportView, lang: Lang): Html | null => {
  const s = view.report.summary.breakdownTargets
  if (!s) return null
  const rows = breakdownTargetRows(view.report)
  const caption = breakdownLabels.summaryHeading[lang]
  return h`<h3>${caption}</h3>
<p class="breakdown-summary${s.bindingNotMet > 0 ? " redline" : s.bindingNotAssessed > 0 ? " amber" : ""}">${breakdownPhrases.summary(s)[lang]}</p>
${scrollTable(
  caption,
  h`<table class="breakdown-targets"><caption class="vh">${caption}</caption>
<thead><tr><th scope="col">${text.indicator[lang]}</th><th scope="col">${breakdownLabels.breakdown[lang]}</th><th scope="col" class="num">${text.value[lang]}</th><th scope="col">${text.target[lang]}</th><th scope="col">${judgementLabels.judgement[lang]}</th></tr></thead>
<tbody>${rows.map(({ e, v, t, primary }) => {
    const style = view.style(e.indicator)
    return h`<tr><th scope="row"><a href="#${anchorId("ind", e.indicator)}">${e.name[lang]}</a></th><td>${v.name[lang]}</td><td class="num">${valueText(v.value, style, e.unit[lang], lang)}</td>
<td>${targetPhrase(t, style, lang)}</td><td>${targetJudgement(t, style, lang)}${primary && v.progress ? h` ${progressBadge(v.progress.status, lang)}` : null}</td></tr>`
  })}</tbody></table>`,
)}`
}

/**
 * One plugin's section of the HTML report: its notes, its own tables, an overview of its indicators, a card per
 * indicator with two years or more (facts, targets with gap bars, the trend chart with the target and the path
 * it requires), and one table of the indicators with a single year.
 */
import type { Coverage, Evaluation, Lang, ReportSection, TargetEvaluation } from "@tijian/core"
import { applicabilityLabels } from "./bindingSummary.js"
import {
  directionLabels,
  indicatorKindLabels,
  lead,
  originLabels,
  phrases,
  progressGlossOf,
  rowStatusLabels,
  text,
} from "./labels.js"
import { singleYearLabels } from "./chartLabels.js"
import { chartTargetOf, shareBar, trendChart } from "./chart.js"
import { primaryTarget, targetPhrase } from "./describe.js"
import { formatDifference, formatRate, formatShare, formatValue } from "./format.js"
import { anchorId, h, type Html } from "./html.js"
import { methodRows, methodText } from "./methodRows.js"
import { progressBadge, rowStatusBadge, scrollTable } from "./parts.js"
import type { ReportView } from "./ReportView.js"
import { judgementLabels, targetJudgement } from "./standards.js"
import { targetTrajectory } from "./trajectory.js"
import { dataQualityLabels } from "./dataQualityLabels.js"
import { trustMark } from "./trust.js"
import { sectionTableHtml } from "./sectionTableHtml.js"
import { calculatorRunsHtml } from "./calculatorRunsHtml.js"
import { breakdownsHtml, singleYearBreakdownsHtml } from "./breakdownHtml.js"

/** After a partial aggregate's value: "(partial: 1/27)", so it is never read as the whole. */
const partialMark = (e: Evaluation, lang: Lang): Html | null =>
  e.coverage?.partial ? h` <span class="partial-note">(${applicabilityLabels.partial[lang]} ${e.coverage.reported}/${e.coverage.members})</span>` : null

/** After a value the data-quality section lists as an outlier of the scope itself: a link to it, explained or not. */
const outlierMark = (view: ReportView, e: Evaluation, lang: Lang): Html | null => {
  const o = view.report.dataQuality?.outliers.find((x) => x.indicator === e.indicator && x.region === view.report.scope.code)
  if (!o) return null
  return h` <a class="${o.confirmed ? "dq-explained" : "dq-unexplained"}" href="#data-quality">${dataQualityLabels.mark[o.confirmed ? "confirmed" : "unexplained"][lang]}</a>`
}

/** "1 of 27 members reported (4% of the weight) · too few members to judge against a target". */
const coverageText = (c: Coverage, lang: Lang): Html =>
  h`${applicabilityLabels.coverage(c.reported, c.members)[lang]}${c.weightShare !== null ? ` (${applicabilityLabels.weightShare(formatShare(c.weightShare, lang))[lang]})` : ""}${
    c.partial ? h` · <span class="partial-note">${applicabilityLabels.partial[lang]}: ${applicabilityLabels.notJudged[lang]}</span>` : null
  }`

const overview = (view: ReportView, section: ReportSection, lang: Lang): Html => {
  const year = view.report.year
  const caption = `${lead(section.name[lang], lang)}${text.indicator[lang]}`
  return scrollTable(
    caption,
    h`<table class="overview"><caption>${caption}</caption>
<thead><tr><th scope="col">${text.indicator[lang]}</th><th scope="col" class="num">${text.value[lang]}</th><th scope="col">${text.unit[lang]}</th>
<th scope="col">${text.grade[lang]}</th><th scope="col">${text.target[lang]}</th><th scope="col" class="num">${text.gap[lang]}</th><th scope="col">${text.progress[lang]}</th></tr></thead>
<tbody>${section.evaluations.map((e) => {
      const style = view.style(e.indicator)
      const t = primaryTarget(e, year)
      // a row with only forecasts shows the first, with how reality compares (a forecast is not a goal: no gap)
      const forecast = t ? undefined : e.targets.find((x) => x.kind === "forecast")
      const name = e.status === "missing" ? h`${e.name[lang]}` : h`<a href="#${anchorId("ind", e.indicator)}">${e.name[lang]}</a>`
      // a row without a value has no card: the row itself is the indicator's anchor, so links to it land
      return h`<tr${e.status === "missing" ? h` id="${anchorId("ind", e.indicator)}"` : null}><th scope="row">${name}</th><td class="num">${formatValue(e.value, style, lang)}${partialMark(e, lang)}${trustMark(e, lang)}</td><td>${e.unit[lang]}</td>
<td>${e.grade?.name[lang] ?? "—"}</td><td>${
        t ? targetPhrase(t, style, lang) : forecast ? `${targetPhrase(forecast, style, lang)} — ${targetJudgement(forecast, style, lang)}` : text.noTarget[lang]
      }</td>
<td class="num">${formatDifference(t?.gap, style, lang)}</td><td>${e.status === "ok" ? progressBadge(e.progress.status, lang) : rowStatusBadge(e.status, lang)}</td></tr>`
    })}</tbody></table>`,
  )
}

/** Where the value came from, when the kind does not already say it (aggregated, or computed for lack of a registered value). */
const originNote = (e: Evaluation) => (e.origin === "aggregated" || (e.origin === "derived" && e.kind !== "derived") ? e.origin : null)

const factRow = (label: string, value: Html | string) => h`<tr><th scope="row">${label}</th><td>${value}</td></tr>`

const facts = (view: ReportView, e: Evaluation, lang: Lang): Html => {
  const style = view.style(e.indicator)
  const rows: Array<Html> = [
    // A percent value carries its unit in the % sign.
    factRow(text.value[lang], h`<strong>${formatValue(e.value, style, lang)}</strong> ${style.format === "percent" ? null : e.unit[lang]}${trustMark(e, lang)}${outlierMark(view, e, lang)}`),
    factRow(text.kind[lang], `${indicatorKindLabels[e.kind][lang]}${originNote(e) ? ` · ${originLabels[originNote(e)!][lang]}` : ""}`),
    factRow(text.direction[lang], directionLabels[e.direction][lang]),
    factRow(text.grade[lang], e.grade?.name[lang] ?? "—"),
    factRow(text.baseline[lang], e.baseline ? `${formatValue(e.baseline.value, style, lang)} (${e.baseline.year})` : "—"),
    factRow(text.changeSinceBaseline[lang], formatDifference(e.changeSinceBaseline, style, lang, true)),
    factRow(
      text.progress[lang],
      h`${progressBadge(e.progress.status, lang)} <span class="muted">${progressGlossOf(e.progress)[lang]}</span>${e.methods?.methodDependent ? h` ${methodDependentFlag(lang)}` : null}`,
    ),
  ]
  if (e.computedValue !== null) rows.push(factRow(text.computed[lang], formatValue(e.computedValue, style, lang)))
  if (e.coverage) rows.push(factRow(text.completeness[lang], coverageText(e.coverage, lang)))
  else if (view.report.scope.type === "group") rows.push(factRow(text.completeness[lang], formatShare(e.completeness, lang)))
  if (e.missingInputs.length > 0) {
    rows.push(factRow(text.missingInputs[lang], e.missingInputs.map((id) => view.indicatorName(id)?.[lang] ?? id).join(lang === "zh" ? "、" : ", ")))
  }
  if (e.error !== null) rows.push(factRow(rowStatusLabels.error[lang], e.error))
  for (const rule of e.rulesBroken) rows.push(factRow(text.notes[lang], rule.message[lang]))
  return h`<table class="facts"><tbody>${rows}</tbody></table>`
}

/** The flag of a judgement the three methods disagree on: a word, not only a colour. */
const methodDependentFlag = (lang: Lang): Html =>
  h`<span class="method-dependent"><span class="glyph" aria-hidden="true">⚠</span>${methodText.methodDependent[lang]}</span>`

/** The three methods side by side: method, status, the number behind it, the common class; the flag when they disagree. */
const methodsTable = (view: ReportView, e: Evaluation, lang: Lang): Html | null => {
  const rows = methodRows(e, view.style(e.indicator), lang)
  if (!rows) return null
  const caption = `${lead(e.name[lang], lang)}${methodText.heading[lang]}`
  return scrollTable(
    caption,
    h`<table class="methods"><caption>${methodText.heading[lang]}${e.methods!.methodDependent ? h` ${methodDependentFlag(lang)}` : null}</caption>
<thead><tr><th scope="col">${methodText.method[lang]}</th><th scope="col">${methodText.status[lang]}</th><th scope="col">${methodText.keyNumber[lang]}</th><th scope="col">${methodText.commonScale[lang]}</th></tr></thead>
<tbody>${rows.map((r) => h`<tr><th scope="row">${r.method}</th><td>${r.status}</td><td>${r.keyNumber}</td><td>${r.common}</td></tr>`)}</tbody></table>${
      e.methods!.methodDependent ? h`<p class="method-note">${methodText.methodDependentNote[lang]}</p>` : null
    }`,
  )
}

const targetRow = (view: ReportView, e: Evaluation, t: TargetEvaluation, lang: Lang): Html => {
  const style = view.style(e.indicator)
  // one row per target or standard: what it asks, whether it is met (or how reality compares with a forecast)
  const progress = t.kind === "forecast" ? h`<span class="muted">${judgementLabels.notProgress[lang]}</span>` : progressBadge(t.progress.status, lang)
  return h`<tr data-kind="${t.kind}"><td>${targetPhrase(t, style, lang)}</td><td class="source">${t.source[lang]}</td><td>${targetJudgement(t, style, lang)}</td>
<td class="num">${formatDifference(t.gap, style, lang)}</td>
<td>${shareBar(t.attainment, formatShare(t.attainment, lang, 1))}</td><td>${progress}</td>
<td class="num">${formatRate(t.progress.observedRate, t.progress.method, style, lang)}</td><td class="num">${formatRate(t.progress.requiredRate, t.progress.method, style, lang)}</td></tr>`
}

// Kind, aim, due year and binding read as one phrase ("at least 100.00 by 2035 (expected)"), which leaves the
// source a column wide enough to read on A4.
const targets = (view: ReportView, e: Evaluation, lang: Lang): Html | null => {
  if (e.targets.length === 0) return null
  const caption = `${lead(e.name[lang], lang)}${text.targets[lang]}`
  return scrollTable(
    caption,
    h`<table class="targets"><caption>${text.targets[lang]}</caption>
<thead><tr><th scope="col">${text.target[lang]}</th><th scope="col">${text.source[lang]}</th><th scope="col">${judgementLabels.judgement[lang]}</th><th scope="col" class="num">${text.gap[lang]}</th>
<th scope="col">${text.attainment[lang]}</th><th scope="col">${text.progress[lang]}</th>
<th scope="col" class="num">${text.observedRate[lang]}</th><th scope="col" class="num">${text.requiredRate[lang]}</th></tr></thead>
<tbody>${e.targets.map((t) => targetRow(view, e, t, lang))}</tbody></table>`,
  )
}

const card = (view: ReportView, e: Evaluation, lang: Lang): Html => {
  const style = view.style(e.indicator)
  const id = anchorId("ind", e.indicator)
  const trend = e.trend
  const target = primaryTarget(e, view.report.year)
  const trajectory = target ? targetTrajectory(target) : null
  const observed = target?.progress.observedRate ?? e.observedRate
  const method = target?.progress.method ?? e.progress.method
  const chart = trendChart({
    id: anchorId("chart", e.indicator),
    title: phrases.chartLabel(e.name, trend[0]!.year, trend[trend.length - 1]!.year)[lang],
    points: trend,
    target: chartTargetOf(target),
    trajectory,
    observed: observed !== null && observed !== undefined && method ? { rate: observed, method } : null,
    style,
    lang,
  })
  return h`<article class="indicator" id="${id}" aria-labelledby="${id}-h">
<h4 id="${id}-h">${e.name[lang]} <code>${e.indicator}</code></h4>
<div class="indicator-body">${facts(view, e, lang)}
${chart ? h`<figure class="chart">${chart}<figcaption>${lead(text.trend[lang], lang)}${trend.map((p) => `${p.year}: ${formatValue(p.value, style, lang)}`).join(" · ")}</figcaption></figure>` : null}
</div>
${targets(view, e, lang)}
${methodsTable(view, e, lang)}
${breakdownsHtml(view, e, lang)}
</article>`
}

/** Notes a row carries beyond its numbers: broken rules, a calculation error, missing inputs. */
const rowNotes = (view: ReportView, e: Evaluation, lang: Lang): Html | null => {
  const notes = [
    ...e.rulesBroken.map((r) => r.message[lang]),
    ...(e.error !== null ? [`${lead(rowStatusLabels.error[lang], lang)}${e.error}`] : []),
    ...(e.missingInputs.length > 0
      ? [`${lead(text.missingInputs[lang], lang)}${e.missingInputs.map((id) => view.indicatorName(id)?.[lang] ?? id).join(lang === "zh" ? "、" : ", ")}`]
      : []),
  ]
  const coverage = e.coverage ? h`<br><span class="muted">${coverageText(e.coverage, lang)}</span>` : null
  return notes.length > 0 ? h`<br><span class="muted">${notes.join(" · ")}</span>${coverage}` : coverage
}

/**
 * The indicators with a single year of data: one row each (value, targets, source, status), not a chart card; a
 * single point draws no trend. Each row carries the indicator's anchor, so links to it still land.
 */
const singleYearTable = (view: ReportView, rows: ReadonlyArray<Evaluation>, lang: Lang): Html | null => {
  if (rows.length === 0) return null
  const caption = singleYearLabels.caption[lang]
  return scrollTable(
    caption,
    h`<table class="single-year"><caption>${caption}</caption>
<thead><tr><th scope="col">${text.indicator[lang]}</th><th scope="col" class="num">${text.year[lang]}</th><th scope="col" class="num">${text.value[lang]}</th>
<th scope="col">${text.target[lang]}</th><th scope="col">${text.source[lang]}</th><th scope="col">${text.progress[lang]}</th></tr></thead>
<tbody>${rows.map((e) => {
      const style = view.style(e.indicator)
      const id = anchorId("ind", e.indicator)
      const point = e.trend[0]
      const sources = [...new Set(e.targets.map((t) => t.source[lang]))]
      return h`<tr id="${id}"><th scope="row">${e.name[lang]} <code>${e.indicator}</code>${rowNotes(view, e, lang)}</th>
<td class="num">${point?.year ?? view.report.year}</td>
<td class="num"><strong>${formatValue(e.value, style, lang)}</strong> ${style.format === "percent" ? null : e.unit[lang]}${partialMark(e, lang)}${trustMark(e, lang)}${outlierMark(view, e, lang)}</td>
<td>${e.targets.length === 0 ? text.noTarget[lang] : e.targets.map((t, i) => h`${i > 0 ? h`<br>` : null}${targetPhrase(t, style, lang)} — ${targetJudgement(t, style, lang)}`)}</td>
<td class="source">${sources.length === 0 ? "—" : sources.join(lang === "zh" ? "；" : "; ")}</td>
<td>${e.status === "ok" ? progressBadge(e.progress.status, lang) : rowStatusBadge(e.status, lang)}</td></tr>`
    })}</tbody></table>`,
  )
}

/** A plugin's section. */
export const sectionHtml = (view: ReportView, section: ReportSection, lang: Lang): Html => {
  const shown = section.evaluations.filter((e) => e.status !== "missing")
  // two years or more draw a trend; one year (or a value without a series, e.g. an error) is a row
  const charted = shown.filter((e) => e.trend.length >= 2)
  const single = shown.filter((e) => e.trend.length < 2)
  return h`<section id="${anchorId("plugin", section.plugin)}" aria-labelledby="${anchorId("plugin", section.plugin)}-h">
<h2 id="${anchorId("plugin", section.plugin)}-h">${section.name[lang]}</h2>
${section.notes.length > 0 ? h`<ul class="notes">${section.notes.map((n) => h`<li>${n[lang]}</li>`)}</ul>` : null}
${section.error ? h`<p class="redline"><strong>${lead(text.sectionError[lang], lang)}</strong>${section.error}</p>` : null}
${section.tables.map((t) => sectionTableHtml(view, t, lang))}
${calculatorRunsHtml(view, section, lang)}
${overview(view, section, lang)}
${charted.map((e) => card(view, e, lang))}
${singleYearTable(view, single, lang)}
${singleYearBreakdownsHtml(view, single, lang)}
</section>`
}

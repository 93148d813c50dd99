/**
 * The report as an HTML page: summary (binding targets missed first), diagnosis, one section per plugin,
 * the comparison of a group's members, and provenance. Server-rendered, no script; every data string escaped.
 */
import type { DiagnosisItem, Lang } from "@tijian/core"
import { breakdownSummaryHtml } from "./breakdownHtml.js"
import { breakdownPhrases } from "./breakdownLabels.js"
import { phrases, progressGloss, text } from "./labels.js"
import { applicabilityLabels, bindingCountLabels, bindingStanding, notAssessedLabels, onBreakdownsText, verdictText } from "./bindingSummary.js"
import { shareBar } from "./chart.js"
import { targetPhrase } from "./describe.js"
import { formatDifference, formatShare, formatTime, formatValue } from "./format.js"
import { anchorId, h, type Html } from "./html.js"
import { type FormatLink, page } from "./layout.js"
import { overviewSectionHtml } from "./overviewHtml.js"
import { progressBadge, scrollTable } from "./parts.js"
import { comparisonHtml, provenanceHtml } from "./provenanceHtml.js"
import { contentsHtml, coverHash, coverTerms } from "./contentsHtml.js"
import type { ReportView } from "./ReportView.js"
import { sectionHtml } from "./sectionHtml.js"
import { dataQualityHtml } from "./dataQualityHtml.js"
import { trustSummaryHtml } from "./trust.js"
import { outranHeading, outranLines } from "./outran.js"
import { type EditionLink, publishedEditionsMeta } from "./editionLinks.js"

/** Where the page is served, for its language switch and format links. */
export interface PageLocation {
  /** The URL of the page in a given language. */
  readonly hrefIn: (lang: Lang) => string
  /** Links to the same report in the other formats. */
  readonly formats: ReadonlyArray<FormatLink>
  /** The URL of the index page. */
  readonly indexHref: string
  /** Terms shown first in the page's dates (`<dt>…</dt><dd>…</dd>`), e.g. which edition the page is. */
  readonly metaLead?: Html
  /** The published editions of this scope and year, oldest first: shown as "Published editions: 1, 2 (latest)". */
  readonly editions?: ReadonlyArray<EditionLink>
  /** The URL of the list of editions. */
  readonly editionsHref?: string
  /** A notice at the top of the page (e.g. that a later edition supersedes this one). */
  readonly notice?: Html
  /** A member's (or child region's) report page, for the overview; default `/reports/{code}/{year}?lang=`. */
  readonly memberHref?: (code: string) => string | null
  /** The overview page of this scope; default `/reports/{scope}/{year}/overview?lang=`. */
  readonly overviewHref?: string | null
}

const PROGRESS_ORDER = ["target-achieved", "substantial", "moderate", "limited", "deterioration", "insufficient-data"] as const

const targetOf = (view: ReportView, item: DiagnosisItem) =>
  view.report.sections
    .flatMap((s) => s.evaluations)
    .find((e) => e.indicator === item.indicator)
    ?.targets.find((t) => t.id === item.target)

const indicatorLink = (item: { indicator: string; name: { zh: string; en: string } }, lang: Lang) =>
  h`<a href="#${anchorId("ind", item.indicator)}">${item.name[lang]}</a>`

const gapTable = (view: ReportView, items: ReadonlyArray<DiagnosisItem>, caption: string, lang: Lang): Html =>
  scrollTable(
    caption,
    h`<table><caption class="vh">${caption}</caption>
<thead><tr><th scope="col">${text.indicator[lang]}</th><th scope="col" class="num">${text.value[lang]}</th><th scope="col">${text.target[lang]}</th>
<th scope="col" class="num">${text.gap[lang]}</th><th scope="col">${text.relativeGap[lang]}</th></tr></thead>
<tbody>${items.map((i) => {
      const style = view.style(i.indicator)
      const t = targetOf(view, i)
      return h`<tr><th scope="row">${indicatorLink(i, lang)}</th><td class="num">${formatValue(i.value, style, lang)}</td>
<td>${t ? targetPhrase(t, style, lang) : (i.target ?? "—")}</td><td class="num">${formatDifference(i.gap, style, lang)}</td>
<td>${shareBar(i.relativeGap ?? null, formatShare(i.relativeGap, lang, 1))}</td></tr>`
    })}</tbody></table>`,
  )

const VERDICT_GLYPHS = { breached: "✖", "not-assessed": "?", "all-met": "✔", "none-apply": "–" } as const

const notAssessedTable = (view: ReportView, items: ReadonlyArray<DiagnosisItem>, lang: Lang): Html => {
  const caption = `${bindingCountLabels.notAssessedList[lang]} (${items.length})`
  return scrollTable(
    caption,
    h`<table><caption>${caption}</caption>
<thead><tr><th scope="col">${text.indicator[lang]}</th><th scope="col">${text.target[lang]}</th><th scope="col" class="num">${text.value[lang]}</th><th scope="col">${bindingCountLabels.why[lang]}</th></tr></thead>
<tbody>${items.map((i) => {
      const t = targetOf(view, i)
      return h`<tr><th scope="row">${indicatorLink(i, lang)}</th><td>${t ? targetPhrase(t, view.style(i.indicator), lang) : (i.target ?? "—")}</td>
<td class="num">${formatValue(i.value, view.style(i.indicator), lang)}</td><td>${i.reason ? notAssessedLabels[i.reason][lang] : "—"}</td></tr>`
    })}</tbody></table>`,
  )
}

const notReportedHtml = (view: ReportView, lang: Lang): Html | null => {
  const list = view.report.notReported ?? []
  if (list.length === 0) return null
  return h`<section id="not-reported" aria-labelledby="not-reported-h"><h2 id="not-reported-h">${applicabilityLabels.notReported[lang]} (${list.length})</h2>
<p class="muted">${applicabilityLabels.notReportedGloss[lang]}</p>
<p class="not-reported">${list.map((n, i) => h`${i > 0 ? (lang === "zh" ? "、" : ", ") : ""}<span>${n.name[lang]}</span>`)}</p>
</section>`
}

const summaryHtml = (view: ReportView, lang: Lang): Html => {
  const s = view.report.summary
  const missed = view.report.diagnosis.bindingMissed
  const counts: ReadonlyArray<[string, number | string]> = [
    [text.indicatorsEvaluated[lang], s.indicators],
    [text.withValue[lang], s.withValue],
    [text.missing[lang], s.missing],
    [text.errors[lang], s.error],
  ]
  const byStatus: Record<(typeof PROGRESS_ORDER)[number], number> = {
    "target-achieved": s.targetAchieved,
    substantial: s.substantial,
    moderate: s.moderate,
    limited: s.limited,
    deterioration: s.deterioration,
    "insufficient-data": s.insufficientData,
  }
  const binding = bindingStanding(view.report)
  const c = binding.counts
  const verdictClass = { breached: "redline", "not-assessed": "amber", "all-met": "ok-note", "none-apply": "neutral-note" }[binding.verdict]
  return h`<section id="summary" aria-labelledby="summary-h"><h2 id="summary-h">${text.summary[lang]}</h2>
<h3>${bindingCountLabels.heading[lang]}</h3>
<div class="verdict ${verdictClass}" data-verdict="${binding.verdict}">
<p class="verdict-line"><span class="glyph" aria-hidden="true">${VERDICT_GLYPHS[binding.verdict]}</span> ${verdictText(c)[binding.verdict][lang]}${onBreakdownsText(binding)[lang]}</p>
${
  c.targets > 0
    ? h`<ul class="binding-counts">
<li class="b-breached"><span class="n">${c.breached}</span> <span class="what">${bindingCountLabels.breached[lang]}</span></li>
<li class="b-not-assessed"><span class="n">${c.notAssessed}</span> <span class="what">${bindingCountLabels.notAssessed[lang]}</span></li>
<li class="b-met"><span class="n">${c.met}</span> <span class="what">${bindingCountLabels.met[lang]}</span></li>
<li class="b-all"><span class="n">${c.targets}</span> <span class="what">${bindingCountLabels.targets[lang]}</span></li></ul>`
    : null
}
${missed.length > 0 ? gapTable(view, missed, `${text.bindingMissed[lang]} (${missed.length})`, lang) : null}
${binding.notAssessed.length > 0 ? notAssessedTable(view, binding.notAssessed, lang) : null}
</div>
${breakdownSummaryHtml(view, lang)}
<ul class="counts">${counts.map(([label, n]) => h`<li><span class="n">${n}</span><span class="what">${label}</span></li>`)}
${(s.notReported ?? 0) > 0 ? h`<li><span class="n">${s.notReported}</span><span class="what"><a href="#not-reported">${applicabilityLabels.notReported[lang]}</a></span></li>` : null}
<li><span class="n">${formatShare(s.completeness, lang)}</span><span class="what">${text.completeness[lang]}</span>
<span class="gloss">${phrases.indicatorsWithValue(s.withValue, s.indicators)[lang]}</span></li></ul>
${trustSummaryHtml(view.report, lang)}
<h3>${text.progressCounts[lang]}</h3>
<ul class="counts progress-counts">${PROGRESS_ORDER.map(
    (status) =>
      h`<li><span class="n">${byStatus[status]}</span>${progressBadge(status, lang)}<span class="gloss">${progressGloss[status][lang]}</span></li>`,
  )}</ul>
</section>`
}

/** The forecasts reality outran (shown only when there are some: a forecast is not a goal, its absence says nothing). */
const outran = (view: ReportView, lang: Lang): Html | null => {
  const lines = outranLines(view.report, view.style, lang)
  if (lines.length === 0) return null
  return h`<h3>${outranHeading[lang]}</h3>
<ul class="outran">${lines.map((l) => h`<li><a href="#${anchorId("ind", l.indicator)}">${l.name}</a>: ${l.forecast} — <strong>${l.judgement}</strong></li>`)}</ul>`
}

const diagnosisHtml = (view: ReportView, lang: Lang): Html => {
  const d = view.report.diagnosis
  const none = h`<p class="muted">${text.none[lang]}</p>`
  const breachedOnBreakdowns = view.report.summary.breakdownTargets?.bindingNotMet ?? 0
  return h`<section id="diagnosis" aria-labelledby="diagnosis-h"><h2 id="diagnosis-h">${text.diagnosis[lang]}</h2>
<h3>${text.redLines[lang]}</h3>
${d.bindingMissed.length === 0 ? (breachedOnBreakdowns > 0 ? null : none) : gapTable(view, d.bindingMissed, text.redLines[lang], lang)}
${breachedOnBreakdowns > 0 ? h`<p class="redline breakdown-redlines">${breakdownPhrases.redLines(breachedOnBreakdowns)[lang]}</p>` : null}
${outran(view, lang)}
<h3>${text.largestGaps[lang]}</h3>
${d.largestGaps.length === 0 ? none : gapTable(view, d.largestGaps, text.largestGaps[lang], lang)}
<h3>${text.regressions[lang]}</h3>
${
  d.regressions.length === 0
    ? none
    : scrollTable(
        text.regressions[lang],
        h`<table><caption class="vh">${text.regressions[lang]}</caption><thead><tr><th scope="col">${text.indicator[lang]}</th><th scope="col" class="num">${text.previous[lang]}</th>
<th scope="col" class="num">${text.value[lang]}</th><th scope="col" class="num">${text.difference[lang]}</th></tr></thead>
<tbody>${d.regressions.map((i) => {
          const style = view.style(i.indicator)
          const change = i.previous && i.value !== null ? i.value - i.previous.value : null
          return h`<tr><th scope="row">${indicatorLink(i, lang)}</th><td class="num">${i.previous ? `${formatValue(i.previous.value, style, lang)} (${i.previous.year})` : "—"}</td>
<td class="num">${formatValue(i.value, style, lang)}</td><td class="num">${formatDifference(change, style, lang, true)}</td></tr>`
        })}</tbody></table>`,
      )
}
<h3>${text.computedVsReported[lang]}</h3>
${
  d.computedVsReported.length === 0
    ? none
    : scrollTable(
        text.computedVsReported[lang],
        h`<table><caption class="vh">${text.computedVsReported[lang]}</caption><thead><tr><th scope="col">${text.indicator[lang]}</th><th scope="col" class="num">${text.reported[lang]}</th>
<th scope="col" class="num">${text.computed[lang]}</th><th scope="col" class="num">${text.difference[lang]}</th></tr></thead>
<tbody>${d.computedVsReported.map((i) => {
          const style = view.style(i.indicator)
          return h`<tr><th scope="row">${indicatorLink(i, lang)}</th><td class="num">${formatValue(i.reported, style, lang)}</td>
<td class="num">${formatValue(i.computed, style, lang)}</td><td class="num">${formatDifference(i.difference, style, lang, true)}</td></tr>`
        })}</tbody></table>`,
      )
}
</section>`
}

/**
 * The report page.
 *
 * @example
 * reportHtml(view, "en", location).toString() // "<!doctype html>..."
 */
export const reportHtml = (view: ReportView, lang: Lang, location: PageLocation): Html => {
  const r = view.report
  const meta = h`<dl class="meta">
${coverTerms(view, lang)}${location.metaLead ?? ""}<dt>${text.reportAsOf[lang]}</dt><dd>${formatTime(r.provenance.asOf)}</dd>
<dt>${text.dataAsOf[lang]}</dt><dd>${formatTime(r.provenance.dataAsOf)}</dd>
${location.editions ? publishedEditionsMeta(location.editions, lang, location.editionsHref) : null}
${coverHash(view, lang)}</dl>`
  return page({
    lang,
    title: phrases.reportTitle(r.scope.name, r.year)[lang],
    kicker: h`<a href="${location.indexHref}">${text.allReports[lang]}</a> · ${text.appName[lang]}`,
    hrefIn: location.hrefIn,
    formats: location.formats,
    meta,
    ...(location.notice ? { notice: location.notice } : {}),
    main: h`${contentsHtml(view, lang)}
${summaryHtml(view, lang)}
${diagnosisHtml(view, lang)}
${dataQualityHtml(view, lang)}
${overviewSectionHtml(view, lang, {
  memberHref: location.memberHref ?? ((code) => `/reports/${encodeURIComponent(code)}/${r.year}?lang=${lang}`),
  overviewHref: location.overviewHref !== undefined ? location.overviewHref : `/reports/${encodeURIComponent(r.scope.code)}/${r.year}/overview?lang=${lang}`,
})}
${r.sections.map((s) => sectionHtml(view, s, lang))}
${view.comparison ? comparisonHtml(view, view.comparison, lang) : null}
${notReportedHtml(view, lang)}
${provenanceHtml(view, lang)}`,
  })
}


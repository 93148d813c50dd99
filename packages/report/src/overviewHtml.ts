/**
 * The members' overview as HTML: the member x indicator matrix (status glyph + text + colour, trend arrow with
 * its text, each cell linking to the member's report), its legend, and, where members' boundaries are
 * registered, the choropleth map of one indicator by status or value. As a section of the group's (or
 * parent's) report and as a page of its own. Pure: the report, the members' reports and the boundaries in.
 */
import type { Lang } from "@tijian/core"
import { choroplethSvg, type MapArea } from "./choroplethSvg.js"
import { formatValue } from "./format.js"
import { anchorId, h, type Html } from "./html.js"
import { bindingLabels, directionLabels, lead, listOf, phrases, progressGlyphs, progressLabels, rowStatusLabels, text } from "./labels.js"
import { type FormatLink, page } from "./layout.js"
import { buildOverview, type CellStatus, defaultMapIndicator, type Overview, type OverviewCell } from "./overview.js"
import { overviewPhrases, overviewText, trendGlyphs, trendLabels, trendLegend } from "./overviewLabels.js"
import { scrollTable } from "./parts.js"
import type { ReportView } from "./ReportView.js"

/** What the map shows: an indicator (default: `defaultMapIndicator`) by status (default) or value. */
export interface MapChoice {
  readonly indicator?: string
  readonly by?: "status" | "value"
}

/** Where the overview's links go. */
export interface OverviewLinks {
  /** A member's report page, or null where none is published (a static export without the member). */
  readonly memberHref: (code: string) => string | null
  /** The overview page (the map's form submits to it), in the page's language; null where there is none. */
  readonly overviewHref: string | null
}

const STATUS_ORDER: ReadonlyArray<CellStatus> = [
  "target-achieved",
  "substantial",
  "moderate",
  "limited",
  "deterioration",
  "insufficient-data",
  "missing",
  "error",
]

const glyphOf = (s: CellStatus): string => (s === "missing" ? "–" : s === "error" ? "!" : progressGlyphs[s])
const labelOf = (s: CellStatus, lang: Lang): string => (s === "missing" || s === "error" ? rowStatusLabels[s][lang] : progressLabels[s][lang])

/** A status badge: glyph + text, in the status's colours. */
export const cellStatusBadge = (s: CellStatus, lang: Lang): Html =>
  h`<span class="status st-${s}"><span class="glyph" aria-hidden="true">${glyphOf(s)}</span>${labelOf(s, lang)}</span>`

const trendMark = (cell: OverviewCell, lang: Lang): Html | null =>
  cell.trend === null || cell.trendFrom === null
    ? null
    : h`<span class="trend t-${cell.trend}" title="${trendLabels[cell.trend](cell.trendFrom)[lang]}"><span aria-hidden="true">${trendGlyphs[cell.trend]}</span><span class="vh">${trendLabels[cell.trend](cell.trendFrom)[lang]}</span></span>`

const matrixHtml = (view: ReportView, o: Overview, lang: Lang, links: OverviewLinks): Html => {
  const caption = o.kind === "members" ? overviewText.overview[lang] : overviewText.childrenOverview[lang]
  return scrollTable(
    caption,
    h`<table class="overview"><caption class="vh">${caption}</caption>
<thead><tr><th scope="col">${o.kind === "members" ? overviewText.member[lang] : text.region[lang]}</th>${o.columns.map(
      (c) => h`<th scope="col" class="ind"><span class="ind-name">${c.name[lang]}</span>${c.binding ? h` <span class="binding-mark">${bindingLabels.binding[lang]}</span>` : null}</th>`,
    )}</tr></thead>
<tbody>${o.rows.map(
      (r) => {
        const href = links.memberHref(r.code)
        return h`<tr><th scope="row">${href === null ? r.name[lang] : h`<a href="${href}">${r.name[lang]}</a>`} <code>${r.code}</code></th>${r.cells.map((cell, i) => {
          const column = o.columns[i]!
          const value = cell.value === null ? null : h`<span class="val">${formatValue(cell.value, view.style(column.indicator), lang)}</span>`
          const content = h`${cellStatusBadge(cell.status, lang)}${value}${trendMark(cell, lang)}`
          return h`<td class="cell c-${cell.status}">${href === null ? content : h`<a href="${href}#${anchorId("ind", column.indicator)}">${content}</a>`}</td>`
        })}</tr>`
      },
    )}</tbody></table>`,
  )
}

const legendHtml = (o: Overview, lang: Lang): Html => {
  const present = new Set(o.rows.flatMap((r) => r.cells.map((c) => c.status)))
  return h`<div class="legend"><h3 class="legend-h">${overviewText.legend[lang]}</h3>
<p>${lead(overviewText.statusLegend[lang], lang)}</p><ul class="legend-items">${STATUS_ORDER.filter((s) => present.has(s)).map((s) => h`<li>${cellStatusBadge(s, lang)}</li>`)}</ul>
<p>${lead(overviewText.trendLegend[lang], lang)}</p><ul class="legend-items">${(["better", "same", "worse"] as const).map(
    (t) => h`<li><span class="trend t-${t}" aria-hidden="true">${trendGlyphs[t]}</span> ${trendLegend[t][lang]}</li>`,
  )}<li class="muted">${lead(overviewText.noTrend[lang], lang)}—</li></ul></div>`
}

const mapHtml = (view: ReportView, o: Overview, lang: Lang, links: OverviewLinks, choice: MapChoice): Html | null => {
  const withBoundary = o.rows.filter((r) => view.boundaries.has(r.code))
  if (withBoundary.length === 0 || o.columns.length === 0) return null
  const column = o.columns.find((c) => c.indicator === choice.indicator) ?? o.columns.find((c) => c.indicator === defaultMapIndicator(o))!
  const index = o.columns.indexOf(column)
  const by = choice.by ?? "status"
  const style = view.style(column.indicator)
  const values = o.rows.map((r) => r.cells[index]!.value).filter((v): v is number => v !== null)
  const min = Math.min(...values)
  const max = Math.max(...values)
  const bin = (v: number) => (max === min ? 2 : Math.min(4, Math.floor(((v - min) / (max - min)) * 5)))
  const areas: Array<MapArea> = withBoundary.map((r) => {
    const cell = r.cells[index]!
    const valued = by === "value" && cell.value !== null
    return {
      code: r.code,
      name: r.name[lang],
      polygons: view.boundaries.get(r.code)!,
      fillClass: valued ? `mv-${bin(cell.value)}` : by === "value" ? "m-missing" : `m-${cell.status}`,
      label: valued ? formatValue(cell.value, style, lang) : `${glyphOf(cell.status)} ${by === "value" ? overviewText.noValue[lang] : labelOf(cell.status, lang)}`,
    }
  })
  const legend =
    by === "status"
      ? STATUS_ORDER.filter((s) => areas.some((a) => a.fillClass === `m-${s}`)).map(
          (s) => h`<li><svg class="swatch" aria-hidden="true" viewBox="0 0 16 16"><rect class="area m-${s}" x="1" y="1" width="14" height="14"/></svg>${cellStatusBadge(s, lang)}</li>`,
        )
      : [0, 1, 2, 3, 4]
          .filter((b) => areas.some((a) => a.fillClass === `mv-${b}`))
          .map((b) => {
            const from = formatValue(min + ((max - min) * b) / 5, style, lang)
            const to = formatValue(min + ((max - min) * (b + 1)) / 5, style, lang)
            return h`<li><svg class="swatch" aria-hidden="true" viewBox="0 0 16 16"><rect class="area mv-${b}" x="1" y="1" width="14" height="14"/></svg>${max === min ? from : overviewPhrases.valueRange(from, to)[lang]}</li>`
          })
          .concat(areas.some((a) => a.fillClass === "m-missing") ? [h`<li><svg class="swatch" aria-hidden="true" viewBox="0 0 16 16"><rect class="area m-missing" x="1" y="1" width="14" height="14"/></svg>– ${overviewText.noValue[lang]}</li>`] : [])
  const without = o.rows.filter((r) => !view.boundaries.has(r.code))
  const caption =
    by === "value"
      ? `${overviewPhrases.mapCaption(column.name, by, o.year)[lang]}${overviewPhrases.unitAndDirection(column.unit, directionLabels[column.direction])[lang]}`
      : overviewPhrases.mapCaption(column.name, by, o.year)[lang]
  return h`<h3 id="map-h">${overviewText.map[lang]}</h3>
${links.overviewHref === null ? null : ((overviewHref: string) => h`<form class="map-choice" method="get" action="${overviewHref.split("?")[0]}">
<input type="hidden" name="lang" value="${lang}">
<label for="map-indicator">${overviewText.mapIndicator[lang]}</label> <select id="map-indicator" name="map">${o.columns.map(
    (c) => h`<option value="${c.indicator}"${c === column ? h` selected` : null}>${c.name[lang]}</option>`,
  )}</select>
<label for="map-by">${overviewText.mapBy[lang]}</label> <select id="map-by" name="mapBy"><option value="status"${by === "status" ? h` selected` : null}>${overviewText.byStatus[lang]}</option><option value="value"${by === "value" ? h` selected` : null}>${overviewText.byValue[lang]}</option></select>
<button type="submit">${overviewText.show[lang]}</button></form>`)(links.overviewHref)}
<figure class="map"><figcaption id="map-caption">${caption}</figcaption>
${choroplethSvg(areas, "map-caption")}
<ul class="legend-items map-legend" aria-label="${overviewText.legend[lang]}">${legend}</ul>
<p class="muted">${overviewText.projectionNote[lang]}</p>
${without.length > 0 ? h`<p class="muted">${lead(overviewText.noBoundary[lang], lang)}${listOf(without.map((r) => `${r.name[lang]} (${r.code})`), lang)}</p>` : null}
</figure>`
}

/** The overview of a view's members, or null when the scope has none (a region without children). */
export const overviewOf = (view: ReportView): Overview | null => (view.members.length === 0 ? null : buildOverview(view.report, view.members))

/**
 * The overview as a section of a report page (matrix, legend, map of the default indicator), or null when the
 * scope has no members.
 */
export const overviewSectionHtml = (view: ReportView, lang: Lang, links: OverviewLinks, choice: MapChoice = {}, inReport = true): Html | null => {
  const o = overviewOf(view)
  if (!o) return null
  const heading = o.kind === "members" ? overviewText.overview[lang] : overviewText.childrenOverview[lang]
  return h`<section id="overview" aria-labelledby="overview-h"><h2 id="overview-h">${heading}</h2>
${
  o.columns.length === 0
    ? h`<p class="muted">${overviewPhrases.noMemberValues(o.kind, o.year)[lang]} ${listOf(o.rows.map((r) => `${r.name[lang]} (${r.code})`), lang)}</p>`
    : h`<p>${overviewText.overviewIntro[lang]}${inReport && links.overviewHref !== null ? h` <a href="${links.overviewHref}">${overviewText.openOverview[lang]}</a>` : null}</p>
${matrixHtml(view, o, lang, links)}
${legendHtml(o, lang)}`
}
${
  o.leftOut.length > 0
    ? h`<details class="left-out"><summary>${lead(overviewText.leftOut[lang], lang)}${overviewPhrases.leftOutCount(o.leftOut.length)[lang]}</summary><p>${listOf(
        o.leftOut.map((l) => l.name[lang]),
        lang,
      )}</p></details>`
    : null
}
${mapHtml(view, o, lang, links, choice)}
</section>`
}

/** Where the overview page is served. */
export interface OverviewLocation extends OverviewLinks {
  readonly hrefIn: (lang: Lang) => string
  readonly reportHref: string
  readonly indexHref: string
  readonly formats?: ReadonlyArray<FormatLink>
}

/**
 * The overview page of a group or parent region.
 *
 * @example
 * overviewHtml(view, "en", location, { indicator: "ecology.forest-coverage", by: "value" }).toString()
 */
export const overviewHtml = (view: ReportView, lang: Lang, location: OverviewLocation, choice: MapChoice = {}): Html => {
  const r = view.report
  return page({
    lang,
    title: overviewPhrases.title(r.scope.name, r.year, view.report.scope.type === "group" ? "members" : "children")[lang],
    kicker: h`<a href="${location.indexHref}">${text.allReports[lang]}</a> · <a href="${location.reportHref}">${phrases.reportTitle(r.scope.name, r.year)[lang]}</a>`,
    hrefIn: location.hrefIn,
    formats: location.formats ?? [],
    main: overviewSectionHtml(view, lang, location, choice, false) ?? h`<p class="muted">${text.none[lang]}</p>`,
  })
}

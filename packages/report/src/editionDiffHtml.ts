/**
 * The difference between two published editions as an HTML page: the values that changed and the judgements
 * that changed (data status, progress status, grade, each target met or not), old beside new, with indicator
 * names and numbers in each indicator's decimals; and the data revisions that entered or left.
 */
import { diffReports, type Editions, type Evaluation, type I18nText, type Indicator, type Lang, type Report, type ReportDiff } from "@tijian/core"
import { targetPhrase } from "./describe.js"
import { editionLabels, editionPhrases } from "./editionLabels.js"
import { shortHash } from "./editionListHtml.js"
import { formatDifference, formatTime, formatValue, type NumberStyle } from "./format.js"
import { h, type Html } from "./html.js"
import { text } from "./labels.js"
import { type FormatLink, page } from "./layout.js"
import { progressBadge, rowStatusBadge, scrollTable } from "./parts.js"
import type { ProgressStatus } from "@tijian/core"

/** One side of the comparison: an edition and its report as published. */
export interface EditionSide {
  readonly info: Editions.EditionInfo
  readonly report: Report
}

/** What the diff page compares. */
export interface EditionDiffInput {
  readonly scope: { readonly code: string; readonly name: I18nText }
  readonly year: number
  readonly from: EditionSide
  readonly to: EditionSide
  /** The registry's indicator by id, for its decimals and format (the report's own decimals otherwise). */
  readonly indicator: (id: string) => Pick<Indicator, "decimals" | "format"> | undefined
}

/** Where the diff page is served, and where its links point. */
export interface EditionDiffLocation {
  readonly hrefIn: (lang: Lang) => string
  readonly indexHref: string
  readonly listHref: string
  readonly editionHref: (edition: number, lang: Lang) => string
  readonly formats?: ReadonlyArray<FormatLink>
}

const evaluations = (r: Report) => new Map<string, Evaluation>(r.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e]))

/** How an indicator's numbers are shown: the registry's decimals, else those stored in either report. */
const styleOf = (input: EditionDiffInput, before: Map<string, Evaluation>, after: Map<string, Evaluation>) => (id: string): NumberStyle => {
  const indicator = input.indicator(id)
  return { decimals: indicator?.decimals ?? after.get(id)?.decimals ?? before.get(id)?.decimals ?? 2, format: indicator?.format ?? "number" }
}

const fieldLabel = (change: ReportDiff["judgements"][number], e: Evaluation | undefined, style: NumberStyle, lang: Lang): Html => {
  switch (change.field) {
    case "status":
      return h`${editionLabels.fieldStatus[lang]}`
    case "progress":
      return h`${editionLabels.fieldProgress[lang]}`
    case "grade":
      return h`${editionLabels.fieldGrade[lang]}`
    default: {
      const target = e?.targets.find((t) => t.id === change.target)
      return h`${editionLabels.fieldTargetMet[lang]}: ${target ? targetPhrase(target, style, lang) : (change.target ?? "")}`
    }
  }
}

const judgementValue = (field: ReportDiff["judgements"][number]["field"], value: string | number | boolean | null, e: Evaluation | undefined, lang: Lang): Html => {
  if (value === null) return field === "target-met" ? h`<span class="muted">${editionLabels.notAssessed[lang]}</span>` : h`<span class="muted">—</span>`
  switch (field) {
    case "status":
      return value === "ok" ? h`${text.withValue[lang]}` : rowStatusBadge(value as Evaluation["status"], lang)
    case "progress":
      return progressBadge(value as ProgressStatus, lang)
    case "grade":
      return h`${e?.grade?.id === value ? e.grade.name[lang] : String(value)}`
    default:
      return value === true
        ? h`<span class="status st-target-achieved"><span class="glyph" aria-hidden="true">✔</span>${editionLabels.met[lang]}</span>`
        : h`<span class="status st-deterioration"><span class="glyph" aria-hidden="true">✖</span>${editionLabels.notMet[lang]}</span>`
  }
}

const sideLine = (label: string, side: EditionSide, lang: Lang, location: EditionDiffLocation): Html =>
  h`<dt>${label}</dt><dd><a href="${location.editionHref(side.info.edition, lang)}">${editionPhrases.editionN(side.info.edition)[lang]}</a> · ${editionLabels.publishedAt[lang]} ${formatTime(side.info.publishedAt)} · ${editionLabels.contentHash[lang]} <code title="${side.info.contentHash}">${shortHash(side.info.contentHash)}</code></dd>
`

/**
 * The diff page of two editions (`from` is "before", `to` is "after", whichever is newer).
 *
 * @example
 * editionDiffHtml({ scope, year: 2022, from: { info: e1, report: r1 }, to: { info: e2, report: r2 }, indicator }, "en", location)
 * // a page with "Changed values": Green expansion index | 80.98 | 81.50 | +0.52
 */
export const editionDiffHtml = (input: EditionDiffInput, lang: Lang, location: EditionDiffLocation): Html => {
  const a = input.from.info.edition
  const b = input.to.info.edition
  const before = evaluations(input.from.report)
  const after = evaluations(input.to.report)
  const style = styleOf(input, before, after)
  const diff = diffReports(input.from.report, input.to.report)
  const meta = h`<dl class="meta">
${sideLine(editionLabels.before[lang], input.from, lang, location)}${sideLine(editionLabels.after[lang], input.to, lang, location)}</dl>`
  const valuesTable =
    diff.values.length === 0
      ? h`<p class="muted">${editionLabels.noValueChanges[lang]}</p>`
      : scrollTable(
          editionLabels.changedValues[lang],
          h`<table><caption class="vh">${editionLabels.changedValues[lang]}</caption>
<thead><tr><th scope="col">${editionLabels.indicator[lang]}</th><th scope="col" class="num">${editionLabels.before[lang]} (${editionPhrases.editionN(a)[lang]})</th>
<th scope="col" class="num">${editionLabels.after[lang]} (${editionPhrases.editionN(b)[lang]})</th><th scope="col" class="num">${editionLabels.change[lang]}</th></tr></thead>
<tbody>${diff.values.map((c) => {
            const s = style(c.indicator)
            const from = typeof c.from === "number" ? c.from : null
            const to = typeof c.to === "number" ? c.to : null
            const unit = (after.get(c.indicator) ?? before.get(c.indicator))?.unit[lang]
            return h`<tr><th scope="row">${c.name[lang]}${unit ? h` <span class="muted">(${unit})</span>` : null}</th><td class="num old">${formatValue(from, s, lang)}</td>
<td class="num new">${formatValue(to, s, lang)}</td><td class="num">${from !== null && to !== null ? formatDifference(to - from, s, lang, true) : "—"}</td></tr>`
          })}</tbody></table>`,
        )
  const judgementsTable =
    diff.judgements.length === 0
      ? h`<p class="muted">${editionLabels.noJudgementChanges[lang]}</p>`
      : scrollTable(
          editionLabels.changedJudgements[lang],
          h`<table><caption class="vh">${editionLabels.changedJudgements[lang]}</caption>
<thead><tr><th scope="col">${editionLabels.indicator[lang]}</th><th scope="col">${editionLabels.what[lang]}</th>
<th scope="col">${editionLabels.before[lang]} (${editionPhrases.editionN(a)[lang]})</th><th scope="col">${editionLabels.after[lang]} (${editionPhrases.editionN(b)[lang]})</th></tr></thead>
<tbody>${diff.judgements.map((c) => {
            const x = before.get(c.indicator)
            const y = after.get(c.indicator)
            return h`<tr><th scope="row">${c.name[lang]}</th><td>${fieldLabel(c, y ?? x, style(c.indicator), lang)}</td>
<td class="old">${judgementValue(c.field, c.from, x, lang)}</td><td class="new">${judgementValue(c.field, c.to, y, lang)}</td></tr>`
          })}</tbody></table>`,
        )
  const revisions = (label: string, ids: ReadonlyArray<string>) =>
    ids.length === 0 ? null : h`<h3>${label} (${ids.length})</h3><p>${ids.map((id, i) => h`${i > 0 ? " " : ""}<code>${id}</code>`)}</p>`
  const same = a === b
  const main = same
    ? h`<p class="ok-note">${editionLabels.sameEdition[lang]}</p>`
    : h`<p class="diff-dir">${editionPhrases.direction(a, b)[lang]}</p>
<p>${diff.values.length + diff.judgements.length === 0 ? editionLabels.noChange[lang] : editionPhrases.counts(diff.values.length, diff.judgements.length)[lang]}</p>
<section aria-labelledby="values-h"><h2 id="values-h">${editionLabels.changedValues[lang]} (${diff.values.length})</h2>
${valuesTable}</section>
<section aria-labelledby="judgements-h"><h2 id="judgements-h">${editionLabels.changedJudgements[lang]} (${diff.judgements.length})</h2>
${judgementsTable}</section>
${revisions(editionLabels.revisionsAdded[lang], diff.revisionsAdded)}${revisions(editionLabels.revisionsRemoved[lang], diff.revisionsRemoved)}`
  return page({
    lang,
    title: editionPhrases.diffTitle(input.scope.name, input.year, a, b)[lang],
    kicker: h`<a href="${location.indexHref}">${text.allReports[lang]}</a> · <a href="${location.listHref}">${editionLabels.allEditions[lang]}</a> · ${text.appName[lang]}`,
    hrefIn: location.hrefIn,
    ...(location.formats ? { formats: location.formats } : {}),
    meta,
    main,
  })
}

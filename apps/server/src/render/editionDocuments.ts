/**
 * The edition documents, rendered the same way for the server and the static site (only the links differ, see
 * `EditionUrls`): an edition's page and Markdown (with whether a later edition supersedes it), the list of a
 * scope's editions for a year, and the difference between two editions (page and JSON).
 */
import { diffReports, type Editions, type I18nText, type Indicator, type Lang, type Report } from "@tijian/core"
import { editionDiffHtml, editionHtml, editionListHtml, editionMarkdown, type EditionLink, type ReportView } from "@tijian/report"
import type { EditionUrls } from "./editionUrls.js"

/** The edition after `edition` in `editions` (oldest first): its successor, or null when it is the latest. */
export const successorOf = (editions: ReadonlyArray<Editions.EditionInfo>, edition: number, urls: EditionUrls, lang: Lang): EditionLink | null => {
  const next = editions.find((e) => e.edition > edition)
  return next ? { edition: next.edition, href: urls.edition(next.edition, lang), publishedAt: next.publishedAt } : null
}

/** An edition's page; `editions` are all editions of its scope and year (for the superseded/latest notice). */
export const renderEditionPage = (view: ReportView, edition: Editions.EditionInfo, editions: ReadonlyArray<Editions.EditionInfo>, lang: Lang, urls: EditionUrls): string =>
  editionHtml(view, edition, lang, {
    hrefIn: (l) => urls.edition(edition.edition, l),
    indexHref: urls.index(lang),
    formats: urls.editionFormats(edition.edition, lang),
    ...(urls.current ? { currentHref: urls.current(lang) } : {}),
    listHref: urls.list(lang),
    successor: successorOf(editions, edition.edition, urls, lang),
    // A static export holds no live member pages and no overview page: the matrix links nowhere there.
    ...(urls.current ? {} : { memberHref: () => null, overviewHref: null }),
  })

/** An edition's Markdown, with the superseded/latest line. */
export const renderEditionMarkdown = (view: ReportView, edition: Editions.EditionInfo, editions: ReadonlyArray<Editions.EditionInfo>, lang: Lang, urls: EditionUrls): string =>
  editionMarkdown(view, edition, lang, successorOf(editions, edition.edition, urls, lang))

/** The list of editions of a scope and year. */
export const renderEditionList = (
  scope: { readonly code: string; readonly name: I18nText },
  year: number,
  editions: ReadonlyArray<Editions.EditionInfo>,
  lang: Lang,
  urls: EditionUrls,
): string =>
  editionListHtml({ scope, year, editions }, lang, {
    hrefIn: urls.list,
    indexHref: urls.index(lang),
    formats: urls.listFormats(),
    editionHref: urls.edition,
    editionFormats: urls.editionFormats,
    diffHref: urls.diff,
    ...(urls.current ? { currentHref: urls.current(lang) } : {}),
  }).toString()

/** Two editions with their reports as published. */
export interface EditionPair {
  readonly from: Editions.Edition
  readonly to: Editions.Edition
}

/** The difference of two editions as JSON (the API's shape). */
export const editionDiffJson = (scope: string, year: number, pair: EditionPair) => ({
  scope,
  year,
  fromEdition: pair.from.edition,
  toEdition: pair.to.edition,
  ...diffReports(JSON.parse(pair.from.json) as Report, JSON.parse(pair.to.json) as Report),
})

/** The difference of two editions as a page. */
export const renderEditionDiff = (
  pair: EditionPair,
  indicator: (id: string) => Pick<Indicator, "decimals" | "format"> | undefined,
  lang: Lang,
  urls: EditionUrls,
): string => {
  const from = JSON.parse(pair.from.json) as Report
  const to = JSON.parse(pair.to.json) as Report
  const a = pair.from.edition
  const b = pair.to.edition
  return editionDiffHtml(
    { scope: { code: to.scope.code, name: to.scope.name }, year: to.year, from: { info: pair.from, report: from }, to: { info: pair.to, report: to }, indicator },
    lang,
    { hrefIn: (l) => urls.diff(a, b, l), indexHref: urls.index(lang), listHref: urls.list(lang), editionHref: urls.edition, formats: urls.diffFormats(a, b) },
  ).toString()
}

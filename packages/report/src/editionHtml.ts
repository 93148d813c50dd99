/**
 * A published edition as an HTML page: the report page of the stored report, with the edition's number, when
 * and by whom it was published at the head of its dates, a notice at the top saying whether a later edition
 * supersedes it (linked), and links to the list of editions and to the current (live) report.
 */
import type { Editions, I18nText, Lang } from "@tijian/core"
import { editionLabels, editionPhrases } from "./editionLabels.js"
import { type EditionLink, supersededNotice } from "./editionLinks.js"
import { h, type Html } from "./html.js"
import { type PageLocation, reportHtml } from "./reportHtml.js"
import type { ReportView } from "./ReportView.js"

/** The labels of the edition line, in Chinese and English. */
export const editionText = {
  edition: editionLabels.edition,
  published: (edition: Editions.EditionInfo): I18nText => editionPhrases.published(edition.edition, edition.publishedAt, edition.publishedBy),
  currentReport: editionLabels.currentReport,
}

/** Where an edition page is served: the report page's links, the live report's URL, and its successor. */
export interface EditionLocation extends PageLocation {
  /** The URL of the live report of the same scope and year (none in a static export). */
  readonly currentHref?: string
  /** The URL of the list of editions. */
  readonly listHref?: string
  /**
   * The next edition, which supersedes this one; null when this is the latest; undefined to say neither
   * (the page then carries no notice).
   */
  readonly successor?: EditionLink | null
}

const editionLine = (edition: Editions.EditionInfo, lang: Lang, location: EditionLocation): Html =>
  h`<dt>${editionText.edition[lang]}</dt><dd>${editionText.published(edition)[lang]}${
    location.currentHref ? h` · <a href="${location.currentHref}">${editionText.currentReport[lang]}</a>` : null
  }</dd>
`

/**
 * The edition page, as the string served (and cached) byte for byte: the report page with the edition first in
 * its dates and, when the successor is known, the superseded/latest notice at the top.
 *
 * @example
 * editionHtml(view, { scope: "YRD", year: 2022, edition: 1, publishedAt: "2024-02-20T00:00:00.000Z", ... }, "en", location)
 * // "<!doctype html>...<dt>Edition</dt><dd>edition 1, published 2024-02-20 00:00 UTC by yrd-office; it never changes · ..."
 */
export const editionHtml = (view: ReportView, edition: Editions.EditionInfo, lang: Lang, location: EditionLocation): string =>
  reportHtml(view, lang, {
    ...location,
    metaLead: editionLine(edition, lang, location),
    ...(location.successor !== undefined ? { notice: supersededNotice(edition.edition, location.successor, lang, location.listHref) } : {}),
  }).toString()

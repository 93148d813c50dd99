/**
 * A published edition as an HTML page: the report page of the stored report, with the edition's number, when
 * and by whom it was published at the head of its dates, and a link to the current (live) report.
 */
import type { Editions, I18nText, Lang } from "@tijian/core"
import { formatTime } from "./format.js"
import { h, type Html } from "./html.js"
import { type PageLocation, reportHtml } from "./reportHtml.js"
import type { ReportView } from "./ReportView.js"

/** The labels of the edition line, in Chinese and English. */
export const editionText = {
  edition: { zh: "版次", en: "Edition" } satisfies I18nText,
  published: (edition: Editions.EditionInfo): I18nText => ({
    zh: `第 ${edition.edition} 版，${formatTime(edition.publishedAt)} 由 ${edition.publishedBy} 发布，发布后不再改变`,
    en: `edition ${edition.edition}, published ${formatTime(edition.publishedAt)} by ${edition.publishedBy}; it never changes`,
  }),
  currentReport: { zh: "查看当前报告", en: "See the current report" } satisfies I18nText,
}

/** Where an edition page is served: the report page's links, and the live report's URL. */
export interface EditionLocation extends PageLocation {
  /** The URL of the live report of the same scope and year. */
  readonly currentHref: string
}

const editionLine = (edition: Editions.EditionInfo, lang: Lang, location: EditionLocation): Html =>
  h`<dt>${editionText.edition[lang]}</dt><dd>${editionText.published(edition)[lang]} · <a href="${location.currentHref}">${editionText.currentReport[lang]}</a></dd>
`

/**
 * The edition page, as the string served (and cached) byte for byte: the report page with the edition first in
 * its dates.
 *
 * @example
 * editionHtml(view, { scope: "YRD", year: 2022, edition: 1, publishedAt: "2024-02-20T00:00:00.000Z", ... }, "en", location)
 * // "<!doctype html>...<dt>Edition</dt><dd>edition 1, published 2024-02-20 00:00 UTC by yrd-office; it never changes · ..."
 */
export const editionHtml = (view: ReportView, edition: Editions.EditionInfo, lang: Lang, location: EditionLocation): string =>
  reportHtml(view, lang, { ...location, metaLead: editionLine(edition, lang, location) }).toString()

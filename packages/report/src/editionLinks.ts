/**
 * Small edition fragments shared by the report page, the edition page and the index: the "Published editions:
 * 1, 2 (latest)" line and the notice at the top of an edition page saying whether a later edition supersedes it.
 */
import type { Lang } from "@tijian/core"
import { editionLabels, editionPhrases } from "./editionLabels.js"
import { formatTime } from "./format.js"
import { h, type Html } from "./html.js"
import { punctuation } from "./labels.js"

/** A published edition as a page links to it. */
export interface EditionLink {
  readonly edition: number
  /** Where its page is (in the page's language). */
  readonly href: string
  readonly publishedAt: string
}

/**
 * The "Published editions" term of a page's dates: each edition linked, the last marked latest, and the list.
 * Nothing when there are none.
 *
 * @example
 * publishedEditionsMeta([{ edition: 1, ... }, { edition: 2, ... }], "en", "/reports/YRD/2022/editions?lang=en")
 * // <dt>Published editions</dt><dd><a ...>1</a>, <a ...>2 (latest)</a> · <a ...>All editions</a></dd>
 */
export const publishedEditionsMeta = (editions: ReadonlyArray<EditionLink>, lang: Lang, listHref?: string): Html | null => {
  if (editions.length === 0) return null
  const last = editions.length - 1
  const links = editions.map((e, i) => {
    const label = `${editionPhrases.editionN(e.edition)[lang]}, ${formatTime(e.publishedAt)}`
    const text = i === last ? (lang === "zh" ? `${e.edition}（${editionLabels.latest.zh}）` : `${e.edition} (${editionLabels.latest.en})`) : String(e.edition)
    return h`${i > 0 ? (lang === "zh" ? punctuation.list.zh : ", ") : ""}<a href="${e.href}" aria-label="${label}">${text}</a>`
  })
  return h`<dt>${editionLabels.publishedEditions[lang]}</dt><dd class="editions">${links}${listHref ? h` · <a href="${listHref}">${editionLabels.allEditions[lang]}</a>` : null}</dd>
`
}

/**
 * The notice at the top of an edition page: superseded by the next edition (linked), or the latest.
 *
 * @example
 * supersededNotice(1, { edition: 2, href: "2.html", publishedAt: "2024-03-01T00:00:00.000Z" }, "en", "index.html")
 * // <p class="notice superseded" role="note"><strong>Superseded by edition 2, published 2024-03-01 00:00 UTC.</strong> <a href="2.html">Read edition 2</a> ...
 */
export const supersededNotice = (edition: number, successor: EditionLink | null, lang: Lang, listHref?: string): Html => {
  const list = listHref ? h` · <a href="${listHref}">${editionLabels.allEditions[lang]}</a>` : null
  return successor
    ? h`<p class="notice superseded" role="note"><span class="glyph" aria-hidden="true">⚠</span><strong>${editionPhrases.supersededBy(successor.edition, successor.publishedAt)[lang]}</strong>
<a href="${successor.href}">${editionPhrases.readEdition(successor.edition)[lang]}</a>${list}</p>`
    : h`<p class="notice latest" role="note"><span class="glyph" aria-hidden="true">✔</span>${editionPhrases.isLatest(edition)[lang]}${list}</p>`
}

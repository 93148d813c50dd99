/**
 * The list of a report's published editions as an HTML page: number (the latest marked), when and by whom each
 * was published, the as-of time of its data, its content hash (short), links to each edition's page and other
 * formats, and to the difference from the edition before it.
 */
import type { Editions, I18nText, Lang } from "@tijian/core"
import { editionLabels, editionPhrases } from "./editionLabels.js"
import { formatTime } from "./format.js"
import { h, type Html } from "./html.js"
import { text } from "./labels.js"
import { type FormatLink, page } from "./layout.js"
import { scrollTable } from "./parts.js"

/** What the list shows: the scope (code and names), the year and its editions, oldest first. */
export interface EditionListInput {
  readonly scope: { readonly code: string; readonly name: I18nText }
  readonly year: number
  readonly editions: ReadonlyArray<Editions.EditionInfo>
}

/** Where the list is served, and where its links point. */
export interface EditionListLocation {
  readonly hrefIn: (lang: Lang) => string
  readonly indexHref: string
  /** The list itself in other formats (JSON). */
  readonly formats?: ReadonlyArray<FormatLink>
  readonly editionHref: (edition: number, lang: Lang) => string
  /** An edition's other formats (JSON, Markdown, CSV). */
  readonly editionFormats?: (edition: number, lang: Lang) => ReadonlyArray<FormatLink>
  readonly diffHref: (from: number, to: number, lang: Lang) => string
  /** The live report (none in a static export). */
  readonly currentHref?: string
}

/** The first 12 hex digits of a content hash: enough to tell editions apart at a glance. */
export const shortHash = (hash: string): string => hash.slice(0, 12)

const row = (e: Editions.EditionInfo, previous: Editions.EditionInfo | undefined, latest: boolean, lang: Lang, location: EditionListLocation): Html => {
  const formats = location.editionFormats?.(e.edition, lang) ?? []
  return h`<tr><th scope="row"><a href="${location.editionHref(e.edition, lang)}">${editionPhrases.editionN(e.edition)[lang]}</a>${
    latest ? h` <span class="status st-target-achieved">${editionLabels.latest[lang]}</span>` : null
  }</th>
<td>${formatTime(e.publishedAt)}</td><td>${e.publishedBy}</td><td>${formatTime(e.asOf)}</td>
<td><code title="${e.contentHash}">${shortHash(e.contentHash)}</code></td>
<td>${formats.map((f, i) => h`${i > 0 ? " · " : ""}<a href="${f.href}" type="${f.type}">${f.label}</a>`)}</td>
<td>${previous ? h`<a href="${location.diffHref(previous.edition, e.edition, lang)}">${editionPhrases.diffLink(previous.edition, e.edition)[lang]}</a>` : h`<span class="muted">—</span>`}</td></tr>`
}

/**
 * The edition list page.
 *
 * @example
 * editionListHtml({ scope: { code: "YRD", name }, year: 2022, editions }, "en", location).toString() // "<!doctype html>..."
 */
export const editionListHtml = (input: EditionListInput, lang: Lang, location: EditionListLocation): Html => {
  const title = editionPhrases.listTitle(input.scope.name, input.year)[lang]
  const last = input.editions.at(-1)
  const caption = editionLabels.allEditions[lang]
  const main =
    input.editions.length === 0
      ? h`<p class="muted">${editionLabels.noEditions[lang]}</p>`
      : h`<p>${editionLabels.listIntro[lang]}</p>
${scrollTable(
  caption,
  h`<table><caption class="vh">${caption}</caption>
<thead><tr><th scope="col">${editionLabels.edition[lang]}</th><th scope="col">${editionLabels.publishedAt[lang]}</th><th scope="col">${editionLabels.publishedBy[lang]}</th>
<th scope="col">${editionLabels.asOf[lang]}</th><th scope="col">${editionLabels.contentHash[lang]}</th><th scope="col">${editionLabels.formats[lang]}</th>
<th scope="col">${editionLabels.changes[lang]}</th></tr></thead>
<tbody>${input.editions.map((e, i) => row(e, input.editions[i - 1], e === last, lang, location))}</tbody></table>`,
)}`
  return page({
    lang,
    title,
    kicker: h`<a href="${location.indexHref}">${text.allReports[lang]}</a> · ${text.appName[lang]}`,
    hrefIn: location.hrefIn,
    ...(location.formats ? { formats: location.formats } : {}),
    ...(location.currentHref ? { meta: h`<p><a href="${location.currentHref}">${editionLabels.currentReport[lang]}</a></p>` } : {}),
    main,
  })
}

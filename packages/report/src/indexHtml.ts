/**
 * The index page: groups and regions with links to the report of every year that has data; regions without
 * data yet are listed apart.
 */
import type { Lang } from "@tijian/core"
import { levelLabels, phrases, punctuation, text } from "./labels.js"
import type { Catalog, CatalogEntry } from "./catalog.js"
import { h, type Html } from "./html.js"
import { page } from "./layout.js"
import { scrollTable } from "./parts.js"
import { editionPhrases } from "./editionLabels.js"

/** Where the index is served, and where its report links point. */
export interface IndexLocation {
  readonly hrefIn: (lang: Lang) => string
  /** The URL of a report page in a language. */
  readonly reportHref: (code: string, year: number, lang: Lang) => string
  /** The list of published editions of a scope and year, with how many there are; undefined when none. */
  readonly editionsLink?: (code: string, year: number, lang: Lang) => { readonly href: string; readonly count: number } | undefined
}

const editionsLinkOf = (entry: CatalogEntry, year: number, lang: Lang, location: IndexLocation): Html | null => {
  const link = location.editionsLink?.(entry.code, year, lang)
  return link
    ? h` <a class="editions" href="${link.href}" aria-label="${editionPhrases.editionsLinkLabel(entry.name, year, link.count)[lang]}">${editionPhrases.editionsOf(link.count)[lang]}</a>`
    : null
}

const yearLinks = (entry: CatalogEntry, lang: Lang, location: IndexLocation): Html =>
  entry.years.length === 0
    ? h`<span class="muted">${text.noDataYet[lang]}</span>`
    : h`<ul class="years">${entry.years.map(
        (y) =>
          h`<li><a href="${location.reportHref(entry.code, y, lang)}" aria-label="${phrases.reportLinkLabel(entry.name, y)[lang]}">${phrases.reportLink(y)[lang]}</a>${editionsLinkOf(entry, y, lang, location)}</li>`,
      )}</ul>`

/**
 * The index page.
 *
 * @example
 * indexHtml(catalog, "zh", location).toString() // "<!doctype html>..."
 */
export const indexHtml = (catalog: Catalog, lang: Lang, location: IndexLocation): Html => {
  const withData = catalog.regions.filter((r) => r.years.length > 0)
  const withoutData = catalog.regions.filter((r) => r.years.length === 0)
  const main = h`<p>${text.indexIntro[lang]}</p>
<section aria-labelledby="groups-h"><h2 id="groups-h">${text.groups[lang]}</h2>
${scrollTable(
  text.groups[lang],
  h`<table><caption class="vh">${text.groups[lang]}</caption><thead><tr><th scope="col">${text.region[lang]}</th><th scope="col">${text.code[lang]}</th>
<th scope="col">${text.members[lang]}</th><th scope="col">${text.reports[lang]}</th></tr></thead>
<tbody>${catalog.groups.map(
    (g) => h`<tr><th scope="row">${g.name[lang]}</th><td><code>${g.code}</code></td><td>${phrases.groupOf(g.members)[lang]}</td><td>${yearLinks(g, lang, location)}</td></tr>`,
  )}</tbody></table>`,
)}
</section>
<section aria-labelledby="regions-h"><h2 id="regions-h">${text.regions[lang]}</h2>
${scrollTable(
  text.regions[lang],
  h`<table><caption class="vh">${text.regions[lang]}</caption><thead><tr><th scope="col">${text.region[lang]}</th><th scope="col">${text.code[lang]}</th>
<th scope="col">${text.level[lang]}</th><th scope="col">${text.reports[lang]}</th></tr></thead>
<tbody>${withData.map(
    (r) => h`<tr><th scope="row">${r.name[lang]}</th><td><code>${r.code}</code></td><td>${levelLabels[r.level][lang]}</td><td>${yearLinks(r, lang, location)}</td></tr>`,
  )}</tbody></table>`,
)}
${
  withoutData.length > 0
    ? h`<details><summary>${text.regionsWithoutData[lang]} (${withoutData.length})</summary>
<p>${withoutData.map((r) => `${r.name[lang]} (${r.code})`).join(punctuation.list[lang])}</p></details>`
    : null
}
</section>`
  return page({
    lang,
    title: text.indexTitle[lang],
    kicker: h`${text.appName[lang]}`,
    hrefIn: location.hrefIn,
    main,
  })
}

/**
 * The shell of every page: document head with the inline stylesheet, a skip link, the header with the
 * language switch and links to other formats, the main content and a footer.
 */
import type { Lang } from "@tijian/core"
import { htmlLang, LANGS } from "./lang.js"
import { languageNames, lead, phrases, text } from "./labels.js"
import { h, type Html, trusted } from "./html.js"
import { STYLESHEET } from "./styles.js"

/** A link to the same content in another format. */
export interface FormatLink {
  readonly label: string
  readonly href: string
  readonly type: string
}

/** What a page shows around its content. */
export interface PageOptions {
  readonly lang: Lang
  /** The document title and the page heading. */
  readonly title: string
  /** Lines above the heading (the application name, a link back to the index). */
  readonly kicker: Html
  /** The URL of this page in a given language. */
  readonly hrefIn: (lang: Lang) => string
  readonly formats?: ReadonlyArray<FormatLink>
  /** Content of the header under the heading (e.g. the report's dates). */
  readonly meta?: Html
  /** A notice at the top of the page, under the header's dates (e.g. "superseded by edition 2"). */
  readonly notice?: Html
  readonly main: Html
}

/**
 * `path` with its query's `lang` (and any `extra` parameters) set, keeping the other parameters.
 *
 * @example
 * withQuery("/reports/YRD/2022", new URLSearchParams("asOf=2025-01-01"), { lang: "en" })
 * // "/reports/YRD/2022?asOf=2025-01-01&lang=en"
 */
export const withQuery = (path: string, query: URLSearchParams, set: Readonly<Record<string, string | undefined>>): string => {
  const q = new URLSearchParams(query)
  for (const [k, v] of Object.entries(set)) {
    if (v === undefined) q.delete(k)
    else q.set(k, v)
  }
  const s = q.toString()
  return s ? `${path}?${s}` : path
}

const languageSwitch = (o: PageOptions) =>
  h`<div><span id="lang-label">${lead(text.language[o.lang], o.lang).trimEnd()}</span>
<ul aria-labelledby="lang-label">${LANGS.map((l) =>
    l === o.lang
      ? h`<li><a href="${o.hrefIn(l)}" lang="${htmlLang[l]}" hreflang="${htmlLang[l]}" aria-current="true">${languageNames[l][l]}</a></li>`
      : h`<li><a href="${o.hrefIn(l)}" lang="${htmlLang[l]}" hreflang="${htmlLang[l]}" title="${phrases.switchTo(languageNames[l])[l]}">${languageNames[l][l]}</a></li>`,
  )}</ul></div>`

const formatLinks = (o: PageOptions) =>
  o.formats && o.formats.length > 0
    ? h`<div><span id="formats-label">${lead(text.otherFormats[o.lang], o.lang).trimEnd()}</span>
<ul aria-labelledby="formats-label">${o.formats.map((f) => h`<li><a href="${f.href}" type="${f.type}">${f.label}</a></li>`)}</ul></div>`
    : null

/** A whole HTML document. */
export const page = (o: PageOptions): Html => h`<!doctype html>
<html lang="${htmlLang[o.lang]}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light">
<title>${o.title}</title>
<style>${trusted(STYLESHEET)}</style>
</head>
<body>
<a class="skip" href="#main">${text.skipToContent[o.lang]}</a>
<header class="page">
<p class="app">${o.kicker}</p>
<h1>${o.title}</h1>
<nav class="tools" aria-label="${text.language[o.lang]} / ${text.otherFormats[o.lang]}">${languageSwitch(o)}${formatLinks(o)}</nav>
${o.meta ?? null}
${o.notice ?? null}
</header>
<main id="main">
${o.main}
</main>
<footer class="page"><p>${text.appName[o.lang]}</p></footer>
</body>
</html>
`

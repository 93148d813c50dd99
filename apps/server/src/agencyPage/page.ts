/**
 * The agency page (`/agency`): a plain server-rendered form and table, driven by one small script
 * (`/agency.js`, see `script.ts`) that calls the API with the token the user pastes (kept in `sessionStorage`,
 * for this tab only). Nothing external loads; the Content-Security-Policy admits only this origin's script.
 */
import type { Lang } from "@tijian/core"
import { AGENCY_TEXTS } from "./texts.js"

/** The page's Content-Security-Policy: its own script and API, inline styles, nothing else. */
export const AGENCY_PAGE_POLICY =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"

const escape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;")

const STYLE = `
body { font: 16px/1.5 system-ui, "Noto Sans CJK SC", sans-serif; margin: 0 auto; max-width: 70rem; padding: 1rem 1.5rem; color: #1f2328; }
h1 { font-size: 1.6rem; margin: .5rem 0; }
form { display: flex; flex-wrap: wrap; gap: .75rem; align-items: end; margin: 1rem 0; }
label { display: flex; flex-direction: column; font-weight: 600; font-size: .95rem; }
input, button { font: inherit; padding: .35rem .6rem; }
button { border: 1px solid #0b5394; background: #0b5394; color: #fff; border-radius: 4px; cursor: pointer; }
button.secondary { background: #fff; color: #0b5394; }
button:focus-visible, input:focus-visible, a:focus-visible { outline: 3px solid #f0a500; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
caption { text-align: left; font-weight: 700; font-size: 1.15rem; padding: .3rem 0; }
th, td { border-bottom: 1px solid #d0d7de; padding: .4rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
.state { font-weight: 700; white-space: nowrap; }
.state-approved { color: #116329; } .state-submitted { color: #0b5394; } .state-returned { color: #9a3412; } .state-open { color: #57606a; }
.actions { display: flex; flex-wrap: wrap; gap: .4rem; align-items: end; }
.actions label { font-weight: 400; font-size: .85rem; }
#status { min-height: 1.5rem; font-weight: 600; }
#status.error { color: #b42318; }
.help { color: #57606a; font-size: .9rem; margin: 0; }
.lang { float: right; }
`

/**
 * The page in `lang`; the script reads its words from the JSON block `#texts`.
 *
 * @example
 * agencyPageHtml("en", 2023) // "<!doctype html><html lang=\"en\">…"
 */
export const agencyPageHtml = (lang: Lang, year: number): string => {
  const t = AGENCY_TEXTS[lang]
  const other: Lang = lang === "zh" ? "en" : "zh"
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escape(t.title)} · tijian</title>
<style>${STYLE}</style>
</head>
<body>
<a class="lang" href="/agency?lang=${other}&amp;year=${year}" lang="${other === "zh" ? "zh-CN" : "en"}">${escape(t.langOther)}</a>
<main>
<h1>${escape(t.title)}</h1>
<p>${escape(t.intro)}</p>
<form id="token-form">
  <label for="token">${escape(t.tokenLabel)}<input id="token" name="token" type="password" autocomplete="off" size="40" aria-describedby="token-help"></label>
  <label for="year">${escape(t.yearLabel)}<input id="year" name="year" type="number" min="1949" max="2100" value="${year}"></label>
  <button type="submit" id="show">${escape(t.show)}</button>
  <button type="button" id="forget" class="secondary">${escape(t.forget)}</button>
</form>
<p id="token-help" class="help">${escape(t.tokenHelp)}</p>
<p id="status" role="status" aria-live="polite"></p>
<div id="worklist"></div>
<div id="problems"></div>
</main>
<script type="application/json" id="texts">${JSON.stringify(t).replace(/</g, "\\u003c")}</script>
<script src="/agency.js" defer></script>
</body>
</html>`
}

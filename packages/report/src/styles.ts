/**
 * The pages' one stylesheet, inline (no external assets), with its hash for the Content-Security-Policy that
 * lets this stylesheet, and nothing else, apply: no script runs on these pages. Status colours pair with a
 * glyph and a label (see `progressGlyphs`), so they read in greyscale; the print rules give a clean
 * "print to PDF".
 */
import { createHash } from "node:crypto"
import { OVERVIEW_STYLES } from "./overviewStyles.js"

/** The stylesheet. */
export const STYLESHEET = `
:root { --ink: #1f2328; --muted: #57606a; --line: #d0d7de; --paper: #ffffff; --band: #f6f8fa; --accent: #0a3069;
  --chart-line: #0a3069; --chart-target: #82071e; --chart-grid: #d8dee4; --bar-fill: #0a3069; --bar-track: #d8dee4; }
* { box-sizing: border-box; }
html { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", system-ui, -apple-system, "Segoe UI", sans-serif;
  color: var(--ink); background: var(--paper); line-height: 1.55; }
body { margin: 0 auto; max-width: 72rem; padding: 0 1.25rem 3rem; }
a { color: var(--accent); }
a:focus-visible, [tabindex]:focus-visible { outline: 3px solid #0969da; outline-offset: 2px; }
.skip { position: absolute; left: -10000px; }
.vh { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
.skip:focus { left: 1rem; top: 1rem; background: var(--paper); padding: .5rem; z-index: 1; }
header.page { border-bottom: 2px solid var(--ink); padding: 1rem 0 .75rem; margin-bottom: 1.25rem; }
header.page .app { color: var(--muted); font-size: .9rem; margin: 0; }
header.page h1 { margin: .25rem 0 .5rem; font-size: 1.7rem; line-height: 1.25; }
nav.tools { display: flex; flex-wrap: wrap; gap: .4rem 1.5rem; font-size: .92rem; }
nav.tools ul { list-style: none; display: inline-flex; gap: .6rem; margin: 0; padding: 0; }
nav.tools a[aria-current="true"] { font-weight: 700; color: var(--ink); text-decoration: none; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; font-size: .9rem; margin: .75rem 0 0; }
dl.meta dt { color: var(--muted); }
dl.meta dd { margin: 0; overflow-wrap: anywhere; }
h2 { font-size: 1.35rem; margin: 2.2rem 0 .75rem; padding-bottom: .25rem; border-bottom: 1px solid var(--line); }
h3 { font-size: 1.12rem; margin: 1.6rem 0 .5rem; }
h4 { font-size: 1rem; margin: 1.2rem 0 .4rem; }
code { font-size: .85em; color: var(--muted); }
.counts { display: grid; grid-template-columns: repeat(auto-fill, minmax(10.5rem, 1fr)); gap: .6rem; margin: 0; padding: 0; list-style: none; }
.counts li { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; background: var(--band); }
.counts .n { display: block; font-size: 1.6rem; font-weight: 700; line-height: 1.2; }
.counts .what { font-size: .9rem; }
.counts .gloss { display: block; font-size: .8rem; color: var(--muted); }
.status { display: inline-block; white-space: nowrap; border: 1px solid; border-left-width: 4px; border-radius: 4px; padding: 0 .4rem; font-size: .88rem; }
.status .glyph { margin-right: .25rem; }
.st-target-achieved { background: #dff3e4; border-color: #1a7f37; color: #0f5223; }
.st-substantial { background: #ddf4ff; border-color: #0969da; color: #0a3069; }
.st-moderate { background: #fff8c5; border-color: #9a6700; color: #4d2d00; }
.st-limited { background: #ffe7d1; border-color: #bc4c00; color: #6c2700; }
.st-deterioration { background: #ffebe9; border-color: #cf222e; color: #82071e; }
.st-insufficient-data, .st-missing, .st-error { background: #eaeef2; border-color: #6e7781; color: #24292f; }
.st-error { border-style: dashed; }
.redline { border: 2px solid #cf222e; border-radius: 6px; padding: .5rem 1rem; background: #fff5f5; }
.ok-note { border-left: 4px solid #1a7f37; padding: .25rem .75rem; background: #f0fff4; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
thead th { background: var(--band); border-bottom: 2px solid var(--line); }
th { word-break: keep-all; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.facts { width: auto; min-width: 18rem; }
table.facts th { font-weight: 500; color: var(--muted); white-space: nowrap; }
article.indicator { border: 1px solid var(--line); border-radius: 8px; padding: .25rem 1rem .75rem; margin: 1rem 0; }
article.indicator h4 { margin-top: .75rem; }
.indicator-body { display: flex; flex-wrap: wrap; gap: .5rem 2rem; align-items: flex-start; }
figure.chart { margin: 0; flex: 1 1 22rem; max-width: 34rem; }
figure.chart svg { width: 100%; height: auto; display: block; }
figure.chart figcaption { font-size: .85rem; color: var(--muted); }
svg .grid { stroke: var(--chart-grid); stroke-width: 1; }
svg .axis { stroke: var(--muted); stroke-width: 1; }
svg .tick { fill: var(--muted); font-size: 11px; }
svg .series { fill: none; stroke: var(--chart-line); stroke-width: 2.5; }
svg .point { fill: var(--paper); stroke: var(--chart-line); stroke-width: 2; }
svg .point-label { fill: var(--ink); font-size: 11px; font-weight: 600; }
svg .target { stroke: var(--chart-target); stroke-width: 1.5; stroke-dasharray: 6 4; fill: none; }
svg .target-band { fill: #82071e; fill-opacity: .08; }
svg .target-label { fill: var(--chart-target); font-size: 11px; }
svg .bar-track { fill: var(--bar-track); }
svg .bar-fill { fill: var(--bar-fill); }
svg .bar-target { stroke: var(--ink); stroke-width: 2; }
.bar { display: inline-flex; align-items: center; gap: .4rem; white-space: nowrap; }
.bar svg { width: 7rem; height: .9rem; }
ul.notes { padding-left: 1.2rem; }
ul.years { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
.muted { color: var(--muted); }
details summary { cursor: pointer; }
footer.page { margin-top: 3rem; padding-top: .75rem; border-top: 1px solid var(--line); font-size: .85rem; color: var(--muted); }
@media print {
  @page { size: A4; margin: 14mm 12mm; }
  html { font-size: 10pt; }
  body { max-width: none; padding: 0; }
  nav.tools, .skip, footer.page .screen-only { display: none; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; }
  article.indicator, figure.chart, table.facts, .counts li, tr { break-inside: avoid; }
  .scroll { overflow: visible; }
  .counts li, thead th { background: none; }
  .status { background: none; color: #000; border-color: #000; }
  .redline { background: none; }
}
${OVERVIEW_STYLES}`

/** The `style-src` source that allows exactly `STYLESHEET` inline. */
const styleHash = `'sha256-${createHash("sha256").update(STYLESHEET).digest("base64")}'`

/**
 * The Content-Security-Policy of the pages: no scripts, no external resources, only this stylesheet, links
 * and forms to this origin. Escaping keeps data from becoming markup; this policy is the second line.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  `style-src ${styleHash}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ")

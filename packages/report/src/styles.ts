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
.verdict { margin: .5rem 0 1rem; }
.verdict.ok-note, .verdict.amber, .verdict.neutral-note { border-radius: 0 6px 6px 0; padding: .5rem 1rem; }
.amber { border-left: 6px solid #9a6700; background: #fff8e5; padding: .25rem .75rem; }
.neutral-note { border-left: 4px solid var(--line); background: var(--band); padding: .25rem .75rem; }
.verdict-line { font-weight: 600; margin: .25rem 0 .5rem; }
.binding-counts { display: flex; flex-wrap: wrap; gap: .5rem 1.25rem; margin: 0 0 .5rem; padding: 0; list-style: none; }
.binding-counts .n { font-size: 1.3rem; font-weight: 700; }
.b-breached .n { color: #cf222e; } .b-not-assessed .n { color: #9a6700; } .b-met .n { color: #1a7f37; }
.not-reported { font-size: .9rem; color: var(--muted); }
.trust { display: inline-block; white-space: nowrap; font-size: .8rem; font-weight: 400; border-radius: 4px; padding: 0 .35rem; border: 1px solid; }
.trust .glyph { margin-right: .2rem; }
.tr-approved { color: #0f5223; border-color: #1a7f37; background: #f0fff4; }
.tr-submitted { color: #0a3069; border-color: #0969da; background: #f1f8ff; }
.tr-provisional { color: #4d2d00; border-color: #9a6700; background: #fff8e5; border-style: dashed; }
.trust-counts .trust { margin-top: .2rem; }
.trust-note { margin: .25rem 0 .5rem; }
.dq-explained { font-size: .85rem; color: #0f5223; }
.dq-unexplained { font-size: .85rem; color: #82071e; font-weight: 600; }
tr.rule-error th { border-left: 4px solid #cf222e; }
tr.rule-warning th { border-left: 4px solid #9a6700; }
.partial-note { font-size: .85rem; color: #9a6700; }
.method-dependent { font-size: .85rem; font-weight: 600; color: #9a6700; border: 1px solid #9a6700; border-radius: 4px; padding: 0 .3rem; white-space: nowrap; }
.method-dependent .glyph { margin-right: .2rem; }
.method-note { font-size: .85rem; color: var(--muted); margin: 0 0 .5rem; }
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
svg .series, svg .series-key { fill: none; stroke: var(--chart-line); stroke-width: 2.5; }
svg .point, svg .point-key { fill: var(--chart-line); stroke: var(--chart-line); stroke-width: 2; }
svg .point.partial, svg .point-key.partial { fill: var(--paper); }
svg .trajectory, svg .trajectory-key { fill: none; stroke: var(--chart-line); stroke-width: 1.5; stroke-dasharray: 3 3; }
svg .target-mark, svg .target-mark-key { fill: var(--chart-target); }
svg .legend { fill: var(--ink); font-size: 11px; }
svg .point-label { fill: var(--ink); font-size: 11px; font-weight: 600; }
svg .target, svg .target-key { stroke: var(--chart-target); stroke-width: 1.5; stroke-dasharray: 6 4; fill: none; }
svg .target-band { fill: #82071e; fill-opacity: .08; }
svg .target-label { fill: var(--chart-target); font-size: 11px; }
svg .bar-track { fill: var(--bar-track); }
svg .bar-fill { fill: var(--bar-fill); }
svg .bar-target { stroke: var(--ink); stroke-width: 2; }
.bar { display: inline-flex; align-items: center; gap: .4rem; white-space: nowrap; }
.bar svg { width: 7rem; height: .9rem; }
ul.notes { padding-left: 1.2rem; }
.breakdowns { margin: .6rem 0; }
.breakdown-block { margin: .4rem 0 .8rem; }
table.breakdown { width: auto; min-width: 50%; }
table.breakdown th[scope="row"] { font-weight: 400; white-space: nowrap; }
figure.breakdown-bar figcaption { font-size: .9em; }
figure.breakdown-bar { margin: .3rem 0 .6rem; max-width: 36rem; }
figure.breakdown-bar > svg { display: block; width: 100%; height: auto; }
figure.breakdown-bar text { font-size: 15px; font-weight: 600; }
ul.breakdown-legend { list-style: none; margin: .25rem 0 0; padding: 0; display: flex; flex-wrap: wrap; gap: .2rem 1rem; font-size: .9em; }
ul.breakdown-legend .swatch { width: .85em; height: .85em; margin-right: .3em; vertical-align: -.05em; }
.calculator-run { margin: 1rem 0; }
.run-caption { color: var(--muted); font-size: .9em; overflow-wrap: anywhere; }
ul.years { list-style: none; margin: 0; padding: 0; display: flex; flex-wrap: wrap; gap: .25rem .9rem; }
.muted { color: var(--muted); }
details summary { cursor: pointer; }
.notice { margin: .9rem 0 0; padding: .5rem .85rem; border: 1px solid; border-left-width: 5px; border-radius: 6px; }
.notice .glyph { margin-right: .4rem; }
.notice.superseded { background: #fff8c5; border-color: #9a6700; color: #3b2300; }
.notice.latest { background: #f0fff4; border-color: #1a7f37; }
.diff-dir { color: var(--muted); }
td.old { color: var(--muted); }
td.new { font-weight: 600; }
footer.page { margin-top: 3rem; padding-top: .75rem; border-top: 1px solid var(--line); font-size: .85rem; color: var(--muted); }
nav.toc { margin: 0 0 1rem; }
nav.toc h2 { margin-top: .5rem; }
nav.toc ol { margin: 0; padding-left: 1.6rem; columns: 2 16rem; column-gap: 2rem; }
code.hash { overflow-wrap: anywhere; }
td.source { min-width: 10rem; }
table.targets td:first-child { min-width: 9rem; }
table.revisions code { word-break: break-all; }
table.single-year th[scope="row"] { font-weight: 600; }
table.single-year td:nth-child(4) { min-width: 9rem; }
/* revisions: indicator, submitted at, source, note and revision id (columns 1, 6, 7, 8, 10) wide enough to read */
table.revisions td:nth-child(1) { min-width: 7em; }
table.revisions td:nth-child(6) { min-width: 7em; }
table.revisions td:nth-child(7) { min-width: 14em; }
table.revisions td:nth-child(8) { min-width: 9em; }
table.revisions td:nth-child(10) { min-width: 9em; }
@media print {
  @page {
    size: A4;
    margin: 13mm 12mm 15mm;
    @bottom-center { content: counter(page) " / " counter(pages); font-size: 8pt; color: #57606a; }
  }
  html { font-size: 9pt; line-height: 1.4; }
  body { max-width: none; padding: 0; }
  nav.tools, .skip, footer.page .screen-only { display: none; }
  a { color: inherit; text-decoration: none; }
  header.page { padding-top: 0; margin-bottom: .75rem; }
  h2 { margin: 1.1rem 0 .4rem; font-size: 1.25rem; }
  h3 { margin: .8rem 0 .3rem; }
  h4 { margin: .6rem 0 .3rem; }
  h2, h3, h4, caption { break-after: avoid; }
  table { margin: .2rem 0 .6rem; }
  th, td { padding: .15rem .35rem; }
  /* a card flows across pages; only its small blocks stay whole */
  article.indicator { padding: 0 .6rem .3rem; margin: .5rem 0; }
  .indicator-body, figure.chart, table.facts, .counts li, tr, .breakdown-block { break-inside: avoid; }
  figure.chart { flex-basis: 20rem; max-width: 28rem; }
  table.revisions { font-size: .8em; }
  td.source { min-width: 12rem; }
  .scroll { overflow: visible; }
  .counts { grid-template-columns: repeat(auto-fill, minmax(8.5rem, 1fr)); gap: .4rem; }
  .counts li { padding: .3rem .5rem; }
  .counts .status { white-space: normal; }
  .counts li, thead th { background: none; }
  .status { background: none; color: #000; border-color: #000; }
  .redline { background: none; }
  .notice { background: none; }
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

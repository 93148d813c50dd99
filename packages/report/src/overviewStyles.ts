/**
 * The stylesheet rules of the members' overview (matrix, legend, map), part of the pages' one stylesheet.
 * Map fills pair with a glyph and text on each area and in the legend, so they read in greyscale.
 */

/** The overview's rules. */
export const OVERVIEW_STYLES = `
table.overview { width: auto; font-size: .85rem; }
table.overview thead th.ind { min-width: 7.5rem; max-width: 10rem; vertical-align: bottom; font-weight: 600; }
table.overview .binding-mark { display: inline-block; font-size: .75rem; font-weight: 400; border: 1px solid #cf222e; color: #82071e; border-radius: 3px; padding: 0 .25rem; }
table.overview tbody th { white-space: nowrap; }
table.overview td.cell { padding: .25rem .35rem; }
table.overview td.cell a { display: flex; flex-wrap: wrap; align-items: center; gap: .1rem .35rem; text-decoration: none; color: inherit; }
table.overview td.cell a:hover .status { text-decoration: underline; }
table.overview .status { white-space: normal; font-size: .8rem; }
table.overview .val { font-variant-numeric: tabular-nums; font-size: .8rem; color: var(--muted); }
.trend { font-weight: 700; font-size: 1rem; line-height: 1; }
.t-better { color: #1a7f37; }
.t-same { color: #57606a; }
.t-worse { color: #cf222e; }
.legend { font-size: .85rem; }
.legend h3.legend-h { font-size: 1rem; margin: .75rem 0 .25rem; }
.legend p { margin: .25rem 0; }
ul.legend-items { list-style: none; display: flex; flex-wrap: wrap; gap: .3rem 1rem; margin: 0 0 .5rem; padding: 0; font-size: .85rem; }
ul.legend-items li { display: inline-flex; align-items: center; gap: .3rem; }
ul.legend-items svg.swatch { width: 1rem; height: 1rem; }
details.left-out { font-size: .85rem; margin: .5rem 0; }
form.map-choice { display: flex; flex-wrap: wrap; align-items: center; gap: .4rem .6rem; font-size: .9rem; margin: .5rem 0; }
form.map-choice select, form.map-choice button { font: inherit; padding: .1rem .3rem; }
figure.map { margin: 0; max-width: 42rem; break-inside: avoid; }
figure.map figcaption { font-weight: 600; margin-bottom: .25rem; }
svg.choropleth { width: 100%; height: auto; display: block; border: 1px solid var(--line); background: #fbfcfd; }
svg .area { stroke: #24292f; stroke-width: 1.2; stroke-linejoin: round; fill-rule: evenodd; }
svg .m-target-achieved { fill: #8fd19e; }
svg .m-substantial { fill: #8cc8f5; }
svg .m-moderate { fill: #f5dc6e; }
svg .m-limited { fill: #f7b37a; }
svg .m-deterioration { fill: #f2918a; }
svg .m-insufficient-data, svg .m-missing, svg .m-error { fill: #e4e8ec; }
svg .m-missing, svg .m-error { stroke-dasharray: 4 3; }
svg .mv-0 { fill: #eff6fc; } svg .mv-1 { fill: #c6dff3; } svg .mv-2 { fill: #8fc0e6; } svg .mv-3 { fill: #4f97cf; } svg .mv-4 { fill: #1f5f99; }
svg .area-label { font-size: 13px; font-weight: 700; fill: #1f2328; stroke: #ffffff; stroke-width: 3px; paint-order: stroke; stroke-linejoin: round; }
svg .area-status { font-size: 12px; font-weight: 600; }
@media print {
  table.overview td.cell a { color: #000; }
  form.map-choice { display: none; }
  svg.choropleth { background: none; }
}
`

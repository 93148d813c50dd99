/**
 * @tijian/report — renders tijian's report model. Report JSON (with the registry's number styles and the stored
 * revisions, gathered in a `ReportView`) in; an HTML page, Markdown, CSV, SDMX-CSV, SVG charts and bilingual
 * labels out. Every function is pure: the server, the CLI and third parties call the same ones.
 */
export * from "./catalog.js"
export * from "./chart.js"
export * from "./chartLabels.js"
export * from "./comparison.js"
export * from "./csv.js"
export * from "./describe.js"
export * from "./editionHtml.js"
export * from "./format.js"
export * from "./html.js"
export * from "./indexHtml.js"
export * from "./labels.js"
export * from "./lang.js"
export * from "./layout.js"
export * from "./parts.js"
export * from "./provenanceHtml.js"
export * from "./reportCsv.js"
export * from "./reportHtml.js"
export * from "./reportMarkdown.js"
export * from "./ReportView.js"
export * from "./scale.js"
export * from "./sdmx.js"
export * from "./sectionHtml.js"
export * from "./styles.js"
export * from "./trajectory.js"

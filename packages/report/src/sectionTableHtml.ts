/**
 * A table a plugin's section or a calculator run adds to the HTML report: numbers formatted by their column, text in
 * both languages in the page's, an indicator id shown as the indicator's name.
 */
import type { Lang, SectionTable } from "@tijian/core"
import { formatColumnCell } from "./format.js"
import { h, type Html } from "./html.js"
import { scrollTable } from "./parts.js"
import type { ReportView } from "./ReportView.js"

const cell = (view: ReportView, value: SectionTable["rows"][number][string] | null, column: SectionTable["columns"][number], lang: Lang) => {
  if (value === null || value === undefined) return h`<td>—</td>`
  if (typeof value === "number") return h`<td class="num">${formatColumnCell(value, column, lang)}</td>`
  if (typeof value === "object") return h`<td>${value[lang]}</td>`
  const name = view.indicatorName(value)
  return h`<td>${name ? name[lang] : value}</td>`
}

/** The table, captioned by its title, in a region that scrolls sideways on narrow screens. */
export const sectionTableHtml = (view: ReportView, table: SectionTable, lang: Lang): Html => {
  const numeric = (id: string) => table.rows.some((r) => typeof r[id] === "number") && table.rows.every((r) => r[id] === null || typeof r[id] === "number")
  return scrollTable(
    table.title[lang],
    h`<table><caption>${table.title[lang]}</caption>
<thead><tr>${table.columns.map((c) => h`<th scope="col"${numeric(c.id) ? h` class="num"` : null}>${c.name[lang]}</th>`)}</tr></thead>
<tbody>${table.rows.map((r) => h`<tr>${table.columns.map((c) => cell(view, r[c.id] ?? null, c, lang))}</tr>`)}</tbody></table>`,
  )
}

/**
 * A table a plugin's section or a calculator run adds to the Markdown report: its title in bold, then the table, numbers
 * formatted by their column and every text escaped.
 */
import type { Lang, SectionTable } from "@tijian/core"
import { formatColumnCell } from "./format.js"
import { mdTable, mdText } from "./markdownText.js"
import type { ReportView } from "./ReportView.js"

/** The title and the table, as two Markdown blocks. */
export const sectionTableMarkdown = (view: ReportView, t: SectionTable, lang: Lang): ReadonlyArray<string> => [
  `**${mdText(t.title[lang])}**`,
  mdTable(
    t.columns.map((c) => mdText(c.name[lang])),
    t.rows.map((r) =>
      t.columns.map((c) => {
        const v = r[c.id] ?? null
        if (v === null) return "—"
        if (typeof v === "number") return formatColumnCell(v, c, lang)
        return mdText(typeof v === "object" ? v[lang] : (view.indicatorName(v)?.[lang] ?? v))
      }),
    ),
  ),
]

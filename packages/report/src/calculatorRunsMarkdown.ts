/**
 * The committed calculator runs of a plugin's Markdown section: per run a heading naming the calculator, a caption
 * (when and by whom it was committed, plugin version, values stored, each input file with its short SHA-256, the
 * parameters), then the run's tables. Every text is escaped.
 */
import type { Lang, ReportSection, SectionCalculatorRun } from "@tijian/core"
import { calculatorRunLabels as labels, inputParts, paramPairs } from "./calculatorRunText.js"
import { formatTime } from "./format.js"
import { lead, listOf } from "./labels.js"
import { mdText } from "./markdownText.js"
import type { ReportView } from "./ReportView.js"
import { sectionTableMarkdown } from "./sectionTableMarkdown.js"

const runMarkdown = (view: ReportView, run: SectionCalculatorRun, lang: Lang): ReadonlyArray<string> => {
  const inputs = inputParts(run, lang).map((i) => `${mdText(i.name)} = ${mdText(i.filename)}${labels.fileFacts(i.size, `\`${i.short}\``, lang).join("")}`)
  const params = paramPairs(run).map(([name, value]) => `\`${name}\` = ${mdText(value)}`)
  return [
    `### ${mdText(`${lead(labels.heading[lang], lang)}${run.name[lang]}`)} (\`${run.calculator}\`)`,
    [
      `- ${labels.committed(formatTime(run.committedAt), view.agency(run.agency, lang).text, lang).map(mdText).join("")} · ${mdText(labels.pluginVersion(run.pluginVersion)[lang])} · ${labels.valuesStored(run.valuesStored)[lang]}`,
      `- ${lead(labels.inputs[lang], lang)}${inputs.length === 0 ? labels.none[lang] : listOf(inputs, lang)}`,
      `- ${lead(labels.params[lang], lang)}${params.length === 0 ? labels.none[lang] : listOf(params, lang)}`,
    ].join("\n"),
    ...(run.tables.length === 0 ? [`_${labels.noTables[lang]}_`] : run.tables.flatMap((t) => sectionTableMarkdown(view, t, lang))),
  ]
}

/** The section's committed runs as Markdown blocks (none when it has none). */
export const calculatorRunsMarkdown = (view: ReportView, section: ReportSection, lang: Lang): ReadonlyArray<string> =>
  (section.calculatorRuns ?? []).flatMap((r) => runMarkdown(view, r, lang))

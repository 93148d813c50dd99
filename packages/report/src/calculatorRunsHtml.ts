/**
 * The committed calculator runs of a plugin's HTML section: per run a heading naming the calculator, a caption (when
 * and by whom it was committed, plugin version, values stored, each input file with its short SHA-256 — the full hash
 * in its title — and the parameters), then the run's tables.
 */
import type { Lang, ReportSection, SectionCalculatorRun } from "@tijian/core"
import { calculatorRunLabels as labels, inputParts, paramPairs } from "./calculatorRunText.js"
import { dataTextHtml } from "./dataText.js"
import { formatTime } from "./format.js"
import { anchorId, h, type Html } from "./html.js"
import { lead, punctuation } from "./labels.js"
import type { ReportView } from "./ReportView.js"
import { sectionTableHtml } from "./sectionTableHtml.js"

const runHtml = (view: ReportView, run: SectionCalculatorRun, lang: Lang): Html => {
  const id = anchorId("run", run.calculator)
  const agency = view.agency(run.agency, lang)
  const inputs = inputParts(run, lang)
  const params = paramPairs(run)
  return h`<div class="calculator-run" id="${id}" aria-labelledby="${id}-h">
<h3 id="${id}-h">${lead(labels.heading[lang], lang)}${run.name[lang]} <code>${run.calculator}</code></h3>
<p class="run-caption">${labels.committed(formatTime(run.committedAt), dataTextHtml(agency), lang)} · ${labels.pluginVersion(run.pluginVersion)[lang]} · ${labels.valuesStored(run.valuesStored)[lang]}<br>
${lead(labels.inputs[lang], lang)}${
    inputs.length === 0
      ? labels.none[lang]
      : inputs.map((i, n) => h`${n > 0 ? punctuation.list[lang] : ""}${i.name} = ${i.filename}${labels.fileFacts(i.size, h`<code title="${i.sha256}">${i.short}</code>`, lang)}`)
  }<br>
${lead(labels.params[lang], lang)}${params.length === 0 ? labels.none[lang] : params.map(([name, value], n) => h`${n > 0 ? punctuation.list[lang] : ""}<code>${name}</code> = ${value}`)}</p>
${run.tables.length === 0 ? h`<p class="muted">${labels.noTables[lang]}</p>` : run.tables.map((t) => sectionTableHtml(view, t, lang))}
</div>`
}

/** The section's committed runs, or nothing when it has none. */
export const calculatorRunsHtml = (view: ReportView, section: ReportSection, lang: Lang): Html | null =>
  section.calculatorRuns && section.calculatorRuns.length > 0 ? h`${section.calculatorRuns.map((r) => runHtml(view, r, lang))}` : null

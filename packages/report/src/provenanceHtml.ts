/**
 * The last parts of the HTML report: the comparison of a group's members (a ranking table per indicator)
 * and the provenance (dates, content hash, every revision used with who registered it, each plugin's
 * methodology with its stated assumptions).
 */
import type { Lang } from "@tijian/core"
import { lead, listOf, observationStatusLabels, phrases, punctuation, text } from "./labels.js"
import type { Comparison, RankingTable } from "./comparison.js"
import { dataTextHtml, noteText, sourceText } from "./dataText.js"
import { formatTime, formatValue } from "./format.js"
import { anchorId, h, type Html } from "./html.js"
import { progressBadge, scrollTable } from "./parts.js"
import type { ReportView } from "./ReportView.js"

const rankedByText = (table: RankingTable, lang: Lang): string => {
  switch (table.rankedBy) {
    case "not-ranked":
      return text.notRanked[lang]
    case "distance-to-band":
      return `${lead(text.rankedBy[lang], lang)}${text.distanceToBand[lang]}`
    default:
      return ""
  }
}

const rankingTable = (view: ReportView, table: RankingTable, lang: Lang): Html => {
  const style = view.style(table.indicator)
  const caption = `${table.name[lang]} (${phrases.membersWithValue(table.withValue, table.members.length)[lang]})`
  const note = rankedByText(table, lang)
  const missing = table.members.filter((m) => m.value === null)
  return h`<h3 id="${anchorId("rank", table.indicator)}">${table.name[lang]}</h3>
${note ? h`<p class="muted">${note}</p>` : null}
${scrollTable(
  caption,
  h`<table class="ranking"><caption>${caption}</caption>
<thead><tr><th scope="col" class="num">${text.rank[lang]}</th><th scope="col">${text.region[lang]}</th><th scope="col">${text.code[lang]}</th>
<th scope="col" class="num">${text.value[lang]}</th><th scope="col">${text.grade[lang]}</th><th scope="col">${text.progress[lang]}</th></tr></thead>
<tbody>${table.members.filter((m) => m.value !== null).map(
    (m) => h`<tr><td class="num">${m.rank ?? "—"}</td><th scope="row">${m.name[lang]}</th><td><code>${m.code}</code></td>
<td class="num">${formatValue(m.value, style, lang)}</td><td>${m.grade?.[lang] ?? "—"}</td><td>${progressBadge(m.progress, lang)}</td></tr>`,
  )}</tbody></table>`,
)}
${missing.length > 0 ? h`<p class="muted">${lead(text.membersWithoutValue[lang], lang)}${listOf(missing.map((m) => `${m.name[lang]} (${m.code})`), lang)}</p>` : null}`
}

/** The comparison of a group's members. */
export const comparisonHtml = (view: ReportView, comparison: Comparison, lang: Lang): Html =>
  h`<section id="comparison" aria-labelledby="comparison-h"><h2 id="comparison-h">${text.comparison[lang]}</h2>
<p>${lead(text.members[lang], lang)}${comparison.members.map((m) => `${m.name[lang]} (${m.code})`).join(punctuation.list[lang])}</p>
${comparison.tables.map((t) => rankingTable(view, t, lang))}
${
  comparison.withoutValues.length > 0
    ? h`<p class="muted">${lead(text.noMemberValues[lang], lang)}${comparison.withoutValues.map((w) => w.name[lang]).join(punctuation.list[lang])}</p>`
    : null
}
</section>`

/** The provenance section. */
export const provenanceHtml = (view: ReportView, lang: Lang): Html => {
  const p = view.report.provenance
  const names = new Map(view.report.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e.name]))
  return h`<section id="provenance" aria-labelledby="provenance-h"><h2 id="provenance-h">${text.provenance[lang]}</h2>
<dl class="meta">
<dt>${text.reportAsOf[lang]}</dt><dd>${formatTime(p.asOf)}</dd>
<dt>${text.dataAsOf[lang]}</dt><dd>${formatTime(p.dataAsOf)}</dd>
<dt>${text.contentHash[lang]}</dt><dd><code>${p.contentHash}</code></dd>
</dl>
<h3>${text.revisionsUsed[lang]} (${view.revisions.length})</h3>
${
  view.revisions.length === 0
    ? h`<p class="muted">${text.none[lang]}</p>`
    : scrollTable(
        text.revisionsUsed[lang],
        h`<table class="revisions"><caption>${text.revisionsUsed[lang]}</caption>
<thead><tr><th scope="col">${text.indicator[lang]}</th><th scope="col">${text.region[lang]}</th><th scope="col" class="num">${text.year[lang]}</th>
<th scope="col" class="num">${text.value[lang]}</th><th scope="col">${text.agency[lang]}</th><th scope="col">${text.submittedAt[lang]}</th>
<th scope="col">${text.source[lang]}</th><th scope="col">${text.note[lang]}</th><th scope="col">${text.status[lang]}</th><th scope="col">${text.revision[lang]}</th></tr></thead>
<tbody>${view.revisions.map(
          (o) => h`<tr><td>${names.get(o.indicator)?.[lang] ?? o.indicator}</td><td><code>${o.region}</code></td><td class="num">${o.year}</td>
<td class="num">${formatValue(o.value, view.style(o.indicator), lang)}</td><td>${dataTextHtml(view.agency(o.agency, lang))}</td><td>${formatTime(o.submittedAt)}</td>
<td>${dataTextHtml(sourceText(o, lang))}</td><td>${dataTextHtml(noteText(o, lang))}</td><td>${observationStatusLabels[o.status][lang]}</td><td><code>${o.id}</code></td></tr>`,
        )}</tbody></table>`,
      )
}
<h3>${text.methodology[lang]}</h3>
${view.report.sections.map(
  (s) => h`<h4>${s.name[lang]} <span class="muted">(${text.pluginVersion[lang]} ${s.version})</span></h4>
<p>${s.methodology?.[lang] ?? text.none[lang]}</p>`,
)}
</section>`
}

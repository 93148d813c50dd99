/**
 * What a printed report opens with: the cover's facts (scope with its code, year, the content hash that
 * identifies exactly this report) and the table of contents, linked to every part of the page (the links work
 * on screen and in a PDF printed by a browser).
 */
import type { I18nText, Lang, Predecessor } from "@tijian/core"
import { dataQualityLabels } from "./dataQualityLabels.js"
import { text } from "./labels.js"
import { anchorId, h, type Html } from "./html.js"
import type { ReportView } from "./ReportView.js"

/** The labels of the cover and the contents, in Chinese and English. */
export const contentsText: Readonly<Record<"contents" | "scope" | "year" | "group" | "region", I18nText>> = {
  contents: { zh: "目录", en: "Contents" },
  scope: { zh: "范围", en: "Scope" },
  year: { zh: "年度", en: "Year" },
  group: { zh: "区域组", en: "group" },
  region: { zh: "行政区", en: "region" },
}

/** The cover's terms for the header's list of dates: scope (name, code, kind) and year. */
export const coverTerms = (view: ReportView, lang: Lang): Html => {
  const { scope, year } = view.report
  return h`<dt>${contentsText.scope[lang]}</dt><dd>${scope.name[lang]} <code>${scope.code}</code> · ${contentsText[scope.type][lang]}</dd>
<dt>${contentsText.year[lang]}</dt><dd>${year}</dd>
${(scope.predecessors ?? []).length > 0 ? h`<dt>${lineageText.heading[lang]}</dt><dd class="lineage">${(scope.predecessors ?? []).map((p, i) => h`${i > 0 ? h`<br>` : null}${lineageText.line(p)[lang]}`)}</dd>` : null}
`
}

/** The code history of a region in its report's header. */
export const lineageText = {
  heading: { zh: "区划沿革", en: "Code history" },
  line: (p: Predecessor) =>
    p.kind === "recode"
      ? {
          zh: `${p.until} 年以前为 ${p.name.zh || p.name.en}（${p.code}），此后更换为本代码；按原代码登记的 ${p.until} 年以前数值并入本序列。依据：${p.source}`,
          en: `until ${p.until - 1}: ${p.name.en || p.name.zh} (${p.code}), then given this code in ${p.until}; values registered under ${p.code} for the years before ${p.until} are joined into this series. Source: ${p.source}`,
        }
      : {
          zh: `${p.until} 年以前为 ${p.name.zh || p.name.en}（${p.code}）${p.kind === "rename" ? "（更名）" : p.kind === "merge" ? "，此后并入本区域" : "，此后分设"}；${p.until} 年以前的数值属原区划，不并入本序列。依据：${p.source}`,
          en: `until ${p.until - 1}: ${p.name.en || p.name.zh} (${p.code})${p.kind === "rename" ? ", renamed" : p.kind === "merge" ? ", then merged into this region" : ", then split"} in ${p.until}; values before ${p.until} are of that unit and not joined into this series. Source: ${p.source}`,
        },
} as const

/** The content hash, last in the header's list, so a printed copy can be matched to its report. */
export const coverHash = (view: ReportView, lang: Lang): Html =>
  h`<dt>${text.contentHash[lang]}</dt><dd><code class="hash">${view.report.provenance.contentHash}</code></dd>
`

/**
 * The table of contents: summary, diagnosis, one entry per plugin section, the comparison of a group's
 * members, provenance.
 *
 * @example
 * contentsHtml(view, "en") // <nav class="toc" ...><h2 id="toc-h">Contents</h2><ol><li><a href="#summary">Summary</a></li>...
 */
export const contentsHtml = (view: ReportView, lang: Lang): Html => {
  const entries: ReadonlyArray<readonly [string, string]> = [
    ["summary", text.summary[lang]],
    ["diagnosis", text.diagnosis[lang]],
    ...(view.report.dataQuality ? [["data-quality", dataQualityLabels.heading[lang]] as const] : []),
    ...view.report.sections.map((s) => [anchorId("plugin", s.plugin), s.name[lang]] as const),
    ...(view.comparison ? [["comparison", text.comparison[lang]] as const] : []),
    ["provenance", text.provenance[lang]],
  ]
  return h`<nav class="toc" aria-labelledby="toc-h"><h2 id="toc-h">${contentsText.contents[lang]}</h2>
<ol>${entries.map(([id, label]) => h`<li><a href="#${id}">${label}</a></li>`)}</ol></nav>`
}

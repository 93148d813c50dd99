/**
 * How far each value is trusted, as a reader sees it: a mark after the value (approved, submitted, provisional;
 * glyph + word, readable without colour), and the summary's line counting them. A report made before approvals
 * existed carries no approval and shows no mark.
 */
import type { Evaluation, Lang, Report, Trust } from "@tijian/core"
import { h, type Html } from "./html.js"

export const trustLabels = {
  heading: { zh: "数据可信度", en: "Trust in the figures" },
  approved: { zh: "已审核", en: "approved" },
  submitted: { zh: "待审核", en: "submitted" },
  provisional: { zh: "暂定", en: "provisional" },
  gloss: {
    approved: { zh: "所依数据集均已审核", en: "every data set it rests on approved" },
    submitted: { zh: "已报送，等待上级审核", en: "submitted, awaiting approval" },
    provisional: { zh: "有数据集尚未报送或被退回", en: "a data set still open or returned" },
  },
  approvedOnly: {
    zh: "本报告只评价已审核的数值：未审核数据集的数值视为未登记。",
    en: "This report evaluates approved values only: values of data sets not yet approved are left out, as if not registered.",
  },
  allApproved: { zh: "全部数值均已审核。", en: "Every value rests on approved data sets." },
  someNot: (n: number, of: number) => ({
    zh: `${of} 个有值指标中 ${n} 个的数值尚未审核（已报送或暂定），审核后可能变化。`,
    en: `${n} of ${of} values are not yet approved (submitted or provisional) and may change when reviewed.`,
  }),
  sets: (approved: number, all: number) => ({ zh: `${all} 个数据集中 ${approved} 个已审核`, en: `${approved} of ${all} data sets approved` }),
} as const

const GLYPHS: Record<Trust, string> = { approved: "✔", submitted: "◐", provisional: "○" }

/** After a value: `✔ approved`, `◐ submitted`, `○ provisional` (its gloss as the title); for a value from several data sets, how many are approved. */
export const trustMark = (e: Pick<Evaluation, "approval">, lang: Lang): Html | null => {
  const a = e.approval
  if (!a) return null
  const all = a.approved + a.submitted + a.provisional
  const sets = all > 1 ? ` (${trustLabels.sets(a.approved, all)[lang]})` : ""
  return h` <span class="trust tr-${a.trust}" data-trust="${a.trust}" title="${trustLabels.gloss[a.trust][lang]}"><span class="glyph" aria-hidden="true">${GLYPHS[a.trust]}</span>${trustLabels[a.trust][lang]}${sets}</span>`
}

/** The summary's trust counts and a sentence; null for a report made before approvals. */
export const trustSummaryHtml = (report: Report, lang: Lang): Html | null => {
  const a = report.summary.approval
  if (!a) return null
  const withApproval = a.approved + a.submitted + a.provisional
  const notApproved = a.submitted + a.provisional
  const note = report.provenance.approvedOnly
    ? h`<p class="trust-note ok-note">${trustLabels.approvedOnly[lang]}</p>`
    : withApproval === 0
      ? null
      : notApproved === 0
        ? h`<p class="trust-note ok-note">${trustLabels.allApproved[lang]}</p>`
        : h`<p class="trust-note amber">${trustLabels.someNot(notApproved, withApproval)[lang]}</p>`
  return h`<h3>${trustLabels.heading[lang]}</h3>
${note}
<ul class="counts trust-counts">${(["approved", "submitted", "provisional"] as const).map(
    (t) =>
      h`<li><span class="n">${a[t]}</span><span class="trust tr-${t}"><span class="glyph" aria-hidden="true">${GLYPHS[t]}</span>${trustLabels[t][lang]}</span><span class="gloss">${trustLabels.gloss[t][lang]}</span></li>`,
  )}</ul>`
}

/** The mark's text, for Markdown and CSV: `approved`, `provisional (not approved) (1 of 3 data sets approved)`. */
export const trustText = (e: Pick<Evaluation, "approval">, lang: Lang): string => {
  const a = e.approval
  if (!a) return ""
  const all = a.approved + a.submitted + a.provisional
  return `${GLYPHS[a.trust]} ${trustLabels[a.trust][lang]}${all > 1 ? ` (${trustLabels.sets(a.approved, all)[lang]})` : ""}`
}

/** The summary's trust part in Markdown; null for a report made before approvals. */
export const trustMarkdown = (report: Report, lang: Lang): string | null => {
  const a = report.summary.approval
  if (!a) return null
  const all = a.approved + a.submitted + a.provisional
  const note = report.provenance.approvedOnly
    ? trustLabels.approvedOnly[lang]
    : all === 0
      ? null
      : a.submitted + a.provisional === 0
        ? trustLabels.allApproved[lang]
        : `**${trustLabels.someNot(a.submitted + a.provisional, all)[lang]}**`
  const counts = (["approved", "submitted", "provisional"] as const).map((t) => `- ${GLYPHS[t]} ${trustLabels[t][lang]} (${trustLabels.gloss[t][lang]}): ${a[t]}`).join("\n")
  return [`### ${trustLabels.heading[lang]}`, ...(note ? [note] : []), counts].join("\n\n")
}

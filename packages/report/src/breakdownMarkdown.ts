/**
 * A row's breakdowns in the Markdown report (issue #21): per dimension a table (value, share of the total for an
 * additive dimension, targets and their judgement, "not registered" and "not judged" in words) and, for an additive
 * dimension registered in full, a text bar of the total's composition: one shade of block per code (█ ▓ ▒ ░), so it
 * reads in greyscale and in plain text, with its legend. The summary lists the targets on breakdowns apart.
 */
import type { DimensionBreakdown, Evaluation, Lang } from "@tijian/core"
import { breakdownLabels, breakdownPhrases } from "./breakdownLabels.js"
import { breakdownEmpty, breakdownGoals, breakdownTargetRows, breakdownValueText } from "./breakdownRows.js"
import { progressText, targetPhrase } from "./describe.js"
import { formatShare, formatValue } from "./format.js"
import { text } from "./labels.js"
import { mdTable, mdText } from "./markdownText.js"
import type { ReportView } from "./ReportView.js"
import { judgementLabels, targetJudgement } from "./standards.js"

const SHADES = ["█", "▓", "▒", "░"]
/** Characters of the text bar for the whole total. */
const BAR_WIDTH = 40

/** The composition as a text bar and its legend, or null when it cannot be drawn honestly. */
const textBar = (e: Evaluation, d: DimensionBreakdown, view: ReportView, lang: Lang): string | null => {
  if (!d.additive || !d.complete || e.value === null || !(e.value > 0)) return null
  if (d.values.some((v) => v.share === null || v.share < 0)) return null
  // largest remainders, so the cells add up to the bar's width
  const exact = d.values.map((v) => v.share! * BAR_WIDTH)
  const cells = exact.map(Math.floor)
  const order = exact.map((x, i) => ({ i, rest: x - Math.floor(x) })).sort((a, b) => b.rest - a.rest)
  for (let k = 0; cells.reduce((s, c) => s + c, 0) < BAR_WIDTH && k < order.length; k++) cells[order[k]!.i]!++
  const shade = (i: number) => SHADES[i % SHADES.length]!
  const bar = cells.map((c, i) => shade(i).repeat(c)).join("")
  const legend = d.values.map((v, i) => `${shade(i)} ${mdText(v.name[lang])} ${formatShare(v.share, lang)}`).join(" · ")
  return `${mdText(breakdownPhrases.composition(formatValue(e.value, view.style(e.indicator), lang), [])[lang])}: \`${bar}\` ${legend}`
}

const dimensionMarkdown = (view: ReportView, e: Evaluation, d: DimensionBreakdown, lang: Lang): ReadonlyArray<string> => {
  if (breakdownEmpty(d)) return [`_${mdText(breakdownPhrases.noneRegistered(d.name, view.report.year)[lang])}_`]
  const style = view.style(e.indicator)
  const missing = d.values.filter((v) => v.value === null).map((v) => v.name)
  const table = mdTable(
    [mdText(d.name[lang]), text.value[lang], ...(d.additive ? [breakdownLabels.share[lang]] : []), text.target[lang], judgementLabels.judgement[lang]],
    d.values.map((v) => {
      const goals = breakdownGoals(v)
      return [
        `${mdText(v.name[lang])} (\`${v.code}\`)`,
        v.value === null ? `_${breakdownLabels.notRegistered[lang]}_` : mdText(breakdownValueText(v.value, style, e.unit[lang], lang)!),
        ...(d.additive ? [formatShare(v.share, lang)] : []),
        goals.length === 0 ? breakdownLabels.noTarget[lang] : goals.map((t) => mdText(targetPhrase(t, style, lang))).join("; "),
        goals.length === 0
          ? breakdownLabels.notJudged[lang]
          : `${goals.map((t) => mdText(targetJudgement(t, style, lang))).join("; ")}${v.progress ? ` · ${progressText(v.progress.status, lang)}` : ""}`,
      ]
    }),
    d.additive ? [1, 2] : [1],
  )
  const note = d.additive && missing.length > 0 && missing.length < d.values.length ? `_${mdText(breakdownPhrases.incomplete(missing)[lang])}_` : null
  return [`**${mdText(breakdownPhrases.caption(d.name, view.report.year)[lang])}**`, table, note, textBar(e, d, view, lang)].filter((p): p is string => p !== null)
}

/** The parts of a row's breakdowns (none for a row without). */
export const breakdownsMarkdown = (view: ReportView, e: Evaluation, lang: Lang): ReadonlyArray<string> =>
  (e.breakdowns ?? []).flatMap((d) => dimensionMarkdown(view, e, d, lang))

/** The summary's targets on breakdowns, under their own heading apart from the totals' counts; null when none. */
export const breakdownSummaryMarkdown = (view: ReportView, lang: Lang): string | null => {
  const s = view.report.summary.breakdownTargets
  if (!s) return null
  const rows = breakdownTargetRows(view.report).map(({ e, v, t, primary }) => {
    const style = view.style(e.indicator)
    return [
      mdText(e.name[lang]),
      mdText(v.name[lang]),
      mdText(breakdownValueText(v.value, style, e.unit[lang], lang) ?? breakdownLabels.notRegistered[lang]),
      mdText(targetPhrase(t, style, lang)),
      `${mdText(targetJudgement(t, style, lang))}${primary && v.progress ? ` · ${progressText(v.progress.status, lang)}` : ""}`,
    ]
  })
  return [
    `### ${breakdownLabels.summaryHeading[lang]}`,
    mdText(breakdownPhrases.summary(s)[lang]),
    mdTable([text.indicator[lang], breakdownLabels.breakdown[lang], text.value[lang], text.target[lang], judgementLabels.judgement[lang]], rows, [2]),
  ].join("\n\n")
}

/**
 * The report as Markdown (CommonMark with GFM tables): headings, the summary, the diagnosis, a table per
 * indicator with its targets and trend, the comparison of a group's members, and provenance. Every text
 * from data is escaped, so a note cannot become markup (or raw HTML) wherever the Markdown is rendered.
 */
import { dataQualityMarkdown } from "./dataQualityMarkdown.js"
import { breakdownPhrases } from "./breakdownLabels.js"
import { mdTable as table, mdText } from "./markdownText.js"
import { trustMarkdown, trustText } from "./trust.js"
import type { Evaluation, Lang, ReportSection } from "@tijian/core"
import {
  bindingLabels,
  indicatorKindLabels,
  lead,
  listOf,
  observationStatusLabels,
  phrases,
  progressGloss,
  type progressLabels,
  punctuation,
  targetKindLabels,
  text,
} from "./labels.js"
import { applicabilityLabels, bindingCountLabels, bindingStanding, notAssessedLabels, onBreakdownsText, verdictText } from "./bindingSummary.js"
import { noteText, sourceText } from "./dataText.js"
import { methodRows, methodText } from "./methodRows.js"
import { primaryTarget, progressText, targetAim, targetPhrase } from "./describe.js"
import { formatDifference, formatRate, formatShare, formatTime, formatValue } from "./format.js"
import type { ReportView } from "./ReportView.js"
import { outranHeading, outranLines } from "./outran.js"
import { judgementLabels, standardText, targetJudgement } from "./standards.js"
import { sectionTableMarkdown } from "./sectionTableMarkdown.js"
import { calculatorRunsMarkdown } from "./calculatorRunsMarkdown.js"
import { breakdownSummaryMarkdown, breakdownsMarkdown } from "./breakdownMarkdown.js"


const summary = (view: ReportView, lang: Lang): string => {
  const s = view.report.summary
  const missed = view.report.diagnosis.bindingMissed
  const binding = bindingStanding(view.report)
  const counts: ReadonlyArray<[keyof typeof progressLabels, number]> = [
    ["target-achieved", s.targetAchieved],
    ["substantial", s.substantial],
    ["moderate", s.moderate],
    ["limited", s.limited],
    ["deterioration", s.deterioration],
    ["insufficient-data", s.insufficientData],
  ]
  return [
    `## ${text.summary[lang]}`,
    `### ${bindingCountLabels.heading[lang]}`,
    `**${verdictText(binding.counts)[binding.verdict][lang]}${onBreakdownsText(binding)[lang]}**`,
    binding.counts.targets > 0
      ? [
          `- ${lead(bindingCountLabels.breached[lang], lang)}${binding.counts.breached}`,
          `- ${lead(bindingCountLabels.notAssessed[lang], lang)}${binding.counts.notAssessed}`,
          `- ${lead(bindingCountLabels.met[lang], lang)}${binding.counts.met}`,
          `- ${lead(bindingCountLabels.targets[lang], lang)}${binding.counts.targets}`,
        ].join("\n")
      : null,
    missed.length === 0
      ? null
      : `${text.bindingMissed[lang]}:\n\n${missed.map((m) => `- **${mdText(m.name[lang])}**: ${text.gap[lang]} ${formatDifference(m.gap, view.style(m.indicator), lang)}`).join("\n")}`,
    binding.notAssessed.length === 0
      ? null
      : `${bindingCountLabels.notAssessedList[lang]}:\n\n${binding.notAssessed
          .map((m) => `- **${mdText(m.name[lang])}**${m.reason ? `: ${notAssessedLabels[m.reason][lang]}` : ""}`)
          .join("\n")}`,
    breakdownSummaryMarkdown(view, lang),
    [
      `- ${lead(text.indicatorsEvaluated[lang], lang)}${s.indicators}`,
      `- ${lead(text.withValue[lang], lang)}${s.withValue}`,
      `- ${lead(text.missing[lang], lang)}${s.missing}`,
      `- ${lead(text.errors[lang], lang)}${s.error}`,
      `- ${lead(text.completeness[lang], lang)}${phrases.completenessOf(formatShare(s.completeness, lang), s.withValue, s.indicators)[lang]}`,
    ].join("\n"),
    trustMarkdown(view.report, lang),
    `### ${text.progressCounts[lang]}`,
    table(
      [text.progress[lang], "n", ""],
      counts.map(([status, n]) => [progressText(status, lang), String(n), progressGloss[status][lang]]),
      [1],
    ),
  ].filter((p): p is string => p !== null).join("\n\n")
}

const diagnosis = (view: ReportView, lang: Lang): string => {
  const d = view.report.diagnosis
  const breachedOnBreakdowns = view.report.summary.breakdownTargets?.bindingNotMet ?? 0
  const rows = view.report.sections.flatMap((s) => s.evaluations)
  const none = `_${text.none[lang]}_`
  const outranList = outranLines(view.report, view.style, lang)
  const outran =
    outranList.length === 0 ? [] : [`### ${outranHeading[lang]}`, outranList.map((l) => `- ${mdText(l.name)}: ${mdText(l.forecast)} — **${mdText(l.judgement)}**`).join("\n")]
  const gaps = (items: typeof d.largestGaps) =>
    items.length === 0
      ? none
      : table(
          [text.indicator[lang], text.value[lang], text.target[lang], text.gap[lang], text.relativeGap[lang]],
          items.map((i) => {
            const style = view.style(i.indicator)
            const t = rows.find((e) => e.indicator === i.indicator)?.targets.find((x) => x.id === i.target)
            return [
              mdText(i.name[lang]),
              formatValue(i.value, style, lang),
              t ? mdText(targetPhrase(t, style, lang)) : "—",
              formatDifference(i.gap, style, lang),
              formatShare(i.relativeGap, lang, 1),
            ]
          }),
          [1, 3, 4],
        )
  return [
    `## ${text.diagnosis[lang]}`,
    `### ${text.redLines[lang]}`,
    ...(d.bindingMissed.length === 0 && breachedOnBreakdowns > 0 ? [] : [gaps(d.bindingMissed)]),
    ...(breachedOnBreakdowns > 0 ? [`**${mdText(breakdownPhrases.redLines(breachedOnBreakdowns)[lang])}**`] : []),
    ...outran,
    `### ${text.largestGaps[lang]}`,
    gaps(d.largestGaps),
    `### ${text.regressions[lang]}`,
    d.regressions.length === 0
      ? none
      : table(
          [text.indicator[lang], text.previous[lang], text.value[lang]],
          d.regressions.map((i) => {
            const style = view.style(i.indicator)
            return [mdText(i.name[lang]), i.previous ? `${formatValue(i.previous.value, style, lang)} (${i.previous.year})` : "—", formatValue(i.value, style, lang)]
          }),
          [1, 2],
        ),
    `### ${text.computedVsReported[lang]}`,
    d.computedVsReported.length === 0
      ? none
      : table(
          [text.indicator[lang], text.reported[lang], text.computed[lang], text.difference[lang]],
          d.computedVsReported.map((i) => {
            const style = view.style(i.indicator)
            return [mdText(i.name[lang]), formatValue(i.reported, style, lang), formatValue(i.computed, style, lang), formatDifference(i.difference, style, lang, true)]
          }),
          [1, 2, 3],
        ),
  ].join("\n\n")
}

const indicator = (view: ReportView, e: Evaluation, lang: Lang): string => {
  const style = view.style(e.indicator)
  const facts: Array<[string, string]> = [
    [text.value[lang], `**${formatValue(e.value, style, lang)}** ${mdText(e.unit[lang])}${e.approval ? ` · ${trustText(e, lang)}` : ""}`],
    [text.kind[lang], indicatorKindLabels[e.kind][lang]],
    [text.grade[lang], e.grade ? mdText(e.grade.name[lang]) : "—"],
    [text.baseline[lang], e.baseline ? `${formatValue(e.baseline.value, style, lang)} (${e.baseline.year})` : "—"],
    [text.changeSinceBaseline[lang], formatDifference(e.changeSinceBaseline, style, lang, true)],
    [text.progress[lang], `${progressText(e.progress.status, lang)}${e.methods?.methodDependent ? ` · ⚠ **${methodText.methodDependent[lang]}**` : ""}`],
  ]
  if (e.computedValue !== null) facts.push([text.computed[lang], formatValue(e.computedValue, style, lang)])
  if (e.error !== null) facts.push([text.errors[lang], mdText(e.error)])
  for (const rule of e.rulesBroken) facts.push([text.notes[lang], mdText(rule.message[lang])])
  const parts = [`### ${mdText(e.name[lang])} (\`${e.indicator}\`)`, table(["", ""], facts.map(([k, v]) => [k, v]))]
  if (e.targets.length > 0) {
    parts.push(
      table(
        [
          ...(["targetKind", "target", "dueYear", "bindingOrExpected", "source"] as const).map((k) => text[k][lang]),
          judgementLabels.judgement[lang],
          ...(["gap", "attainment", "progress", "observedRate", "requiredRate"] as const).map((k) => text[k][lang]),
        ],
        e.targets.map((t) => [
          t.standard ? `${standardText(t.standard, lang)}${lang === "zh" ? "：" : ": "}${targetKindLabels[t.kind][lang]}` : targetKindLabels[t.kind][lang],
          targetAim(t, style, lang),
          String(t.dueYear),
          t.kind === "forecast" ? "—" : bindingLabels[t.binding ? "binding" : "expected"][lang],
          mdText(t.source[lang]),
          mdText(targetJudgement(t, style, lang)),
          formatDifference(t.gap, style, lang),
          formatShare(t.attainment, lang, 1),
          t.kind === "forecast" ? judgementLabels.notProgress[lang] : progressText(t.progress.status, lang),
          formatRate(t.progress.observedRate, t.progress.method, style, lang),
          formatRate(t.progress.requiredRate, t.progress.method, style, lang),
        ]),
        [1, 2, 6, 7, 9, 10],
      ),
    )
  }
  const methods = methodRows(e, style, lang)
  if (methods) {
    parts.push(
      `${lead(methodText.heading[lang], lang)}${e.methods!.methodDependent ? methodText.methodDependentNote[lang] : methodText.agree[lang]}`,
      table(
        [methodText.method[lang], methodText.status[lang], methodText.keyNumber[lang], methodText.commonScale[lang]],
        methods.map((m) => [m.method, m.status, mdText(m.keyNumber), m.common]),
      ),
    )
  }
  if (e.trend.length > 0) parts.push(`${lead(text.trend[lang], lang)}${e.trend.map((p) => `${p.year}: ${formatValue(p.value, style, lang)}`).join(" · ")}`)
  parts.push(...breakdownsMarkdown(view, e, lang))
  return parts.join("\n\n")
}

const section = (view: ReportView, s: ReportSection, lang: Lang): string => {
  const year = view.report.year
  const parts = [`## ${mdText(s.name[lang])}`]
  if (s.notes.length > 0) parts.push(s.notes.map((n) => `- ${mdText(n[lang])}`).join("\n"))
  if (s.error) parts.push(`> **${lead(text.sectionError[lang], lang).trimEnd()}** ${mdText(s.error)}`)
  for (const t of s.tables) parts.push(...sectionTableMarkdown(view, t, lang))
  parts.push(...calculatorRunsMarkdown(view, s, lang))
  parts.push(
    table(
      [text.indicator[lang], text.value[lang], text.unit[lang], text.grade[lang], text.target[lang], text.gap[lang], text.progress[lang]],
      s.evaluations.map((e) => {
        const style = view.style(e.indicator)
        const t = primaryTarget(e, year)
        return [
          mdText(e.name[lang]),
          formatValue(e.value, style, lang),
          mdText(e.unit[lang]),
          e.grade ? mdText(e.grade.name[lang]) : "—",
          t ? mdText(targetPhrase(t, style, lang)) : text.noTarget[lang],
          formatDifference(t?.gap, style, lang),
          e.status === "ok" ? progressText(e.progress.status, lang) : text.missing[lang],
        ]
      }),
      [1, 5],
    ),
  )
  for (const e of s.evaluations.filter((x) => x.status !== "missing")) parts.push(indicator(view, e, lang))
  return parts.join("\n\n")
}

const comparison = (view: ReportView, lang: Lang): string | null => {
  const c = view.comparison
  if (!c) return null
  const parts = [`## ${text.comparison[lang]}`]
  for (const t of c.tables) {
    const style = view.style(t.indicator)
    parts.push(
      `### ${mdText(t.name[lang])}`,
      ...(t.rankedBy === "not-ranked" ? [text.notRanked[lang]] : t.rankedBy === "distance-to-band" ? [`${lead(text.rankedBy[lang], lang)}${text.distanceToBand[lang]}`] : []),
      table(
        [text.rank[lang], text.region[lang], text.code[lang], text.value[lang], text.progress[lang]],
        t.members
          .filter((m) => m.value !== null)
          .map((m) => [
            m.rank === null ? "—" : String(m.rank),
            mdText(m.name[lang]),
            `\`${m.code}\``,
            formatValue(m.value, style, lang),
            progressText(m.progress, lang),
          ]),
        [0, 3],
      ),
    )
    const missing = t.members.filter((m) => m.value === null)
    if (missing.length > 0) parts.push(`${lead(text.membersWithoutValue[lang], lang)}${listOf(missing.map((m) => `${mdText(m.name[lang])} (${m.code})`), lang)}`)
  }
  if (c.withoutValues.length > 0) parts.push(`${lead(text.noMemberValues[lang], lang)}${c.withoutValues.map((w) => mdText(w.name[lang])).join(punctuation.list[lang])}`)
  return parts.join("\n\n")
}

const provenance = (view: ReportView, lang: Lang): string => {
  const p = view.report.provenance
  return [
    `## ${text.provenance[lang]}`,
    [
      `- ${lead(text.reportAsOf[lang], lang)}${formatTime(p.asOf)}`,
      `- ${lead(text.dataAsOf[lang], lang)}${formatTime(p.dataAsOf)}`,
      `- ${lead(text.contentHash[lang], lang)}\`${p.contentHash}\``,
    ].join("\n"),
    `### ${text.revisionsUsed[lang]} (${view.revisions.length})`,
    view.revisions.length === 0
      ? `_${text.none[lang]}_`
      : table(
          [text.revision[lang], text.value[lang], text.agency[lang], text.submittedAt[lang], text.source[lang], text.note[lang], text.status[lang]],
          view.revisions.map((o) => [
            `\`${o.id}\``,
            formatValue(o.value, view.style(o.indicator), lang),
            mdText(view.agency(o.agency, lang).text),
            formatTime(o.submittedAt),
            mdText(sourceText(o, lang).text),
            mdText(noteText(o, lang)?.text ?? "—"),
            observationStatusLabels[o.status][lang],
          ]),
          [1],
        ),
    `### ${text.methodology[lang]}`,
    ...view.report.sections.map((s) => `**${mdText(s.name[lang])}** (${text.pluginVersion[lang]} ${mdText(s.version)}): ${s.methodology ? mdText(s.methodology[lang]) : text.none[lang]}`),
  ].join("\n\n")
}

const notReported = (view: ReportView, lang: Lang): string | null => {
  const list = view.report.notReported ?? []
  if (list.length === 0) return null
  return [
    `## ${applicabilityLabels.notReported[lang]} (${list.length})`,
    `_${applicabilityLabels.notReportedGloss[lang]}_`,
    list.map((n) => mdText(n.name[lang])).join(lang === "zh" ? "、" : ", "),
  ].join("\n\n")
}

/** The report as Markdown, in one language. */
export const reportMarkdown = (view: ReportView, lang: Lang): string => {
  const r = view.report
  return `${[
    `# ${mdText(phrases.reportTitle(r.scope.name, r.year)[lang])}`,
    `${lead(text.reportAsOf[lang], lang)}${formatTime(r.provenance.asOf)} · ${lead(text.dataAsOf[lang], lang)}${formatTime(r.provenance.dataAsOf)}`,
    summary(view, lang),
    diagnosis(view, lang),
    dataQualityMarkdown(view, lang),
    ...r.sections.map((s) => section(view, s, lang)),
    comparison(view, lang),
    notReported(view, lang),
    provenance(view, lang),
  ]
    .filter((p): p is string => p !== null)
    .join("\n\n")}\n`
}

/**
 * The method comparison on an indicator card and in the Markdown report (issue #17): PM2.5-like 100 (2015) -> 70
 * (2022), at most 40 by 2030, where the methods disagree, and 50 -> 64, at least 80, where they agree.
 */
import { compareMethods, progressTowardsTarget, type Evaluation, type Report, type TowardsTarget } from "@tijian/core"
import { makeReportView, methodRows, reportMarkdown, sectionHtml } from "@tijian/report"
import { describe, expect, it } from "vitest"
import { evaluationRow } from "./fixtures.js"

const row = (indicator: string, input: TowardsTarget, direction: Evaluation["direction"]): Evaluation => {
  const progress = progressTowardsTarget(input)
  return evaluationRow({
    indicator,
    name: { zh: indicator, en: indicator },
    direction,
    value: input.current.value,
    trend: [input.base!, input.current],
    progress,
    methods: compareMethods(progress, input),
  })
}

const pm25 = row("demo.pm25", { base: { year: 2015, value: 100 }, current: { year: 2022, value: 70 }, aim: 40, towards: -1, dueYear: 2030, met: false }, "lower-is-better")
const green = row("demo.green", { base: { year: 2015, value: 50 }, current: { year: 2022, value: 64 }, aim: 80, towards: 1, dueYear: 2030, met: false }, "higher-is-better")

const report: Report = {
  schemaVersion: 2,
  scope: { code: "320500", type: "region", name: { zh: "苏州", en: "Suzhou" }, members: [] },
  year: 2022,
  summary: {
    indicators: 2,
    notReported: 0,
    withValue: 2,
    missing: 0,
    error: 0,
    targetAchieved: 0,
    substantial: 1,
    moderate: 1,
    limited: 0,
    deterioration: 0,
    insufficientData: 0,
    bindingMissed: 0,
    binding: { targets: 0, met: 0, breached: 0, notAssessed: 0 },
    completeness: 1,
  },
  sections: [{ plugin: "demo", version: "0.1.0", name: { zh: "演示", en: "Demo" }, methodology: null, evaluations: [pm25, green], notes: [], tables: [], error: null }],
  notReported: [],
  diagnosis: { bindingMissed: [], bindingNotAssessed: [], largestGaps: [], regressions: [], computedVsReported: [], forecastsOutrun: [] },
  provenance: { asOf: "2022-12-31T00:00:00.000Z", dataAsOf: null, revisions: [], contentHash: "" },
}
const view = makeReportView({ report, indicator: () => undefined, stored: [], memberReports: [] })

const card = (html: string, indicator: string) => {
  const start = html.indexOf(`<article class="indicator" id="ind-${indicator}"`)
  expect(start, `card of ${indicator}`).toBeGreaterThan(-1)
  return html.slice(start, html.indexOf("</article>", start))
}

describe("the method comparison in the report", () => {
  it("gives each method its status and the number behind it (en)", () => {
    // Open SDG R = 4.9677 % / 5.9258 % = 0.84; SDSN -30/7 = -4.29/yr against -60/15 = -4.00/yr, R = 1.07;
    // ESCAP 70 · 0.950323^8 = 46.57 in 2030, APr = (46.57 - 100) / (40 - 100) = 89 %
    expect(methodRows(pm25, view.style("demo.pm25"), "en")).toEqual([
      {
        method: "StatCan / Open SDG progress",
        status: "moderate progress",
        keyNumber: "R = 0.84; −4.97%/yr / needed −5.93%/yr",
        common: "progressing",
      },
      { method: "SDSN Sustainable Development Report trend", status: "on track", keyNumber: "R = 1.07; −4.29/yr / needed −4.00/yr", common: "on track" },
      { method: "UN ESCAP anticipated progress", status: "progress, acceleration needed", keyNumber: "APr = 89%; predicted 2030: 46.57", common: "progressing or limited" },
    ])
  })

  it("shows the three methods on the card and flags a method-dependent judgement in words, in en and zh", () => {
    const en = card(sectionHtml(view, report.sections[0]!, "en").toString(), "demo.pm25")
    expect(en).toContain('<table class="methods"><caption>Method comparison <span class="method-dependent"><span class="glyph" aria-hidden="true">⚠</span>method-dependent</span></caption>')
    expect(en).toContain("<tr><th scope=\"row\">SDSN Sustainable Development Report trend</th><td>on track</td><td>R = 1.07; −4.29/yr / needed −4.00/yr</td><td>on track</td></tr>")
    expect(en).toContain("The methods disagree: the judgement depends on the method.")
    // the flag stands beside the progress status too
    expect(en).toMatch(/<th scope="row">Progress<\/th><td><span class="status st-moderate">.*<span class="method-dependent">/)
    const zh = card(sectionHtml(view, report.sections[0]!, "zh").toString(), "demo.pm25")
    expect(zh).toContain("<caption>方法比较 <span class=\"method-dependent\">")
    expect(zh).toContain("结论因方法而异")
    expect(zh).toContain("<tr><th scope=\"row\">联合国亚太经社会预期进展</th><td>有进展，需加速</td><td>APr = 89%；预测 2030 年：46.57</td><td>有进展 或 进展有限</td></tr>")
  })

  it("shows no flag when the methods agree", () => {
    const en = card(sectionHtml(view, report.sections[0]!, "en").toString(), "demo.green")
    expect(en).toContain('<table class="methods"><caption>Method comparison</caption>')
    expect(en).not.toContain("method-dependent")
    // ESCAP: 64 · 1.035895^8 = 84.86 in 2030, APr = 34.86 / 30 = 116 %
    expect(en).toContain("<td>will achieve the target</td><td>APr = 116%; predicted 2030: 84.86</td>")
  })

  it("the Markdown report carries the same table and flag", () => {
    const md = reportMarkdown(view, "en")
    expect(md).toContain("| Progress | ► moderate progress · ⚠ **method-dependent** |")
    expect(md).toContain("| UN ESCAP anticipated progress | progress, acceleration needed | APr = 89%; predicted 2030: 46.57 | progressing or limited |")
    expect(md).toContain("Method comparison: the methods that can judge agree")
  })

  it("a row from a report made before the comparison has no methods table", () => {
    const { methods: _, ...old } = pm25
    expect(methodRows(old, view.style("demo.pm25"), "en")).toBeUndefined()
    const html = sectionHtml(view, { ...report.sections[0]!, evaluations: [old] }, "en").toString()
    expect(html).not.toContain('class="methods"')
  })
})

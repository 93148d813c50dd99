import type { Evaluation, Report, ReportSection, TargetEvaluation } from "@tijian/core"
import { describe, expect, it } from "vitest"
import { type ReportView, requiredTrajectory, sectionHtml, targetTrajectory, trendChart, validInterval } from "@tijian/report"
import { evaluationRow } from "./fixtures.js"

const index = { decimals: 2, format: "number" } as const
const share = { decimals: 3, format: "percent" } as const

// Green expansion index of the YRD: 78.04 in 2012, 80.98 in 2022; expected target: at least 100 by 2035.
const base = { year: 2012, value: 78.04 }
const greenTarget: TargetEvaluation = {
  id: "beauty.green-expansion.2035",
  kind: "at-least",
  value: 100,
  dueYear: 2035,
  binding: false,
  source: { zh: "规划", en: "plan" },
  baseline: base,
  met: false,
  gap: 19.02,
  attainment: 0.8098,
  progress: { status: "limited", method: "cagr", observedRate: (80.98 / 78.04) ** (1 / 10) - 1, requiredRate: (100 / 78.04) ** (1 / 23) - 1 },
  notAssessed: null,
}

const chart = (input: Partial<Parameters<typeof trendChart>[0]>) =>
  trendChart({ id: "c", title: "t", points: [], target: null, style: index, lang: "en", ...input })?.toString() ?? null

const yTickLabels = (svg: string) => [...svg.matchAll(/text-anchor="end">([^<]+)</g)].map((m) => m[1])
const polyline = (svg: string, cls: string) =>
  new RegExp(`<polyline class="${cls}" points="([^"]+)"`)
    .exec(svg)![1]!
    .split(" ")
    .map((p) => p.split(",").map(Number))

describe("the required path", () => {
  it("grows at the compound rate (100 / 78.04)^(1/23) - 1 = 1.0839 %/yr from 2012 to 2035", () => {
    const path = requiredTrajectory(base, 100, 2035)!
    expect(path.method).toBe("cagr")
    expect(path.rate * 100).toBeCloseTo(1.0839, 4)
    expect(path.points[0]).toEqual(base)
    expect(path.points.at(-1)).toEqual({ year: 2035, value: 100 })
    // halfway in time a compound path is at the geometric mean of its ends: sqrt(78.04 * 100) = 88.34,
    // below the straight line's 89.02
    const middle = path.points[path.points.length >> 1]!
    expect(middle.year).toBe(2023.5)
    expect(middle.value).toBeCloseTo(Math.sqrt(7804), 9)
  })

  it("is a straight line when the base or the aim is not positive (no growth factor from or to zero)", () => {
    const path = requiredTrajectory({ year: 2020, value: 0 }, 10, 2030)!
    expect(path.method).toBe("linear")
    expect(path.rate).toBe(1)
    for (const p of path.points) expect(p.value).toBeCloseTo(p.year - 2020, 9)
    expect(requiredTrajectory({ year: 2030, value: 5 }, 10, 2030)).toBeNull()
  })

  it("leads a band target to its nearest bound, and draws none for a no-decrease red line", () => {
    const band = { ...greenTarget, kind: "band" as const, value: undefined, lo: 0.2, hi: 0.4, baseline: { year: 2020, value: 0.5 } }
    expect(targetTrajectory(band)?.aim).toBe(0.4)
    expect(targetTrajectory({ ...band, baseline: { year: 2020, value: 0.3 } })).toBeNull()
    expect(targetTrajectory({ ...greenTarget, kind: "no-decrease-from-baseline", value: undefined })).toBeNull()
  })
})

describe("the trend chart", () => {
  const svg = chart({
    points: [
      { year: 2012, value: 78.04 },
      { year: 2022, value: 80.98 },
    ],
    target: { lo: 100, hi: 100, dueYear: 2035 },
    trajectory: requiredTrajectory(base, 100, 2035),
    observed: { rate: greenTarget.progress.observedRate!, method: "cagr" },
  })!

  it("draws the dashed required path from the baseline to the target in its due year", () => {
    // x: [2012, 2035] -> [56 + 22, 520 - 84 - 22] = [78, 414]; y: [75, 100] (ticks 5 apart) -> [236 - 46, 18] = [190, 18]
    // start y = 190 - (78.04 - 75) / 25 * 172 = 169.08; middle (2023.5, 88.34): x = 246, y = 190 - 13.34 / 25 * 172 = 98.2
    const path = polyline(svg, "trajectory")
    expect(path[0]).toEqual([78, 169.1])
    expect(path[12]).toEqual([246, 98.2])
    expect(path.at(-1)).toEqual([414, 18])
    expect(yTickLabels(svg)).toEqual(["75", "80", "85", "90", "95", "100"])
    // the diamond on the target at (2035, 100)
    expect(svg.match(/<path class="target-mark"/g)).toHaveLength(1)
    expect(svg).toContain('<path class="target-mark" d="M414.0,13.0 L419.0,18.0 L414.0,23.0 L409.0,18.0 Z"/>')
    // the x axis runs to the due year
    expect([...svg.matchAll(/text-anchor="middle">(\d{4})</g)].map((m) => m[1])).toEqual(["2015", "2020", "2025", "2030", "2035"])
  })

  it("says in words what the path needs and what was observed: (80.98 / 78.04)^(1/10) - 1 = 0.37 %/yr", () => {
    expect(svg).toContain(
      '<desc id="c-desc">2012: 78.04; 2022: 80.98; target 100.00 (2035); needs +1.08%/yr to reach 100.00 by 2035; observed +0.37%/yr</desc>',
    )
    expect(svg).toContain(">path to target</text>")
    const zh = trendChart({
      id: "c",
      title: "t",
      points: [base, { year: 2022, value: 80.98 }],
      target: { lo: 100, hi: 100, dueYear: 2035 },
      trajectory: requiredTrajectory(base, 100, 2035),
      observed: { rate: greenTarget.progress.observedRate!, method: "cagr" },
      style: index,
      lang: "zh",
    })!.toString()
    expect(zh).toContain("2012: 78.04; 2022: 80.98；目标 100.00 (2035)；须年均 +1.08%/年，2035 年达到 100.00；实际年均 +0.37%/年</desc>")
    expect(zh).toContain(">达标所需路径</text>")
  })

  it("keeps a share's axis inside 0..100%: a flat 100% pads to 90..100%, not 110%", () => {
    const flat = chart({
      points: [
        { year: 2020, value: 1 },
        { year: 2022, value: 1 },
      ],
      target: { lo: 1, hi: 1, dueYear: 2025 },
      style: share,
    })!
    // [1, 1] padded by 10% to [0.9, 1.1], cut to the valid [0, 1]
    expect(yTickLabels(flat)).toEqual(["90%", "92%", "94%", "96%", "98%", "100%"])
    const low = chart({ points: [{ year: 2020, value: 0.01 }, { year: 2022, value: 0.01 }], style: share })!
    expect(yTickLabels(low).every((t) => Number(t!.replace("%", "")) >= 0)).toBe(true)
  })

  it("keeps an index's axis inside its declared range 0..100", () => {
    const style = { ...index, range: { min: 0, max: 100 } }
    expect(validInterval(style)).toEqual([0, 100])
    expect(validInterval(share)).toEqual([0, 1])
    const full = chart({ points: [{ year: 2020, value: 100 }, { year: 2022, value: 100 }], style })!
    expect(yTickLabels(full).at(-1)).toBe("100")
    expect(yTickLabels(chart({ points: [{ year: 2020, value: 100 }, { year: 2022, value: 100 }] })!).at(-1)).toBe("110")
  })

  it("draws a partial value hollow and says so", () => {
    const partial = chart({ points: [{ year: 2020, value: 10 }, { year: 2021, value: 12, partial: true } as const] })!
    expect(partial.match(/<circle class="point partial"/g)).toHaveLength(1)
    expect(partial.match(/<circle class="point"/g)).toHaveLength(1)
    expect(partial).toContain(">partial (not judged)</text>")
    expect(partial).toContain("partial values: 2021")
  })

  it("draws no chart for a single year", () => {
    expect(chart({ points: [{ year: 2022, value: 13.6 }] })).toBeNull()
  })
})

const evaluation = (over: Partial<Evaluation>): Evaluation =>
  evaluationRow({
    unit: { zh: "亿吨", en: "100 Mt" },
    direction: "lower-is-better",
    decimals: 1,
    value: 13.6,
    trend: [{ year: 2022, value: 13.6 }],
    ...over,
  })

describe("a section", () => {
  const view = (): ReportView => ({
    // only the fields a section reads
    report: { year: 2022, scope: { type: "region" } } as unknown as Report,
    style: () => ({ decimals: 1, format: "number" }),
    indicatorName: () => undefined,
    revisions: [],
    comparison: null,
    members: [],
    boundaries: new Map(),
    agency: (id) => ({ text: id, lang: null }),
  })
  const section = (evaluations: ReadonlyArray<Evaluation>, tables: ReportSection["tables"] = []) =>
    sectionHtml(
      view(),
      { plugin: "demo", version: "1", name: { zh: "演示", en: "Demo" }, methodology: null, evaluations, notes: [], tables , error: null },
      "en",
    ).toString()

  it("shows a plugin table's numbers in the column's decimals when it declares them (80.50, not 80.5), else at most 2 places", () => {
    const table = {
      id: "t",
      title: { zh: "表", en: "Table" },
      columns: [{ id: "indicator", name: { zh: "指标", en: "Indicator" } }, { id: "score", name: { zh: "得分", en: "Score" }, decimals: 2 }, { id: "weight", name: { zh: "权重", en: "Weight" } }],
      rows: [{ indicator: "demo.x", score: 80.5, weight: 0.25 }, { indicator: "demo.y", score: 1234, weight: 0.125 }],
    }
    const cells = [...section([evaluation({})], [table]).matchAll(/<td class="num">([^<]*)<\/td>/g)].map((m) => m[1])
    expect(cells.slice(0, 4)).toEqual(["80.50", "0.25", "1,234.00", "0.13"])
  })

  it("shows a single year as a row of the one-year table (value, target, status), with no chart", () => {
    const html = section([evaluation({ targets: [{ ...greenTarget, kind: "at-most", value: 12, baseline: null, progress: { status: "insufficient-data" } }] })])
    expect(html).not.toContain("<svg")
    expect(html).not.toContain('<article class="indicator"')
    const row = /<tr id="ind-demo\.x">([\s\S]*?)<\/tr>/.exec(html)![1]!
    expect(row).toContain("<strong>13.6</strong> 100 Mt")
    expect(row).toContain("at most 12.0 by 2035 (expected)")
    expect(row).toContain("insufficient data")
  })

  it("draws a card with the chart for two years", () => {
    const html = section([evaluation({ trend: [{ year: 2021, value: 14 }, { year: 2022, value: 13.6 }] })])
    expect(html).toContain('<article class="indicator" id="ind-demo.x"')
    expect(html.match(/<svg viewBox/g)).toHaveLength(1)
    expect(html).not.toContain("single-year")
  })

  it("says why progress was not assessed: a series from -10 to 5 changes sign (issue #17)", () => {
    const html = section([
      evaluation({
        trend: [{ year: 2015, value: -10 }, { year: 2022, value: 5 }],
        progress: { status: "insufficient-data", reason: "values-change-sign" },
      }),
    ])
    expect(html).toContain("values change sign: the compound growth method cannot judge")
    expect(html).not.toContain("fewer than two years of data: no judgement")
  })
})

/**
 * The members' overview and its map, on three synthetic squares for the Demonstration Zone (0.15° a side):
 * Wujiang 320509 [120.75, 120.9] x [31.05, 31.2], Qingpu 310118 [120.9, 121.05] x [31.05, 31.2], Jiashan 330421
 * [120.825, 120.975] x [30.9, 31.05]. Reports are built by hand so every status and trend can be checked.
 */
import type { Evaluation, Report } from "@tijian/core"
import {
  buildOverview,
  choroplethSvg,
  fitProjection,
  makeReportView,
  type MultiPolygonCoordinates,
  overviewHtml,
  pathData,
  simplifyRing,
  trendOf,
} from "@tijian/report"
import { describe, expect, it } from "vitest"
import { evaluationRow } from "./fixtures.js"

const square = (west: number, south: number, side = 0.15): MultiPolygonCoordinates => [
  [
    [
      [west, south],
      [west + side, south],
      [west + side, south + side],
      [west, south + side],
      [west, south],
    ],
  ],
]
const WUJIANG = square(120.75, 31.05)
const QINGPU = square(120.9, 31.05)
const JIASHAN = square(120.825, 30.9)

const evaluation = (e: Partial<Evaluation> & Pick<Evaluation, "indicator">): Evaluation =>
  evaluationRow({ plugin: "demo-zone", name: { zh: e.indicator, en: e.indicator }, decimals: 4, ...e })

const report = (code: string, en: string, evaluations: ReadonlyArray<Evaluation>, members: ReadonlyArray<string> = []): Report => ({
  schemaVersion: 2,
  scope: { code, type: members.length > 0 ? "group" : "region", name: { zh: en, en }, members },
  year: 2025,
  summary: {
    indicators: evaluations.length,
    notReported: 0,
    withValue: 0,
    missing: 0,
    error: 0,
    targetAchieved: 0,
    substantial: 0,
    moderate: 0,
    limited: 0,
    deterioration: 0,
    insufficientData: 0,
    bindingMissed: 0,
    binding: { targets: 0, met: 0, breached: 0, notAssessed: 0 },
    completeness: 0,
  },
  sections: [{ plugin: "demo-zone", version: "0.1.0", name: { zh: "示范区", en: "Demo zone" }, methodology: null, evaluations, notes: [], tables: [], error: null }],
  notReported: [],
  diagnosis: { bindingMissed: [], bindingNotAssessed: [], largestGaps: [], regressions: [], computedVsReported: [], forecastsOutrun: [] },
  provenance: { asOf: "2025-06-01T00:00:00.000Z", dataAsOf: null, revisions: [], contentHash: "" },
})

const forest = (value: number | null, previous: number | null, status: Evaluation["progress"]["status"], extra: Partial<Evaluation> = {}) =>
  evaluation({
    indicator: "ecology.forest-coverage",
    value,
    status: value === null ? "missing" : "ok",
    trend: [...(previous === null ? [] : [{ year: 2024, value: previous }]), ...(value === null ? [] : [{ year: 2025, value }])],
    progress: { status },
    ...extra,
  })
const travel = (value: number | null) => evaluation({ indicator: "demo-zone.green-travel-share", value, status: value === null ? "missing" : "ok" })

const members = [
  report("310118", "Qingpu", [forest(0.21, 0.2, "substantial"), travel(null)]),
  report("320509", "Wujiang", [forest(0.15, 0.16, "deterioration", { rulesBroken: [{ rule: "regression", message: { zh: "", en: "" } }] }), travel(null)]),
  report("330421", "Jiashan", [forest(null, null, "insufficient-data"), travel(null)]),
]
const group = report("DEMO-ZONE", "Demonstration Zone", [forest(0.18, 0.18, "limited"), travel(null)], ["310118", "320509", "330421"])

describe("the overview matrix", () => {
  it("gives each member its own status and trend; indicators no member has a value for are left out and counted", () => {
    const o = buildOverview(group, members)
    expect(o.columns.map((c) => c.indicator)).toEqual(["ecology.forest-coverage"])
    expect(o.leftOut.map((l) => l.indicator)).toEqual(["demo-zone.green-travel-share"])
    expect(o.rows.map((r) => [r.code, r.cells[0]!.status, r.cells[0]!.trend, r.cells[0]!.trendFrom])).toEqual([
      ["310118", "substantial", "better", 2024], // 0.21 > 0.20, higher is better
      ["320509", "deterioration", "worse", 2024], // the regression rule
      ["330421", "missing", null, null],
    ])
  })

  it("turns the trend for lower-is-better indicators and compares at the indicator's decimals", () => {
    const lower = (value: number, previous: number, decimals: number) =>
      trendOf(evaluation({ indicator: "x.y", value, direction: "lower-is-better", decimals, trend: [{ year: 2024, value: previous }, { year: 2025, value }] }), 2025).trend
    expect(lower(640, 650, 1)).toBe("better")
    expect(lower(650.04, 650, 1)).toBe("same") // 650.0 = 650.0 at one decimal
    expect(lower(651, 650, 1)).toBe("worse")
  })
})

describe("the map", () => {
  it("projects equirectangularly with cos(latitude) scaling: Qingpu's square, by hand", () => {
    // Box: lon 120.75..121.05, lat 30.9..31.2; middle latitude 31.05°, cos = 0.85672. Drawing 640 x 560, padding 24:
    // scale = min(592 / (0.3 * 0.85672), 512 / 0.3) = 1706.67 units per degree (the height binds); the width used is
    // 0.3 * 0.85672 * 1706.67 = 438.64, centred: x0 = 24 + (592 - 438.64) / 2 = 100.68. Qingpu's west edge (120.9) is
    // the middle: 100.68 + 0.15 * 0.85672 * 1706.67 = 320.0; its east edge 320.0 + 219.32 = 539.3; north 31.2 -> y 24,
    // south 31.05 -> 24 + 0.15 * 1706.67 = 280.
    const projection = fitProjection([WUJIANG, QINGPU, JIASHAN])
    expect(projection.height).toBeCloseTo(560, 6)
    expect(pathData(QINGPU, projection.project)).toBe("M320 280L539.3 280L539.3 24L320 24Z")
    // Jiashan's south-west corner: x = 320 - 0.075 * 0.85672 * 1706.67 = 210.34, y = 24 + 0.3 * 1706.67 = 536
    const [x, y] = projection.project([120.825, 30.9])
    expect(x).toBeCloseTo(210.34, 2)
    expect(y).toBeCloseTo(536, 6)
  })

  it("fills each member by its status, labels it with glyph and text, and shows the legend in glyph + text", () => {
    const view = makeReportView({
      report: group,
      indicator: () => ({ decimals: 2, format: "percent", name: { zh: "森林覆盖率", en: "Forest coverage" } }),
      stored: [],
      memberReports: members,
      boundaries: new Map([
        ["310118", QINGPU],
        ["320509", WUJIANG],
        ["330421", JIASHAN],
      ]),
    })
    const html = overviewHtml(view, "en", {
      hrefIn: (l) => `/reports/DEMO-ZONE/2025/overview?lang=${l}`,
      indexHref: "/?lang=en",
      reportHref: "/reports/DEMO-ZONE/2025?lang=en",
      memberHref: (code) => `/reports/${code}/2025?lang=en`,
      overviewHref: "/reports/DEMO-ZONE/2025/overview?lang=en",
    }).toString()
    const fills = [...html.matchAll(/<path class="area (m-[a-z-]+)" data-code="(\d+)"/g)].map((m) => [m[2], m[1]])
    expect(fills).toEqual([
      ["310118", "m-substantial"],
      ["320509", "m-deterioration"],
      ["330421", "m-missing"],
    ])
    // labels at the centre of each square: Jiashan's (320, 408) -> name above, status 12 below
    expect(html).toContain('<text class="area-label" x="320" y="404" text-anchor="middle">Jiashan</text>')
    expect(html).toContain('<text class="area-label area-status" x="320" y="420" text-anchor="middle">– no data</text>')
    expect(html).toMatch(/<text class="area-label area-status" [^>]+>▲ substantial progress<\/text>/)
    expect(html).toContain("<title>Jiashan: – no data</title>")
    expect(html).toMatch(/<ul class="legend-items map-legend"[^>]*><li><svg class="swatch"[^>]*><rect class="area m-substantial"[^>]*\/><\/svg><span class="status st-substantial"><span class="glyph" aria-hidden="true">▲<\/span>substantial progress<\/span><\/li>/)
    // each cell links to the member's report at the indicator, with the trend as text for screen readers
    expect(html).toContain('<a href="/reports/310118/2025?lang=en#ind-ecology.forest-coverage">')
    expect(html).toContain('<span class="vh">worse than 2024</span>')
    expect(html).toContain("Indicators left out (no member has a value): 1 indicators")
  })

  it("without boundaries shows the matrix alone, with no map frame", () => {
    const view = makeReportView({ report: group, indicator: () => undefined, stored: [], memberReports: members })
    const html = overviewHtml(view, "zh", {
      hrefIn: () => "",
      indexHref: "/",
      reportHref: "/",
      memberHref: (code) => `/reports/${code}/2025`,
      overviewHref: "/",
    }).toString()
    expect(html).toContain('<table class="overview">')
    expect(html).not.toContain("<svg class=\"choropleth\"")
    expect(html).not.toContain("<figure class=\"map\"")
  })

  it("colours by value in five equal classes when asked, labelling each member with its value", () => {
    const view = makeReportView({
      report: group,
      indicator: () => ({ decimals: 2, format: "percent", name: { zh: "森林覆盖率", en: "Forest coverage" } }),
      stored: [],
      memberReports: members,
      boundaries: new Map([
        ["310118", QINGPU],
        ["320509", WUJIANG],
      ]),
    })
    const svg = choroplethSvg([{ code: "310118", name: "Qingpu", label: "21.00%", fillClass: "mv-4", polygons: QINGPU }], "cap").toString()
    expect(svg).toContain('role="img" aria-labelledby="cap"')
    const html = overviewHtml(view, "en", { hrefIn: () => "", indexHref: "/", reportHref: "/", memberHref: () => "/", overviewHref: "/o" }, { by: "value" }).toString()
    // 0.15 is the lowest (class 0), 0.21 the highest (class 4)
    expect([...html.matchAll(/<path class="area (mv-\d)" data-code="(\d+)"/g)].map((m) => [m[2], m[1]])).toEqual([
      ["310118", "mv-4"],
      ["320509", "mv-0"],
    ])
    expect(html).toContain("Members without a registered boundary: Jiashan (330421)")
  })
})

describe("simplification for display", () => {
  it("removes a collinear position and keeps the ring closed", () => {
    const ring = [
      [0, 0],
      [1, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ] as const
    expect(simplifyRing(ring, 0.0005)).toEqual([
      [0, 0],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ])
  })

  it("keeps a position farther than the tolerance, and never leaves fewer than four positions", () => {
    const notch = [
      [0, 0],
      [1, 0.001],
      [2, 0],
      [2, 2],
      [0, 2],
      [0, 0],
    ] as const
    expect(simplifyRing(notch, 0.0005)).toHaveLength(6)
    expect(simplifyRing(notch, 0.01)).toHaveLength(5)
    const sliver = [
      [0, 0],
      [1, 0.0001],
      [2, 0],
      [1, -0.0001],
      [0, 0],
    ] as const
    expect(simplifyRing(sliver, 0.01)).toEqual(sliver) // two positions would remain: the ring is kept as given
  })
})

// The members' composite ranking with rank intervals in the beauty section of a group report (issue #22).
import { evaluatePlugins } from "@tijian/core/plugin/testing"
import { ecology } from "@tijian/plugin-ecology"
import { describe, expect, it } from "vitest"
import { beautyIndex, publishedFigures } from "../src/index.js"
import { robustWidth } from "@tijian/core/plugin"

const subIndices = (region: string, [carbon, pollution, green, growth]: ReadonlyArray<number | undefined>) =>
  (
    [
      ["beauty.carbon-reduction", carbon],
      ["beauty.pollution-reduction", pollution],
      ["beauty.green-expansion", green],
      ["beauty.growth", growth],
    ] as const
  ).flatMap(([indicator, value]) => (value === undefined ? [] : [{ indicator, region, year: 2022, value }]))

// Five of the 27 central cities (Nantong 320600 has no values and is left out):
// Shanghai 90 everywhere -> 90, ahead of everyone in every sub-index: rank 1 under any weights, mean or scale;
// Nanjing (80, 60, 70, 70) and Wuxi (60, 80, 70, 70) -> both 70, tied 2nd. Nanjing minus Wuxi is 20 (w_c - w_p)
// under the arithmetic mean, (w_c - w_p) ln(4/3) in logs under the geometric, and (w_c - w_p) (75.25 - 25.75) after
// min-max to [1, 100] (carbon 90, 80, 60, 50 -> 100, 75.25, 25.75, 1): always the sign of w_c - w_p. So the
// weights alone decide their order (total Sobol' index 1, the aggregation's and normalisation's exactly 0), and by
// symmetry each is 2nd in about half the runs: interval [2, 3];
// Changzhou 50 everywhere -> 50, behind both in every sub-index: rank 4 always;
// Suzhou (80, 80, 80, no growth) misses 1 of 4 sub-indices, more than the 20% allowed: not ranked, listed last.
const rows = [
  ...subIndices("310000", [90, 90, 90, 90]),
  ...subIndices("320100", [80, 60, 70, 70]),
  ...subIndices("320200", [60, 80, 70, 70]),
  ...subIndices("320400", [50, 50, 50, 50]),
  ...subIndices("320500", [80, 80, 80, undefined]),
]

describe("members' composite rank and rank interval (YRD-CENTRAL-27)", () => {
  it("ranks the members with 5th-95th percentile intervals, the missing member last", async () => {
    const { report } = await evaluatePlugins([ecology, beautyIndex], rows, { scope: "YRD-CENTRAL-27", year: 2022 })
    const section = report.sections.find((s) => s.plugin === "beauty")!
    const table = section.tables.find((t) => t.id === "composite-rank-robustness")!
    expect(table.rows.map((r) => [(r.member as { en: string }).en, r.composite, r.rank, r.rankLow, r.rankHigh, (r.mostInfluential as { en: string } | null)?.en ?? null])).toEqual([
      ["Shanghai", 90, 1, 1, 1, null],
      ["Nanjing", 70, 2, 2, 3, "weights"],
      ["Wuxi", 70, 2, 2, 3, "weights"],
      ["Changzhou", 50, 4, 4, 4, null],
      ["Suzhou (Jiangsu)", null, null, null, null, null],
    ])
    expect(table.rows[0]!.member).toEqual({ zh: "上海市", en: "Shanghai" })
    expect(table.title.zh).toBe("成员综合指数排名、5%–95% 分位排名区间及影响排名的方法选择")
    // no member lacks an input it is ranked on, so the imputation is not varied
    expect(table.columns.map((c) => c.id).filter((id) => id.startsWith("total."))).toEqual(["total.weights", "total.aggregation", "total.normalisation"])
    for (const row of table.rows.slice(1, 3)) {
      expect(Math.abs((row["total.weights"] as number) - 1)).toBeLessThan(0.05)
      expect([row["total.aggregation"], row["total.normalisation"]]).toEqual([0, 0])
    }
    expect(table.rows[0]!["total.weights"]).toBeNull()
  })

  it("states the runs (N = 1,000, three choices: 5,000 runs) and which ranks are not robust and why, in zh and en", async () => {
    const { report } = await evaluatePlugins([ecology, beautyIndex], rows, { scope: "YRD-CENTRAL-27", year: 2022 })
    const notes = report.sections.find((s) => s.plugin === "beauty")!.notes
    expect(notes.map((n) => n.en)).toContain(
      "Rank intervals: the composite of 4 members is recomputed and ranked in 5,000 runs, each drawing uniformly the weights (100 sets, " +
        "each weight times a uniform draw in [0.8, 1.2], renormalised); the aggregation (arithmetic mean or geometric mean); the normalisation " +
        "(sub-indices as given, or min-max to [1, 100] across the members) (seed 1). The interval is the 5th to 95th percentile of each member's " +
        "rank over 2,000 independent draws; Sobol' total indices say how much each choice moves a rank.",
    )
    expect(notes.map((n) => n.en)).toContain(
      "The ranking is not robust for Nanjing, Wuxi: their rank interval spans more than a single place (the threshold: an interval width " +
        "(95th minus 5th percentile) of at most a tenth of the members, rounded down — 0 for 4 members), so their order should not be read as " +
        "settled; the choice that moves them most is the weights.",
    )
    expect(notes.map((n) => n.zh)).toContain(
      "排名不稳健：南京市、无锡市的排名区间超过 1 个名次（稳健标准：区间宽度（第 95 减第 5 百分位）不超过成员数的十分之一（向下取整），4 个成员即 0 个名次），不宜据此定先后；影响最大的选择是权重。",
    )
    expect(notes.map((n) => n.en)).toContain("Not ranked (listed last), sub-indices missing: Suzhou (Jiangsu) (no Growth index).")
    expect(notes.map((n) => n.zh)).toContain("分指数不全、未参与排名（列在最后）：苏州市（缺增长指数）。")
  })

  it("is the same table on every run (seeded)", async () => {
    const a = await evaluatePlugins([ecology, beautyIndex], rows, { scope: "YRD-CENTRAL-27", year: 2022 })
    const b = await evaluatePlugins([ecology, beautyIndex], rows, { scope: "YRD-CENTRAL-27", year: 2022 })
    expect(a.report.sections.find((s) => s.plugin === "beauty")!.tables).toEqual(b.report.sections.find((s) => s.plugin === "beauty")!.tables)
  })

  it("says the ranking is robust when no member's interval spans more than one place", async () => {
    const dominated = rows.filter((r) => r.region !== "320200")
    const { report } = await evaluatePlugins([ecology, beautyIndex], dominated, { scope: "YRD-CENTRAL-27", year: 2022 })
    expect(report.sections.find((s) => s.plugin === "beauty")!.notes.map((n) => n.en)).toContain(
      "The ranking is robust: every member's rank interval spans at most a single place (the threshold: an interval width (95th minus 5th " +
        "percentile) of at most a tenth of the members, rounded down — 0 for 3 members).",
    )
  })

  it("adds nothing for a region whose children have no sub-indices: the YRD report keeps its two notes", async () => {
    const { report } = await evaluatePlugins([ecology, beautyIndex], publishedFigures, { scope: "YRD", year: 2022 })
    const section = report.sections.find((s) => s.plugin === "beauty")!
    expect(section.tables.map((t) => t.id)).toEqual(["gap-decomposition"])
    expect(section.notes).toHaveLength(2)
  })
})

describe("the robustness threshold", () => {
  it("is a tenth of the ranked members, rounded down: any movement below 10 members, 2 places for the 27 central cities", () => {
    expect([3, 4, 9, 10, 27, 41].map(robustWidth)).toEqual([0, 0, 0, 1, 2, 4])
  })
})

describe("the YRD's provinces ranked in the YRD's own report (a region's children)", () => {
  // Shanghai 90, Jiangsu (80, 60, 70, 70) and Zhejiang (60, 80, 70, 70) -> both 70, Anhui 50 everywhere: the same
  // structure as above, so Shanghai 1st, Jiangsu and Zhejiang [2, 3] decided by the weights alone, Anhui 4th.
  const provinces = [
    ...subIndices("310000", [90, 90, 90, 90]),
    ...subIndices("320000", [80, 60, 70, 70]),
    ...subIndices("330000", [60, 80, 70, 70]),
    ...subIndices("340000", [50, 50, 50, 50]),
  ]

  it("shows the four provinces with ranks and intervals, and the YRD's own composite unchanged", async () => {
    const { report, row } = await evaluatePlugins([ecology, beautyIndex], [...publishedFigures, ...provinces], { scope: "YRD", year: 2022 })
    const table = report.sections.find((s) => s.plugin === "beauty")!.tables.find((t) => t.id === "composite-rank-robustness")!
    expect(table.rows.map((r) => [(r.member as { en: string }).en, r.composite, r.rank, r.rankLow, r.rankHigh])).toEqual([
      ["Shanghai", 90, 1, 1, 1],
      ["Jiangsu", 70, 2, 2, 3],
      ["Zhejiang", 70, 2, 2, 3],
      ["Anhui", 50, 4, 4, 4],
    ])
    // the children are compared, never summed into the region: the YRD's own composite (equal weights) stays 80.90
    expect(row("beauty.composite").value!.toFixed(2)).toBe("80.90")
  })
})

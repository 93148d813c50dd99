// The members' composite ranking with rank intervals in the beauty section of a group report (issue #22).
import { evaluatePlugins } from "@tijian/core/plugin/testing"
import { describe, expect, it } from "vitest"
import { beautyIndex, publishedFigures } from "../src/index.js"

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
// Shanghai 90 everywhere -> 90, ahead of everyone in every sub-index: rank 1 under any weights or mean;
// Nanjing (80, 60, 70, 70) and Wuxi (60, 80, 70, 70) -> both 70, tied 2nd; Nanjing is ahead when carbon weighs more
// than pollution, Wuxi otherwise, so by symmetry each is 2nd in about half the scenarios: interval [2, 3];
// Changzhou 50 everywhere -> 50, behind both in every sub-index: rank 4 always;
// Suzhou (80, 80, 80, no growth) is not ranked and listed last.
const rows = [
  ...subIndices("310000", [90, 90, 90, 90]),
  ...subIndices("320100", [80, 60, 70, 70]),
  ...subIndices("320200", [60, 80, 70, 70]),
  ...subIndices("320400", [50, 50, 50, 50]),
  ...subIndices("320500", [80, 80, 80, undefined]),
]

describe("members' composite rank and rank interval (YRD-CENTRAL-27)", () => {
  it("ranks the members with 5th-95th percentile intervals, the missing member last", async () => {
    const { report } = await evaluatePlugins([beautyIndex], rows, { scope: "YRD-CENTRAL-27", year: 2022 })
    const section = report.sections.find((s) => s.plugin === "beauty")!
    const table = section.tables.find((t) => t.id === "composite-rank-robustness")!
    expect(table.rows.map((r) => [(r.member as { en: string }).en, r.composite, r.rank, r.rankLow, r.rankHigh])).toEqual([
      ["Shanghai", 90, 1, 1, 1],
      ["Nanjing", 70, 2, 2, 3],
      ["Wuxi", 70, 2, 2, 3],
      ["Changzhou", 50, 4, 4, 4],
      ["Suzhou (Jiangsu)", null, null, null, null],
    ])
    expect(table.rows[0]!.member).toEqual({ zh: "上海市", en: "Shanghai" })
    expect(table.title.zh).toBe("成员综合指数排名及其 5%–95% 分位排名区间")
  })

  it("states the scenarios (9 weight sets + 1,000 seeded draws, two means = 2,018) and which ranks are not robust, in zh and en", async () => {
    const { report } = await evaluatePlugins([beautyIndex], rows, { scope: "YRD-CENTRAL-27", year: 2022 })
    const notes = report.sections.find((s) => s.plugin === "beauty")!.notes
    expect(notes.map((n) => n.en)).toContain(
      "Rank intervals: the composite of 4 members is recomputed and ranked in 2,018 scenarios — each sub-index weight ±20% in turn, " +
        "and 1,000 random weight sets (each weight times a uniform draw in [0.8, 1.2], renormalised; seed 1) — under the arithmetic mean " +
        "and the geometric mean; the interval is the 5th to 95th percentile of each member's rank across them.",
    )
    expect(notes.map((n) => n.en)).toContain(
      "The ranking is not robust for Nanjing, Wuxi: their ranks move with the weights or the aggregation method (the interval is more than a single place), so their order should not be read as settled.",
    )
    expect(notes.map((n) => n.zh)).toContain("排名不稳健：南京市、无锡市的排名随权重或汇总方法而变（区间不止一个名次），不宜据此定先后。")
    expect(notes.map((n) => n.en)).toContain("Not ranked (listed last), sub-indices missing: Suzhou (Jiangsu) (no Growth index).")
    expect(notes.map((n) => n.zh)).toContain("分指数不全、未参与排名（列在最后）：苏州市（缺增长指数）。")
  })

  it("is the same table on every run (seeded)", async () => {
    const a = await evaluatePlugins([beautyIndex], rows, { scope: "YRD-CENTRAL-27", year: 2022 })
    const b = await evaluatePlugins([beautyIndex], rows, { scope: "YRD-CENTRAL-27", year: 2022 })
    expect(a.report.sections.find((s) => s.plugin === "beauty")!.tables).toEqual(b.report.sections.find((s) => s.plugin === "beauty")!.tables)
  })

  it("says the ranking is robust when no member's interval spans more than one place", async () => {
    const dominated = rows.filter((r) => r.region !== "320200")
    const { report } = await evaluatePlugins([beautyIndex], dominated, { scope: "YRD-CENTRAL-27", year: 2022 })
    expect(report.sections.find((s) => s.plugin === "beauty")!.notes.map((n) => n.en)).toContain(
      "The ranking is robust: every member's rank interval is a single place, the same rank in at least 90% of the scenarios.",
    )
  })

  it("adds nothing for a region (no members): the YRD report keeps its two notes", async () => {
    const { report } = await evaluatePlugins([beautyIndex], publishedFigures, { scope: "YRD", year: 2022 })
    const section = report.sections.find((s) => s.plugin === "beauty")!
    expect(section.tables.map((t) => t.id)).toEqual(["gap-decomposition"])
    expect(section.notes).toHaveLength(2)
  })
})

/**
 * The outliers among a report year's values (`internal/yearOutliers.ts`): each value of the year tested against its
 * own cell's earlier values, whatever order the observations come in.
 */
import { describe, expect, it } from "vitest"
import { yearOutliers } from "../src/internal/yearOutliers.js"
import type { ObservedValue } from "../src/internal/series.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { observed, text } from "./fixtures.js"
import { Effect } from "effect"

const registry = Effect.runSync(
  buildRegistry(
    [{ id: "t", version: "0.0.0", name: text("t"), appliesTo: { levels: ["county"] }, indicators: [observed("t.a"), observed("t.b")] }],
    yrdRegions(),
  ),
)

const QINGPU = "310118"
const WUJIANG = "320509"
const JIASHAN = "330421"
const value = (indicator: string, region: string, year: number, v: number): ObservedValue => ({
  id: `${indicator}/${region}/${year}/r1`,
  indicator,
  region,
  year,
  value: v,
  submittedAt: "2025-01-01T00:00:00.000Z",
})
// Qingpu's t.a: log changes 0.01, 0.02, 0.03, 0.04 (median 0.025, MAD 0.01), then 122.14 in 2024: M ≈ 5.09
const jump = [100, 101.01, 103.05, 106.18, 110.52, 122.14]
// Wujiang's t.a rises 1 a year (log changes ≈ 0.0099 to 0.0096): 106 in 2024 is ordinary; Jiashan jumps but is not asked for
const rows = [
  ...jump.map((v, i) => value("t.a", QINGPU, 2019 + i, v)),
  ...[100, 101, 102, 103, 104, 105, 106].map((v, i) => value("t.a", WUJIANG, 2018 + i, v)),
  ...jump.map((v, i) => value("t.b", JIASHAN, 2019 + i, v)),
  value("t.a", QINGPU, 2025, 500),
]

describe("year outliers", () => {
  it("flags Qingpu's 122.14 in 2024 (M ≈ 5.09) and nothing else of the regions asked for, in any order of the rows", () => {
    const asked = new Set([QINGPU, WUJIANG])
    const found = yearOutliers(registry, rows, asked, 2024)
    expect(found.map((o) => [o.indicator, o.region, o.year, o.value])).toEqual([["t.a", QINGPU, 2024, 122.14]])
    const finding = found[0]!.finding
    if (finding.method !== "modified-z") throw new Error("expected a z-score finding")
    expect(finding.previous).toEqual({ year: 2023, value: 110.52 })
    expect(finding.score).toBeCloseTo(5.09, 1)
    // interleaved and reversed rows give the same findings
    const shuffled = rows.flatMap((r, i) => (i % 2 === 0 ? [r] : [])).concat(rows.filter((_, i) => i % 2 === 1).reverse())
    expect(yearOutliers(registry, shuffled, asked, 2024)).toEqual(found)
    // Jiashan's own jump is found when it is asked for, sorted by indicator then region
    expect(yearOutliers(registry, shuffled, new Set([JIASHAN, QINGPU, WUJIANG]), 2024).map((o) => [o.indicator, o.region])).toEqual([
      ["t.a", QINGPU],
      ["t.b", JIASHAN],
    ])
  })
})

import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import { historyOutlier } from "../src/HistoryOutliers.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { observed, text } from "./fixtures.js"

// log changes ≈ 0.01, 0.02, 0.03, 0.04: median 0.025, MAD 0.01 (docs/methods.md works it by hand)
const history = [100, 101.01, 103.05, 106.18, 110.52].map((value, i) => ({ year: 2019 + i, value }))

describe("outliers against history (modified z-score of year-on-year log changes, |M| > 3.5)", () => {
  it.each([
    { name: "122.14 (a 10% log jump): M ≈ 0.6745 × (0.10 - 0.025) / 0.01 ≈ 5.09, an outlier", value: 122.14, score: 5.09 },
    { name: "118.54 (a 7% log rise): M ≈ 3.06, within 3.5", value: 118.54, score: undefined },
    { name: "110.52 (no change): M ≈ 0.6745 × (0 - 0.025) / 0.01 ≈ -1.69", value: 110.52, score: undefined },
    { name: "90 (a log fall of 0.205): M ≈ 0.6745 × (-0.205 - 0.025) / 0.01 ≈ -15.6, an outlier", value: 90, score: -15.6 },
  ])("$name", ({ value, score }) => {
    const finding = historyOutlier({}, history, 2024, value)
    if (score === undefined) expect(finding).toBeUndefined()
    else {
      expect(finding).toMatchObject({ method: "modified-z", previous: { year: 2023, value: 110.52 } })
      if (finding?.method !== "modified-z") throw new Error("expected a z-score finding")
      expect(finding.median).toBeCloseTo(0.025, 3)
      expect(finding.mad).toBeCloseTo(0.01, 3)
      expect(finding.score).toBeCloseTo(score, 1)
    }
  })

  it("gives the same finding for a series in any order, its points carrying other fields, the year itself ignored", () => {
    const finding = historyOutlier({}, history, 2024, 122.14)
    // stored observations (as a report passes them) in reverse year order, with the year's own value among them
    const stored = [...history, { year: 2024, value: 122.14 }].map((p, i) => ({ ...p, id: `a/1/${p.year}/r1`, indicator: "a", region: "1", revision: i })).reverse()
    const again = historyOutlier({}, stored, 2024, 122.14)
    expect(again).toEqual(finding)
    // the finding's previous point is the year and value only
    expect(again?.previous).toEqual({ year: 2023, value: 110.52 })
  })

  it("needs four earlier changes: with three (four values) nothing is judged", () => {
    expect(historyOutlier({}, history.slice(1), 2024, 1000)).toBeUndefined()
  })

  it("uses a declared band instead: 110.52 -> 125 is a ratio of 1.131, above a band of 0.9..1.1", () => {
    const finding = historyOutlier({ plausibleChange: { minRatio: 0.9, maxRatio: 1.1 } }, history, 2024, 125)
    expect(finding).toMatchObject({ method: "band", minRatio: 0.9, maxRatio: 1.1 })
    expect(finding?.method === "band" && finding.ratio).toBeCloseTo(1.131, 3)
    // two years on, the band applies per year: 110.52 -> 130 is sqrt(1.1763) = 1.0846 a year, inside
    expect(historyOutlier({ plausibleChange: { minRatio: 0.9, maxRatio: 1.1 } }, history, 2025, 130)).toBeUndefined()
  })

  it("a series without spread (MAD 0) is judged against the floor of 0.005: small changes pass, large ones do not", () => {
    // steady 10% growth: every change ln(1.1) = 0.09531, MAD 0, floored at 0.005
    const steady = [100, 110, 121, 133.1, 146.41].map((value, i) => ({ year: 2019 + i, value }))
    expect(historyOutlier({}, steady, 2024, 161.051)).toBeUndefined()
    // 170: ln(170 / 146.41) = 0.14938; M = 0.6745 × (0.14938 − 0.09531) / 0.005 = 7.3
    const jump = historyOutlier({}, steady, 2024, 170)
    expect(jump?.method === "modified-z" && [jump.mad, jump.score]).toEqual([0, expect.closeTo(7.3, 1)])
    // a redline area of 30 km² for six years: 30.1 is ln(30.1 / 30) = 0.00333, M = 0.6745 × 0.00333 / 0.005 = 0.45
    const flat = [30, 30, 30, 30, 30, 30].map((value, i) => ({ year: 2017 + i, value }))
    expect(historyOutlier({}, flat, 2023, 30.1)).toBeUndefined()
    // 36 is ln(1.2) = 0.18232, M = 0.6745 × 0.18232 / 0.005 = 24.60
    const big = historyOutlier({}, flat, 2023, 36)
    expect(big?.method === "modified-z" && big.score).toBeCloseTo(24.6, 2)
  })
})

it("refuses a plausibleChange band that is empty or not positive at registration", () => {
  const plugin = { id: "o", version: "0", name: text("o"), indicators: [observed("o.a", { plausibleChange: { minRatio: 1.2, maxRatio: 0.8 } })] }
  const error = Effect.runSync(Effect.flip(buildRegistry([plugin], yrdRegions())))
  expect(error.message).toBe(`cannot build the registry: indicator "o.a" has plausibleChange 1.2..0.8; it needs 0 < minRatio <= maxRatio`)
})

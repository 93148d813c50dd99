import { pluginConformance } from "@tijian/core/testing"
import { ecology } from "@tijian/plugin-ecology"
import { describe, expect, it } from "vitest"
import { beautyIndex, makeBeautyIndex } from "../src/index.js"
import { evaluate } from "./evaluate.js"

pluginConformance(beautyIndex, { with: [ecology] })

describe("beauty index on the published YRD figures", () => {
  it("computes the equal-weight composite 52.5725 (2012) and 80.8975 (2022) beside the published 52.66 / 80.96", async () => {
    const y2022 = await evaluate(beautyIndex, 2022)
    const y2012 = await evaluate(beautyIndex, 2012)
    expect(y2012.row("beauty.composite").value).toBeCloseTo(52.5725, 10)
    expect(y2022.row("beauty.composite").value).toBeCloseTo(80.8975, 10)
    expect(y2022.row("beauty.composite").value!.toFixed(2)).toBe("80.90")
    expect(y2022.row("beauty.composite-reported").value).toBe(80.96)
    const [diff] = y2022.report.diagnosis.computedVsReported
    expect(diff).toMatchObject({ indicator: "beauty.composite-reported", reported: 80.96 })
    expect(diff!.difference!.toFixed(2)).toBe("0.06")
    expect(y2012.report.diagnosis.computedVsReported[0]!.difference!.toFixed(2)).toBe("0.09")
  })

  it("reproduces the published composites with weights (0.23, 0.30, 0.24, 0.23)", async () => {
    const weighted = makeBeautyIndex({
      weights: { "beauty.carbon-reduction": 0.23, "beauty.pollution-reduction": 0.3, "beauty.green-expansion": 0.24, "beauty.growth": 0.23 },
    })
    expect((await evaluate(weighted, 2022)).row("beauty.composite").value!.toFixed(2)).toBe("80.96")
    expect((await evaluate(weighted, 2012)).row("beauty.composite").value!.toFixed(2)).toBe("52.66")
  })

  it("computes the equal-weight geometric composite 2022 = 80.88", async () => {
    const geometric = makeBeautyIndex({ method: "geometric" })
    expect((await evaluate(geometric, 2022)).row("beauty.composite").value!.toFixed(2)).toBe("80.88")
  })

  it("refuses weights that do not sum to 1, saying so", () => {
    expect(() =>
      makeBeautyIndex({
        weights: { "beauty.carbon-reduction": 0.3, "beauty.pollution-reduction": 0.3, "beauty.green-expansion": 0.3, "beauty.growth": 0.3 },
      }),
    ).toThrow("beauty index weights: weights sum to 1.2, not 1")
  })

  it("puts the published 2022 composite 19.04 short of 100, substantial progress (R = 1.554)", async () => {
    const { row } = await evaluate(beautyIndex, 2022)
    const reported = row("beauty.composite-reported")
    expect(reported.targets[0]!.gap).toBeCloseTo(19.04, 10)
    expect(reported.progress.status).toBe("substantial")
    expect(reported.progress.ratio).toBeCloseTo(1.554, 3)
    expect(row("beauty.composite").progress.status).toBe("substantial")
  })

  it("decomposes the computed gap 19.1025: carbon 5.3575, green 4.755, pollution 4.56, growth 4.43", async () => {
    const { report } = await evaluate(beautyIndex, 2022)
    const section = report.sections.find((s) => s.plugin === "beauty")!
    const table = section.tables.find((t) => t.id === "gap-decomposition")!
    expect(table.rows.map((r) => [r.indicator, r.pointsLost])).toEqual([
      ["beauty.carbon-reduction", 5.3575],
      ["beauty.green-expansion", 4.755],
      ["beauty.pollution-reduction", 4.56],
      ["beauty.growth", 4.43],
    ])
    expect(section.notes[0]!.en).toBe(
      "The computed composite is 19.10 points short of 100; Carbon reduction index costs the most (5.36 points).",
    )
    expect(section.notes[1]!.en).toBe("The published composite is 80.96, a gap of 19.04 to 100.")
  })

  it("grades 78.57 good and 80.96 excellent", async () => {
    const { row } = await evaluate(beautyIndex, 2022)
    expect(row("beauty.carbon-reduction").grade?.id).toBe("good")
    expect(row("beauty.composite-reported").grade?.id).toBe("excellent")
    expect(row("beauty.green-expansion").grade?.id).toBe("excellent")
  })

  it("finds green expansion 78.04 -> 80.98 limited: 0.37%/yr against 1.08%/yr needed, R = 0.34", async () => {
    const { row } = await evaluate(beautyIndex, 2022)
    const green = row("beauty.green-expansion").progress
    expect(green.status).toBe("limited")
    expect(green.observedRate).toBeCloseTo(0.0037, 4)
    expect(green.requiredRate).toBeCloseTo(0.0108, 4)
    expect(green.ratio).toBeCloseTo(0.342, 3)
  })
})

describe("beauty section under the geometric mean (issue #22, defect 1)", () => {
  it("states the geometric composite's own gap 19.12 (100 - 80.88), not the arithmetic 19.10", async () => {
    // G = exp(0.25 (ln 78.57 + ln 81.76 + ln 80.98 + ln 82.28)) = 80.8849, gap 19.1151;
    // carbon: 0.25 ln(100/78.57) / ln(100/G) = 0.060295 / 0.212109 = 0.28426 of it = 5.4329
    const { report, row } = await evaluate(makeBeautyIndex({ method: "geometric" }), 2022)
    const section = report.sections.find((s) => s.plugin === "beauty")!
    expect((100 - row("beauty.composite").value!).toFixed(2)).toBe("19.12")
    expect(section.notes[0]!.en).toBe(
      "The computed composite (geometric mean) is 19.12 points short of 100; Carbon reduction index costs the most (5.43 points).",
    )
    expect(section.notes[0]!.zh).toBe("计算的综合指数（几何平均）距 100 还差 19.12 分，其中减碳指数失分最多（5.43 分）。")
    const table = section.tables.find((t) => t.id === "gap-decomposition")!
    const lost = table.rows.map((r) => r.pointsLost as number)
    expect(lost.reduce((s, x) => s + x, 0)).toBeCloseTo(19.1151, 4)
    expect(table.columns.find((c) => c.id === "pointsLost")!.name.en).toBe(
      "Points lost = (100 − composite) × weight × ln(100/score) ÷ ln(100/composite)",
    )
  })

  it("refuses goalposts whose worst and best are equal, naming the indicator", () => {
    expect(() => makeBeautyIndex({ goalposts: { "beauty.co2-per-gdp": { worst: 1, best: 1 } } })).toThrow(
      "beauty index goalposts of beauty.co2-per-gdp: worst (1) and best (1) must be two different finite values",
    )
  })
})

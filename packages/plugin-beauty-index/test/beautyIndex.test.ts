import { pluginConformance } from "@tijian/core/testing"
import { describe, expect, it } from "vitest"
import { beautyIndex, makeBeautyIndex } from "../src/index.js"
import { evaluate } from "./evaluate.js"

pluginConformance(beautyIndex)

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

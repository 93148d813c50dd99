import { describe, expect, it } from "vitest"
import { beautyIndex, beautySensitivity, goalpostScore } from "../src/index.js"
import { evaluate } from "./evaluate.js"

// good-air days, surface water and forest coverage are the ecology plugin's figures (the index `uses` them)
const ecologyOwns = new Set(["good-air-days-share", "surface-water-good-share", "forest-coverage"])
const base = (region: string, values: Record<string, number>) =>
  Object.entries(values).map(([id, value]) => ({ indicator: `${ecologyOwns.has(id) ? "ecology" : "beauty"}.${id}`, region, year: 2022, value }))

// Goalposts (worst -> best): co2 2.0 -> 0.2, non-fossil 0 -> 0.6, pm2.5 75 -> 5, good air 0.5 -> 1,
// water 0.5 -> 1, forest 0 -> 0.6, built-up green 0.3 -> 0.5, GDP/cap 20,000 -> 200,000, productivity 50,000 -> 400,000
const suzhouJs = base("320500", {
  "co2-per-gdp": 1.1, // 50
  "non-fossil-energy-share": 0.3, // 50 -> carbon 50
  "pm25-annual-mean": 33, // 60
  "good-air-days-share": 0.85, // 70
  "surface-water-good-share": 0.9, // 80 -> pollution 70
  "forest-coverage": 0.3, // 50
  "built-up-green-coverage": 0.45, // 75 -> green 62.5
  "gdp-per-capita": 182_000, // 90
  "labour-productivity": 330_000, // 80 -> growth 85
})
const suzhouAh = base("341300", {
  "co2-per-gdp": 1.55, // 25
  "non-fossil-energy-share": 0.09, // 15 -> carbon 20
  "pm25-annual-mean": 40, // 50
  "good-air-days-share": 0.75, // 50
  "surface-water-good-share": 0.8, // 60 -> pollution 53.33
  "forest-coverage": 0.12, // 20
  "built-up-green-coverage": 0.4, // 50 -> green 35
  "gdp-per-capita": 56_000, // 20
  "labour-productivity": 120_000, // 20 -> growth 20
})

describe("sub-indices computed from base indicators (two regions, goalposts)", () => {
  it("scores between goalposts, truncated, either polarity", () => {
    expect(goalpostScore(1.1, { worst: 2, best: 0.2 })).toBeCloseTo(50, 10)
    expect(goalpostScore(3, { worst: 2, best: 0.2 })).toBe(0)
    expect(goalpostScore(0.7, { worst: 0, best: 0.6 })).toBe(100)
  })

  it("Suzhou (Jiangsu) 320500: carbon 50, pollution 70, green 62.5, growth 85, composite 66.875", async () => {
    const { row } = await evaluate(beautyIndex, 2022, [...suzhouJs, ...suzhouAh], "320500")
    expect(row("beauty.carbon-reduction").value).toBeCloseTo(50, 10)
    expect(row("beauty.pollution-reduction").value).toBeCloseTo(70, 10)
    expect(row("beauty.green-expansion").value).toBeCloseTo(62.5, 10)
    expect(row("beauty.growth").value).toBeCloseTo(85, 10)
    expect(row("beauty.growth").origin).toBe("derived")
    expect(row("beauty.composite").value).toBeCloseTo(66.875, 10)
  })

  it("Suzhou (Anhui) 341300: carbon 20, pollution 53.33, green 35, growth 20, composite 32.083", async () => {
    const { row } = await evaluate(beautyIndex, 2022, [...suzhouJs, ...suzhouAh], "341300")
    expect(row("beauty.carbon-reduction").value).toBeCloseTo(20, 10)
    expect(row("beauty.pollution-reduction").value).toBeCloseTo(160 / 3, 10)
    expect(row("beauty.green-expansion").value).toBeCloseTo(35, 10)
    expect(row("beauty.growth").value).toBeCloseTo(20, 10)
    expect(row("beauty.composite").value).toBeCloseTo((20 + 160 / 3 + 35 + 20) / 4, 10)
  })

  it("shows a registered sub-index beside the computed one: growth registered 88, computed 85, +3", async () => {
    const rows = [...suzhouJs, { indicator: "beauty.growth", region: "320500", year: 2022, value: 88 }]
    const { row, report } = await evaluate(beautyIndex, 2022, rows, "320500")
    expect(row("beauty.growth")).toMatchObject({ value: 88, origin: "observed" })
    expect(row("beauty.growth").computedValue).toBeCloseTo(85, 10)
    const d = report.diagnosis.computedVsReported.find((x) => x.indicator === "beauty.growth")!
    expect(d.difference).toBeCloseTo(3, 10)
    // the composite uses the registered 88: (50 + 70 + 62.5 + 88) / 4 = 67.625
    expect(row("beauty.composite").value).toBeCloseTo(67.625, 10)
  })

  it("gives no composite when a sub-index is missing (25% > 20%), naming it", async () => {
    const rows = suzhouJs.filter((r) => r.indicator !== "beauty.gdp-per-capita")
    const { row } = await evaluate(beautyIndex, 2022, rows, "320500")
    expect(row("beauty.growth").status).toBe("missing")
    expect(row("beauty.growth").missingInputs).toEqual(["beauty.gdp-per-capita"])
    expect(row("beauty.composite")).toMatchObject({ status: "missing", missingInputs: ["beauty.growth"] })
  })
})

describe("sensitivity across five regions", () => {
  const s = (c: number, p: number, g: number, gr: number) => ({
    "beauty.carbon-reduction": c,
    "beauty.pollution-reduction": p,
    "beauty.green-expansion": g,
    "beauty.growth": gr,
  })
  it("keeps a region that dominates every sub-index at rank 1 and reports rank intervals", () => {
    const result = beautySensitivity(
      {
        "310000": s(85, 88, 82, 90),
        "320500": s(50, 70, 62.5, 85),
        "330100": s(70, 60, 75, 60),
        "340100": s(60, 65, 55, 62),
        "341300": s(20, 53.3, 35, 20),
      },
      { randomDraws: 100, seed: 2026 },
    )
    const by = Object.fromEntries(result.regions.map((r) => [r.region, r]))
    expect(by["310000"]!.rankInterval).toEqual([1, 1])
    expect(by["341300"]!.rankInterval).toEqual([5, 5])
    // equal weights: 320500 = 66.875, 330100 = 66.25 -> ranks 2 and 3, swapping under other weights
    expect(by["320500"]!.composite).toBeCloseTo(66.875, 10)
    expect(by["330100"]!.composite).toBeCloseTo(66.25, 10)
    expect(by["320500"]!.rank).toBe(2)
    expect(by["320500"]!.rankInterval).toEqual([2, 3])
    expect(by["330100"]!.rankInterval).toEqual([2, 3])
    expect(by["340100"]!.rankInterval).toEqual([4, 4])
  })
})

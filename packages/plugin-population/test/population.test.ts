import { evaluatePlugins, pluginConformance } from "@tijian/core/plugin/testing"
import { describe, expect, it } from "vitest"
import { HANGZHOU, population } from "../src/index.js"

pluginConformance(population)

const id = "population.urban-residents"
const forecastId = "population.urban-residents@330100/forecast/2030"

// The forecast: 9,500,000 for 2030 (Hangzhou's 2016 plan, a forecast of growth). Each case: the values registered for
// Hangzhou and what the evaluation of `year` must say.
const cases = [
  {
    name: "10,000,000 in 2023: outran by 2023, 2030 - 2023 = 7 years early, 10,000,000 - 9,500,000 = 500,000 above",
    observations: { 2023: 10_000_000 },
    year: 2023,
    expect: { status: "outran", passedIn: 2023, yearsEarly: 7, deviation: 500_000 },
  },
  {
    name: "9,300,000 (2020), 9,700,000 (2022): outran by 2022 after 2020 short, 8 years early; 9,700,000 - 9,500,000 = 200,000",
    observations: { 2020: 9_300_000, 2022: 9_700_000 },
    year: 2022,
    expect: { status: "outran", passedIn: 2022, yearsEarly: 8, deviation: 200_000 },
  },
  {
    name: "9,200,000 in 2023: not yet reached, 300,000 below",
    observations: { 2023: 9_200_000 },
    year: 2023,
    expect: { status: "not-yet-reached", passedIn: null, yearsEarly: null, deviation: -300_000 },
  },
  {
    name: "9,000,000 in 2030 (report 2030): undershot by 500,000",
    observations: { 2030: 9_000_000 },
    year: 2030,
    expect: { status: "undershot", passedIn: null, yearsEarly: null, deviation: -500_000 },
  },
] as const

describe("population: Hangzhou's 2030 forecast, case by case", () => {
  it.each(cases)("$name", async ({ observations, year, expect: expected }) => {
    const rows = Object.entries(observations).map(([y, value]) => ({ indicator: id, region: HANGZHOU, year: Number(y), value }))
    const { row } = await evaluatePlugins([population], rows, { scope: HANGZHOU, year: year })
    const [target] = row(id).targets
    expect(target?.id).toBe(forecastId)
    expect(target?.met).toBeNull()
    expect(target?.forecast).toMatchObject(expected)
  })

  it("the reference data: urban population 10,000,000 in 2023 outran the 9,500,000 forecast for 2030, 7 years early, by 500,000 / 9,500,000 = 5.3%", async () => {
    const { report, row } = await evaluatePlugins([population], population.referenceData?.observations ?? [], { scope: HANGZHOU, year: 2023 })
    expect(row(id).value).toBe(10_000_000)
    const forecast = row(id).targets[0]!.forecast!
    expect(forecast).toMatchObject({ status: "outran", passedIn: 2023, yearsEarly: 7, deviation: 500_000 })
    expect(forecast.deviationShare).toBeCloseTo(0.052632, 6)
    expect(row(id).rulesBroken.map((r) => r.message.en)).toEqual([
      "reality outran the plan: the forecast of 9,500,000 for 2030 was reached by 2023, 7 years early; 10,000,000 in 2023, 500,000 (5.3%) above it",
    ])
    expect(report.diagnosis.forecastsOutrun.map((d) => [d.target, d.passedIn, d.yearsEarly])).toEqual([[forecastId, 2023, 7]])
  })
})

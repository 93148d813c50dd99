import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import { judgeForecast } from "../src/Forecast.js"
import * as ObservationStore from "../src/ObservationStore.js"
import type { Plugin } from "../src/Plugin.js"
import { at, observed, runWith, text } from "./fixtures.js"

// Hangzhou's 2016 plan: 9,500,000 residents forecast for 2030, a forecast of growth.
const hangzhou = { value: 9_500_000, dueYear: 2030, expects: "growth" } as const

describe("judgeForecast: plan vs reality", () => {
  const cases = [
    {
      name: "10,000,000 in 2023 (the only value): outran, reached by 2023, 2030 - 2023 = 7 years early, 500,000 above = 500,000 / 9,500,000 = 5.263%",
      forecast: hangzhou,
      points: [{ year: 2023, value: 10_000_000 }],
      year: 2023,
      expect: { status: "outran", passedIn: 2023, lastShortOf: null, yearsEarly: 7, comparedYear: 2023, deviation: 500_000, deviationShare: 0.0526316 },
    },
    {
      name: "9.2 M (2019), 9.6 M (2021), 10.0 M (2023): first reached in 2021 (after 2019 short), 9 years early; deviation of 2023: +500,000",
      forecast: hangzhou,
      points: [{ year: 2019, value: 9_200_000 }, { year: 2021, value: 9_600_000 }, { year: 2023, value: 10_000_000 }],
      year: 2023,
      expect: { status: "outran", passedIn: 2021, lastShortOf: 2019, yearsEarly: 9, comparedYear: 2023, deviation: 500_000, deviationShare: 0.0526316 },
    },
    {
      name: "9,000,000 in 2023: not yet reached, 500,000 below = -5.263%",
      forecast: hangzhou,
      points: [{ year: 2023, value: 9_000_000 }],
      year: 2023,
      expect: { status: "not-yet-reached", passedIn: null, lastShortOf: null, yearsEarly: null, comparedYear: 2023, deviation: -500_000, deviationShare: -0.0526316 },
    },
    {
      name: "report year 2032, 9,800,000 in 2030 and 9,000,000 before: overshot in its own year by 300,000 = 3.158%",
      forecast: hangzhou,
      points: [{ year: 2025, value: 9_000_000 }, { year: 2030, value: 9_800_000 }, { year: 2032, value: 9_900_000 }],
      year: 2032,
      expect: { status: "overshot", passedIn: null, lastShortOf: null, yearsEarly: null, comparedYear: 2030, deviation: 300_000, deviationShare: 0.0315789 },
    },
    {
      name: "9,100,000 in 2030: undershot by 400,000 = -4.211%",
      forecast: hangzhou,
      points: [{ year: 2030, value: 9_100_000 }],
      year: 2030,
      expect: { status: "undershot", passedIn: null, lastShortOf: null, yearsEarly: null, comparedYear: 2030, deviation: -400_000, deviationShare: -0.0421053 },
    },
    {
      name: "9,500,000.25 in 2030 at 0 decimals: as forecast (+0.25)",
      forecast: hangzhou,
      points: [{ year: 2030, value: 9_500_000.25 }],
      year: 2030,
      expect: { status: "as-forecast", passedIn: null, lastShortOf: null, yearsEarly: null, comparedYear: 2030, deviation: 0.25, deviationShare: 0 },
    },
    {
      name: "a forecast of decline, 80 for 2035: 78 in 2028 outran it 7 years early, 2 below = -2.5%",
      forecast: { value: 80, dueYear: 2035, expects: "decline" },
      points: [{ year: 2020, value: 95 }, { year: 2028, value: 78 }],
      year: 2028,
      expect: { status: "outran", passedIn: 2028, lastShortOf: 2020, yearsEarly: 7, comparedYear: 2028, deviation: -2, deviationShare: -0.025 },
    },
  ] as const

  it.each(cases)("$name", ({ forecast, points, year, expect: e }) => {
    const j = judgeForecast(forecast, points, year, 0)!
    expect({ ...j, deviationShare: undefined }).toEqual({ ...e, comparedValue: points.find((p) => p.year === e.comparedYear)!.value, deviationShare: undefined })
    expect(j.deviationShare).toBeCloseTo(e.deviationShare, 6)
  })

  it("no value in the year compared (2023, before 2030): not judged", () => {
    expect(judgeForecast(hangzhou, [{ year: 2021, value: 10_000_000 }], 2023, 0)).toBeUndefined()
  })
})

const pop: Plugin = {
  id: "p",
  version: "0.1.0",
  name: text("p"),
  indicators: [observed("p.residents", { direction: "neutral", decimals: 0 })],
  targets: [
    { indicator: "p.residents", scope: "330100", kind: "forecast", value: 9_500_000, dueYear: 2030, expects: "growth", madeIn: 2016, source: text("2016 plan") },
    { indicator: "p.residents", scope: "330100", kind: "at-most", value: 12_000_000, dueYear: 2035, binding: false, source: text("ceiling") },
  ],
}

const evaluate = (values: Record<number, number>, year: number) =>
  runWith(
    [pop],
    Effect.gen(function* () {
      const store = yield* ObservationStore.ObservationStore
      const rows = Object.entries(values).map(([y, value]) => ({ indicator: "p.residents", region: "330100", year: Number(y), value, agency: "a", source: "s" }))
      yield* store.append(rows, at(1))
      return yield* (yield* Engine.Engine).evaluate({ scope: "330100", year, asOf: at(2) })
    }),
  )

describe("Engine: a forecast target", () => {
  it("is judged plan vs reality, never met, never the row's progress; the row and the diagnosis say reality outran the plan", async () => {
    const report = await evaluate({ 2023: 10_000_000 }, 2023)
    const row = report.sections[0]!.evaluations[0]!
    const forecast = row.targets.find((t) => t.kind === "forecast")!
    expect(forecast).toMatchObject({ value: 9_500_000, dueYear: 2030, binding: false, expects: "growth", madeIn: 2016, met: null, gap: null, notAssessed: null })
    expect(forecast.forecast).toMatchObject({ status: "outran", passedIn: 2023, yearsEarly: 7, deviation: 500_000 })
    // the ceiling (12 M by 2035), not the forecast, stands for the row: 10 M <= 12 M, target achieved
    expect(row.progress.status).toBe("target-achieved")
    const rule = row.rulesBroken.find((r) => r.rule === "reality-outran-forecast")!
    expect(rule.message.en).toBe(
      "reality outran the plan: the forecast of 9,500,000 for 2030 was reached by 2023, 7 years early; 10,000,000 in 2023, 500,000 (5.3%) above it",
    )
    expect(rule.message.zh).toBe(
      "现实超越规划：规划预测 2030 年为 9,500,000，2023 年已达到（提前 7 年）；2023 年为 10,000,000，高于预测 500,000（5.3%）",
    )
    expect(report.diagnosis.forecastsOutrun).toEqual([
      { indicator: "p.residents", name: text("p.residents"), value: 10_000_000, target: "p.residents@330100/forecast/2030", gap: 500_000, forecast: 9_500_000, passedIn: 2023, yearsEarly: 7 },
    ])
    // a forecast is not a binding target: nothing counted as met or breached
    expect(report.summary.binding).toEqual({ targets: 0, met: 0, breached: 0, notAssessed: 0 })
  })

  it("a year without a value: not assessed (no value), no rule, nothing in the diagnosis", async () => {
    const report = await evaluate({ 2021: 9_000_000 }, 2023)
    const forecast = report.sections[0]!.evaluations[0]!.targets.find((t) => t.kind === "forecast")!
    expect(forecast).toMatchObject({ forecast: null, met: null, notAssessed: "no-value" })
    expect(report.diagnosis.forecastsOutrun).toEqual([])
  })

  it("a neutral indicator without a goal has no progress and no regression: 9.0 M (2021) -> 8.9 M (2023)", async () => {
    const neutral: Plugin = {
      id: "q",
      version: "0.1.0",
      name: text("q"),
      indicators: [observed("q.residents", { direction: "neutral", decimals: 0 })],
    }
    const report = await runWith(
      [neutral],
      Effect.gen(function* () {
        const store = yield* ObservationStore.ObservationStore
        yield* store.append(
          [2021, 2023].map((year, i) => ({ indicator: "q.residents", region: "330100", year, value: [9_000_000, 8_900_000][i]!, agency: "a", source: "s" })),
          at(1),
        )
        return yield* (yield* Engine.Engine).evaluate({ scope: "330100", year: 2023, asOf: at(2) })
      }),
    )
    const row = report.sections[0]!.evaluations[0]!
    expect(row.progress).toEqual({ status: "insufficient-data", reason: "no-direction" })
    expect(row.rulesBroken).toEqual([])
  })
})

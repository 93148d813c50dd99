import type { Report } from "@tijian/core"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

// The seed case of plan vs reality: Hangzhou's (330100) 2016 plan forecast 9,500,000 residents for 2030; its urban
// population was 10,000,000 in 2023 (reference data of the population plugin). 2030 - 2023 = 7 years early;
// 10,000,000 - 9,500,000 = 500,000 above, 500,000 / 9,500,000 = 5.26% (5.3% at one decimal).

let runtime: AppRuntime
let app: ReturnType<typeof makeApp>

beforeAll(async () => {
  runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  await runOrThrow(runtime, seedReferenceData("2024-01-01T00:00:00.000Z"))
  app = makeApp(runtime, { now: () => new Date("2025-06-01T00:00:00.000Z") })
})

afterAll(() => runtime.dispose())

const forecastId = "population.urban-residents@330100/forecast/2030"

describe("plan vs reality: Hangzhou 2023 from the seeded reference data", () => {
  it("the report JSON carries the forecast judgement: outran by 2023, 7 years early, 500,000 above", async () => {
    const res = await app.request("/api/v1/reports/330100/2023")
    expect(res.status).toBe(200)
    const report = (await res.json()) as Report
    const row = report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === "population.urban-residents")!
    expect(row.value).toBe(10_000_000)
    expect(row.direction).toBe("neutral")
    const target = row.targets.find((t) => t.id === forecastId)!
    expect(target).toMatchObject({ kind: "forecast", value: 9_500_000, dueYear: 2030, expects: "growth", madeIn: 2016, binding: false, met: null, gap: null })
    expect(target.forecast).toMatchObject({ status: "outran", passedIn: 2023, yearsEarly: 7, comparedYear: 2023, deviation: 500_000 })
    expect(target.forecast!.deviationShare).toBeCloseTo(500_000 / 9_500_000, 12)
    expect(report.diagnosis.forecastsOutrun).toMatchObject([{ indicator: "population.urban-residents", target: forecastId, passedIn: 2023, yearsEarly: 7, gap: 500_000 }])
    // not a binding target: the binding verdict is untouched by it
    expect(report.summary.binding.targets).toBe(0)
  })

  it("the targets list shows the forecast with its direction and year made", async () => {
    const res = await app.request("/api/v1/targets?region=330100")
    const body = (await res.json()) as { targets: Array<Record<string, unknown>> }
    expect(body.targets.find((t) => t.id === forecastId)).toMatchObject({ kind: "forecast", value: 9_500_000, expects: "growth", madeIn: 2016, binding: false, standard: null })
  })

  it("the page says so in English and Chinese, and the Markdown too", async () => {
    const en = await (await app.request("/reports/330100/2023?lang=en")).text()
    expect(en).toContain("plan forecast 9,500,000 for 2030 (made in 2016)")
    expect(en).toContain("reality outran the plan: reached by 2023, 7 years early; 500,000 (5.3%) above the forecast in 2023")
    expect(en).toContain("Reality outran the plan&#39;s forecast")
    const zh = await (await app.request("/reports/330100/2023?lang=zh")).text()
    expect(zh).toContain("规划预测 9,500,000（2030 年，2016 年作出）")
    expect(zh).toContain("现实超越规划：2023 年已达到，提前 7 年；2023 年高于预测 500,000（5.3%）")
    const csv = (await (await app.request("/api/v1/reports/330100/2023.csv?lang=en")).text()).split("\r\n")
    const header = csv[0]!.split(",")
    const line = csv.find((l) => l.includes(forecastId))!.split(",")
    const cell = (name: string) => line[header.indexOf(name)]
    expect([cell("target_status"), cell("forecast_status"), cell("forecast_passed_in"), cell("forecast_years_early"), cell("forecast_deviation")]).toEqual([
      "forecast",
      "outran",
      "2023",
      "7",
      "500000",
    ])
    const md = await (await app.request("/api/v1/reports/330100/2023.md?lang=en")).text()
    expect(md).toContain("**reality outran the plan: reached by 2023, 7 years early; 500,000 (5.3%) above the forecast in 2023**")
  })
})

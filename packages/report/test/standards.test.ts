import type { TargetEvaluation } from "@tijian/core"
import { describe, expect, it } from "vitest"
import { targetPhrase } from "../src/describe.js"
import { forecastText, targetJudgement } from "../src/standards.js"

const style = { decimals: 1, format: "number" } as const
const base = {
  dueYear: 2035,
  binding: false,
  source: { zh: "示例", en: "illustrative" },
  baseline: null,
  attainment: null,
  progress: { status: "insufficient-data" },
  notAssessed: null,
} as const
const target = (t: Partial<TargetEvaluation>): TargetEvaluation => ({ id: "x", kind: "at-least", met: null, gap: null, ...base, ...t })

describe("standards and forecasts, in words (zh and en)", () => {
  it.each([
    [target({ value: 8, standard: { family: "national" }, met: true, gap: -3 }), "national standard: at least 8.0 by 2035 (expected)", "国家标准：不低于 8.0（2035 年，预期性）", "met", "达到"],
    [target({ value: 12, standard: { family: "local", issuer: "330000" }, met: false, gap: 1 }), "local standard (330000): at least 12.0 by 2035 (expected)", "地方标准（330000）：不低于 12.0（2035 年，预期性）", "not met", "未达到"],
    [
      target({ standard: { family: "benchmark", region: "320500" }, notAssessed: "no-benchmark-value" }),
      "benchmark (320500): at least — by 2035 (expected)",
      "对标地区（320500）：不低于 —（2035 年，预期性）",
      "not assessed: no value of the benchmark region for the year",
      "未评估：对标地区本年无数据",
    ],
  ])("%#: %s", (t, en, zh, judgedEn, judgedZh) => {
    expect(targetPhrase(t, style, "en")).toBe(en)
    expect(targetPhrase(t, style, "zh")).toBe(zh)
    expect(targetJudgement(t, style, "en")).toBe(judgedEn)
    expect(targetJudgement(t, style, "zh")).toBe(judgedZh)
  })

  it("a forecast: 9,500,000 for 2030 made in 2016; 10,000,000 in 2023 outran it 7 years early, 500,000 / 9,500,000 = 5.3% above", () => {
    const f = { status: "outran", passedIn: 2023, lastShortOf: 2019, yearsEarly: 7, comparedYear: 2023, comparedValue: 10_000_000, deviation: 500_000, deviationShare: 500_000 / 9_500_000 } as const
    const t = target({ kind: "forecast", value: 9_500_000, dueYear: 2030, madeIn: 2016, expects: "growth", forecast: f })
    const people = { decimals: 0, format: "number" } as const
    expect(targetPhrase(t, people, "en")).toBe("plan forecast 9,500,000 for 2030 (made in 2016)")
    expect(targetPhrase(t, people, "zh")).toBe("规划预测 9,500,000（2030 年，2016 年作出）")
    expect(forecastText(f, people, "en")).toBe("reality outran the plan: reached by 2023 (short of it in 2019), 7 years early; 500,000 (5.3%) above the forecast in 2023")
    expect(forecastText(f, people, "zh")).toBe("现实超越规划：2023 年已达到（2019 年尚未达到），提前 7 年；2023 年高于预测 500,000（5.3%）")
    // no value for the year: said, never blank
    expect(targetJudgement({ ...t, forecast: null, notAssessed: "no-value" }, people, "en")).toBe("not assessed: no value for the year")
  })
})

describe("outranLines", () => {
  it("reads an edition published before forecasts existed (no diagnosis.forecastsOutrun) as none", async () => {
    const { outranLines } = await import("../src/outran.js")
    const report = { sections: [], diagnosis: { bindingMissed: [], bindingNotAssessed: [], largestGaps: [], regressions: [], computedVsReported: [] } }
    expect(outranLines(report as never, () => style, "en")).toEqual([])
  })
})

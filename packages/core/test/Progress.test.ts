import { describe, expect, it } from "vitest"
import { annualRate, progressTowardsTarget, progressWithoutTarget } from "../src/Progress.js"
import { assessTarget } from "../src/TargetAssessment.js"

const p = (year: number, value: number) => ({ year, value })

describe("progress by the StatCan / Open SDG method", () => {
  it("substantial: beauty composite 52.66 (2012) -> 80.96 (2022), target 100 by 2035", () => {
    const r = progressTowardsTarget({ base: p(2012, 52.66), current: p(2022, 80.96), aim: 100, dueYear: 2035, met: false, baseMet: false })
    // (80.96/52.66)^(1/10) - 1 = 4.395%/yr; (100/52.66)^(1/23) - 1 = 2.828%/yr; R = 1.554
    expect(r.status).toBe("substantial")
    expect(r.method).toBe("cagr")
    expect(r.observedRate).toBeCloseTo(0.04395, 5)
    expect(r.requiredRate).toBeCloseTo(0.02828, 5)
    expect(r.ratio).toBeCloseTo(1.554, 3)
  })

  it("moderate: 50 (2010) -> 66 (2020), target 100 by 2030: R = 2.815% / 3.526% = 0.798", () => {
    const r = progressTowardsTarget({ base: p(2010, 50), current: p(2020, 66), aim: 100, dueYear: 2030, met: false, baseMet: false })
    expect(r.observedRate).toBeCloseTo(0.028152, 5)
    expect(r.requiredRate).toBeCloseTo(0.035265, 5)
    expect(r.ratio).toBeCloseTo(0.798, 3)
    expect(r.status).toBe("moderate")
  })

  it("limited: green expansion 78.04 (2012) -> 80.98 (2022), target 100 by 2035: 0.37%/yr vs 1.08%/yr, R = 0.342", () => {
    const r = progressTowardsTarget({ base: p(2012, 78.04), current: p(2022, 80.98), aim: 100, dueYear: 2035, met: false, baseMet: false })
    expect(r.observedRate).toBeCloseTo(0.003705, 5)
    expect(r.requiredRate).toBeCloseTo(0.010838, 5)
    expect(r.ratio).toBeCloseTo(0.342, 3)
    expect(r.status).toBe("limited")
  })

  it("deterioration: 50 -> 45 while the target asks for 100", () => {
    const r = progressTowardsTarget({ base: p(2010, 50), current: p(2020, 45), aim: 100, dueYear: 2030, met: false, baseMet: false })
    expect(r.ratio).toBeLessThan(0)
    expect(r.status).toBe("deterioration")
  })

  it("deterioration: met at the baseline (110 >= 100), no longer met (95)", () => {
    const r = progressTowardsTarget({ base: p(2010, 110), current: p(2020, 95), aim: 100, dueYear: 2030, met: false, baseMet: true })
    expect(r.status).toBe("deterioration")
  })

  it("target achieved when the current value meets the target", () => {
    expect(progressTowardsTarget({ base: p(2010, 50), current: p(2020, 100), aim: 100, dueYear: 2030, met: true, baseMet: false }).status).toBe(
      "target-achieved",
    )
  })

  it("insufficient data with fewer than two points", () => {
    expect(progressTowardsTarget({ base: undefined, current: p(2020, 60), aim: 100, dueYear: 2030, met: false, baseMet: false }).status).toBe(
      "insufficient-data",
    )
    expect(progressWithoutTarget({ base: undefined, current: p(2020, 60), direction: "higher-is-better" }).status).toBe("insufficient-data")
  })

  it("a ceiling (lower is better): 10 (2015) -> 8 (2020), at most 5 by 2025: R = -4.365% / -6.697% = 0.652, moderate", () => {
    const r = progressTowardsTarget({ base: p(2015, 10), current: p(2020, 8), aim: 5, dueYear: 2025, met: false, baseMet: false })
    expect(r.observedRate).toBeCloseTo(-0.043648, 5)
    expect(r.requiredRate).toBeCloseTo(-0.066967, 5)
    expect(r.ratio).toBeCloseTo(0.6518, 3)
    expect(r.status).toBe("moderate")
  })

  it("falls back to linear change when a value is not positive: 0 -> 5 in 10 years vs 10 needed in 10 years", () => {
    const r = progressTowardsTarget({ base: p(2010, 0), current: p(2020, 5), aim: 10, dueYear: 2020, met: false, baseMet: false })
    expect(r.method).toBe("linear")
    expect(r.observedRate).toBe(0.5)
    expect(r.requiredRate).toBe(1)
    expect(r.status).toBe("limited")
  })

  it("without a target: 100 -> 110 in 10 years is 0.958%/yr, moderate (1% is substantial)", () => {
    const r = progressWithoutTarget({ base: p(2010, 100), current: p(2020, 110), direction: "higher-is-better" })
    expect(r.observedRate).toBeCloseTo(0.00958, 5)
    expect(r.status).toBe("moderate")
    expect(progressWithoutTarget({ base: p(2010, 100), current: p(2020, 110), direction: "lower-is-better" }).status).toBe("deterioration")
    expect(progressWithoutTarget({ base: p(2010, 100), current: p(2020, 130), direction: "higher-is-better" }).status).toBe("substantial")
    expect(progressWithoutTarget({ base: p(2010, 100), current: p(2020, 102), direction: "higher-is-better" }).status).toBe("limited")
  })

  it("annual rate is undefined for the same year", () => {
    expect(annualRate(p(2020, 1), p(2020, 2))).toBeUndefined()
  })
})

describe("target assessment", () => {
  it("at-least 100: 80.96 misses by 19.04, attains 80.96%", () => {
    const a = assessTarget({ kind: "at-least", value: 100 }, 80.96, undefined, 2)!
    expect(a.met).toBe(false)
    expect(a.gap).toBeCloseTo(19.04, 10)
    expect(a.attainment).toBeCloseTo(0.8096, 10)
  })

  it("at-most 803.6 km2 of construction land: 810 exceeds by 6.4", () => {
    const a = assessTarget({ kind: "at-most", value: 803.6 }, 810, undefined, 1)!
    expect(a.met).toBe(false)
    expect(a.gap).toBeCloseTo(6.4, 10)
  })

  it("band 100,000-300,000 person-trips a day: 350,000 is 50,000 above, 200,000 inside", () => {
    expect(assessTarget({ kind: "band", lo: 1e5, hi: 3e5 }, 3.5e5, undefined, 0)).toMatchObject({ met: false, gap: 5e4, aim: 3e5 })
    expect(assessTarget({ kind: "band", lo: 1e5, hi: 3e5 }, 2e5, undefined, 0)).toMatchObject({ met: true, gap: 0, attainment: 1 })
  })

  it("equals at the indicator's decimals; no-decrease against the baseline", () => {
    expect(assessTarget({ kind: "equals", value: 15 }, 15.004, undefined, 2)?.met).toBe(true)
    expect(assessTarget({ kind: "equals", value: 15 }, 15.006, undefined, 2)?.met).toBe(false)
    expect(assessTarget({ kind: "no-decrease-from-baseline" }, 143.3, 143.32, 2)).toMatchObject({ met: false })
    expect(assessTarget({ kind: "no-decrease-from-baseline" }, 143.3, undefined, 2)).toBeUndefined()
  })
})

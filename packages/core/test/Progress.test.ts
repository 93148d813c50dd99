import { describe, expect, it } from "vitest"
import { annualRate, basePoint, defaultThresholds, progressTowardsTarget, progressWithoutTarget, resolveThresholds } from "../src/Progress.js"
import { assessTarget } from "../src/TargetAssessment.js"

const p = (year: number, value: number) => ({ year, value })

describe("progress by the StatCan / Open SDG method", () => {
  it("substantial: beauty composite 52.66 (2012) -> 80.96 (2022), target 100 by 2035", () => {
    const r = progressTowardsTarget({ base: p(2012, 52.66), current: p(2022, 80.96), aim: 100, towards: 1, dueYear: 2035, met: false })
    // (80.96/52.66)^(1/10) - 1 = 4.395%/yr; (100/52.66)^(1/23) - 1 = 2.828%/yr; R = 1.554
    expect(r.status).toBe("substantial")
    expect(r.method).toBe("cagr")
    expect(r.observedRate).toBeCloseTo(0.04395, 5)
    expect(r.requiredRate).toBeCloseTo(0.02828, 5)
    expect(r.ratio).toBeCloseTo(1.554, 3)
  })

  it("moderate: 50 (2010) -> 66 (2020), target 100 by 2030: R = 2.815% / 3.526% = 0.798", () => {
    const r = progressTowardsTarget({ base: p(2010, 50), current: p(2020, 66), aim: 100, towards: 1, dueYear: 2030, met: false })
    expect(r.observedRate).toBeCloseTo(0.028152, 5)
    expect(r.requiredRate).toBeCloseTo(0.035265, 5)
    expect(r.ratio).toBeCloseTo(0.798, 3)
    expect(r.status).toBe("moderate")
  })

  it("limited: green expansion 78.04 (2012) -> 80.98 (2022), target 100 by 2035: 0.37%/yr vs 1.08%/yr, R = 0.342", () => {
    const r = progressTowardsTarget({ base: p(2012, 78.04), current: p(2022, 80.98), aim: 100, towards: 1, dueYear: 2035, met: false })
    expect(r.observedRate).toBeCloseTo(0.003705, 5)
    expect(r.requiredRate).toBeCloseTo(0.010838, 5)
    expect(r.ratio).toBeCloseTo(0.342, 3)
    expect(r.status).toBe("limited")
  })

  it("deterioration: 50 -> 45 while the target asks for 100", () => {
    const r = progressTowardsTarget({ base: p(2010, 50), current: p(2020, 45), aim: 100, towards: 1, dueYear: 2030, met: false })
    expect(r.ratio).toBeLessThan(0)
    expect(r.status).toBe("deterioration")
  })

  it("deterioration: met at the base (110 >= 100), no longer met (95); |CAGR_required| keeps R's sign", () => {
    const r = progressTowardsTarget({ base: p(2010, 110), current: p(2020, 95), aim: 100, towards: 1, dueYear: 2030, met: false })
    // CAGR_obs = (95/110)^(1/10) - 1 = -1.4553%; CAGR_req = (100/110)^(1/20) - 1 = -0.4754%;
    // R = +1 * -1.4553% / |-0.4754%| = -3.061
    expect(r.observedRate).toBeCloseTo(-0.014553, 5)
    expect(r.requiredRate).toBeCloseTo(-0.004754, 5)
    expect(r.ratio).toBeCloseTo(-3.061, 3)
    expect(r.status).toBe("deterioration")
  })

  it("target achieved when the current value meets the target", () => {
    expect(progressTowardsTarget({ base: p(2010, 50), current: p(2020, 100), aim: 100, towards: 1, dueYear: 2030, met: true }).status).toBe(
      "target-achieved",
    )
  })

  it("insufficient data with fewer than two points, with the reason", () => {
    expect(progressTowardsTarget({ base: undefined, current: p(2020, 60), aim: 100, towards: 1, dueYear: 2030, met: false })).toEqual({
      status: "insufficient-data",
      reason: "fewer-than-two-years",
    })
    expect(progressWithoutTarget({ base: undefined, current: p(2020, 60), direction: "higher-is-better" }).reason).toBe("fewer-than-two-years")
  })

  it("a ceiling (lower is better): 10 (2015) -> 8 (2020), at most 5 by 2025: R = -1 * -4.365% / 6.697% = 0.652, moderate", () => {
    const r = progressTowardsTarget({ base: p(2015, 10), current: p(2020, 8), aim: 5, towards: -1, dueYear: 2025, met: false })
    expect(r.observedRate).toBeCloseTo(-0.043648, 5)
    expect(r.requiredRate).toBeCloseTo(-0.066967, 5)
    expect(r.ratio).toBeCloseTo(0.6518, 3)
    expect(r.status).toBe("moderate")
  })

  it("annual rate is undefined for the same year and across a change of sign; 0 counts as 0.001", () => {
    expect(annualRate(p(2020, 1), p(2020, 2))).toBeUndefined()
    expect(annualRate(p(2015, -10), p(2020, 5))).toBeUndefined()
    // (5/0.001)^(1/5) - 1 = 5000^0.2 - 1 = 4.4928
    expect(annualRate(p(2015, 0), p(2020, 5))?.rate).toBeCloseTo(4.4928, 4)
  })
})

describe("issue #17: the method as published, worked by hand", () => {
  it("a target of 0 is replaced by 0.001 and rates stay compound: 20 (2015) -> 10 (2022), at most 0 by 2030 is limited, R = 0.195", () => {
    const r = progressTowardsTarget({ base: p(2015, 20), current: p(2022, 10), aim: 0, towards: -1, dueYear: 2030, met: false })
    // CAGR_obs = (10/20)^(1/7) - 1 = 0.90572 - 1 = -9.4276%/yr
    // CAGR_req = (0.001/20)^(1/15) - 1 = (5e-5)^(1/15) - 1 = 0.51673 - 1 = -48.327%/yr
    // R = s * d * CAGR_obs / |CAGR_req| = 1 * -1 * -0.094276 / 0.48327 = 0.1951 -> limited (0 <= R < 0.60)
    // (the linear fallback this replaces gave (-10/7) / (-20/15) = 1.071: substantial)
    expect(r.method).toBe("cagr")
    expect(r.observedRate).toBeCloseTo(-0.094276, 5)
    expect(r.requiredRate).toBeCloseTo(-0.483269, 5)
    expect(r.ratio).toBeCloseTo(0.1951, 4)
    expect(r.status).toBe("limited")
  })

  it("a base value of 0 is replaced by 0.001: 0 (2015) -> 5 (2020), at least 10 by 2030", () => {
    const r = progressTowardsTarget({ base: p(2015, 0), current: p(2020, 5), aim: 10, towards: 1, dueYear: 2030, met: false })
    // CAGR_obs = (5/0.001)^(1/5) - 1 = 5000^0.2 - 1 = 5.4928 - 1 = 449.28%/yr
    // CAGR_req = (10/0.001)^(1/15) - 1 = 10000^(1/15) - 1 = 1.8478 - 1 = 84.785%/yr
    // R = 4.4928 / 0.84785 = 5.299 -> substantial
    expect(r.observedRate).toBeCloseTo(4.4928, 4)
    expect(r.requiredRate).toBeCloseTo(0.84785, 4)
    expect(r.ratio).toBeCloseTo(5.299, 3)
    expect(r.status).toBe("substantial")
  })

  it("a series that changes sign cannot be assessed: -10 (2015) -> 5 (2020)", () => {
    const withTarget = progressTowardsTarget({ base: p(2015, -10), current: p(2020, 5), aim: 10, towards: 1, dueYear: 2030, met: false })
    expect(withTarget).toEqual({ status: "insufficient-data", reason: "values-change-sign" })
    const without = progressWithoutTarget({ base: p(2015, -10), current: p(2020, 5), direction: "higher-is-better" })
    expect(without).toEqual({ status: "insufficient-data", reason: "values-change-sign" })
  })

  it("all values negative: the direction flips (s = -1): -20 (2015) -> -10 (2020), at least -5 by 2030", () => {
    const r = progressTowardsTarget({ base: p(2015, -20), current: p(2020, -10), aim: -5, towards: 1, dueYear: 2030, met: false })
    // CAGR_obs = (-10/-20)^(1/5) - 1 = -12.945%; CAGR_req = (-5/-20)^(1/15) - 1 = -8.8278%
    // R = s * d * CAGR_obs / |CAGR_req| = -1 * 1 * -0.12945 / 0.088278 = 1.466 -> substantial
    expect(r.ratio).toBeCloseTo(1.4664, 3)
    expect(r.status).toBe("substantial")
  })

  it("data past the due year keep the due year: 60 (2015) -> 105 (2023), at least 150 by 2020 gives R = 0.360, limited", () => {
    const r = progressTowardsTarget({ base: p(2015, 60), current: p(2023, 105), aim: 150, towards: 1, dueYear: 2020, met: false })
    // CAGR_obs = (105/60)^(1/8) - 1 = 7.2457%/yr
    // CAGR_req = (150/60)^(1/5) - 1 = 20.112%/yr (2015 -> 2020, the due year, not 2023)
    // R = 0.072457 / 0.20112 = 0.3603 -> limited. Moving the due year to 2023 gave (150/60)^(1/8) - 1 = 12.135%,
    // R = 0.597: still limited, but a hair below 0.60, where moderate starts.
    expect(r.requiredRate).toBeCloseTo(0.201124, 5)
    expect(r.ratio).toBeCloseTo(0.3603, 4)
    expect(r.status).toBe("limited")
  })

  it("a due year not after the base year cannot be assessed", () => {
    expect(progressTowardsTarget({ base: p(2020, 60), current: p(2023, 105), aim: 150, towards: 1, dueYear: 2020, met: false })).toEqual({
      status: "insufficient-data",
      reason: "due-before-base",
    })
  })

  it("without a target, on track starts at 1.5%/yr: 100 (2015) -> 110 (2023) is 1.199%/yr, moderate", () => {
    // CAGR = 1.1^(1/8) - 1 = 1.1985%/yr: 0.5% <= 1.1985% < 1.5% -> moderate (1% called it substantial)
    const r = progressWithoutTarget({ base: p(2015, 100), current: p(2023, 110), direction: "higher-is-better" })
    expect(r.observedRate).toBeCloseTo(0.011985, 5)
    expect(r.status).toBe("moderate")
    // lower is better: d = -1, -1.1985% < 0 -> deterioration
    expect(progressWithoutTarget({ base: p(2015, 100), current: p(2023, 110), direction: "lower-is-better" }).status).toBe("deterioration")
    // 1.2^(1/8) - 1 = 2.305%/yr -> substantial; 1.02^(1/8) - 1 = 0.248%/yr -> limited
    expect(progressWithoutTarget({ base: p(2015, 100), current: p(2023, 120), direction: "higher-is-better" }).status).toBe("substantial")
    expect(progressWithoutTarget({ base: p(2015, 100), current: p(2023, 102), direction: "higher-is-better" }).status).toBe("limited")
  })

  it("thresholds can be set: the same 1.1985%/yr is substantial from 1%, the R = 0.798 case is substantial from 0.75", () => {
    const rate = progressWithoutTarget({
      base: p(2015, 100),
      current: p(2023, 110),
      direction: "higher-is-better",
      thresholds: resolveThresholds({ substantialRate: 0.01 }),
    })
    expect(rate.status).toBe("substantial")
    const ratio = progressTowardsTarget({
      base: p(2010, 50),
      current: p(2020, 66),
      aim: 100,
      towards: 1,
      dueYear: 2030,
      met: false,
      thresholds: resolveThresholds({ substantialRatio: 0.9 }, { substantialRatio: 0.75 }),
    })
    expect(ratio.status).toBe("substantial")
    expect(resolveThresholds({ substantialRatio: 0.9 })).toEqual({ ...defaultThresholds, substantialRatio: 0.9 })
    expect(defaultThresholds).toEqual({
      substantialRatio: 0.95,
      moderateRatio: 0.6,
      limitedRatio: 0,
      substantialRate: 0.015,
      moderateRate: 0.005,
      limitedRate: 0,
    })
  })

  it("the base is the first value at or after the base year, before the current year", () => {
    const points = [p(2012, 1), p(2016, 2), p(2019, 3), p(2022, 4)]
    expect(basePoint(points, 2015, 2022)).toEqual(p(2016, 2))
    expect(basePoint(points, 2016, 2022)).toEqual(p(2016, 2))
    expect(basePoint(points, 2020, 2022)).toBeUndefined()
    expect(basePoint(points, 2010, 2022)).toEqual(p(2012, 1))
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

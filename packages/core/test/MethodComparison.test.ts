import { describe, expect, it } from "vitest"
import { escapAnticipated } from "../src/EscapAnticipated.js"
import { compareMethods } from "../src/MethodComparison.js"
import { progressTowardsTarget, progressWithoutTarget, type TowardsTarget } from "../src/Progress.js"
import { sdsnTrend } from "../src/SdsnTrend.js"

const p = (year: number, value: number) => ({ year, value })
const towards = (base: ReturnType<typeof p> | undefined, current: ReturnType<typeof p>, aim: number, d: 1 | -1, dueYear: number, met = false): TowardsTarget => ({
  base,
  current,
  aim,
  towards: d,
  dueYear,
  met,
})
const compare = (input: TowardsTarget) => compareMethods(progressTowardsTarget(input), input)

describe("SDSN SDR trend: linear change against the linear change the target needs", () => {
  it("on track exactly: 50 (2015) -> 64 (2022), at least 80 by 2030: 14/7 = 2/yr against 30/15 = 2/yr, ratio 1", () => {
    expect(sdsnTrend(towards(p(2015, 50), p(2022, 64), 80, 1, 2030))).toEqual({ status: "on-track", observedPerYear: 2, requiredPerYear: 2, ratio: 1 })
  })

  it.each([
    // 20 -> 30 (2015 -> 2022), at least 60 by 2030: (10/7) / (40/15) = 1.4286 / 2.6667 = 0.5357
    { current: 30, aim: 60, status: "moderately-improving", ratio: 0.5357 },
    // 20 -> 24, at least 60: (4/7) / (40/15) = 0.5714 / 2.6667 = 0.2143
    { current: 24, aim: 60, status: "stagnating", ratio: 0.2143 },
    // 20 -> 20: 0 / 2.6667 = 0: "remains stagnant"
    { current: 20, aim: 60, status: "stagnating", ratio: 0 },
    // 20 -> 18: (-2/7) / 2.6667 = -0.1071: moving away
    { current: 18, aim: 60, status: "decreasing", ratio: -0.1071 },
  ])("$status: 20 (2015) -> $current (2022), at least $aim by 2030: ratio $ratio", ({ current, aim, status, ratio }) => {
    const r = sdsnTrend(towards(p(2015, 20), p(2022, current), aim, 1, 2030))
    expect(r.status).toBe(status)
    expect(r.ratio).toBeCloseTo(ratio, 4)
  })

  it("achieved when the target is met (movements beyond the goal are ignored)", () => {
    expect(sdsnTrend(towards(p(2015, 90), p(2022, 85), 80, 1, 2030, true))).toEqual({ status: "achieved" })
  })

  it("lower is better: 100 -> 70 (2015 -> 2022), at most 40 by 2030: -1 · (-30/7) / |-60/15| = 4.2857 / 4 = 1.0714, on track", () => {
    const r = sdsnTrend(towards(p(2015, 100), p(2022, 70), 40, -1, 2030))
    expect(r.observedPerYear).toBeCloseTo(-4.2857, 4)
    expect(r.requiredPerYear).toBe(-4)
    expect(r.ratio).toBeCloseTo(1.0714, 4)
    expect(r.status).toBe("on-track")
  })

  it("a linear change needs no sign rule: -10 (2015) -> 5 (2020), at least 10 by 2030: 15/5 = 3 against 20/15 = 1.3333, ratio 2.25", () => {
    const r = sdsnTrend(towards(p(2015, -10), p(2020, 5), 10, 1, 2030))
    expect(r.ratio).toBeCloseTo(2.25, 10)
    expect(r.status).toBe("on-track")
  })

  it("not assessable: fewer than two years, a due year not after the base", () => {
    expect(sdsnTrend(towards(undefined, p(2022, 64), 80, 1, 2030))).toEqual({ status: "not-assessable", reason: "fewer-than-two-years" })
    expect(sdsnTrend(towards(p(2015, 50), p(2022, 64), 80, 1, 2015))).toEqual({ status: "not-assessable", reason: "due-before-base" })
  })
})

describe("ESCAP anticipated progress: the 2030 value the compound growth since the base predicts", () => {
  it("achieve the target: 50 (2015) -> 64 (2022), at least 80 by 2030", () => {
    const r = escapAnticipated(towards(p(2015, 50), p(2022, 64), 80, 1, 2030))
    // g = (64/50)^(1/7) - 1 = 3.5895 %/yr; ŷ(2030) = 64 · 1.035895^8 = 84.861 >= 80; APr = (84.861 - 50) / (80 - 50) = 1.1620
    expect(r.observedRate).toBeCloseTo(0.035895, 6)
    expect(r.predictedYear).toBe(2030)
    expect(r.predictedValue).toBeCloseTo(84.861, 3)
    expect(r.ratio).toBeCloseTo(1.162, 3)
    expect(r.status).toBe("achieve-target")
  })

  it("acceleration needed: 100 (2015) -> 70 (2022), at most 40 by 2030", () => {
    const r = escapAnticipated(towards(p(2015, 100), p(2022, 70), 40, -1, 2030))
    // g = (70/100)^(1/7) - 1 = -4.9677 %/yr; ŷ(2030) = 70 · 0.950323^8 = 46.566 > 40, better than 100;
    // APr = (46.566 - 100) / (40 - 100) = 0.8906
    expect(r.observedRate).toBeCloseTo(-0.049677, 6)
    expect(r.predictedValue).toBeCloseTo(46.566, 3)
    expect(r.ratio).toBeCloseTo(0.8906, 4)
    expect(r.status).toBe("acceleration-needed")
  })

  it("regress: 50 (2010) -> 45 (2020), at least 100 by 2030", () => {
    const r = escapAnticipated(towards(p(2010, 50), p(2020, 45), 100, 1, 2030))
    // g = 0.9^(1/10) - 1 = -1.0481 %/yr; ŷ(2030) = 45 · 0.9 = 40.5, worse than 50; APr = (40.5 - 50) / 50 = -0.19
    expect(r.predictedValue).toBeCloseTo(40.5, 10)
    expect(r.ratio).toBeCloseTo(-0.19, 10)
    expect(r.status).toBe("regress")
  })

  it("all values negative: -20 (2015) -> -10 (2020), at least -5 by 2030: ŷ = -10 · 0.5^(10/5) = -2.5 >= -5", () => {
    const r = escapAnticipated(towards(p(2015, -20), p(2020, -10), -5, 1, 2030))
    expect(r.observedRate).toBeCloseTo(-0.129449, 6)
    expect(r.predictedValue).toBeCloseTo(-2.5, 10)
    // APr = (-2.5 + 20) / (-5 + 20) = 1.1667
    expect(r.ratio).toBeCloseTo(1.1667, 4)
    expect(r.status).toBe("achieve-target")
  })

  it("stops the prediction at the indicator's range: a share 0.81 (2020) -> 0.9 (2022), at least 0.95 by 2030 is predicted at 1, not 1.37", () => {
    // g = (0.9 / 0.81)^(1/2) - 1 = (10/9)^(1/2) - 1 = 5.41 %/yr; unbounded ŷ(2030) = 0.9 · (10/9)^(8/2) = 0.9 · 1.5242 = 1.3717
    const input = { ...towards(p(2020, 0.81), p(2022, 0.9), 0.95, 1, 2030), range: { min: 0, max: 1 } }
    const r = escapAnticipated(input)
    expect(r.observedRate).toBeCloseTo(Math.sqrt(10 / 9) - 1, 12)
    expect([r.status, r.predictedValue, r.capped]).toEqual(["achieve-target", 1, "max"])
    // APr = (1 - 0.81) / (0.95 - 0.81) = 0.19 / 0.14
    expect(r.ratio).toBeCloseTo(0.19 / 0.14, 12)
    const unbounded = escapAnticipated(towards(p(2020, 0.81), p(2022, 0.9), 0.95, 1, 2030))
    expect(unbounded.predictedValue).toBeCloseTo(0.9 * (10 / 9) ** 4, 12)
    expect(unbounded.predictedValue).toBeCloseTo(1.3717, 4)
    expect(unbounded.capped).toBeUndefined()
  })

  it("a due year already passed predicts nothing: 60 (2015) -> 105 (2023), at least 150 by 2020: ŷ = 105, APr = 45/90 = 0.5", () => {
    const r = escapAnticipated(towards(p(2015, 60), p(2023, 105), 150, 1, 2020))
    expect(r.predictedYear).toBe(2023)
    expect(r.predictedValue).toBeCloseTo(105, 10)
    expect(r.ratio).toBeCloseTo(0.5, 10)
    expect(r.status).toBe("acceleration-needed")
  })

  it("not assessable: a base of 0, values of opposite signs, fewer than two years, a due year not after the base", () => {
    expect(escapAnticipated(towards(p(2015, 0), p(2020, 5), 10, 1, 2030))).toEqual({ status: "not-assessable", reason: "zero-base" })
    expect(escapAnticipated(towards(p(2015, -10), p(2020, 5), 10, 1, 2030))).toEqual({ status: "not-assessable", reason: "values-change-sign" })
    expect(escapAnticipated(towards(undefined, p(2020, 5), 10, 1, 2030))).toEqual({ status: "not-assessable", reason: "fewer-than-two-years" })
    expect(escapAnticipated(towards(p(2015, 5), p(2020, 6), 10, 1, 2014))).toEqual({ status: "not-assessable", reason: "due-before-base" })
  })

  it("a current value of 0 from a positive base is a rate of -100 %: ŷ = 0", () => {
    const r = escapAnticipated(towards(p(2015, 8), p(2020, 0), 5, -1, 2030))
    expect(r.observedRate).toBe(-1)
    expect(r.predictedValue).toBe(0)
    expect(r.status).toBe("achieve-target")
  })
})

describe("method comparison: a judgement is method-dependent when no common class is admitted by every assessing method", () => {
  it("all three agree (on track): 50 (2015) -> 64 (2022), at least 80 by 2030", () => {
    const c = compare(towards(p(2015, 50), p(2022, 64), 80, 1, 2030))
    // Open SDG: 3.5895 % / 3.1830 % = R 1.1277 (substantial); SDSN: 2/yr against 2/yr, ratio 1 (on track);
    // ESCAP: ŷ(2030) = 84.861 >= 80 (achieve the target)
    expect(c.openSdg.ratio).toBeCloseTo(1.1277, 4)
    expect([c.openSdg.status, c.sdsn.status, c.escap.status]).toEqual(["substantial", "on-track", "achieve-target"])
    expect(c.agreed).toEqual(["on-track"])
    expect(c.methodDependent).toBe(false)
  })

  it("agree on 'progressing' with ESCAP's coarser class: 20 (2015) -> 30 (2022), at least 60 by 2030", () => {
    const c = compare(towards(p(2015, 20), p(2022, 30), 60, 1, 2030))
    // Open SDG: 5.9634 % / 7.5990 % = 0.7848 (moderate); SDSN: 0.5357 (moderately improving);
    // ESCAP: ŷ = 30 · 1.059634^8 = 47.68 < 60 (acceleration needed: progressing or limited)
    expect(c.openSdg.ratio).toBeCloseTo(0.7848, 4)
    expect(c.escap.classes).toEqual(["progressing", "limited"])
    expect(c.agreed).toEqual(["progressing"])
    expect(c.methodDependent).toBe(false)
  })

  it("method-dependent: PM2.5-like 100 (2015) -> 70 (2022), at most 40 by 2030", () => {
    const c = compare(towards(p(2015, 100), p(2022, 70), 40, -1, 2030))
    // Open SDG: -4.9677 %/yr against -5.9258 %/yr: R = 0.8383, moderate (progressing);
    // SDSN: -4.2857/yr against -4/yr: ratio 1.0714, on track;
    // ESCAP: ŷ(2030) = 46.566 > 40, acceleration needed (progressing or limited).
    // A constant percentage decline slows in absolute terms: the linear method says on track, the compound ones do not.
    expect(c.openSdg.status).toBe("moderate")
    expect(c.sdsn.status).toBe("on-track")
    expect(c.escap.status).toBe("acceleration-needed")
    expect(c.agreed).toEqual([])
    expect(c.methodDependent).toBe(true)
  })

  it("method-dependent the other way: 10 (2015) -> 20 (2022), at least 100 by 2030", () => {
    const c = compare(towards(p(2015, 10), p(2022, 20), 100, 1, 2030))
    // Open SDG: (2^(1/7) - 1) / (10^(1/15) - 1) = 10.409 % / 16.591 % = 0.6274, moderate (progressing);
    // SDSN: (10/7) / (90/15) = 1.4286 / 6 = 0.2381, stagnating (limited);
    // ESCAP: ŷ = 20 · 2^(8/7) = 44.16, APr = 34.16 / 90 = 0.3796, acceleration needed
    expect(c.openSdg.ratio).toBeCloseTo(0.6274, 4)
    expect(c.sdsn.ratio).toBeCloseTo(0.2381, 4)
    expect(c.escap.ratio).toBeCloseTo(0.3796, 4)
    expect(c.methodDependent).toBe(true)
  })

  it("all regressing: 50 (2010) -> 45 (2020), at least 100 by 2030", () => {
    const c = compare(towards(p(2010, 50), p(2020, 45), 100, 1, 2030))
    expect([c.openSdg.status, c.sdsn.status, c.escap.status]).toEqual(["deterioration", "decreasing", "regress"])
    expect(c.agreed).toEqual(["regressing"])
  })

  it("without a target only Open SDG judges: never method-dependent", () => {
    const current = p(2023, 110)
    const c = compareMethods(progressWithoutTarget({ base: p(2015, 100), current, direction: "higher-is-better" }), undefined)
    expect(c.openSdg.status).toBe("moderate")
    expect(c.sdsn).toEqual({ status: "not-assessable", reason: "no-target", classes: [] })
    expect(c.escap).toEqual({ status: "not-assessable", reason: "no-target", classes: [] })
    expect(c.agreed).toEqual(["progressing"])
    expect(c.methodDependent).toBe(false)
  })

  it("values that change sign: only the linear SDSN trend can judge, so nothing to disagree with", () => {
    const c = compare(towards(p(2015, -10), p(2020, 5), 10, 1, 2030))
    expect(c.openSdg).toMatchObject({ status: "insufficient-data", reason: "values-change-sign", classes: [] })
    expect(c.escap).toMatchObject({ status: "not-assessable", reason: "values-change-sign" })
    expect(c.sdsn.status).toBe("on-track")
    expect(c.methodDependent).toBe(false)
  })

  it("fewer than two years: none can judge", () => {
    const c = compare(towards(undefined, p(2022, 64), 80, 1, 2030))
    expect([c.openSdg.reason, c.sdsn.reason, c.escap.reason]).toEqual(["fewer-than-two-years", "fewer-than-two-years", "fewer-than-two-years"])
    expect(c.agreed).toEqual([])
    expect(c.methodDependent).toBe(false)
  })

  it("a base of 0: Open SDG (0 -> 0.001, R = 5.299) and SDSN (1/yr against 0.6667/yr) agree; ESCAP cannot judge", () => {
    const c = compare(towards(p(2015, 0), p(2020, 5), 10, 1, 2030))
    expect(c.openSdg.status).toBe("substantial")
    expect(c.sdsn.ratio).toBeCloseTo(1.5, 10)
    expect(c.escap.reason).toBe("zero-base")
    expect(c.methodDependent).toBe(false)
  })
})

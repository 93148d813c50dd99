// The composite toolkit at its edges (issue #22): each case worked by hand, arithmetic in the comments.
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { aggregateScores, compose, gapDecomposition } from "../src/Compose.js"
import type { CompositeError } from "../src/Errors.js"
import { distanceToTarget, goalposts, minMax } from "../src/Normalise.js"
import { quantile } from "../src/Quantile.js"
import { sensitivity } from "../src/Sensitivity.js"
import { renormalise } from "../src/Weights.js"

const right = <A>(e: Either.Either<A, CompositeError>): A => Either.getOrThrowWith(e, (l) => new Error(l.message))
const left = <A>(e: Either.Either<A, CompositeError>): CompositeError => Either.getOrThrowWith(Either.flip(e), () => new Error("expected a Left"))

describe("gap decomposition under the composite's own method (defect 1)", () => {
  it("geometric: {a 50, b 25}, equal weights: G = sqrt(1250) = 35.355, gap 64.645 split ln2 : ln4 = 1 : 2", () => {
    const gap = right(gapDecomposition({ a: 50, b: 25 }, { a: 0.5, b: 0.5 }, "geometric"))
    // ln(100/G) = 0.5 ln 2 + 0.5 ln 4 = 1.5 ln 2; b's share 0.5 ln 4 / 1.5 ln 2 = 2/3 -> 43.096; a 1/3 -> 21.548
    expect(gap.map((g) => g.id)).toEqual(["b", "a"])
    expect(gap[0]!.pointsLost).toBeCloseTo((2 / 3) * (100 - Math.sqrt(1250)), 10)
    expect(gap[1]!.pointsLost).toBeCloseTo(21.548220313557, 9)
    expect(gap[0]!.pointsLost + gap[1]!.pointsLost).toBeCloseTo(100 - Math.sqrt(1250), 12)
  })

  it("geometric: an input at 100 costs nothing; {a 100, b 25}: G = sqrt(2500) = 50, b costs all 50", () => {
    const gap = right(gapDecomposition({ a: 100, b: 25 }, { a: 0.5, b: 0.5 }, "geometric"))
    expect(gap.map((g) => [g.id, Number(g.pointsLost.toFixed(12))])).toEqual([["b", 50], ["a", 0]])
  })

  it("the published 2022 sub-indices, geometric: gap 19.115 (not the arithmetic 19.1025); carbon costs 5.433", () => {
    // G = exp(0.25 (ln 78.57 + ln 81.76 + ln 80.98 + ln 82.28)) = 80.8849; 100 - G = 19.1151
    // carbon: 0.25 ln(100/78.57) = 0.060295 of ln(100/G) = 0.212109 -> 0.28426 * 19.1151 = 5.4329
    const gap = right(gapDecomposition({ carbon: 78.57, pollution: 81.76, green: 80.98, growth: 82.28 }, { carbon: 0.25, pollution: 0.25, green: 0.25, growth: 0.25 }, "geometric"))
    expect(gap.reduce((s, g) => s + g.pointsLost, 0)).toBeCloseTo(19.115105597214, 9)
    expect(gap[0]).toMatchObject({ id: "carbon" })
    expect(gap[0]!.pointsLost).toBeCloseTo(5.4329, 4)
  })

  it("refuses a geometric decomposition over a zero score instead of printing Infinity", () => {
    expect(left(gapDecomposition({ a: 0, b: 50 }, { a: 0.5, b: 0.5 }, "geometric")).reason).toBe("non-positive-input")
  })
})

describe("missing or NaN inputs are never ranked first (defect 2)", () => {
  it("aggregateScores refuses a NaN input with a weight: not Right(NaN)", () => {
    const e = left(aggregateScores({ x: Number.NaN, y: 99 }, { x: 0.5, y: 0.5 }, "arithmetic"))
    expect(e.reason).toBe("missing-input")
    expect(e.message).toContain("x = NaN")
  })

  it("an input weighted 0 may be missing: {x NaN, y 99} with weights (0, 1) -> 99", () => {
    expect(right(aggregateScores({ x: Number.NaN, y: 99 }, { x: 0, y: 1 }, "arithmetic"))).toBe(99)
  })

  it("sensitivity lists a region with a missing input last, unranked, naming the input", () => {
    // B = (90 + 80) / 2 = 85 -> 1; C = (50 + 60) / 2 = 55 -> 2; A has no x: not computable, listed last
    const result = right(sensitivity({ A: { x: Number.NaN, y: 99 }, B: { x: 90, y: 80 }, C: { x: 50, y: 60 } }, { x: 0.5, y: 0.5 }))
    expect(result.regions.map((r) => [r.region, r.rank])).toEqual([["B", 1], ["C", 2], ["A", null]])
    expect(result.regions[2]).toMatchObject({ composite: null, rankInterval: null, missing: ["x"] })
    expect(result.regions[0]!.composite).toBe(85)
  })
})

describe("distance to target on its ratio-scale domain (defect 3)", () => {
  it("scores inside the domain: 0.25 of 0.5 -> 50; 1 against at most 0.5 -> 50; 0 against at most 0.5 -> 100", () => {
    expect(right(distanceToTarget(0.25, 0.5, "higher-is-better"))).toBe(50)
    expect(right(distanceToTarget(1, 0.5, "lower-is-better"))).toBe(50)
    expect(right(distanceToTarget(0, 0.5, "lower-is-better"))).toBe(100)
    expect(right(distanceToTarget(0, 50, "higher-is-better"))).toBe(0)
  })

  it("refuses values below 0 and targets of 0 or below, saying why (was 0, 100 and NaN)", () => {
    expect(left(distanceToTarget(-0.1, 0.5, "lower-is-better")).message).toBe(
      "distance to target needs a value of 0 or more (a ratio scale); the value is -0.1. Use goalposts instead",
    )
    expect(left(distanceToTarget(-10, -5, "higher-is-better")).message).toBe(
      "distance to target needs a target above 0 (a ratio scale); the target is -5. Use goalposts instead",
    )
    expect(left(distanceToTarget(0, 0, "higher-is-better")).reason).toBe("out-of-domain")
  })
})

describe("present inputs with no weight are not computable (defect 4)", () => {
  it("compose({a: missing, b: 30}, {a: 1, b: 0}) is refused, not 30", () => {
    expect(left(compose({ a: undefined, b: 30 }, { a: 1, b: 0 }, { maxMissingShare: 0.5 })).message).toBe(
      "not computable: the inputs present (b) carry a total weight of 0",
    )
  })

  it("still renormalises when the present inputs carry weight: {a missing, b 30, c 60}, (0.5, 0.25, 0.25) -> b, c 0.5 each -> 45", () => {
    const c = right(compose({ a: undefined, b: 30, c: 60 }, { a: 0.5, b: 0.25, c: 0.25 }, { maxMissingShare: 0.5 }))
    expect(c.weights).toEqual({ b: 0.5, c: 0.5 })
    expect(c.value).toBe(45)
    expect(left(renormalise({ a: 1, b: 0 }, ["b"])).reason).toBe("zero-weight")
  })
})

describe("min-max carries missing values as missing (defect 5)", () => {
  it("{A 10, B 20, C missing, D NaN}: A 0, B 100, C and D missing", () => {
    expect(right(minMax({ A: 10, B: 20, C: undefined, D: Number.NaN }, "higher-is-better"))).toEqual({ A: 0, B: 100, C: undefined, D: undefined })
  })

  it("says what is wrong with empty, all-missing and flat input", () => {
    expect(left(minMax({}, "higher-is-better")).message).toBe("min-max normalisation needs values; none were given")
    expect(left(minMax({ A: undefined, B: Number.NaN }, "higher-is-better")).message).toBe(
      "min-max normalisation needs values; none of the 2 units has one",
    )
    expect(left(minMax({ A: 5, B: 5, C: undefined }, "higher-is-better")).message).toBe(
      "min-max normalisation needs at least two different values; all 2 units with a value have 5 (1 missing). Use goalposts instead",
    )
  })

  it("scales to a chosen range: [1, 100] puts {10, 20, 30} at 1, 1 + 0.5 * 99 = 50.5, 100", () => {
    expect(right(minMax({ A: 10, B: 20, C: 30 }, "higher-is-better", { range: [1, 100] }))).toEqual({ A: 1, B: 50.5, C: 100 })
  })
})

describe("the geometric mean in the default sensitivity run, and goalposts bounds (defect 6)", () => {
  // min-max scores: the worst unit on each input is 0
  const minMaxed = { A: { x: 0, y: 100 }, B: { x: 100, y: 0 }, C: { x: 50, y: 60 } }

  it("the default run leaves the geometric mean out over a min-max set, naming the regions", () => {
    const result = right(sensitivity(minMaxed, { x: 0.5, y: 0.5 }))
    expect(result.methods).toEqual(["arithmetic"])
    expect(result.skipped).toEqual([
      "geometric mean not run: it needs positive scores, and A (x = 0), B (y = 0) is not (rescale to [1, 100] to include it)",
    ])
    // C = (50 + 60) / 2 = 55 -> 1; A = B = 50 share rank 2
    expect(result.regions.map((r) => [r.region, r.rank])).toEqual([["C", 1], ["A", 2], ["B", 2]])
    // 5 weight sets (base, x and y each -20% and +20%) under one method
    expect(result.scenarios).toBe(5)
  })

  it("a geometric mean asked for explicitly is refused, naming the region and input", () => {
    expect(left(sensitivity(minMaxed, { x: 0.5, y: 0.5 }, { methods: ["geometric"] })).message).toBe(
      "a geometric mean needs positive scores; region A (x = 0), region B (y = 0). Use the arithmetic mean or rescale (e.g. min-max to [1, 100])",
    )
  })

  it("goalposts refuse lo == hi and lo > hi (was NaN or 100, and a silently flipped scale)", () => {
    expect(left(goalposts(5, { lo: 3, hi: 3 }, "higher-is-better")).message).toBe("goalposts: lo and hi are both 3, which defines no scale; give two different values")
    expect(left(goalposts(35, { lo: 80, hi: 20 }, "higher-is-better")).message).toBe(
      'goalposts: lo = 80 is above hi = 20; give lo < hi and say "lower-is-better" to reverse the scale',
    )
    expect(left(goalposts(Number.NaN, { lo: 0, hi: 1 }, "higher-is-better")).reason).toBe("out-of-domain")
  })
})

describe("rank intervals are the 5th-95th percentiles (defect 7)", () => {
  it("R's default quantile: [1, 2, 3, 4] at 0.05 -> 1 + 0.15 * 1 = 1.15; [2, 2, 2, 2, 3] at 0.95 -> 2 + 0.8 * 1 = 2.8", () => {
    expect(quantile([1, 2, 3, 4], 0.05)).toBeCloseTo(1.15, 12)
    expect(quantile([3, 2, 2, 2, 2], 0.95)).toBeCloseTo(2.8, 12)
    expect(quantile([5], 0.95)).toBe(5)
  })

  it("A {100, 0}, B {0, 100}, C {48, 48} over the 5 one-at-a-time weight sets: C's interval [2, 2.8], range [2, 3]", () => {
    // x's weight in the 5 sets: 0.5, 0.4/0.9 = 0.444, 0.6/1.1 = 0.545, 0.5/0.9 = 0.556 (y down), 0.5/1.1 = 0.455 (y up)
    // A = 100 w_x: 50, 44.4, 54.5, 55.6, 45.5; B = 100 - A; C = 48 always
    // ranks A: 1 (tie), 3, 1, 1, 3; B: 1, 1, 3, 3, 1; C: 3, 2, 2, 2, 2
    const result = right(sensitivity({ A: { x: 100, y: 0 }, B: { x: 0, y: 100 }, C: { x: 48, y: 48 } }, { x: 0.5, y: 0.5 }, { methods: ["arithmetic"] }))
    const by = Object.fromEntries(result.regions.map((r) => [r.region, r]))
    expect(result.scenarios).toBe(5)
    // C sorted 2, 2, 2, 2, 3: 5th percentile at h = 0.2 -> 2; 95th at h = 3.8 -> 2 + 0.8 = 2.8; median 2
    expect(by.C!.rankInterval![0]).toBe(2)
    expect(by.C!.rankInterval![1]).toBeCloseTo(2.8, 12)
    expect(by.C!.medianRank).toBe(2)
    expect(by.C!.rankRange).toEqual([2, 3])
    // A sorted 1, 1, 1, 3, 3: 5th -> 1; 95th at h = 3.8 -> 3 + 0.8 * 0 = 3; median 1
    expect(by.A!.rankInterval).toEqual([1, 3])
    expect(by.A!.medianRank).toBe(1)
    // composite: A's sorted 44.44, 45.45, 50, 54.55, 55.56; 5th at h = 0.2 -> 44.44 + 0.2 * 1.01 = 44.65
    expect(by.A!.compositeInterval![0]).toBeCloseTo(400 / 9 + 0.2 * (500 / 11 - 400 / 9), 10)
  })

  it("stays in place as the draws grow: 2 regions, one dominating, [1, 1] and [2, 2] at 0 and 2,000 draws", () => {
    for (const randomDraws of [0, 2000]) {
      const r = right(sensitivity({ A: { x: 90, y: 80 }, B: { x: 10, y: 20 } }, { x: 0.5, y: 0.5 }, { randomDraws, seed: 3 }))
      expect(r.regions.map((x) => x.rankInterval)).toEqual([[1, 1], [2, 2]])
    }
  })
})

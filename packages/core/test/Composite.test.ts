import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { aggregateScores, compose, gapDecomposition } from "../src/Compose.js"
import { distanceToTarget, goalposts, minMax } from "../src/Normalise.js"
import { sensitivity, scenarios } from "../src/Sensitivity.js"
import { equalWeights, flattenWeights, validateWeights } from "../src/Weights.js"

const y2022 = { carbon: 78.57, pollution: 81.76, green: 80.98, growth: 82.28 }
const y2012 = { carbon: 33.72, pollution: 50.17, green: 78.04, growth: 48.36 }
const equal = equalWeights(Object.keys(y2022))
const right = <A, E>(e: Either.Either<A, E>): A => Either.getOrThrowWith(e, (l) => new Error(String(l)))
const left = <A, E>(e: Either.Either<A, E>): E => Either.getLeft(e).pipe((o) => (o._tag === "Some" ? o.value : (undefined as never)))

describe("normalisation", () => {
  it("goalposts truncate to 0..100 and reverse for lower-is-better", () => {
    expect(right(goalposts(35, { lo: 20, hi: 80 }, "higher-is-better"))).toBe(25)
    expect(right(goalposts(35, { lo: 20, hi: 80 }, "lower-is-better"))).toBe(75)
    expect(right(goalposts(95, { lo: 20, hi: 80 }, "higher-is-better"))).toBe(100)
    expect(right(goalposts(5, { lo: 20, hi: 80 }, "higher-is-better"))).toBe(0)
  })

  it("min-max scores the best region 100 and the worst 0; refuses when there is no spread", () => {
    expect(right(minMax({ A: 10, B: 20, C: 30 }, "higher-is-better"))).toEqual({ A: 0, B: 50, C: 100 })
    expect(right(minMax({ A: 10, B: 20, C: 30 }, "lower-is-better"))).toEqual({ A: 100, B: 50, C: 0 })
    expect(left(minMax({ A: 5, B: 5 }, "higher-is-better")).reason).toBe("no-spread")
  })

  it("distance to target caps at 100", () => {
    expect(right(distanceToTarget(80.96, 100, "higher-is-better"))).toBeCloseTo(80.96, 10)
    expect(right(distanceToTarget(120, 100, "higher-is-better"))).toBe(100)
    expect(right(distanceToTarget(50, 40, "lower-is-better"))).toBe(80)
  })
})

describe("weights", () => {
  it("validates weights: >= 0 and summing to 1", () => {
    expect(left(validateWeights({ a: 0.5, b: 0.6 })).message).toBe("weights: weights sum to 1.1, not 1; divide each by the sum to renormalise")
    expect(left(validateWeights({ a: -0.5, b: 1.5 })).message).toContain("a = -0.5")
    expect(right(validateWeights({ a: 0.23, b: 0.3, c: 0.24, d: 0.23 }))).toBeDefined()
  })

  it("flattens nested weights to effective leaf weights", () => {
    const tree = {
      id: "composite",
      weight: 1,
      children: [
        { id: "carbon", weight: 0.5, children: [{ id: "co2", weight: 0.5 }, { id: "non-fossil", weight: 0.5 }] },
        { id: "growth", weight: 0.5 },
      ],
    }
    expect(right(flattenWeights(tree))).toEqual({ co2: 0.25, "non-fossil": 0.25, growth: 0.5 })
    const bad = { id: "c", weight: 1, children: [{ id: "x", weight: 0.7 }, { id: "y", weight: 0.7 }] }
    expect(left(flattenWeights(bad)).message).toContain("weights under c: weights sum to 1.4")
  })
})

describe("aggregation on the published YRD sub-indices", () => {
  it("equal-weight arithmetic composite: 52.5725 (2012), 80.8975 (2022)", () => {
    expect(right(aggregateScores(y2012, equal, "arithmetic"))).toBeCloseTo(52.5725, 10)
    expect(right(aggregateScores(y2022, equal, "arithmetic"))).toBeCloseTo(80.8975, 10)
  })

  it("equal-weight geometric composite 2022 = 80.88", () => {
    expect(right(aggregateScores(y2022, equal, "geometric")).toFixed(2)).toBe("80.88")
  })

  it("weights (0.23, 0.30, 0.24, 0.23) reproduce the published 52.66 and 80.96", () => {
    const w = { carbon: 0.23, pollution: 0.3, green: 0.24, growth: 0.23 }
    expect(right(aggregateScores(y2012, w, "arithmetic")).toFixed(2)).toBe("52.66")
    expect(right(aggregateScores(y2022, w, "arithmetic")).toFixed(2)).toBe("80.96")
  })

  it("refuses a geometric mean over a zero score, naming it", () => {
    expect(left(aggregateScores({ ...y2022, green: 0 }, equal, "geometric")).message).toContain("green = 0")
  })

  it("decomposes the computed 2022 gap 19.1025: carbon 5.3575, green 4.755, pollution 4.56, growth 4.43", () => {
    const gap = right(gapDecomposition(y2022, equal))
    expect(gap.map((g) => [g.id, Number(g.pointsLost.toFixed(4))])).toEqual([
      ["carbon", 5.3575],
      ["green", 4.755],
      ["pollution", 4.56],
      ["growth", 4.43],
    ])
    expect(gap.reduce((s, g) => s + g.pointsLost, 0)).toBeCloseTo(19.1025, 10)
  })

  it("missing data: one of four missing (25%) refuses at the default 20%; allowed at 25% with renormalised weights", () => {
    const scores = { ...y2022, green: undefined }
    expect(left(compose(scores, equal)).message).toBe("1 of 4 inputs are missing (green), more than the allowed 20%")
    const c = right(compose(scores, equal, { maxMissingShare: 0.25 }))
    expect(c.missing).toEqual(["green"])
    expect(c.value).toBeCloseTo((78.57 + 81.76 + 82.28) / 3, 10)
  })
})

describe("sensitivity", () => {
  const five = {
    A: { x: 90, y: 85, z: 95 },
    B: { x: 76, y: 60, z: 50 },
    C: { x: 60, y: 75, z: 55 },
    D: { x: 40, y: 45, z: 80 },
    E: { x: 30, y: 20, z: 35 },
  }
  const w = { x: 0.4, y: 0.3, z: 0.3 }

  it("builds 1 + 2n perturbations per method: 7 x 2 = 14 scenarios, plus seeded random draws", () => {
    expect(scenarios(w)).toHaveLength(14)
    expect(scenarios(w, { randomDraws: 10, seed: 7 })).toEqual(scenarios(w, { randomDraws: 10, seed: 7 }))
    expect(scenarios(w, { randomDraws: 10 })).toHaveLength(34)
  })

  it("gives rank intervals; the region that dominates every input keeps rank 1, the dominated one rank 5", () => {
    const result = right(sensitivity(five, w, { randomDraws: 50, seed: 42 }))
    const by = Object.fromEntries(result.regions.map((r) => [r.region, r]))
    expect(by.A!.rankInterval).toEqual([1, 1])
    expect(by.E!.rankInterval).toEqual([5, 5])
    // base: B = 0.4*76+0.3*60+0.3*50 = 63.4, C = 0.4*60+0.3*75+0.3*55 = 63, D = 0.4*40+0.3*45+0.3*80 = 53.5
    expect(by.B!.composite).toBeCloseTo(63.4, 10)
    expect(by.C!.composite).toBeCloseTo(63, 10)
    expect(by.D!.composite).toBeCloseTo(53.5, 10)
    expect(by.B!.rank).toBe(2)
    expect(by.C!.rank).toBe(3)
    // with x's weight 20% lower, C = (0.32*60+0.3*75+0.3*55)/0.92 = 63.26 > B = (0.32*76+0.3*60+0.3*50)/0.92 = 62.30: they swap
    expect(by.A!.rank).toBe(1)
    expect(by.B!.rankInterval).toEqual([2, 3])
    expect(by.C!.rankInterval).toEqual([2, 3])
    expect(by.B!.compositeInterval![0]).toBeLessThan(63.4)
    expect(by.B!.compositeInterval![1]).toBeGreaterThan(63.4)
  })
})

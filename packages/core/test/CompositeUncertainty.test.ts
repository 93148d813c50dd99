// Uncertainty over a composite's method choices (issue #22, item 3): cases whose ranks are worked out by hand.
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { compositeUncertainty } from "../src/CompositeUncertainty.js"

const right = <A, E>(e: Either.Either<A, E>): A => Either.getOrThrowWith(e, (l) => new Error(String(l)))
const equal = { x: 0.5, y: 0.5 }

describe("compositeUncertainty", () => {
  // A = {100, 10}, B = {40, 40}. With p = 0.2 the weight of x is a/(a + b), a, b in [0.8, 1.2]: within [0.4, 0.6].
  // Arithmetic: A = 10 + 90 w in [46, 64] > 40 -> A first whatever the weights; geometric: A = 10^(1 + w) in
  // [25.1, 39.8] < 40 -> B first. So the ranks depend on the aggregation only: its indices are 1, the weights' 0.
  it("a ranking decided by the aggregation alone: aggregation S = ST = 1, weights exactly 0", () => {
    const r = right(compositeUncertainty({ A: { x: 100, y: 10 }, B: { x: 40, y: 40 } }, equal, { normalisations: ["as-given"], imputations: ["available"], samples: 4_000 }))
    expect(r.factors.map((f) => [f.factor, f.count])).toEqual([["weights", 100], ["aggregation", 2]])
    expect(r.runs).toBe(4_000 * 4)
    const a = r.units[0]!
    expect([a.unit, a.composite, a.rank, a.rankInterval]).toEqual(["A", 55, 1, [1, 2]])
    expect(r.units[1]!.rank).toBe(2)
    const weights = a.sensitivity!.find((s) => s.factor === "weights")!
    const aggregation = a.sensitivity!.find((s) => s.factor === "aggregation")!
    expect([weights.firstOrder, weights.total]).toEqual([0, 0])
    expect(Math.abs(aggregation.firstOrder - 1)).toBeLessThan(0.05)
    expect(Math.abs(aggregation.total - 1)).toBeLessThan(0.05)
    expect(a.mostInfluential).toBe("aggregation")
    expect(r.overall!.find((s) => s.factor === "weights")!.total).toBe(0)
  })

  // y of A, B, C, E = 10, 20, 30, 100 (mean 40, median 25); x = 50 for all; D has no y. Equal weights, arithmetic:
  // A 30, B 35, C 40, E 75; D = 50 with its weight on x alone ("available"), 45 with the mean, 37.5 with the median.
  // D is 2nd under two of the three imputations and 3rd under the median (C then 2nd): D's rank 2 w.p. 2/3.
  it("an imputation choice moves the unit missing a value and the one it passes; the rest never move", () => {
    const values = { A: { x: 50, y: 10 }, B: { x: 50, y: 20 }, C: { x: 50, y: 30 }, D: { x: 50, y: undefined }, E: { x: 50, y: 100 } }
    const r = right(compositeUncertainty(values, equal, { perturbation: 0, aggregations: ["arithmetic"], normalisations: ["as-given"], maxMissingShare: 0.5 }))
    expect(r.factors.map((f) => f.factor)).toEqual(["imputation"])
    expect(r.units.map((u) => [u.unit, u.composite, u.rank, u.medianRank, u.rankInterval])).toEqual([
      ["E", 75, 1, 1, [1, 1]],
      ["D", 50, 2, 2, [2, 3]],
      ["C", 40, 3, 3, [2, 3]],
      ["B", 35, 4, 4, [4, 4]],
      ["A", 30, 5, 5, [5, 5]],
    ])
    const d = r.units[1]!
    expect(d.missing).toEqual(["y"])
    expect(d.mostInfluential).toBe("imputation")
    expect(Math.abs(d.sensitivity![0]!.total - 1)).toBeLessThan(0.1)
    expect(r.units.filter((u) => u.sensitivity === null).map((u) => u.unit)).toEqual(["E", "B", "A"])
  })

  it("leaves a unit missing too much unranked, listed last", () => {
    const r = right(compositeUncertainty({ A: { x: 60, y: 20 }, B: { x: 30, y: 40 }, C: { x: 50 } }, equal, { samples: 50 }))
    expect(r.units.map((u) => [u.unit, u.rank])).toEqual([["A", 1], ["B", 2], ["C", null]])
    expect(r.units[2]!.missing).toEqual(["y"])
  })

  it("refuses a geometric mean over an as-given score of 0, naming the unit and the choices; min-max to [1, 100] runs", () => {
    const values = { A: { x: 0, y: 50 }, B: { x: 40, y: 40 }, C: { x: 20, y: 60 } }
    const r = compositeUncertainty(values, equal, { normalisations: ["as-given"], samples: 50 })
    expect(Either.isLeft(r) && r.left.reason).toBe("non-positive-input")
    expect(Either.isLeft(r) && r.left.message).toContain("after available imputation and as-given normalisation, A (x = 0) is not")
    expect(Either.isRight(compositeUncertainty(values, equal, { normalisations: ["min-max"], samples: 50 }))).toBe(true)
  })

  it("refuses a run where nothing varies", () => {
    const r = compositeUncertainty({ A: { x: 1, y: 2 }, B: { x: 2, y: 1 } }, equal, { perturbation: 0, aggregations: ["arithmetic"], normalisations: ["as-given"], imputations: ["available"] })
    expect(Either.isLeft(r) && r.left.reason).toBe("invalid-options")
  })
})

// Sobol' indices (issue #22, item 3) on analytic cases whose indices are worked by hand.
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { sobolIndices, sobolIndicesOfEach, uniformChoice } from "../src/Sobol.js"

const right = <A, E>(e: Either.Either<A, E>): A => Either.getOrThrowWith(e, () => new Error("expected a Right"))

describe("Sobol' indices (Saltelli 2010 first order, Jansen total)", () => {
  it("Y = X1 + 2 X2, X uniform on [0, 1): variances 1/12 and 4/12 of 5/12 -> S = ST = 0.2 and 0.8", () => {
    const r = right(sobolIndices((x) => x[0]! + 2 * x[1]!, 2, 20_000, 7))
    expect(r.firstOrder[0]).toBeCloseTo(0.2, 1)
    expect(r.firstOrder[1]).toBeCloseTo(0.8, 1)
    expect(r.total[0]).toBeCloseTo(0.2, 1)
    expect(r.total[1]).toBeCloseTo(0.8, 1)
    expect(r.runs).toBe(80_000)
  })

  it("Y = X1 X2: V = 1/9 - 1/16 = 7/144, V1 = Var(X1 / 2) = 1/48 = 3/144 -> S1 = 3/7 = 0.43, ST1 = 1 - S2 = 4/7 = 0.57", () => {
    const r = right(sobolIndices((x) => x[0]! * x[1]!, 2, 20_000, 11))
    expect(Math.abs(r.firstOrder[0]! - 3 / 7)).toBeLessThan(0.03)
    expect(Math.abs(r.total[0]! - 4 / 7)).toBeLessThan(0.03)
    // the interaction is the gap between total and first order: 4/7 - 3/7 = 1/7 for each input
    expect(Math.abs(r.total[1]! - r.firstOrder[1]! - 1 / 7)).toBeLessThan(0.04)
  })

  it("an input the model ignores has indices near 0; the same seed gives the same numbers", () => {
    const r = right(sobolIndices((x) => x[0]!, 2, 5_000, 3))
    expect(Math.abs(r.firstOrder[1]!)).toBeLessThan(0.02)
    expect(r.total[1]).toBe(0)
    expect(sobolIndices((x) => x[0]!, 2, 100, 3)).toEqual(sobolIndices((x) => x[0]!, 2, 100, 3))
  })
})

describe("Sobol' indices of discrete choices (uniformChoice: each of m alternatives with probability 1/m)", () => {
  const bit = (u: number) => uniformChoice(u, [0, 1])

  it("picks alternative floor(u m)", () => {
    expect([0, 0.33, 0.34, 0.67, 0.99].map((u) => uniformChoice(u, ["a", "b", "c"]))).toEqual(["a", "a", "b", "c", "c"])
  })

  it("Y = a + 2b, a and b each 0 or 1: Var a = 1/4, Var 2b = 1 of V = 5/4 -> S = ST = 0.2 and 0.8", () => {
    const r = right(sobolIndices((x) => bit(x[0]!) + 2 * bit(x[1]!), 2, 20_000, 5))
    for (const [i, expected] of [[0, 0.2], [1, 0.8]] as const) {
      expect(Math.abs(r.firstOrder[i]! - expected)).toBeLessThan(0.03)
      expect(Math.abs(r.total[i]! - expected)).toBeLessThan(0.03)
    }
  })

  it("Y = a b, a and b each 0 or 1: V = 1/4 - 1/16 = 3/16, Var E[Y | a] = Var(a/2) = 1/16 -> S = 1/3, ST = 1 - 1/3 = 2/3", () => {
    const r = right(sobolIndices((x) => bit(x[0]!) * bit(x[1]!), 2, 20_000, 9))
    for (const i of [0, 1]) {
      expect(Math.abs(r.firstOrder[i]! - 1 / 3)).toBeLessThan(0.03)
      expect(Math.abs(r.total[i]! - 2 / 3)).toBeLessThan(0.03)
    }
  })

  it("of each output from the same runs; an output that does not vary has none", () => {
    const r = right(sobolIndicesOfEach((x) => [bit(x[0]!), 3], 2, 1_000, 1))
    expect(r.outputs[1]).toBeNull()
    expect(r.outputs[0]!.total[1]).toBe(0)
    expect(Math.abs(r.outputs[0]!.total[0]! - 1)).toBeLessThan(0.1)
    expect(r.sample).toHaveLength(2_000)
    expect(r.runs).toBe(4_000)
  })
})

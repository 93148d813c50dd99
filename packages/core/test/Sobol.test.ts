// Sobol' indices (issue #22, item 3) on analytic cases whose indices are worked by hand.
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { sobolIndices } from "../src/Sobol.js"

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

// Correlation and Cronbach's alpha (issue #22, item 2) on cases worked by hand.
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { correlation, cronbachAlpha } from "../src/Consistency.js"
import type { CompositeError } from "../src/Errors.js"

const right = <A>(e: Either.Either<A, CompositeError>): A => Either.getOrThrowWith(e, (l) => new Error(l.message))
const left = <A>(e: Either.Either<A, CompositeError>): CompositeError => Either.getOrThrowWith(Either.flip(e), () => new Error("expected a Left"))

// x = 1, 2, 3 and y = 1, 3, 2: variances 1 and 1, covariance ((-1)(-1) + 0 · 1 + 1 · 0) / 2 = 0.5
const table = { x: { a: 1, b: 2, c: 3, d: undefined }, y: { a: 1, b: 3, c: 2, d: 7 }, z: { a: 1, b: 2, c: 3 }, w: { a: 3, b: 2, c: 1 } }

describe("correlation and Cronbach's alpha over complete cases", () => {
  it("r(x, y) = 0.5 / (1 · 1) = 0.5 (d, without x, is left out); r(x, z) = 1; r(x, w) = -1", () => {
    expect(right(correlation(table, "x", "y"))).toBeCloseTo(0.5, 12)
    expect(right(correlation(table, "x", "z"))).toBeCloseTo(1, 12)
    expect(right(correlation(table, "x", "w"))).toBeCloseTo(-1, 12)
  })

  it("alpha(x, y) = 2 (1 - (1 + 1) / (1 + 1 + 0.5 + 0.5)) = 2/3; alpha(x, z) = 1; alpha(x, w) undefined (the sum is constant)", () => {
    expect(right(cronbachAlpha(table, ["x", "y"]))).toBeCloseTo(2 / 3, 12)
    expect(right(cronbachAlpha(table, ["x", "z"]))).toBeCloseTo(1, 12)
    expect(left(cronbachAlpha(table, ["x", "w"])).reason).toBe("no-spread")
    expect(left(cronbachAlpha(table, ["x"])).reason).toBe("invalid-options")
  })
})

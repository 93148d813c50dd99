// PCA weights (issue #22, item 2: an option, never the default) on correlation matrices worked by hand.
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { pcaWeights } from "../src/PcaWeights.js"

const right = <A, E>(e: Either.Either<A, E>): A => Either.getOrThrowWith(e, () => new Error("expected a Right"))

describe("PCA weights: squared loadings on the first principal component", () => {
  // over a..d: x = 1, 2, 3, 4 and y = 1, 3, 2, 4 correlate (r = 0.8); z = 1, -1, -1, 1 has r = 0 with both
  const table = { x: { a: 1, b: 2, c: 3, d: 4 }, y: { a: 1, b: 3, c: 2, d: 4 }, z: { a: 1, b: -1, c: -1, d: 1 } }

  it("R = [[1, .8, 0], [.8, 1, 0], [0, 0, 1]]: first eigenvector (1, 1, 0)/sqrt 2, eigenvalue 1.8 -> weights 0.5, 0.5, 0; share 1.8/3 = 0.6", () => {
    const r = right(pcaWeights(table, ["x", "y", "z"]))
    expect(r.weights.x).toBeCloseTo(0.5, 10)
    expect(r.weights.y).toBeCloseTo(0.5, 10)
    expect(r.weights.z).toBeCloseTo(0, 10)
    expect(r.explainedShare).toBeCloseTo(0.6, 10)
  })

  it("two indicators always get 0.5 each (the eigenvector of [[1, r], [r, 1]] is (1, 1)/sqrt 2)", () => {
    const r = right(pcaWeights(table, ["x", "y"]))
    expect(r.weights).toEqual({ x: expect.closeTo(0.5, 10), y: expect.closeTo(0.5, 10) })
    expect(r.explainedShare).toBeCloseTo(0.9, 10)
  })
})

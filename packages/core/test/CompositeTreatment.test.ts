// Imputation and outlier treatment as COINr does them (issue #22, item 2), on cases worked by hand.
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import type { CompositeError } from "../src/Errors.js"
import { impute } from "../src/Impute.js"
import { kurtosis, skewness, treatOutliers } from "../src/Outliers.js"

const right = <A>(e: Either.Either<A, CompositeError>): A => Either.getOrThrowWith(e, (l) => new Error(l.message))
const left = <A>(e: Either.Either<A, CompositeError>): CompositeError => Either.getOrThrowWith(Either.flip(e), () => new Error("expected a Left"))

describe("imputation (COINr i_mean, i_median, i_mean_grp), imputed units listed", () => {
  const v = { A: 10, B: 20, C: 60, D: undefined }
  it("mean (10 + 20 + 60) / 3 = 30; median 20; D is listed as imputed", () => {
    expect(right(impute(v, "mean"))).toEqual({ values: { A: 10, B: 20, C: 60, D: 30 }, imputed: ["D"], stillMissing: [] })
    expect(right(impute(v, "median")).values.D).toBe(20)
  })

  it("group mean: D in group y with B and C -> (20 + 60) / 2 = 40; a unit whose group has no value stays missing", () => {
    expect(right(impute(v, "mean", { A: "x", B: "y", C: "y", D: "y" })).values.D).toBe(40)
    const r = right(impute({ A: 10, E: undefined }, "mean", { A: "x", E: "z" }))
    expect(r).toEqual({ values: { A: 10, E: undefined }, imputed: [], stillMissing: ["E"] })
  })

  it("refuses when no unit has a value", () => {
    expect(left(impute({ A: undefined }, "mean")).message).toBe("imputation needs values; none of the 1 units has one")
  })
})

describe("outlier treatment (COINr Treat: winsorise, then log_CT)", () => {
  it("skewness and kurtosis of {1, 2, 3, 4, 10}: 12 / sqrt(50) = 1.697 and 3.152", () => {
    // d = -3, -2, -1, 0, 6: Σd² = 50, Σd³ = 180, Σd⁴ = 1394
    // skew = sqrt(5) 180 / 50^1.5 · sqrt(20) / 3 = 1800 / (3 · 50 sqrt 50) = 12 / sqrt(50)
    expect(skewness([1, 2, 3, 4, 10])).toBeCloseTo(12 / Math.sqrt(50), 12)
    // r = 5 · 1394 / 50² = 2.788; ((5 + 1)(2.788 - 3) + 6)(5 - 1) / ((5 - 2)(5 - 3)) = 4.728 · 4 / 6 = 3.152
    expect(kurtosis([1, 2, 3, 4, 10])).toBeCloseTo(3.152, 12)
  })

  // COINr's own example: 1..10 and two outliers, 30 and 100
  const x: Record<string, number> = Object.fromEntries([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 30, 100].map((v, i) => [`u${i + 1}`, v]))

  it("1..10, 30, 100 (skew 3.06, kurtosis 9.74) fails; winsorising 100 to 30 gives skew 1.71 < 2: passes, u12 marked", () => {
    expect(skewness(Object.values(x))).toBeCloseTo(3.0632410342, 9)
    expect(kurtosis(Object.values(x))).toBeCloseTo(9.7413908346, 9)
    const t = right(treatOutliers({ ...x, missing: undefined }))
    expect(t.treatment).toBe("winsorised")
    expect(t.treated).toEqual(["u12"])
    expect(t.values.u12).toBe(30)
    expect(t.values.u11).toBe(30)
    expect(t.values.missing).toBeUndefined()
    expect(t.skewness).toBeCloseTo(1.7120380601, 9)
  })

  it("with no winsorising allowed, log(x - min + 0.01 (max - min)): 1 -> ln 0.99 = -0.01005, 100 -> ln 99.99 = 4.6051", () => {
    const t = right(treatOutliers(x, { winMax: 0 }))
    expect(t.treatment).toBe("log")
    expect(t.treated).toHaveLength(12)
    expect(t.values.u1).toBeCloseTo(Math.log(0.99), 12)
    expect(t.values.u12).toBeCloseTo(Math.log(99.99), 12)
  })

  it("leaves a symmetric indicator alone: {1, 2, 3, 4, 5} has skew 0", () => {
    expect(right(treatOutliers({ a: 1, b: 2, c: 3, d: 4, e: 5 }))).toMatchObject({ treatment: "none", treated: [] })
    expect(left(treatOutliers({ a: 1, b: 2, c: 3 })).reason).toBe("no-values")
  })
})

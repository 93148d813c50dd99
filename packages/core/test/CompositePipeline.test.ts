// COINr's normalisations and means (issue #22, item 2), each on a case worked by hand, and on 27 members.
import { Either } from "effect"
import { describe, expect, it } from "vitest"
import { aggregateScores } from "../src/Compose.js"
import type { CompositeError } from "../src/Errors.js"
import { generalisedMean, harmonicMean } from "../src/Means.js"
import { rankScores } from "../src/RankScores.js"
import { zScore } from "../src/Standardise.js"

const right = <A>(e: Either.Either<A, CompositeError>): A => Either.getOrThrowWith(e, (l) => new Error(l.message))
const left = <A>(e: Either.Either<A, CompositeError>): CompositeError => Either.getOrThrowWith(Either.flip(e), () => new Error("expected a Left"))

describe("z-scores (COINr n_zscore)", () => {
  it("{2, 4, 6}: mean 4, sample sd sqrt((4 + 0 + 4) / 2) = 2 -> -1, 0, 1; a missing unit stays missing", () => {
    expect(right(zScore({ A: 2, B: 4, C: 6, D: undefined }, "higher-is-better"))).toEqual({ A: -1, B: 0, C: 1, D: undefined })
    expect(right(zScore({ A: 2, B: 4, C: 6 }, "lower-is-better"))).toEqual({ A: 1, B: 0, C: -1 })
    expect(right(zScore({ A: 2, B: 4, C: 6 }, "higher-is-better", { meanSd: [100, 10] }))).toEqual({ A: 90, B: 100, C: 110 })
  })

  it("refuses one value, equal values and a deviation of 0", () => {
    expect(left(zScore({ A: 5, B: undefined }, "higher-is-better")).message).toBe("z-scores need at least two values; 1 of 2 units have one")
    expect(left(zScore({ A: 5, B: 5 }, "higher-is-better")).reason).toBe("no-spread")
    expect(left(zScore({ A: 1, B: 2 }, "higher-is-better", { meanSd: [0, 0] })).reason).toBe("invalid-options")
  })
})

describe("rank, percentile-rank and Borda scores (COINr n_rank, n_prank, n_borda)", () => {
  const v = { A: 10, B: 30, C: 30, D: 20, E: undefined }
  it("{10, 30, 30, 20, missing}: ties take the lowest rank (1, 3, 3, 2); Borda one less; percentile (r - 1) / 3", () => {
    expect(right(rankScores(v, "higher-is-better", "rank"))).toEqual({ A: 1, B: 3, C: 3, D: 2, E: undefined })
    expect(right(rankScores(v, "higher-is-better", "borda"))).toEqual({ A: 0, B: 2, C: 2, D: 1, E: undefined })
    expect(right(rankScores(v, "higher-is-better", "percentile-rank"))).toEqual({ A: 0, B: 2 / 3, C: 2 / 3, D: 1 / 3, E: undefined })
  })

  it("lower-is-better ranks the lowest value highest: 10 -> 4, 20 -> 3, the two 30s -> 1", () => {
    expect(right(rankScores(v, "lower-is-better", "rank"))).toEqual({ A: 4, B: 1, C: 1, D: 3, E: undefined })
  })

  it("refuses no values, and a percentile rank of a single value", () => {
    expect(left(rankScores({ A: undefined }, "higher-is-better", "rank")).reason).toBe("no-values")
    expect(left(rankScores({ A: 1 }, "higher-is-better", "percentile-rank")).message).toBe("percentile-rank scores need at least 2 value(s); 1 of 1 units have one")
  })
})

describe("harmonic and generalised means (COINr a_hmean, a_genmean)", () => {
  it("harmonic {50, 100}: 1 / (0.5/50 + 0.5/100) = 200/3; weights (0.25, 0.75): 1 / (0.005 + 0.0075) = 80", () => {
    expect(right(harmonicMean({ a: 50, b: 100 }, { a: 0.5, b: 0.5 }))).toBeCloseTo(200 / 3, 12)
    expect(right(harmonicMean({ a: 50, b: 100 }, { a: 0.25, b: 0.75 }))).toBeCloseTo(80, 12)
    expect(left(harmonicMean({ a: 0, b: 100 }, { a: 0.5, b: 0.5 })).reason).toBe("non-positive-input")
  })

  it("generalised: p = 2 over {20, 40} = sqrt(1000) = 31.623; p = 1 the arithmetic 30; p = -1 the harmonic", () => {
    expect(right(generalisedMean({ a: 20, b: 40 }, { a: 0.5, b: 0.5 }, 2))).toBeCloseTo(Math.sqrt(1000), 12)
    expect(right(generalisedMean({ a: 20, b: 40 }, { a: 0.5, b: 0.5 }, 1))).toBeCloseTo(30, 12)
    expect(right(generalisedMean({ a: 50, b: 100 }, { a: 0.5, b: 0.5 }, -1))).toBeCloseTo(200 / 3, 12)
    expect(left(generalisedMean({ a: 50, b: 100 }, { a: 0.5, b: 0.5 }, 0)).reason).toBe("invalid-options")
    expect(left(generalisedMean({ a: 0, b: 100 }, { a: 0.5, b: 0.5 }, -1)).reason).toBe("non-positive-input")
  })

  it("compensate less in order: harmonic 66.67 <= geometric sqrt(5000) = 70.71 <= arithmetic 75 over {50, 100}", () => {
    const s = { a: 50, b: 100 }
    const w = { a: 0.5, b: 0.5 }
    expect(right(harmonicMean(s, w))).toBeLessThan(right(aggregateScores(s, w, "geometric")))
    expect(right(aggregateScores(s, w, "geometric"))).toBeCloseTo(Math.sqrt(5000), 12)
    expect(right(aggregateScores(s, w, "geometric"))).toBeLessThan(right(aggregateScores(s, w, "arithmetic")))
  })
})

describe("27 members", () => {
  // v_i = 40 + (37 i mod 61) + i / 10, i = 0..26: all different
  const values = Object.fromEntries(Array.from({ length: 27 }, (_, i) => [`m${i}`, 40 + ((37 * i) % 61) + i / 10]))

  it("z-scores sum to 0 and their squares to n - 1 = 26; three checked against Python's statistics.stdev", () => {
    const z = right(zScore(values, "higher-is-better"))
    const zs = Object.values(z) as Array<number>
    expect(zs.reduce((s, x) => s + x, 0)).toBeCloseTo(0, 12)
    expect(zs.reduce((s, x) => s + x * x, 0)).toBeCloseTo(26, 12)
    // mean 70.448148, sd 18.356499 (Python 3.11 statistics.mean / statistics.stdev)
    expect(z.m0).toBeCloseTo(-1.6587121657386605, 12)
    expect(z.m5).toBeCloseTo(-1.5225206182537323, 12)
    expect(z.m26).toBeCloseTo(1.0433281363623172, 12)
  })

  it("percentile ranks are the sorted positions over 26: m0 (the lowest, 40) 0, m5 (42.5, 2nd) 1/26, m26 (89.6, 22nd) 21/26", () => {
    const p = right(rankScores(values, "higher-is-better", "percentile-rank"))
    expect(p.m0).toBe(0)
    expect(p.m5).toBeCloseTo(1 / 26, 12)
    expect(p.m26).toBeCloseTo(21 / 26, 12)
    expect([...(Object.values(p) as Array<number>)].sort((a, b) => a - b)).toEqual(Array.from({ length: 27 }, (_, i) => i / 26))
  })
})

import { describe, expect, it } from "vitest"
import { km2ToMu, MU_PER_KM2, muToKm2, SQUARE_METRES_PER_MU } from "../src/index.js"

describe("mu and km²", () => {
  it("1 km² = 1,500 mu; 1 mu = 10,000/15 m² ≈ 666.67 m²", () => {
    expect(MU_PER_KM2).toBe(1500)
    expect(SQUARE_METRES_PER_MU).toBeCloseTo(666.6667, 4)
    expect(MU_PER_KM2 * SQUARE_METRES_PER_MU).toBeCloseTo(1_000_000, 6)
  })

  it.each([
    [766_000, 510.6667],
    [665_400, 443.6],
    [1_500, 1],
  ])("%d mu = %d km²", (mu, km2) => {
    expect(muToKm2(mu)).toBeCloseTo(km2, 4)
  })

  it.each([
    [143.32, 214_980],
    [647.6, 971_400],
    [803.6, 1_205_400],
  ])("%d km² = %d mu", (km2, mu) => {
    expect(km2ToMu(km2)).toBeCloseTo(mu, 6)
  })

  it("converts back and forth without drift", () => {
    for (const mu of [1, 766_000, 665_400, 123_456.789]) expect(km2ToMu(muToKm2(mu))).toBeCloseTo(mu, 6)
  })
})

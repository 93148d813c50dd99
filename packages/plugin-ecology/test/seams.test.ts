/**
 * Seams on the toy map in its metric frame (A | B border at x = 1000, redlines y in [200, 800], so every facing
 * stretch is 600 m): the border tolerance and the seam band as separate parameters, the widest gap and its length,
 * and the baseline year's seams beside the current year's.
 */
import { describe, expect, it } from "vitest"
import { measureRedlines } from "../src/internal/measure.js"
import type { SeamPair } from "../src/internal/seams.js"
import { A, B, feature, redlineByRegion, toyInputs, toyOptions, withOverlay } from "./toyMap.js"
import type { MeasureOptions, MetricInputs } from "../src/internal/measure.js"

const measure = (inputs: Partial<MetricInputs>, options: Partial<MeasureOptions> = {}) =>
  withOverlay((o) => measureRedlines(toyInputs(inputs), toyOptions(o, options)))
const ab = (seams: ReadonlyArray<SeamPair>) => seams.find((s) => s.a === A && s.b === B)!
const gapOf = (s: SeamPair) => ({ gapM2: s.gapM2, widestGapM: s.widestGapM, gapLengthM: s.gapLengthM, facingM: s.facingM, aOnlyM: s.aOnlyM, bOnlyM: s.bOnlyM })
const rounded = (s: SeamPair) => Object.fromEntries(Object.entries(gapOf(s)).map(([k, v]) => [k, Math.round(v * 1e6) / 1e6]))

describe("redline seams: border tolerance, seam band, widest gap", () => {
  it("sees a 38 m gap (A stops at x = 962) in the default ±100 m band: 38 m wide along 600 m, 22,800 m2", async () => {
    const m = await measure({ redlinesCurrent: redlineByRegion(962, 1000) })
    expect(rounded(ab(m.seams))).toEqual({ gapM2: 22_800, widestGapM: 38, gapLengthM: 600, facingM: 600, aOnlyM: 0, bOnlyM: 0 })
  })

  it("with a ±20 m band A's redline does not reach the band: no gap area, 600 m where only B's redline reaches it", async () => {
    const m = await measure({ redlinesCurrent: redlineByRegion(962, 1000) }, { seamBandM: 20 })
    expect(rounded(ab(m.seams))).toEqual({ gapM2: 0, widestGapM: 0, gapLengthM: 0, facingM: 0, aOnlyM: 0, bOnlyM: 600 })
  })

  it("a ±20 m band sees a 30 m gap that straddles the border (A to x = 985, B from x = 1015): 18,000 m2", async () => {
    const m = await measure({ redlinesCurrent: redlineByRegion(985, 1015) }, { seamBandM: 20 })
    expect(rounded(ab(m.seams))).toEqual({ gapM2: 18_000, widestGapM: 30, gapLengthM: 600, facingM: 600, aOnlyM: 0, bOnlyM: 0 })
  })

  it("a wedge-shaped gap (B's edge from (1000, 200) to (1038, 800)) is 38 m at its widest (less 1/600, held along 1 m), 600 m long, 11,400 m2", async () => {
    const wedge = [
      [
        [1000, 200],
        [2000, 200],
        [2000, 800],
        [1038, 800],
        [1000, 200],
      ] as Array<[number, number]>,
    ]
    const [a, , c] = redlineByRegion()
    const m = await measure({ redlinesCurrent: [a!, feature("redlines-current", 2, wedge, { region: B }), c!] })
    expect(rounded(ab(m.seams))).toEqual({ gapM2: 11_400, widestGapM: Math.round(((38 * 599) / 600) * 1e6) / 1e6, gapLengthM: 600, facingM: 600, aOnlyM: 0, bOnlyM: 0 })
  })

  it("a gap along part of the border: B's part starts at x = 1010 for y in [200, 500] only, 10 m x 300 m", async () => {
    const [a, , c] = redlineByRegion()
    const b = [feature("redlines-current", 2, [[[1010, 200], [2000, 200], [2000, 800], [1000, 800], [1000, 500], [1010, 500], [1010, 200]]], { region: B })]
    const m = await measure({ redlinesCurrent: [a!, ...b, c!] })
    expect(rounded(ab(m.seams))).toEqual({ gapM2: 3_000, widestGapM: 10, gapLengthM: 300, facingM: 600, aOnlyM: 0, bOnlyM: 0 })
  })

  it("boundaries 30 m apart are no shared border at the 10 m tolerance, and one at 40 m", async () => {
    const far = toyInputs().boundaries.map((f, i) => (i === 0 ? feature("boundaries", 1, [[[0, 0], [970, 0], [970, 1000], [0, 1000], [0, 0]]], { region: A }) : f))
    const inputs = { boundaries: far, redlinesCurrent: redlineByRegion(970, 1000) }
    expect((await measure(inputs)).seams.find((s) => s.a === A && s.b === B)).toBeUndefined()
    const wide = await measure(inputs, { borderToleranceM: 40 })
    expect(Math.round(ab(wide.seams).sharedBorderM)).toBe(1000)
  })

  it("measures the baseline redlines' seams too: a 38 m gap in the baseline year, none in the current one", async () => {
    const m = await measure({ redlinesBaseline: redlineByRegion(1000, 1038, "redlines-baseline"), redlinesCurrent: redlineByRegion() })
    expect(rounded(ab(m.baselineSeams))).toEqual({ gapM2: 22_800, widestGapM: 38, gapLengthM: 600, facingM: 600, aOnlyM: 0, bOnlyM: 0 })
    expect(rounded(ab(m.seams))).toEqual({ gapM2: 0, widestGapM: 0, gapLengthM: 0, facingM: 600, aOnlyM: 0, bOnlyM: 0 })
  })
})

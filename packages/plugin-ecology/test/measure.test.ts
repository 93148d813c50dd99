/**
 * The measurements on the toy map in its local metric frame, where every figure is exact and checkable by hand.
 */
import { describe, expect, it } from "vitest"
import type { LandUseClass } from "../src/landUseClasses.js"
import { measureRedlines } from "../src/internal/measure.js"
import { A, B, boundaries, C, feature, K, rect, redlineByRegion, toyInputs, toyOptions, withOverlay } from "./toyMap.js"

const measure = (over: Parameters<typeof toyInputs>[0] = {}) => withOverlay((o) => measureRedlines(toyInputs(over), toyOptions(o)))
const byUnit = (m: ReadonlyMap<string, number>) => Object.fromEntries([...m].map(([k, v]) => [k, Math.round(v * 1000) / 1000]))

describe("redline measurements in the metric frame", () => {
  it("R = [500,2500]x[200,800] is 1,200,000 m2: A 300k, B 600k, C 300k, whoever drew it", async () => {
    const m = await measure()
    expect(byUnit(m.current.areaByUnitM2)).toEqual({ [A]: 300_000, [B]: 600_000, [C]: 300_000 })
    expect(m.current.totalM2).toBe(1_200_000)
    expect(m.current.outsideM2).toBe(0)
    expect(m.territories.problems).toEqual([])
  })

  it("counts overlapping redline features once", async () => {
    const m = await measure({ redlinesCurrent: [feature("r", 1, rect(500, 200, 1500, 800), { region: A }), feature("r", 2, rect(1000, 200, 2500, 800), { region: B })] })
    expect(m.current.totalM2).toBe(1_200_000)
  })

  it("shrinking R to [500,2500]x[200,790] leaves 1,180,000 m2 (98.33%)", async () => {
    const m = await measure({ redlinesCurrent: [feature("r", 1, rect(500, 200, 2500, 790), { region: B })] })
    expect(byUnit(m.current.areaByUnitM2)).toEqual({ [A]: 295_000, [B]: 590_000, [C]: 295_000 })
    expect(m.current.totalM2 / m.baseline.totalM2).toBeCloseTo(0.98333, 5)
  })

  it("K = [1800,2200]x[700,900] puts 40,000 m2 of construction inside R: B 20k, C 20k", async () => {
    const m = await measure({ constructionCurrent: [feature("k", 1, K)], constructionBaseline: [feature("kb", 1, rect(1800, 700, 2000, 900))] })
    const e = m.encroachment!
    expect(e.byUnit.get(B)).toEqual({ totalM2: 20_000, newM2: 0, features: 1 })
    expect(e.byUnit.get(C)).toEqual({ totalM2: 20_000, newM2: 20_000, features: 1 })
    expect(e.features).toEqual([{ file: "k", row: 1, label: "feature 1", unit: B, areaM2: 40_000, newM2: 20_000 }])
  })

  it("settles features wholly inside or outside the redline without an overlay", async () => {
    const inside = feature("k", 1, rect(600, 300, 700, 400))
    const outside = feature("k", 2, rect(600, 900, 700, 950))
    const m = await measure({ constructionCurrent: [inside, outside] })
    expect(m.encroachment!.byUnit.get(A)).toEqual({ totalM2: 10_000, newM2: undefined, features: 1 })
  })

  it("refuses construction features that overlap each other, naming both", async () => {
    const run = measure({ constructionCurrent: [feature("construction-current", 1, rect(600, 300, 700, 400)), feature("construction-current", 2, rect(650, 300, 750, 400))] })
    await expect(run).rejects.toMatchObject({
      reason: "invalid-input",
      problems: [{ file: "construction-current", row: 1, message: expect.stringContaining("feature 1 overlaps feature 2 by 5000.0 m²") }],
    })
  })

  it("A's part running to x = 1000.5 overlaps B's by 300 m2 (0.5 m x 600 m); no gap", async () => {
    const m = await measure({ redlinesCurrent: redlineByRegion(1000.5, 1000) })
    const ab = m.seams.find((s) => s.a === A && s.b === B)!
    expect(ab.overlapM2).toBeCloseTo(300, 6)
    expect(ab.gapM2).toBe(0)
    expect([ab.sharedBorderM, ab.facingM, ab.aOnlyM, ab.bOnlyM]).toEqual([1000, 600, 0, 0])
    expect(m.seams.find((s) => s.a === B && s.b === C)).toMatchObject({ overlapM2: 0, gapM2: 0 })
  })

  it("B's part starting at x = 1000.5 leaves a 300 m2 gap, 0.5 m wide along 600 m", async () => {
    const gap = await measure({ redlinesCurrent: redlineByRegion(1000, 1000.5) })
    const ab = gap.seams.find((s) => s.a === A && s.b === B)!
    expect(ab.gapM2).toBeCloseTo(300, 6)
    expect(ab.widestGapM).toBeCloseTo(0.5, 9)
    expect(ab.gapLengthM).toBeCloseTo(600, 9)
    expect(ab.overlapM2).toBe(0)
  })

  it("reports region boundaries drawn 0.5 m apart as a 500 m2 overlap, given to the lower code", async () => {
    const m = await measure({ boundaries: boundaries(1000.5) })
    expect(m.territories.problems).toEqual([{ kind: "overlap", regions: [A, B], areaM2: 500, at: [1000.25, 500] }])
    expect(byUnit(m.current.areaByUnitM2)).toEqual({ [A]: 300_300, [B]: 599_700, [C]: 300_000 })
  })

  it("reports a gap between boundaries as a boundary problem", async () => {
    const m = await measure({
      boundaries: [
        feature("b", 1, [rect(0, 0, 1000, 1000)[0]!, [[400, 400], [400, 600], [600, 600], [600, 400], [400, 400]]], { region: A }),
        feature("b", 2, rect(1000, 0, 2000, 1000), { region: B }),
        feature("b", 3, rect(2000, 0, 3000, 1000), { region: C }),
      ],
    })
    expect(m.territories.problems).toEqual([{ kind: "gap", regions: [A], areaM2: 40_000, at: [500, 500] }])
    expect(m.current.outsideM2).toBe(20_000)
  })

  it("builds the land-use conversion matrix inside the baseline redline and the natural share of the current one", async () => {
    const lu = (file: string, cells: Array<[number, number, LandUseClass]>) =>
      cells.map(([x0, x1, landUse], i) => feature(file, i + 1, rect(x0, 0, x1, 1000), { landUse }))
    const m = await measure({
      landUseBaseline: lu("lu0", [
        [0, 1500, "forest"],
        [1500, 3000, "cropland"],
      ]),
      landUseCurrent: lu("lu1", [
        [0, 1000, "forest"],
        [1000, 1500, "water"],
        [1500, 2200, "cropland"],
        [2200, 3000, "construction"],
      ]),
    })
    const cells = Object.fromEntries([...m.conversion!.cells].map(([from, row]) => [from, Object.fromEntries(row)]))
    expect(cells).toEqual({ forest: { forest: 300_000, water: 300_000 }, cropland: { cropland: 420_000, construction: 180_000 } })
    expect(Object.fromEntries(m.naturalLand!)).toEqual({
      [A]: { naturalM2: 300_000, classifiedM2: 300_000 },
      [B]: { naturalM2: 300_000, classifiedM2: 600_000 },
      [C]: { naturalM2: 0, classifiedM2: 300_000 },
    })
  })
})

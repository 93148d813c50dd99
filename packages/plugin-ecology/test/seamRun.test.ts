/**
 * Seams through the calculator on the toy map in lon/lat near 31°N, as an analyst meets them: a 38 m gap between
 * A's and B's redlines (A | B border at x = 1000, facing along 600 m) in the seams table, the values and the notes,
 * for the baseline and the current redlines in one run. Figures are the metric ones within 0.1%.
 */
import { describe, expect, it } from "vitest"
import { A, B, C, R, rect } from "./toyMap.js"
import { collection, geoFeature, refused, runRedlines, valueOf } from "./lonLatToy.js"

const near = (actual: unknown, expected: number) => {
  expect(typeof actual).toBe("number")
  if (expected === 0) expect(actual).toBe(0)
  else expect(Math.abs((actual as number) / expected - 1), `${String(actual)} vs ${expected}`).toBeLessThan(0.001)
}

const boundaries = collection([
  geoFeature(rect(0, 0, 1000, 1000), { region: A }, "A"),
  geoFeature(rect(1000, 0, 2000, 1000), { region: B }, "B"),
  geoFeature(rect(2000, 0, 3000, 1000), { region: C }, "C"),
])
const byRegion = (aRight = 1000, bLeft = 1000) =>
  collection([
    geoFeature(rect(500, 200, aRight, 800), { region: A }, "R-A"),
    geoFeature(rect(bLeft, 200, 2000, 800), { region: B }, "R-B"),
    geoFeature(rect(2000, 200, 2500, 800), { region: C }, "R-C"),
  ])
const files = (current: unknown, baseline: unknown = collection([geoFeature(R, { region: B })])) => ({ "redlines-baseline": baseline, "redlines-current": current, boundaries })

const seamRows = (output: { readonly tables?: ReadonlyArray<{ id: string; rows: ReadonlyArray<Record<string, unknown>> }> | undefined }, year: number) =>
  output.tables!.find((t) => t.id === "ecology.redline-seams")!.rows.filter((r) => r.year === year && r.regionA === A && r.regionB === B)
const notesOf = (output: { readonly tables?: ReadonlyArray<{ id: string; rows: ReadonlyArray<Record<string, unknown>> }> | undefined }, lang: "zh" | "en" = "en") =>
  output.tables!.find((t) => t.id === "ecology.redline-notes")!.rows.map((r) => String(r[lang])).join("\n")

describe("redline seams in a calculator run", () => {
  it("reports A stopping 38 m short of the border: 0.0228 km2, 38 m wide along 600 m, and says so in a note", async () => {
    const { output } = await runRedlines(files(byRegion(962, 1000)))
    near(valueOf(output, "ecology.redline-seam-gap-km2", A), 0.0228)
    near(valueOf(output, "ecology.redline-seam-gap-km2", B), 0.0228)
    near(valueOf(output, "ecology.redline-seam-gap-km2", "DEMO-ZONE"), 0.0228)
    const [row] = seamRows(output, 2024)
    near(row!.gapKm2, 0.0228)
    near(row!.widestGapM, 38)
    near(row!.gapLengthM, 600)
    expect(notesOf(output)).toContain("In 2024, 1 seam gap(s) are wider than the 10 m border tolerance (widest × length along the border): 青浦区 Qingpu District / 吴江区 Wujiang District: 38.0 m × 600 m (0.02")
    expect(notesOf(output)).toContain("the seam band reaches 100 m on each side of it, checked for the baseline and the current redlines")
    expect(notesOf(output, "zh")).toContain("2024 年红线有 1 处接缝缝隙宽于共同边界容差 10 m（最宽处 × 沿边界长度）：青浦区 Qingpu District / 吴江区 Wujiang District：38.0 m × 600 m（0.02")
  })

  it("with seamBandM 20 the gap is out of sight: 0 km2, and a note that the redlines do not both reach the band along 600 m", async () => {
    const { output } = await runRedlines(files(byRegion(962, 1000)), { params: { seamBandM: "20" } })
    expect(valueOf(output, "ecology.redline-seam-gap-km2", "DEMO-ZONE")).toBe(0)
    const [row] = seamRows(output, 2024)
    expect([row!.gapKm2, row!.widestGapM, row!.facingM, row!.aOnlyM]).toEqual([0, 0, 0, 0])
    near(row!.bOnlyM, 600)
    expect(notesOf(output)).toContain(
      "In 2024, the redlines of these neighbours do not both reach the ±20 m seam band along part of their shared border: 青浦区 Qingpu District / 吴江区 Wujiang District: 600 m. There the neighbour has no redline, or the gap is wider than the band",
    )
  })

  it("measures the baseline redlines' seams in the same run: a 38 m gap in 2020, closed by 2024; values for 2024 only", async () => {
    const { output } = await runRedlines(files(byRegion(), byRegion(1000, 1038)))
    const [before] = seamRows(output, 2020)
    const [now] = seamRows(output, 2024)
    near(before!.gapKm2, 0.0228)
    near(before!.widestGapM, 38)
    near(before!.gapLengthM, 600)
    expect([now!.gapKm2, now!.widestGapM, now!.gapLengthM]).toEqual([0, 0, 0])
    expect(valueOf(output, "ecology.redline-seam-gap-km2", "DEMO-ZONE")).toBe(0)
    expect(new Set(output.values.map((v) => v.year))).toEqual(new Set([2024]))
    expect(notesOf(output)).toContain("In 2020, 1 seam gap(s) are wider than the 10 m border tolerance")
    expect(notesOf(output)).not.toContain("In 2024, 1 seam gap(s)")
  })

  it("lists each pair's baseline row before its current row", async () => {
    const { output } = await runRedlines(files(byRegion()))
    const rows = output.tables!.find((t) => t.id === "ecology.redline-seams")!.rows
    expect(rows.map((r) => `${String(r.regionA)}/${String(r.regionB)} ${String(r.year)}`)).toEqual([`${A}/${B} 2020`, `${A}/${B} 2024`, `${B}/${C} 2020`, `${B}/${C} 2024`])
  })

  it("refuses the old seamToleranceM by name, and a seam band narrower than the border tolerance", async () => {
    const old = await refused(runRedlines(files(byRegion()), { params: { seamToleranceM: "10" } }))
    expect(old.message).toContain('unknown parameter "seamToleranceM"')
    expect(old.message).toContain("borderToleranceM")
    const narrow = await refused(runRedlines(files(byRegion()), { params: { seamBandM: "5" } }))
    expect(narrow.message).toContain("seamBandM 5 m must be at least borderToleranceM 10 m")
  })
})

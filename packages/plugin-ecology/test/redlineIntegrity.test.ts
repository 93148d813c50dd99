/**
 * The redline calculator on the toy map in lon/lat near 31°N, run as an agency would (GeoJSON files, a scope, a
 * year). Each expected figure is the metric one worked out by hand (see toyMap.ts); lon/lat results must agree
 * within 0.1%.
 */
import { yrdRegions } from "@tijian/core/plugin"
import { describe, expect, it } from "vitest"
import type { LandUseClass } from "../src/landUseClasses.js"
import { measureRedlines } from "../src/internal/measure.js"
import { runScope } from "../src/internal/scope.js"
import { buildValues, unitsByCode } from "../src/internal/values.js"
import { A, B, C, feature, K, R, rect, redlineByRegion, toyInputs, toyOptions, withOverlay } from "./toyMap.js"
import { collection, geoFeature, runRedlines, valueOf } from "./lonLatToy.js"

const near = (actual: number | undefined, expected: number) => {
  expect(actual).toBeDefined()
  if (expected === 0) expect(actual).toBe(0)
  else expect(Math.abs(actual! / expected - 1), `${actual} vs ${expected}`).toBeLessThan(0.001)
}

const boundaries = (aRight = 1000) =>
  collection([
    geoFeature(rect(0, 0, aRight, 1000), { region: A }, "A"),
    geoFeature(rect(1000, 0, 2000, 1000), { region: B }, "B"),
    geoFeature(rect(2000, 0, 3000, 1000), { region: C }, "C"),
  ])
const redline = (polygon = R, region = B) => collection([geoFeature(polygon, { region }, "R")])
const byRegion = (aRight = 1000, bLeft = 1000) =>
  collection([
    geoFeature(rect(500, 200, aRight, 800), { region: A }, "R-A"),
    geoFeature(rect(bLeft, 200, 2000, 800), { region: B }, "R-B"),
    geoFeature(rect(2000, 200, 2500, 800), { region: C }, "R-C"),
  ])

const files = (over: Record<string, unknown> = {}) => ({ "redlines-baseline": redline(), "redlines-current": redline(), boundaries: boundaries(), ...over })

describe("ecology.redline-integrity on the toy map in lon/lat", () => {
  it("measures the redline R as 1.2 km2: A 0.3, B 0.6, C 0.3, retention 100%", async () => {
    const { output } = await runRedlines(files())
    near(valueOf(output, "ecology.redline-area-km2", A), 0.3)
    near(valueOf(output, "ecology.redline-area-km2", B), 0.6)
    near(valueOf(output, "ecology.redline-area-km2", C), 0.3)
    near(valueOf(output, "ecology.redline-area-km2", "DEMO-ZONE"), 1.2)
    near(valueOf(output, "ecology.redline-area-retention", "DEMO-ZONE"), 1)
    expect(output.values.filter((v) => v.indicator === "ecology.redline-encroachment-km2")).toEqual([])
  })

  it("gives retention exactly 100% when the same redline is cut into each region's own features", async () => {
    const { output } = await runRedlines(files({ "redlines-current": byRegion() }))
    for (const region of [A, B, C, "DEMO-ZONE"]) expect(valueOf(output, "ecology.redline-area-retention", region)).toBe(1)
  })

  it("gives retention 98.33% when the redline shrinks to [500,2500]x[200,790]", async () => {
    const { output } = await runRedlines(files({ "redlines-current": redline(rect(500, 200, 2500, 790)) }))
    near(valueOf(output, "ecology.redline-area-km2", "DEMO-ZONE"), 1.18)
    near(valueOf(output, "ecology.redline-area-retention", "DEMO-ZONE"), 1.18 / 1.2)
    near(valueOf(output, "ecology.redline-area-retention", A), 0.295 / 0.3)
    expect(valueOf(output, "ecology.redline-area-retention", "DEMO-ZONE")!.toFixed(4)).toBe("0.9833")
  })

  it("finds 40,000 m2 of construction K inside R (B 20k, C 20k), all new without baseline construction", async () => {
    const { output } = await runRedlines(
      files({ "construction-current": collection([geoFeature(K, {}, "K")]), "construction-baseline": collection([]) }),
    )
    near(valueOf(output, "ecology.redline-encroachment-km2", "DEMO-ZONE"), 0.04)
    near(valueOf(output, "ecology.redline-encroachment-km2", B), 0.02)
    near(valueOf(output, "ecology.redline-encroachment-km2", C), 0.02)
    expect(valueOf(output, "ecology.redline-encroachment-km2", A)).toBe(0)
    near(valueOf(output, "ecology.redline-new-encroachment-km2", "DEMO-ZONE"), 0.04)
    const table = output.tables!.find((t) => t.id === "ecology.redline-encroaching-features")!
    expect(table.rows).toHaveLength(1)
    expect(table.rows[0]).toMatchObject({ file: "construction-current", row: 1, feature: 'feature 1 (id "K")' })
  })

  it("counts no new encroachment when K was already built in the baseline year; half of it when only B's half was", async () => {
    const same = await runRedlines(files({ "construction-current": collection([geoFeature(K)]), "construction-baseline": collection([geoFeature(K)]) }))
    expect(valueOf(same.output, "ecology.redline-new-encroachment-km2", "DEMO-ZONE")).toBe(0)
    const half = await runRedlines(
      files({ "construction-current": collection([geoFeature(K)]), "construction-baseline": collection([geoFeature(rect(1800, 700, 2000, 900))]) }),
    )
    expect(valueOf(half.output, "ecology.redline-new-encroachment-km2", B)).toBe(0)
    near(valueOf(half.output, "ecology.redline-new-encroachment-km2", C), 0.02)
  })

  it("reports a 300 m2 seam overlap when A's part runs to x = 1000.5 (0.5 m x 600 m)", async () => {
    const { output } = await runRedlines(files({ "redlines-current": byRegion(1000.5, 1000) }))
    near(valueOf(output, "ecology.redline-seam-overlap-km2", A), 0.0003)
    near(valueOf(output, "ecology.redline-seam-overlap-km2", B), 0.0003)
    expect(valueOf(output, "ecology.redline-seam-overlap-km2", C)).toBe(0)
    near(valueOf(output, "ecology.redline-seam-overlap-km2", "DEMO-ZONE"), 0.0003)
    expect(valueOf(output, "ecology.redline-seam-gap-km2", "DEMO-ZONE")).toBe(0)
    near(valueOf(output, "ecology.redline-area-km2", "DEMO-ZONE"), 1.2)
    const seams = output.tables!.find((t) => t.id === "ecology.redline-seams")!
    const current = seams.rows.filter((r) => r.year === 2024)
    expect(current.map((r) => [r.regionA, r.nameA, r.regionB, r.nameB, r.sharedBorderM, r.facingM])).toEqual([
      ["310118", "青浦区 Qingpu District", "320509", "吴江区 Wujiang District", expect.closeTo(1000, 0), expect.closeTo(600, 0)],
      ["320509", "吴江区 Wujiang District", "330421", "嘉善县 Jiashan County", expect.closeTo(1000, 0), expect.closeTo(600, 0)],
    ])
    // 0.5 m x 600 m = 300 m² = 0.000300 km², the unit of the seam indicators
    expect([current[0]!.overlapKm2, seams.columns.find((c) => c.id === "overlapKm2")!.decimals]).toEqual([0.0003, 6])
  })

  it("reports a 300 m2 seam gap when B's part starts at x = 1000.5", async () => {
    const { output } = await runRedlines(files({ "redlines-current": byRegion(1000, 1000.5) }))
    near(valueOf(output, "ecology.redline-seam-gap-km2", A), 0.0003)
    near(valueOf(output, "ecology.redline-seam-gap-km2", B), 0.0003)
    near(valueOf(output, "ecology.redline-seam-gap-km2", "DEMO-ZONE"), 0.0003)
    expect(valueOf(output, "ecology.redline-seam-overlap-km2", "DEMO-ZONE")).toBe(0)
    near(valueOf(output, "ecology.redline-area-km2", "DEMO-ZONE"), 1.2 - 0.0003)
  })

  it("reports boundaries drawn 0.5 m apart over their 1,000 m border as a 500 m2 overlap, counted once", async () => {
    const { output } = await runRedlines(files({ boundaries: boundaries(1000.5) }))
    const problems = output.tables!.find((t) => t.id === "ecology.boundary-problems")!
    expect(problems.rows).toHaveLength(1)
    expect(problems.rows[0]).toMatchObject({ kind: "边界重叠 boundaries overlap", regions: `${A}, ${B}` })
    expect(problems.rows[0]!.areaKm2).toBe(0.0005) // 500 m²
    near(valueOf(output, "ecology.redline-area-km2", A), 0.3003)
    near(valueOf(output, "ecology.redline-area-km2", B), 0.5997)
    near(valueOf(output, "ecology.redline-area-km2", "DEMO-ZONE"), 1.2)
    const notes = output.tables!.find((t) => t.id === "ecology.redline-notes")!
    expect(notes.rows.map((r) => r.en).join(" ")).toContain("1 overlap(s) and 0 gap(s)")
  })

  it("runs for one region: values for Wujiang only", async () => {
    const { output } = await runRedlines(files(), { region: B })
    expect([...new Set(output.values.map((v) => v.region))]).toEqual([B])
    near(valueOf(output, "ecology.redline-area-km2", B), 0.6)
  })

  const landUse = (cells: Array<[number, number, LandUseClass]>) => cells.map(([x0, x1, c]) => ({ polygon: rect(x0, 0, x1, 1000), c }))
  const baselineUse = landUse([
    [0, 1500, "forest"],
    [1500, 3000, "cropland"],
  ])
  const currentUse = landUse([
    [0, 1000, "forest"],
    [1000, 1500, "water"],
    [1500, 2200, "cropland"],
    [2200, 3000, "construction"],
  ])

  it("builds the conversion matrix (km2) and the natural land share (50%) from land-use polygons", async () => {
    const { output } = await runRedlines(
      files({
        "land-use-baseline": collection(baselineUse.map((u) => geoFeature(u.polygon, { class: u.c }))),
        "land-use-current": collection(currentUse.map((u) => geoFeature(u.polygon, { class: u.c === "water" ? "水域" : u.c }))),
      }),
    )
    near(valueOf(output, "ecology.redline-natural-land-share", "DEMO-ZONE"), 0.5)
    near(valueOf(output, "ecology.redline-natural-land-share", A), 1)
    near(valueOf(output, "ecology.redline-natural-land-share", B), 0.5)
    expect(valueOf(output, "ecology.redline-natural-land-share", C)).toBe(0)
    const matrix = output.tables!.find((t) => t.id === "ecology.land-use-conversion")!
    expect(matrix.columns.map((c) => c.id)).toEqual(["from", "forest", "water", "cropland", "construction", "totalKm2"])
    const forest = matrix.rows[0]!
    const cropland = matrix.rows[2]!
    expect(forest.from).toBe("林地 forest")
    near(forest.forest as number, 0.3)
    near(forest.water as number, 0.3)
    near(cropland.cropland as number, 0.42)
    near(cropland.construction as number, 0.18)
    expect(forest.cropland).toBe(0)
  })

  it("agrees with the metric frame within 0.1% on every value (seam gap, encroachment, land use together)", async () => {
    const lonLat = await runRedlines(
      files({
        "redlines-current": byRegion(1000, 1000.5),
        "construction-baseline": collection([geoFeature(rect(1800, 700, 2000, 900))]),
        "construction-current": collection([geoFeature(K)]),
        "land-use-baseline": collection(baselineUse.map((u) => geoFeature(u.polygon, { class: u.c }))),
        "land-use-current": collection(currentUse.map((u) => geoFeature(u.polygon, { class: u.c }))),
      }),
    )
    const metric = await withOverlay((overlay) =>
      measureRedlines(
        toyInputs({
          redlinesCurrent: redlineByRegion(1000, 1000.5),
          constructionBaseline: [feature("cb", 1, rect(1800, 700, 2000, 900))],
          constructionCurrent: [feature("cc", 1, K)],
          landUseBaseline: baselineUse.map((u, i) => feature("lb", i + 1, u.polygon, { landUse: u.c })),
          landUseCurrent: currentUse.map((u, i) => feature("lc", i + 1, u.polygon, { landUse: u.c })),
        }),
        toyOptions(overlay),
      ),
    )
    const regions = yrdRegions()
    const expected = buildValues(metric, unitsByCode(regions, runScope(regions, "DEMO-ZONE"), metric.territories.units), 2024, 2020, 1)
    expect(lonLat.output.values.map((v) => `${v.indicator}@${v.region}`)).toEqual(expected.map((v) => `${v.indicator}@${v.region}`))
    expected.forEach((e, i) => near(lonLat.output.values[i]!.value, e.value))
    expect(expected.length).toBe(4 * 7)
  })
})

/**
 * Invalid input is refused with an error naming the file, the feature and the field, before any overlay runs;
 * rings wound against RFC 7946's right-hand rule are accepted and normalised.
 */
import { type CalculatorError, yrdRegions } from "@tijian/core/plugin"
import { describe, expect, it } from "vitest"
import { parseFeatureCollection } from "../src/internal/geojson.js"
import { ringSignedAreaM2 } from "../src/internal/geometry.js"
import { prepareLayer } from "../src/internal/prepare.js"
import { lambertAzimuthalEqualArea } from "../src/internal/projection.js"
import { collection, geoFeature, lonLat, refused, runRedlines, valueOf } from "./lonLatToy.js"
import { A, B, C, R, rect } from "./toyMap.js"

const boundaries = collection([
  geoFeature(rect(0, 0, 1000, 1000), { region: A }),
  geoFeature(rect(1000, 0, 2000, 1000), { region: B }),
  geoFeature(rect(2000, 0, 3000, 1000), { region: C }),
])
const good = collection([geoFeature(R, { region: B }, "R")])
const polygon = (coordinates: unknown, properties: Record<string, unknown> = { region: B }, id = "R-bad") => ({ type: "Feature", id, properties, geometry: { type: "Polygon", coordinates } })
const ll = (pts: ReadonlyArray<[number, number]>) => pts.map(lonLat)

/** Runs with `current` as the current redline and returns the error. */
const refusal = (current: unknown, extra: Record<string, unknown> = {}): Promise<CalculatorError> =>
  refused(runRedlines({ "redlines-baseline": good, "redlines-current": current, boundaries, ...extra }))

describe("invalid redline input", () => {
  it("refuses a self-intersecting ring (a bow tie), naming the feature and where it crosses", async () => {
    const bowTie = ll([[500, 200], [1500, 800], [1500, 200], [500, 800], [500, 200]])
    const e = await refusal(collection([geoFeature(R, { region: A }), polygon([bowTie])]))
    expect(e.reason).toBe("invalid-input")
    expect(e.problems).toHaveLength(1)
    expect(e.problems[0]).toMatchObject({ file: "redlines-current", row: 2, field: "geometry" })
    expect(e.problems[0]!.message).toMatch(/^feature 2 \(id "R-bad"\): ring 0 intersects itself at 121\.0\d+°E 31\.00\d+°N \(the edges between positions 0-1 and 2-3\)/)
    expect(e.message).toContain("nothing was computed")
  })

  it("refuses an unclosed ring", async () => {
    const e = await refusal(collection([polygon([ll([[500, 200], [2500, 200], [2500, 800], [500, 800]])])]))
    expect(e.problems[0]).toMatchObject({ file: "redlines-current", row: 1, field: "geometry" })
    expect(e.problems[0]!.message).toContain('feature 1 (id "R-bad"): ring 0 is not closed')
  })

  it("refuses a ring of fewer than four positions", async () => {
    const e = await refusal(collection([polygon([ll([[500, 200], [2500, 200], [500, 200]])])]))
    expect(e.problems[0]!.message).toBe('feature 1 (id "R-bad"): ring 0 has 3 position(s); a ring needs at least 4 (three corners and the first repeated at the end)')
  })

  it("refuses a feature without a region code, and one with an unknown code", async () => {
    const e = await refusal(collection([geoFeature(R, {}, "R-1"), geoFeature(R, { region: "32059" }, "R-2")]))
    expect(e.problems.map((p) => [p.row, p.field])).toEqual([
      [1, "properties.region"],
      [2, "properties.region"],
    ])
    expect(e.problems[0]!.message).toContain('feature 1 (id "R-1"): has no region code (property "region")')
    expect(e.problems[1]!.message).toContain('region code "32059" is not a known region')
  })

  it("refuses projected coordinates, a Point, malformed JSON and an unknown land-use class", async () => {
    const projected = collection([polygon([[[500, 200], [2500, 200], [2500, 800], [500, 200]]])])
    expect((await refusal(projected)).problems[0]!.message).toContain("is not a WGS84 longitude/latitude (RFC 7946)")
    const point = collection([{ type: "Feature", properties: { region: B }, geometry: { type: "Point", coordinates: [121, 31] } }])
    expect((await refusal(point)).problems[0]!.message).toBe('feature 1: geometry type "Point" is not Polygon or MultiPolygon')
    expect((await refusal("{ not json")).problems[0]!.message).toMatch(/^not valid JSON/)
    const landUse = { "land-use-current": collection([geoFeature(R, { class: "orchard" })]) }
    const e = await refusal(good, landUse)
    expect(e.problems[0]).toMatchObject({ file: "land-use-current", row: 1, field: "properties.class" })
    expect(e.problems[0]!.message).toContain('land-use class "orchard" is not known')
  })

  it("refuses a run whose boundaries miss a member of the scope", async () => {
    const two = collection([geoFeature(rect(0, 0, 1000, 1000), { region: A }), geoFeature(rect(1000, 0, 2000, 1000), { region: B })])
    const e = await refusal(good, { boundaries: two })
    expect(e.problems[0]!.message).toContain("boundaries has no polygon for region 330421")
  })
})

describe("winding", () => {
  const clockwise = R.map((ring) => [...ring].reverse())
  const withHole = [R[0]!, [[1000, 300], [1100, 300], [1100, 400], [1000, 400], [1000, 300]]] as typeof R

  it("accepts rings wound against the right-hand rule and normalises them (exterior counter-clockwise, holes clockwise)", () => {
    const raw = parseFeatureCollection(JSON.stringify(collection([geoFeature(clockwise, { region: B }), geoFeature(withHole, { region: B })])), "redlines-current")
    expect(raw.problems).toEqual([])
    const { features, problems } = prepareLayer(raw.features, {
      projection: lambertAzimuthalEqualArea(121.01, 31),
      snapM: 0.0001,
      attribute: { kind: "region", field: "region", regions: yrdRegions(), what: "redline" },
    })
    expect(problems).toEqual([])
    expect(ringSignedAreaM2(features[0]!.geometry[0]![0]!)).toBeGreaterThan(0)
    expect(ringSignedAreaM2(features[1]!.geometry[0]![1]!)).toBeLessThan(0)
    expect(Math.abs(features[0]!.areaM2 / 1_200_000 - 1)).toBeLessThan(0.001)
    expect(Math.abs(features[1]!.areaM2 / 1_190_000 - 1)).toBeLessThan(0.001)
  })

  it("computes the same redline area from clockwise rings", async () => {
    const { output } = await runRedlines({ "redlines-baseline": good, "redlines-current": collection([geoFeature(clockwise, { region: B })]), boundaries })
    expect(Math.abs(valueOf(output, "ecology.redline-area-km2", "DEMO-ZONE")! / 1.2 - 1)).toBeLessThan(0.001)
    expect(valueOf(output, "ecology.redline-area-retention", "DEMO-ZONE")).toBeCloseTo(1, 9)
  })
})

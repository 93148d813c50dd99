/**
 * Redline area by redline type (#21): the current redline's features carry a `type` (a code of the national
 * classification, or its Chinese name); the area is broken down by type per region, additive (the types add up to
 * the total), ground under two types counted once for the type listed first. A feature without a type among typed
 * ones, or with an unknown type, is refused naming the feature and the allowed values.
 *
 * The metric toy: Qingpu A = [0,2000]x[0,2000], Wujiang B = [2000,4000]x[0,2000] (m). Three squares:
 * water conservation W = [0,1000]x[0,1000] (1 km², in A), biodiversity D = [2000,4000]x[0,1000] (2 km², in B),
 * soil conservation S = [1500,2500]x[1000,1500] (0.5 km², half in A, half in B). A: 1 + 0.25 = 1.25 km²;
 * B: 2 + 0.25 = 2.25 km²; both: 3.5 km².
 */
import { describe, expect, it } from "vitest"
import type { RedlineType } from "../src/index.js"
import { redlineTypeOf } from "../src/index.js"
import { measureRedlines } from "../src/internal/measure.js"
import { buildValues } from "../src/internal/values.js"
import { collection, geoFeature, refused, runRedlines } from "./lonLatToy.js"
import { A, B, C, feature, rect, toyOptions, withOverlay } from "./toyMap.js"

const boundaries = [feature("boundaries", 1, rect(0, 0, 2000, 2000), { region: A }), feature("boundaries", 2, rect(2000, 0, 4000, 2000), { region: B })]
const W = rect(0, 0, 1000, 1000)
const D = rect(2000, 0, 4000, 1000)
const S = rect(1500, 1000, 2500, 1500)
const typed = (row: number, polygon: typeof W, region: string, redlineType: RedlineType) => ({ ...feature("redlines-current", row, polygon, { region }), redlineType })

/** The run's `ecology.redline-area-km2` values by region, as `type: km²` (`total` for the total). */
const areas = async (current: ReturnType<typeof typed>[]) => {
  const units = new Map([[A, new Set([A])], [B, new Set([B])], ["DEMO-ZONE", new Set([A, B])]])
  const ms = await withOverlay((overlay) =>
    measureRedlines({ redlinesBaseline: current, redlinesCurrent: current, boundaries }, toyOptions(overlay)),
  )
  const values = buildValues(ms, units, 2024, 2020, 1).filter((v) => v.indicator === "ecology.redline-area-km2")
  const out: Record<string, Record<string, number>> = {}
  for (const v of values) (out[v.region] ??= {})[v.dimensions?.["redline-type"] ?? "total"] = v.value
  return out
}

describe("redline area by type", () => {
  it("breaks the area down by type per region; the types add up to the total (1 + 2 + 0.5 = 3.5 km²)", async () => {
    const result = await areas([typed(1, W, A, "water-conservation"), typed(2, D, B, "biodiversity"), typed(3, S, A, "soil-conservation")])
    expect(result).toEqual({
      [A]: { total: 1.25, "water-conservation": 1, biodiversity: 0, "soil-conservation": 0.25 },
      [B]: { total: 2.25, "water-conservation": 0, biodiversity: 2, "soil-conservation": 0.25 },
      "DEMO-ZONE": { total: 3.5, "water-conservation": 1, biodiversity: 2, "soil-conservation": 0.5 },
    })
  })

  it("ground under two types counts once, for the type listed first (water conservation before soil erosion)", async () => {
    // soil erosion E = [500,1500]x[0,1000]: 0.5 km² over W, 0.5 km² of its own
    const E = rect(500, 0, 1500, 1000)
    const result = await areas([typed(1, E, A, "soil-erosion"), typed(2, W, A, "water-conservation"), typed(3, D, B, "biodiversity")])
    expect(result[A]).toEqual({ total: 1.5, "water-conservation": 1, biodiversity: 0, "soil-erosion": 0.5 })
    expect(result["DEMO-ZONE"]).toEqual({ total: 3.5, "water-conservation": 1, biodiversity: 2, "soil-erosion": 0.5 })
  })

  it("gives the total alone when no feature has a type (as before types)", async () => {
    const untyped = [feature("redlines-current", 1, W, { region: A })]
    expect(await areas(untyped as ReturnType<typeof typed>[])).toEqual({ [A]: { total: 1 }, [B]: { total: 0 }, "DEMO-ZONE": { total: 1 } })
  })

  it("reads codes case-insensitively and the Chinese names as aliases", () => {
    expect(["Water-Conservation", "水土保持", " 盐渍化 ", "石漠化", "forest", 3].map(redlineTypeOf)).toEqual([
      "water-conservation",
      "soil-conservation",
      "salinisation",
      "rocky-desertification",
      undefined,
      undefined,
    ])
  })
})

describe("redline types in the input files", () => {
  const geoBoundaries = collection([
    geoFeature(rect(0, 0, 2000, 2000), { region: A }),
    geoFeature(rect(2000, 0, 4000, 2000), { region: B }),
    geoFeature(rect(4000, 0, 6000, 2000), { region: C }),
  ])
  const baseline = collection([geoFeature(W, { region: A })])

  it("refuses an unknown type and a missing one among typed features, naming the feature and the allowed values", async () => {
    const e = await refused(
      runRedlines({
        "redlines-baseline": baseline,
        "redlines-current": collection([geoFeature(W, { region: A, type: "水源涵养" }), geoFeature(D, { region: B, type: "forest" }, "D-1"), geoFeature(S, { region: A })]),
        boundaries: geoBoundaries,
      }),
    )
    const allowed =
      "water-conservation (水源涵养), biodiversity (生物多样性维护), soil-conservation (水土保持), windbreak-sand-fixation (防风固沙), coastal-stability (海岸生态稳定), soil-erosion (水土流失), rocky-desertification (石漠化), land-desertification (土地沙化), salinisation (盐渍化)"
    expect(e.reason).toBe("invalid-input")
    expect(e.problems).toEqual([
      { file: "redlines-current", row: 2, field: "properties.type", message: `feature 2 (id "D-1"): redline type "forest" is not known (property "type"); use one of ${allowed}` },
      { file: "redlines-current", row: 3, field: "properties.type", message: `feature 3: has no redline type (property "type") while 1 other feature(s) have one; give every feature a type, one of ${allowed}, or none at all` },
    ])
  })

  it("a run over lon/lat files gives the breakdown by type beside the total (Chinese names as types)", async () => {
    const { output } = await runRedlines({
      "redlines-baseline": baseline,
      "redlines-current": collection([geoFeature(W, { region: A, type: "水源涵养" }), geoFeature(D, { region: B, type: "biodiversity" }), geoFeature(S, { region: A, type: "水土保持" })]),
      boundaries: geoBoundaries,
    })
    const zone = output.values.filter((v) => v.indicator === "ecology.redline-area-km2" && v.region === "DEMO-ZONE")
    // one metre of the toy is one metre to within 0.01% (lonLatToy.ts)
    expect(zone.map((v) => [v.dimensions?.["redline-type"] ?? "total", Number(v.value.toFixed(3))])).toEqual([
      ["total", 3.5],
      ["water-conservation", 1],
      ["biodiversity", 2],
      ["soil-conservation", 0.5],
    ])
    const sum = zone.filter((v) => v.dimensions).reduce((s, v) => s + v.value, 0)
    expect(Math.abs(sum - zone[0]!.value)).toBeLessThan(1e-8)
  })
})

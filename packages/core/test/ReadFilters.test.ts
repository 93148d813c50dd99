/**
 * The names of a read's filters that nothing is known by (`unknownName`): the first one, with "did you mean" when a
 * known name is close; retired ids and codes count as known; a long name is quoted by its first 80 characters.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { unknownName } from "../src/ReadFilters.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import { observed, text } from "./fixtures.js"

const registry = Effect.runSync(Registry.buildRegistry([{ id: "t", version: "0", name: text("t"), indicators: [observed("t.growth"), observed("t.area")] }], yrdRegions()))

describe("unknownName", () => {
  it("is undefined when every name is known, a retired region code included", () => {
    expect(unknownName(registry, { indicators: ["t.growth", "t.area"], regions: ["320500", "DEMO-ZONE", "320584"] })).toBeUndefined()
    expect(unknownName(registry, {})).toBeUndefined()
  })

  it("names the first unknown name, indicators before regions, with the close known one", () => {
    expect(unknownName(registry, { indicators: ["t.growth", "t.growht", "t.aera"], regions: ["32050"] })).toEqual({
      field: "indicator",
      name: "t.growht",
      message: 'no indicator has id "t.growht"; did you mean "t.growth"? (see GET /api/v1/indicators)',
    })
    expect(unknownName(registry, { regions: ["320500", "32050", "99"] })).toEqual({
      field: "region",
      name: "32050",
      message: 'no region or group has code "32050"; did you mean "320500"? (regions are identified by GB/T 2260 code, e.g. 320500; see GET /api/v1/regions)',
    })
  })

  it("suggests nothing far off, and quotes a long name by its first 80 characters and its length", () => {
    expect(unknownName(registry, { indicators: ["zzz.qqq"] })?.message).toBe('no indicator has id "zzz.qqq" (see GET /api/v1/indicators)')
    const long = "3".repeat(15_000)
    expect(unknownName(registry, { regions: [long] })?.message).toBe(
      `no region or group has code "${"3".repeat(80)}…" (15000 characters) (regions are identified by GB/T 2260 code, e.g. 320500; see GET /api/v1/regions)`,
    )
  })
})

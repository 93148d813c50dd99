import { Effect } from "effect"
import { Registry, yrdRegions } from "@tijian/core"
import { pluginConformance } from "@tijian/core/testing"
import { describe, expect, it } from "vitest"
import { ecology } from "../src/index.js"

pluginConformance(ecology)

describe("ecology plugin", () => {
  it("binds the Demonstration Zone's redline area at >= 143.32 km2 by 2035, from the 2020 baseline", () => {
    const registry = Effect.runSync(Registry.buildRegistry([ecology], yrdRegions()))
    expect(registry.targetsFor("ecology.redline-area-km2", "DEMO-ZONE")).toMatchObject([
      { kind: "at-least", value: 143.32, dueYear: 2035, baselineYear: 2020, binding: true },
    ])
    expect(registry.targetsFor("ecology.redline-area-km2", "310118")).toEqual([])
  })

  it("records 2022 sewage discharge as 13.6 billion t, 21.4% of the national total", () => {
    const values = (ecology.referenceData?.observations ?? []).map((o) => [o.indicator, o.year, o.value])
    expect(values).toEqual([
      ["ecology.sewage-discharge", 2022, 13.6],
      ["ecology.sewage-discharge-national-share", 2022, 0.214],
    ])
  })
})

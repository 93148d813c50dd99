import { Effect } from "effect"
import { Registry, yrdRegions } from "@tijian/core/plugin"
import { pluginConformance } from "@tijian/core/plugin/testing"
import { describe, expect, it } from "vitest"
import { ecology } from "../src/index.js"

pluginConformance(ecology)

describe("ecology plugin", () => {
  const registry = () => Effect.runSync(Registry.buildRegistry([ecology], yrdRegions()))

  it("binds the Demonstration Zone's redline area at >= 143.32 km2 by 2035, from the 2020 baseline", () => {
    expect(registry().targetsFor("ecology.redline-area-km2", "DEMO-ZONE")).toMatchObject([
      { kind: "at-least", value: 143.32, dueYear: 2035, baselineYear: 2020, binding: true },
    ])
    expect(registry().targetsFor("ecology.redline-area-km2", "310118")).toEqual([])
  })

  it("binds every region to no decrease of redline area (retention >= 100%) and no new construction in it", () => {
    expect(registry().targetsFor("ecology.redline-area-retention", "320509")).toMatchObject([{ kind: "at-least", value: 1, binding: true }])
    expect(registry().targetsFor("ecology.redline-new-encroachment-km2", "DEMO-ZONE")).toMatchObject([{ kind: "at-most", value: 0, binding: true }])
  })

  it("records 2022 sewage discharge as 13.6 billion t, 21.4% of the national total, 1.3 times the national per-capita mean", () => {
    const values = (ecology.referenceData?.observations ?? []).map((o) => [o.indicator, o.year, o.value])
    expect(values).toEqual([
      ["ecology.sewage-discharge", 2022, 13.6],
      ["ecology.sewage-discharge-national-share", 2022, 0.214],
      ["ecology.sewage-per-capita-vs-national", 2022, 1.3],
    ])
  })

  it("declares the redline calculator and the observed air and water indicators", () => {
    const r = registry()
    expect(r.calculators.map((c) => c.calculator.id)).toEqual(["ecology.redline-integrity"])
    expect(r.indicator("ecology.good-air-days-share")).toMatchObject({ kind: "observed", direction: "higher-is-better", range: { min: 0, max: 1 } })
    expect(r.indicator("ecology.surface-water-good-share")).toMatchObject({ kind: "observed", direction: "higher-is-better" })
    expect(r.indicator("ecology.sewage-discharge")).toMatchObject({ direction: "lower-is-better" })
  })
})

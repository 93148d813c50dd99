/**
 * The built-in `breakdown-sum` rule on stored values (issue #21), as GET /validation and a submission read it: one
 * result per cell, additive dimension and value broken down, passed, failed or not applicable. Worked by hand:
 * metro 0.30 + bus 0.25 + bike 0.10 = 0.65 against 0.70 fails (0.1% of 0.70 is 0.0007); 0.40 + 0.20 + 0.10 = 0.70
 * passes; metro 0.50 + bus 0.30 = 0.80 exceeds 0.70 without bike; metro 0.20 + bus 0.10 = 0.30 does not.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { breakdownSumResults } from "../src/BreakdownSum.js"
import { definePlugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { mode, purpose } from "./breakdownFixtures.js"
import { text } from "./fixtures.js"

const plugin = definePlugin({
  id: "mob",
  version: "0.0.0",
  name: text("mobility"),
  indicators: [
    {
      id: "mob.green-share", kind: "observed", name: text("green travel share"), unit: text("share of trips"), direction: "higher-is-better",
      decimals: 2, range: { min: 0, max: 1 }, dimensions: [{ ...mode, severity: "warning" }, purpose],
    },
  ],
})
const registry = Effect.runSync(buildRegistry([plugin], yrdRegions()))
const at = (region: string, year = 2022) => ({ indicator: "mob.green-share", region, year })
const parts = (region: string, values: Record<string, number>, prefix = "") =>
  Object.entries(values).map(([m, value]) => ({ ...at(region), breakdown: `mode=${m}${prefix}`, value }))

describe("breakdownSumResults", () => {
  it("a stored complete breakdown off its total fails (0.65 against 0.70), one that adds up passes (0.70)", () => {
    const results = breakdownSumResults(registry, {
      totals: [{ ...at("320500"), value: 0.7 }, { ...at("320600"), value: 0.7 }],
      breakdowns: [...parts("320500", { metro: 0.3, bus: 0.25, bike: 0.1 }), ...parts("320600", { bike: 0.1, metro: 0.4, bus: 0.2 })],
    })
    expect(results.map((r) => [r.rule, r.severity, r.scope, r.state, r.operator, r.right, r.tolerance])).toEqual([
      ["core.breakdown-sum/mob.green-share/mode", "warning", "320500", "failed", "==", 0.7, 0.0007],
      ["core.breakdown-sum/mob.green-share/mode", "warning", "320600", "passed", "==", 0.7, 0.0007],
    ])
    expect(results[0]!.left).toBeCloseTo(0.65, 12)
    expect(results[1]!.left).toBeCloseTo(0.7, 12)
    expect(results[0]!.message).toBe("mob.green-share for 320500 in 2022: metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1%")
    expect(results[1]!.message).toBe("mob.green-share for 320600 in 2022: metro 0.40 + bus 0.20 + bike 0.10 = 0.70, total 0.70: the breakdowns add up within 0.1%")
    // the total first, then the parts in code order (stored key order is bike, bus, metro)
    expect(results[1]!.cells).toEqual([
      { ...at("320600"), value: 0.7 },
      { ...at("320600"), value: 0.4, breakdown: "mode=metro" },
      { ...at("320600"), value: 0.2, breakdown: "mode=bus" },
      { ...at("320600"), value: 0.1, breakdown: "mode=bike" },
    ])
  })

  it("a partial breakdown is compared with <=; without the value broken down the rule does not apply", () => {
    const results = breakdownSumResults(registry, {
      totals: [{ ...at("320500"), value: 0.7 }, { ...at("320600"), value: 0.7 }],
      breakdowns: [...parts("320500", { metro: 0.5, bus: 0.3 }), ...parts("320600", { metro: 0.2, bus: 0.1 }), ...parts("320700", { metro: 0.2 })],
    })
    expect(results.map((r) => [r.scope, r.state, r.operator, r.right])).toEqual([
      ["320500", "failed", "<=", 0.7],
      ["320600", "passed", "<=", 0.7],
      ["320700", "not-applicable", "<=", null],
    ])
    expect(results[0]!.message).toBe("mob.green-share for 320500 in 2022: metro 0.50 + bus 0.30 = 0.80 already exceeds the total 0.70 without bike: breakdowns must add up to the total within 0.1%")
    expect(results[1]!.message).toBe("mob.green-share for 320600 in 2022: metro 0.20 + bus 0.10 = 0.30 does not exceed the total 0.70 (bike not given)")
    expect(results[2]!.cells[0]).toEqual({ ...at("320700"), value: null })
    expect(results[2]!.message).toBe("mob.green-share for 320700 in 2022: no value of the total to check its mode breakdowns against")
  })

  it("checks breakdowns by mode within each purpose against that purpose's value, and nothing for a non-additive dimension alone", () => {
    const results = breakdownSumResults(registry, {
      totals: [{ ...at("320500"), value: 1 }],
      breakdowns: [
        { ...at("320500"), breakdown: "purpose=work", value: 0.6 },
        ...parts("320500", { metro: 0.3, bus: 0.2, bike: 0.1 }, ";purpose=work"),
      ],
    })
    // metro 0.30 + bus 0.20 + bike 0.10 = 0.60 against work's 0.60; purpose is not additive: no sum of it
    expect(results.map((r) => [r.state, r.cells[0]!.breakdown, r.right])).toEqual([["passed", "purpose=work", 0.6]])
    expect(breakdownSumResults(registry, { totals: [{ ...at("320500"), value: 1 }], breakdowns: [{ ...at("320500"), breakdown: "purpose=work", value: 0.6 }] })).toEqual([])
  })
})

import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import type { Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { evaluateRuleInstance, instanceCells, type RuleCellKey, ruleInstancesFor, ruleInstancesTouching } from "../src/Validation.js"
import { observed, text } from "./fixtures.js"

// Qingpu 310118, Wujiang 320509, Jiashan 330421: the Demonstration Zone's members.
const land: Plugin = {
  id: "land",
  version: "0",
  name: text("land"),
  indicators: [
    { ...observed("land.cultivated-mu"), aggregate: { rule: "sum" } },
    { ...observed("land.farmland-mu"), aggregate: { rule: "sum" } },
    { ...observed("land.redline-km2"), aggregate: { rule: "sum" } },
    observed("land.built-km2"),
    observed("land.other-mu"),
    observed("land.share"),
  ],
  rules: [
    { id: "land.farmland-within-cultivated", kind: "compare", severity: "error", name: text("farmland <= cultivated"), left: "land.farmland-mu", operator: "<=", right: "land.cultivated-mu" },
    { id: "land.redline-sum", kind: "members-sum", severity: "warning", name: text("redline sum"), indicator: "land.redline-km2", scopes: ["DEMO-ZONE"], tolerance: { absolute: 0.01 } },
    // built land in km² plus other land in mu (1 km² = 1,500 mu) at most 100 km²
    { id: "land.built-and-other", kind: "compare", severity: "warning", name: text("built + other"), left: { sum: ["land.built-km2", { indicator: "land.other-mu", times: 1 / 1500 }] }, operator: "<=", right: { inputs: ["land.share"], compute: (v) => 100 / v["land.share"]! } },
    { id: "land.throws", kind: "compare", severity: "error", name: text("throws"), left: "land.share", operator: "<=", right: { inputs: ["land.share"], compute: () => { throw new Error("boom") } }, scopes: ["310118"] },
  ],
}

const registry = Effect.runSync(buildRegistry([land], yrdRegions()))
const rule = (id: string) => registry.rules.find((r) => r.id === id)!
const lookup = (values: Record<string, number>) => (c: RuleCellKey) => values[`${c.indicator}@${c.region}`]

describe("validation rules", () => {
  it.each([
    { name: "665,400 mu of farmland within 766,000 mu of cultivated land passes", farmland: 665_400, cultivated: 766_000, state: "passed" },
    { name: "equal areas pass (<=)", farmland: 766_000, cultivated: 766_000, state: "passed" },
    { name: "700,000 mu of farmland over 650,000 mu of cultivated land fails by 50,000", farmland: 700_000, cultivated: 650_000, state: "failed" },
  ])("$name", ({ farmland, cultivated, state }) => {
    const result = evaluateRuleInstance(registry, { rule: rule("land.farmland-within-cultivated"), scope: "DEMO-ZONE", year: 2025 }, lookup({ "land.farmland-mu@DEMO-ZONE": farmland, "land.cultivated-mu@DEMO-ZONE": cultivated }))
    expect(result).toMatchObject({ state, left: farmland, right: cultivated, operator: "<=", severity: "error" })
    if (state === "failed") expect(result.message).toBe("rule land.farmland-within-cultivated at DEMO-ZONE in 2025 fails: 700,000 <= 650,000, a difference of 50,000")
  })

  it("does not apply where a side has no value, naming the missing cell", () => {
    const result = evaluateRuleInstance(registry, { rule: rule("land.farmland-within-cultivated"), scope: "320509", year: 2025 }, lookup({ "land.farmland-mu@320509": 10 }))
    expect(result.state).toBe("not-applicable")
    expect(result.cells).toEqual([
      { indicator: "land.farmland-mu", region: "320509", year: 2025, value: 10 },
      { indicator: "land.cultivated-mu", region: "320509", year: 2025, value: null },
    ])
    expect(result.message).toContain("no value of land.cultivated-mu for 320509")
  })

  it.each([
    // 50.00 + 40.00 + 53.32 = 143.32 against the Zone's 143.32: equal
    { name: "143.32 = 50 + 40 + 53.32 passes", zone: 143.32, state: "passed", difference: 0 },
    // within the 0.01 km² tolerance
    { name: "143.33 against 143.32 passes within 0.01", zone: 143.33, state: "passed", difference: -0.01 },
    // 143.32 - 143.40 = -0.08: outside the tolerance
    { name: "143.40 against 143.32 fails by 0.08", zone: 143.4, state: "failed", difference: -0.08 },
  ])("members' sum: $name", ({ zone, state, difference }) => {
    const values = { "land.redline-km2@DEMO-ZONE": zone, "land.redline-km2@310118": 50, "land.redline-km2@320509": 40, "land.redline-km2@330421": 53.32 }
    const result = evaluateRuleInstance(registry, { rule: rule("land.redline-sum"), scope: "DEMO-ZONE", year: 2025 }, lookup(values))
    expect(result.state).toBe(state)
    expect(result.left).toBeCloseTo(143.32, 9)
    expect(result.right).toBe(zone)
    expect(result.left! - result.right!).toBeCloseTo(difference, 9)
    expect(result.tolerance).toBe(0.01)
    expect(result.cells.map((c) => c.region)).toEqual(["DEMO-ZONE", "310118", "320509", "330421"])
  })

  it("sums terms with factors and computes a side: 60 km² + 15,000 mu (10 km²) = 70 <= 100 / 0.5 = 200", () => {
    const result = evaluateRuleInstance(registry, { rule: rule("land.built-and-other"), scope: "310118", year: 2025 }, lookup({ "land.built-km2@310118": 60, "land.other-mu@310118": 15_000, "land.share@310118": 0.5 }))
    expect(result).toMatchObject({ state: "passed", left: 70, right: 200 })
  })

  it("reports a rule that throws or gives no finite number as an error result, never throwing", () => {
    const thrown = evaluateRuleInstance(registry, { rule: rule("land.throws"), scope: "310118", year: 2025 }, lookup({ "land.share@310118": 0.5 }))
    expect(thrown).toMatchObject({ state: "error", left: null, right: null })
    expect(thrown.message).toBe("rule land.throws at 310118 in 2025 could not be evaluated: boom")
    const infinite = evaluateRuleInstance(registry, { rule: rule("land.built-and-other"), scope: "310118", year: 2025 }, lookup({ "land.built-km2@310118": 1, "land.other-mu@310118": 0, "land.share@310118": 0 }))
    expect(infinite.state).toBe("error")
  })

  it("finds the instances a written cell touches: its own region, and the groups whose sum it enters", () => {
    const touched = ruleInstancesTouching(registry, [
      { indicator: "land.redline-km2", region: "320509", year: 2025 },
      { indicator: "land.farmland-mu", region: "320509", year: 2025 },
      { indicator: "land.cultivated-mu", region: "320509", year: 2025 },
      { indicator: "land.share", region: "320509", year: 2025 },
    ])
    expect(touched.map((i) => `${i.rule.id}@${i.scope}/${i.year}`)).toEqual([
      "land.redline-sum@DEMO-ZONE/2025", // scoped to DEMO-ZONE: not Suzhou, not Jiangsu
      "land.farmland-within-cultivated@320509/2025",
      "land.built-and-other@320509/2025",
    ])
    expect(instanceCells(registry, touched[0]!).map((c) => c.region)).toEqual(["DEMO-ZONE", "310118", "320509", "330421"])
  })

  it("lists every instance of a group and its members for the validation endpoint", () => {
    const all = ruleInstancesFor(registry, "DEMO-ZONE", 2025).map((i) => `${i.rule.id}@${i.scope}`)
    expect(all).toContain("land.redline-sum@DEMO-ZONE")
    expect(all).toContain("land.throws@310118")
    expect(all.filter((x) => x.startsWith("land.farmland-within-cultivated@"))).toEqual([
      "land.farmland-within-cultivated@DEMO-ZONE",
      "land.farmland-within-cultivated@310118",
      "land.farmland-within-cultivated@320509",
      "land.farmland-within-cultivated@330421",
    ])
  })

  it("refuses at registration a rule naming an unknown indicator or summing a non-additive one, naming plugin and rule", () => {
    const bad: Plugin = {
      id: "bad",
      version: "0",
      name: text("bad"),
      indicators: [observed("bad.a")],
      rules: [
        { id: "bad.typo", kind: "compare", severity: "error", name: text("typo"), left: "bad.a", operator: "<=", right: "bad.b" },
        { id: "bad.not-additive", kind: "members-sum", severity: "warning", name: text("sum"), indicator: "bad.a" },
        { id: "elsewhere.rule", kind: "compare", severity: "warning", name: text("x"), left: "bad.a", operator: ">=", right: "bad.a", scopes: ["NOWHERE"] },
      ],
    }
    const error = Effect.runSync(Effect.flip(buildRegistry([bad], yrdRegions())))
    expect(error._tag).toBe("RegistryError")
    expect(error.message).toContain("4 problems")
    expect(error.message).toContain(`rule "bad.typo" of plugin "bad" names indicator "bad.b", which no plugin declares`)
    expect(error.message).toContain(`rule "bad.not-additive" of plugin "bad" sums members of "bad.a", which is not additive`)
    expect(error.message).toContain(`rule "elsewhere.rule" of plugin "bad" must be "bad.<kebab-slug>"`)
    expect(error.message).toContain(`rule "elsewhere.rule" of plugin "bad" names scope "NOWHERE"`)
  })
})

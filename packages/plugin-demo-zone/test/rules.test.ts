import { definePlugin, evaluateRuleInstance, Registry, type RuleCellKey, ruleInstancesTouching, yrdRegions } from "@tijian/core/plugin"
import { ecology } from "@tijian/plugin-ecology"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { demoZone } from "../src/index.js"

const registry = Effect.runSync(Registry.buildRegistry([ecology, demoZone], yrdRegions()))
const lookup = (values: Record<string, number>) => (c: RuleCellKey) => values[`${c.indicator}@${c.region}`]
const results = (values: Record<string, number>) =>
  ruleInstancesTouching(
    registry,
    Object.keys(values).map((k) => {
      const [indicator, region] = k.split("@") as [string, string]
      return { indicator, region, year: 2025 }
    }),
  ).map((i) => evaluateRuleInstance(registry, i, lookup(values)))

describe("the Demonstration Zone's rules", () => {
  it.each([
    { name: "the plan's floors (665,400 mu of farmland, 766,000 mu of cultivated land) pass", farmland: 665_400, cultivated: 766_000, state: "passed" },
    { name: "farmland 770,000 mu over cultivated land 766,000 mu fails (an error: the write is refused)", farmland: 770_000, cultivated: 766_000, state: "failed" },
  ])("$name", ({ farmland, cultivated, state }) => {
    const [result] = results({ "demo-zone.permanent-basic-farmland-mu@DEMO-ZONE": farmland, "demo-zone.cultivated-land-mu@DEMO-ZONE": cultivated })
    expect(result).toMatchObject({ rule: "demo-zone.farmland-within-cultivated-land", severity: "error", state, left: farmland, right: cultivated })
  })

  it("warns when Qingpu + Wujiang + Jiashan (50 + 40 + 53.32 = 143.32 km²) disagree with the Zone's 143.5 km² by more than 0.01", () => {
    const [result] = results({
      "ecology.redline-area-km2@DEMO-ZONE": 143.5,
      "ecology.redline-area-km2@310118": 50,
      "ecology.redline-area-km2@320509": 40,
      "ecology.redline-area-km2@330421": 53.32,
    })
    expect(result).toMatchObject({ rule: "demo-zone.redline-members-sum", severity: "warning", state: "failed", scope: "DEMO-ZONE", right: 143.5 })
    expect(result!.left).toBeCloseTo(143.32, 9)
  })

  it("types rules by the plugin's indicator ids: a typo does not compile", () => {
    const plugin = definePlugin({
      id: "typed",
      version: "0.0.0",
      name: { zh: "t", en: "t" },
      indicators: [{ id: "typed.a", kind: "observed", name: { zh: "a", en: "a" }, unit: { zh: "个", en: "n" }, direction: "higher-is-better", decimals: 0 }],
      // @ts-expect-error "typed.b" is not an indicator of the plugin
      rules: [{ id: "typed.r", kind: "compare", severity: "error", name: { zh: "r", en: "r" }, left: "typed.a", operator: "<=", right: "typed.b" }],
    })
    expect(plugin.rules).toHaveLength(1)
  })
})

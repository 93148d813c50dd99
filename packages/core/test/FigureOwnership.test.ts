import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import type { IndicatorDefinition } from "../src/Indicator.js"
import type { Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { validateObservations } from "../src/Registration.js"
import { buildRegistry } from "../src/Registry.js"
import { text } from "./fixtures.js"

const share = { zh: "比例", en: "share" }
const figure = (id: string, zh: string, unit = share): IndicatorDefinition => ({
  id, kind: "observed", name: { zh, en: id }, unit, direction: "higher-is-better", decimals: 3,
})
const plugin = (id: string, indicators: ReadonlyArray<IndicatorDefinition>, uses?: ReadonlyArray<string>): Plugin => ({
  id, version: "0", name: text(id), indicators, ...(uses ? { uses } : {}),
})

const ecology = plugin("ecology", [figure("ecology.good-air-days-share", "空气质量优良天数比率")])
// a derived figure of another plugin reading the owner's id
const index = plugin(
  "index",
  [{ ...figure("index.pollution", "减污指数", { zh: "指数", en: "index" }), kind: "derived", inputs: ["ecology.good-air-days-share"], compute: (v) => v["ecology.good-air-days-share"]! * 100 }],
  ["ecology.good-air-days-share"],
)

const valid: ReadonlyArray<{ readonly name: string; readonly plugins: ReadonlyArray<Plugin> }> = [
  { name: "the owner and a plugin that uses its figure", plugins: [ecology, index] },
  { name: "the user registered before the owner", plugins: [index, ecology] },
  { name: "one name in two units: two figures", plugins: [ecology, plugin("air", [figure("air.good-days", "空气质量优良天数比率", { zh: "天", en: "days" })])] },
]

const invalid: ReadonlyArray<{ readonly name: string; readonly plugins: ReadonlyArray<Plugin>; readonly message: string }> = [
  {
    name: "a uses whose owner is not registered",
    plugins: [index],
    message: `cannot build the registry (2 problems): plugin "index" uses "ecology.good-air-days-share", which no registered plugin declares (register the plugin that owns it, "ecology"); ` +
      `indicator "index.pollution" reads input "ecology.good-air-days-share", which no plugin declares`,
  },
  {
    name: "a plugin listing its own indicator in uses",
    plugins: [plugin("ecology", ecology.indicators, ["ecology.good-air-days-share"])],
    message: `cannot build the registry: plugin "ecology" lists its own indicator "ecology.good-air-days-share" in uses; uses names other plugins' indicators`,
  },
  {
    name: "one figure under two plugins' ids (the same zh name, spaced otherwise, and unit)",
    plugins: [ecology, plugin("beauty", [figure("beauty.good-air-days-share", "空气质量 优良天数比率")])],
    message: `cannot build the registry: indicators "ecology.good-air-days-share" of plugin "ecology" and "beauty.good-air-days-share" of plugin "beauty" ` +
      `are one figure ("空气质量 优良天数比率", 比例): declare it in one plugin and list its id in the other's uses`,
  },
  {
    name: "one id declared by two plugins",
    plugins: [ecology, plugin("beauty", [figure("ecology.good-air-days-share", "空气质量优良天数比率")])],
    message: `indicator "ecology.good-air-days-share" is declared by both "ecology" and "beauty"`,
  },
]

describe("one owner per figure", () => {
  it.each(valid)("builds: $name", ({ plugins }) => {
    const registry = Effect.runSync(buildRegistry(plugins, yrdRegions()))
    expect(registry.indicator("ecology.good-air-days-share")?.plugin).toBe("ecology")
  })

  it.each(invalid)("refuses $name, naming the plugins and ids", ({ plugins, message }) => {
    const error = Effect.runSync(Effect.flip(buildRegistry(plugins, yrdRegions())))
    expect(error.message).toContain(message)
  })

  it("computes the user's derived figure from the owner's value: 0.861 good-air days -> 86.1", () => {
    const registry = Effect.runSync(buildRegistry([ecology, index], yrdRegions()))
    expect(registry.indicator("index.pollution")!.compute!({ "ecology.good-air-days-share": 0.861 }, { region: "YRD", year: 2025 })).toBeCloseTo(86.1, 10)
  })

  it("refuses a value under a retired id, naming the owner's id and, when it is not enabled, its plugin", () => {
    const registry = Effect.runSync(buildRegistry([index, ecology], yrdRegions()))
    const row = { indicator: "demo-zone.forest-coverage", region: "320509", year: 2025, value: 0.16, agency: "wujiang-nr", source: "survey" }
    expect(validateObservations(registry, [row]).map((p) => p.message)).toEqual([
      `indicator "demo-zone.forest-coverage" is retired: the figure is registered once, as "ecology.forest-coverage" (enable the plugin "ecology")`,
    ])
  })
})

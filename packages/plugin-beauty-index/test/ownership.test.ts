import { Registry, validateObservations, yrdRegions } from "@tijian/core"
import { ecology } from "@tijian/plugin-ecology"
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { beautyIndex, makeBeautyIndex } from "../src/index.js"
import { evaluate } from "./evaluate.js"

// One owner per figure: good-air days, surface water and forest coverage are ecology's; sub-indices read them.
describe("good-air days, surface water and forest coverage belong to the ecology plugin", () => {
  it("declares none of them, lists them in uses and reads them as inputs of the pollution and green sub-indices", () => {
    expect(beautyIndex.uses).toEqual(["ecology.good-air-days-share", "ecology.surface-water-good-share", "ecology.forest-coverage"])
    expect(beautyIndex.indicators.map((i) => i.id).filter((id) => /air|water|forest/.test(id))).toEqual([])
    const pollution = beautyIndex.indicators.find((i) => i.id === "beauty.pollution-reduction")!
    expect(pollution.inputs).toEqual(["beauty.pm25-annual-mean", "ecology.good-air-days-share", "ecology.surface-water-good-share"])
    const green = beautyIndex.indicators.find((i) => i.id === "beauty.green-expansion")!
    expect(green.inputs).toEqual(["ecology.forest-coverage", "beauty.built-up-green-coverage"])
  })

  it("is refused without the ecology plugin, naming the plugin and the missing ids", () => {
    const error = Effect.runSync(Effect.flip(Registry.buildRegistry([beautyIndex], yrdRegions())))
    expect(error.message).toContain(`plugin "beauty" uses "ecology.good-air-days-share", which no registered plugin declares (register the plugin that owns it, "ecology")`)
    expect(error.message).toContain(`plugin "beauty" uses "ecology.surface-water-good-share", which no registered plugin declares`)
  })

  it("refuses a value under the retired beauty id, naming the id to use", () => {
    const registry = Effect.runSync(Registry.buildRegistry([ecology, beautyIndex], yrdRegions()))
    const problems = validateObservations(registry, [
      { indicator: "beauty.good-air-days-share", region: "320500", year: 2022, value: 0.85, agency: "suzhou-stats", source: "yearbook" },
    ])
    expect(problems.map((p) => [p.field, p.message])).toEqual([
      ["indicator", `indicator "beauty.good-air-days-share" is retired: the figure is registered once, as "ecology.good-air-days-share"`],
    ])
  })

  it("computes pollution from ecology's values: PM2.5 33 (60), good air 0.85 (70), water 0.9 (80) -> 70", async () => {
    const rows = [
      { indicator: "beauty.pm25-annual-mean", region: "320500", year: 2022, value: 33 },
      { indicator: "ecology.good-air-days-share", region: "320500", year: 2022, value: 0.85 },
      { indicator: "ecology.surface-water-good-share", region: "320500", year: 2022, value: 0.9 },
    ]
    const { row, report } = await evaluate(beautyIndex, 2022, rows, "320500")
    expect(row("beauty.pollution-reduction")).toMatchObject({ origin: "derived" })
    expect(row("beauty.pollution-reduction").value).toBeCloseTo(70, 10)
    // the figures are shown once, in the ecology section
    const sectionOf = (id: string) => report.sections.filter((s) => s.evaluations.some((e) => e.indicator === id)).map((s) => s.plugin)
    expect(sectionOf("ecology.good-air-days-share")).toEqual(["ecology"])
  })

  it("refuses goalposts under a retired id rather than ignoring them", () => {
    expect(() => makeBeautyIndex({ goalposts: { "beauty.good-air-days-share": { worst: 0.6, best: 1 } } })).toThrow(
      /goalposts name beauty\.good-air-days-share, which is not a base indicator; the base indicators are .*ecology\.good-air-days-share/,
    )
  })
})

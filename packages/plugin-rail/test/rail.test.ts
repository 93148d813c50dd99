import { Effect } from "effect"
import { describeParams, Registry, validateObservations, yrdRegions } from "@tijian/core/plugin"
import { pluginConformance } from "@tijian/core/plugin/testing"
import { describe, expect, it } from "vitest"
import { rail } from "../src/index.js"

pluginConformance(rail)

describe("rail plugin", () => {
  const registry = () => Effect.runSync(Registry.buildRegistry([rail], yrdRegions()))

  it("keeps the published 2021 origin/terminal shares by region code: Shanghai 80%, capitals 20%, Suzhou (Jiangsu) 1%", () => {
    const shares = Object.fromEntries((rail.referenceData?.observations ?? []).map((o) => [o.region, [o.indicator, o.year, o.value]]))
    expect(shares).toEqual({
      "310000": ["rail.origin-terminal-share", 2021, 0.8],
      "320100": ["rail.origin-terminal-share", 2021, 0.2],
      "330100": ["rail.origin-terminal-share", 2021, 0.2],
      "340100": ["rail.origin-terminal-share", 2021, 0.2],
      "320500": ["rail.origin-terminal-share", 2021, 0.01],
    })
  })

  it("rejects a share above 1 (a percentage typed as 80)", () => {
    const problems = validateObservations(registry(), [
      { indicator: "rail.origin-terminal-share", region: "310000", year: 2021, value: 80, agency: "a", source: "s" },
    ])
    expect(problems).toEqual([{ index: 0, field: "value", message: "80 is outside the valid range 0..1 of rail.origin-terminal-share (share)" }])
  })

  it("declares the five indicators of the issue plus jobs variants, and a calculator producing each", () => {
    const ids = rail.indicators.map((i) => i.id)
    expect(ids).toEqual([
      "rail.station-catchment-population-share",
      "rail.station-catchment-jobs-share",
      "rail.one-hour-commute-population-share",
      "rail.jobs-accessible-45min-share",
      "rail.jobs-accessible-60min-share",
      "rail.line-daily-ridership",
      "rail.origin-terminal-share",
      "rail.mean-station-spacing-km",
    ])
    expect(new Set(rail.calculators!.flatMap((c) => c.produces))).toEqual(new Set(ids))
    expect(registry().calculators.map((c) => c.calculator.id)).toEqual([
      "rail.station-catchment",
      "rail.commute",
      "rail.line-ridership",
      "rail.origin-terminal",
      "rail.station-spacing",
    ])
  })

  it("targets ridership in the band 100,000-300,000 and spacing of at least 3 km, both expected, for every region", () => {
    const targets = registry().targets.map((t) => [t.indicator, t.scope, t.kind, t.lo ?? t.value, t.hi ?? null, t.binding])
    expect(targets).toEqual([
      ["rail.line-daily-ridership", "*", "band", 100_000, 300_000, false],
      ["rail.mean-station-spacing-km", "*", "at-least", 3, null, false],
    ])
  })

  it("writes every calculator, input and parameter description in zh and en", () => {
    for (const c of rail.calculators!) {
      for (const text of [c.name, c.description, ...c.inputs.map((i) => i.description), ...describeParams(c.params).map((p) => p.description)]) {
        expect(text.zh.length, `${c.id} zh`).toBeGreaterThan(0)
        expect(text.en.length, `${c.id} en`).toBeGreaterThan(0)
      }
    }
    expect(rail.methodology!.zh).toContain("RAPTOR")
    expect(rail.methodology!.en).toContain("geodesic distance on the WGS84 ellipsoid")
  })
})

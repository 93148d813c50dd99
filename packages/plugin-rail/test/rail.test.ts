import { Effect } from "effect"
import { Registry, validateObservations, yrdRegions } from "@tijian/core"
import { pluginConformance } from "@tijian/core/testing"
import { describe, expect, it } from "vitest"
import { rail } from "../src/index.js"

pluginConformance(rail)

describe("rail plugin", () => {
  it("keeps the published HSR origin/terminal shares by region code: Suzhou (Jiangsu) 1%, Shanghai 80%", () => {
    const shares = Object.fromEntries((rail.referenceData?.observations ?? []).map((o) => [o.region, o.value]))
    expect(shares).toEqual({ "310000": 0.8, "320100": 0.2, "330100": 0.2, "340100": 0.2, "320500": 0.01 })
  })

  it("rejects a share above 1 (a percentage typed as 80)", () => {
    const registry = Effect.runSync(Registry.buildRegistry([rail], yrdRegions()))
    const problems = validateObservations(registry, [
      { indicator: "rail.hsr-origin-terminal-share", region: "310000", year: 2021, value: 80, agency: "a", source: "s" },
    ])
    expect(problems).toEqual([
      { index: 0, field: "value", message: "80 is outside the valid range 0..1 of rail.hsr-origin-terminal-share (share)" },
    ])
  })
})

/**
 * Green travel share by mode (#21): the Zone's share of trips on foot, by bicycle and by public transport, broken
 * down by mode; the modes add up to the total (additive). Reports judge the total against the plan's 80%.
 */
import { evaluatePlugins, type TestObservation } from "@tijian/core/plugin/testing"
import { ecology } from "@tijian/plugin-ecology"
import { describe, expect, it } from "vitest"
import { DEMO_ZONE, demoZone, greenTravelModes } from "../src/index.js"

const plugins = [ecology, demoZone]
const share = (value: number, mode?: string): TestObservation => ({
  indicator: "demo-zone.green-travel-share",
  region: DEMO_ZONE,
  year: 2025,
  value,
  ...(mode ? { dimensions: { mode } } : {}),
})
const evaluate = (rows: ReadonlyArray<TestObservation>) => evaluatePlugins(plugins, rows, { scope: DEMO_ZONE, year: 2025 })
/** The refusal's message (it lists every problem), or "accepted". */
const refusal = (rows: ReadonlyArray<TestObservation>) => evaluate(rows).then(() => "accepted", (e: Error) => e.message)

// 78% green: walking 30% + bicycle 12% + bus 16% + rail transit 18% + other public 2%
const survey = [share(0.78), share(0.3, "walking"), share(0.12, "bicycle"), share(0.16, "bus"), share(0.18, "rail-transit"), share(0.02, "other-public")]

describe("green travel share by mode", () => {
  it("declares walking, bicycle, bus, rail transit and other public transport, additive", () => {
    expect([greenTravelModes.additive, greenTravelModes.codes.map((c) => c.code)]).toEqual([true, ["walking", "bicycle", "bus", "rail-transit", "other-public"]])
  })

  it("takes a breakdown adding up to the total; the report judges the total, 78% against the plan's 80%", async () => {
    const { row } = await evaluate(survey)
    expect(row("demo-zone.green-travel-share")).toMatchObject({ value: 0.78, targets: [{ kind: "at-least", value: 0.8, met: false }] })
  })

  it("refuses modes that do not add up to the total, and an unknown mode", async () => {
    // bus 14% instead of 16%: 76%, not 78%
    expect(await refusal([...survey.slice(0, 3), share(0.14, "bus"), ...survey.slice(4)])).toBe(
      "1 problem(s) in 1 row(s); nothing was stored: row 0, dimensions.mode: walking 0.3000 + bicycle 0.1200 + bus 0.1400 + rail-transit 0.1800 + other-public 0.0200 = 0.7600, total 0.7800: breakdowns must add up to the total within 0.1% (rows 0, 1, 2, 3, 4, 5)",
    )
    expect(await refusal([share(0.78), share(0.18, "metro")])).toContain('row 1, dimensions.mode: unknown mode code "metro"')
  })
})

import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin } from "../src/Plugin.js"
import type { IndicatorDefinition } from "../src/Indicator.js"
import { at, observed, runWith, text } from "./fixtures.js"

const indicator = (id: `p.${string}`, extra: Partial<IndicatorDefinition> = {}) => ({ ...observed(id, extra), id }) as IndicatorDefinition<`p.${string}`, `p.${string}`>

/**
 * The engine passes the published method's base year and each definition's thresholds (issue #17, item 1).
 * p.default has no base year anywhere: 2015 applies. p.plan's target names 2020. p.strict sets thresholds on the
 * indicator and p.target on the target.
 */
const plugin = definePlugin({
  id: "p",
  version: "0.0.0",
  name: text("progress"),
  appliesTo: { levels: ["region", "province", "city", "county", "group"] },
  indicators: [
    indicator("p.default"),
    indicator("p.plan"),
    indicator("p.none"),
    indicator("p.strict", { progress: { thresholds: { substantialRate: 0.02 } } }),
    indicator("p.target", { progress: { thresholds: { substantialRatio: 0.9 } } }),
  ],
  targets: [
    { indicator: "p.default", scope: "*", kind: "at-least", value: 100, dueYear: 2030, binding: false, source: text("plan") },
    { indicator: "p.plan", scope: "*", kind: "at-least", value: 100, dueYear: 2030, baselineYear: 2020, binding: false, source: text("plan") },
    {
      indicator: "p.target",
      scope: "*",
      kind: "at-least",
      value: 100,
      dueYear: 2030,
      baselineYear: 2010,
      binding: false,
      source: text("plan"),
      progressThresholds: { substantialRatio: 0.75 },
    },
  ],
})

const obs = (indicator: string, year: number, value: number) => ({ indicator, region: "320500", year, value, agency: "a", source: "s" })

const evaluate = (rows: ReadonlyArray<ReturnType<typeof obs>>, year: number) =>
  runWith(
    [plugin],
    Effect.gen(function* () {
      yield* (yield* ObservationStore.ObservationStore).append(rows, at(1))
      return yield* (yield* Engine.Engine).evaluate({ scope: "320500", year, asOf: at(30) })
    }),
  )

describe("the engine applies the method's base year and the declared thresholds", () => {
  it("base year 2015 by default, the first value at or after it; a target's baseline year likewise", async () => {
    const report = await evaluate(
      [
        obs("p.default", 2012, 40),
        obs("p.default", 2016, 50),
        obs("p.default", 2022, 66),
        obs("p.plan", 2019, 50),
        obs("p.plan", 2021, 60),
        obs("p.plan", 2022, 62),
        obs("p.none", 2012, 100),
        obs("p.none", 2022, 105),
      ],
      2022,
    )
    const row = (id: string) => report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === id)!
    const d = row("p.default")
    // base 2016 (first at or after 2015), not 2012: CAGR_obs = (66/50)^(1/6) - 1 = 4.7359%/yr;
    // CAGR_req = (100/50)^(1/14) - 1 = 5.0757%/yr; R = 0.9331 -> moderate
    expect(d.baseline).toEqual({ year: 2016, value: 50 })
    expect(d.progress.ratio).toBeCloseTo(0.9331, 4)
    expect(d.progress.status).toBe("moderate")
    const plan = row("p.plan")
    // no value in 2020: the base is 2021 (60). CAGR_obs = 62/60 - 1 = 3.3333%; CAGR_req = (100/60)^(1/9) - 1 = 5.8404%;
    // R = 0.5708 -> limited (the engine used to say insufficient data, "fewer than two years")
    expect(plan.targets[0]!.baseline).toEqual({ year: 2021, value: 60 })
    expect(plan.progress.ratio).toBeCloseTo(0.5708, 3)
    expect(plan.progress.status).toBe("limited")
    // without target: only 2022 at or after 2015, so the method cannot assess (the 2012 value is not used)
    expect(row("p.none").progress).toEqual({ status: "insufficient-data", reason: "fewer-than-two-years" })
  })

  it("thresholds from the indicator, then the target", async () => {
    const report = await evaluate([obs("p.strict", 2015, 100), obs("p.strict", 2023, 120)], 2023)
    const row = (id: string) => report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === id)!
    // 1.2^(1/8) - 1 = 2.305%/yr: substantial at the published 1.5%, and still at the indicator's 2%
    expect(row("p.strict").progress.status).toBe("substantial")
    // p.target at 2020: R = 2.815% / 3.526% = 0.798: moderate at 0.95 and at the indicator's 0.9, substantial at the target's 0.75
    const later = await evaluate([obs("p.target", 2010, 50), obs("p.target", 2020, 66)], 2020)
    const t = later.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === "p.target")!
    expect(t.progress.ratio).toBeCloseTo(0.798, 3)
    expect(t.progress.status).toBe("substantial")
  })

  it("indicator thresholds change the status: 1.5% on track, 2% set on the indicator", async () => {
    const report = await evaluate([obs("p.strict", 2015, 100), obs("p.strict", 2023, 115)], 2023)
    // 1.15^(1/8) - 1 = 1.7624%/yr: substantial at 1.5%, moderate at the indicator's 2%
    const s = report.sections.flatMap((x) => x.evaluations).find((e) => e.indicator === "p.strict")!
    expect(s.progress.observedRate).toBeCloseTo(0.017624, 5)
    expect(s.progress.status).toBe("moderate")
  })
})

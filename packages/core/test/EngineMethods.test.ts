import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import type { IndicatorDefinition } from "../src/Indicator.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin } from "../src/Plugin.js"
import { reportJson } from "../src/Report.js"
import { at, observed, runWith, text } from "./fixtures.js"

const indicator = (id: `m.${string}`, extra: Partial<IndicatorDefinition> = {}) => ({ ...observed(id, extra), id }) as IndicatorDefinition<`m.${string}`, `m.${string}`>

/**
 * m.pm25 (lower is better, at most 40 by 2030): the three methods disagree. m.green (at least 80 by 2030): they agree.
 * m.free has no target: only Open SDG judges. m.area is a red line (not below its 2020 value).
 */
const plugin = definePlugin({
  id: "m",
  version: "0.0.0",
  name: text("methods"),
  appliesTo: { levels: ["region", "province", "city", "county", "group"] },
  indicators: [indicator("m.pm25", { direction: "lower-is-better" }), indicator("m.green"), indicator("m.free"), indicator("m.area")],
  targets: [
    { indicator: "m.area", scope: "*", kind: "no-decrease-from-baseline", baselineYear: 2020, dueYear: 2035, binding: true, source: text("red line") },
    { indicator: "m.pm25", scope: "*", kind: "at-most", value: 40, dueYear: 2030, binding: false, source: text("plan") },
    { indicator: "m.green", scope: "*", kind: "at-least", value: 80, dueYear: 2030, binding: false, source: text("plan") },
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

describe("the engine compares the three methods on every row with a value", () => {
  it("the report JSON carries methods: openSdg, sdsn, escap, agreed, methodDependent", async () => {
    const report = await evaluate(
      [
        obs("m.pm25", 2015, 100),
        obs("m.pm25", 2022, 70),
        obs("m.green", 2015, 50),
        obs("m.green", 2022, 64),
        obs("m.free", 2015, 100),
        obs("m.free", 2022, 101),
      ],
      2022,
    )
    const json = JSON.parse(reportJson(report)) as typeof report
    const row = (id: string) => json.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === id)!
    const pm25 = row("m.pm25").methods!
    // Open SDG: (70/100)^(1/7) - 1 = -4.9677 %/yr against (40/100)^(1/15) - 1 = -5.9258 %/yr: R = 0.8383, moderate;
    // SDSN: -30/7 = -4.2857/yr against -60/15 = -4/yr: ratio 1.0714, on track;
    // ESCAP: 70 · 0.950323^8 = 46.566 in 2030, above 40: acceleration needed, APr = (46.566 - 100) / (40 - 100) = 0.8906
    expect(pm25.openSdg).toMatchObject({ status: "moderate", classes: ["progressing"] })
    expect(pm25.openSdg.ratio).toBeCloseTo(0.8383, 4)
    expect(pm25.sdsn).toMatchObject({ status: "on-track", requiredPerYear: -4, classes: ["on-track"] })
    expect(pm25.sdsn.ratio).toBeCloseTo(1.0714, 4)
    expect(pm25.escap).toMatchObject({ status: "acceleration-needed", predictedYear: 2030, classes: ["progressing", "limited"] })
    expect(pm25.escap.predictedValue).toBeCloseTo(46.566, 3)
    expect(pm25).toMatchObject({ agreed: [], methodDependent: true })
    // the row's own progress stays Open SDG's
    expect(row("m.pm25").progress.status).toBe("moderate")

    const green = row("m.green").methods!
    // Open SDG R = 3.5895 % / 3.1830 % = 1.1277; SDSN 2/yr against 2/yr; ESCAP 84.861 >= 80 in 2030
    expect([green.openSdg.status, green.sdsn.status, green.escap.status]).toEqual(["substantial", "on-track", "achieve-target"])
    expect(green).toMatchObject({ agreed: ["on-track"], methodDependent: false })

    const free = row("m.free").methods!
    // 1.01^(1/7) - 1 = 0.1423 %/yr: limited; the other two need a target
    expect(free.openSdg.status).toBe("limited")
    expect(free.sdsn).toEqual({ status: "not-assessable", reason: "no-target", classes: [] })
    expect(free.escap).toEqual({ status: "not-assessable", reason: "no-target", classes: [] })
    expect(free.methodDependent).toBe(false)
  })

  it("a row without a value for the year carries no comparison", async () => {
    const report = await evaluate([obs("m.green", 2015, 50)], 2022)
    const green = report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === "m.green")!
    expect(green.methods).toBeUndefined()
  })

  it("a breached red line reads as regressing in all three: 100 (2020) -> 98 (2022), not below the 2020 value", async () => {
    const report = await evaluate([obs("m.area", 2020, 100), obs("m.area", 2022, 98)], 2022)
    const area = report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === "m.area")!.methods!
    // SDSN: -2/2 = -1/yr against (100 - 100)/15 = 0/yr: moving away from a target the base met (ratio -infinity, left out);
    // ESCAP: g = 0.98^(1/2) - 1 = -1.0051 %/yr; ŷ(2035) = 98 · 0.98^(13/2) = 85.94 < 100, worse than the base
    expect(area.openSdg.status).toBe("deterioration")
    expect(area.sdsn).toEqual({ status: "decreasing", observedPerYear: -1, requiredPerYear: 0, classes: ["regressing"] })
    expect(area.escap.status).toBe("regress")
    expect(area.escap.predictedValue).toBeCloseTo(85.94, 2)
    expect(area.escap.ratio).toBeUndefined()
    expect(area).toMatchObject({ agreed: ["regressing"], methodDependent: false })
  })
})

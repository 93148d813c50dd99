/**
 * An additive dimension's `severity` (issue #21): `error` (the default) refuses breakdowns that do not add up,
 * `warning` stores them and reports the failed sum as the built-in rule `core.breakdown-sum`. Worked by hand:
 * metro 0.30 + bus 0.25 + bike 0.10 = 0.65 against a total of 0.70, off by 0.05, far over 0.1% of 0.70 = 0.0007.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import { breakdownChecks, breakdownProblems, breakdownWarnings, withBreakdownKeys } from "../src/BreakdownProblems.js"
import type { Dimension } from "../src/Dimension.js"
import type { NewObservation } from "../src/Observation.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { registerObservations } from "../src/Registration.js"
import { postgresAvailability } from "../src/testing/index.js"
import { DIALECTS, mode, purpose, runOn } from "./breakdownFixtures.js"
import { at, text } from "./fixtures.js"

const pluginWith = (dimensions: ReadonlyArray<Dimension>) =>
  definePlugin({
    id: "mob",
    version: "0.0.0",
    name: text("mobility"),
    indicators: [
      { id: "mob.green-share", kind: "observed", name: text("green travel share"), unit: text("share of trips"), direction: "higher-is-better", decimals: 2, range: { min: 0, max: 1 }, dimensions },
    ],
  })
const warned = pluginWith([{ ...mode, severity: "warning" }, purpose])
const registry = Effect.runSync(buildRegistry([warned], yrdRegions()))

const cell = { indicator: "mob.green-share", region: "320500", year: 2022, agency: "suzhou-transport", source: "travel survey 2022" }
const byMode = (m: string, value: number): NewObservation => ({ ...cell, value, dimensions: { mode: m } })
/** 0.30 + 0.25 + 0.10 = 0.65, not the total 0.70. */
const shortBy5 = [{ ...cell, value: 0.7 }, byMode("metro", 0.3), byMode("bus", 0.25), byMode("bike", 0.1)]
const none = { totals: [], breakdowns: [] }

describe("breakdown-sum severity", () => {
  it("refuses a severity other than error or warning, and a severity on a dimension that is not additive", () => {
    const bad = pluginWith([{ ...mode, severity: "fatal" as never }, { ...purpose, severity: "warning" }])
    const error = Effect.runSync(Effect.flip(buildRegistry([bad], yrdRegions())))
    expect(error.reason).toBe("invalid-definition")
    expect(error.message.split("; ")).toEqual([
      'cannot build the registry (2 problems): indicator "mob.green-share": dimension "mode" has severity "fatal", not "error" or "warning"',
      'indicator "mob.green-share": dimension "purpose" has severity "warning" but is not additive: a severity says what a sum that does not add up does (declare it additive, or drop the severity)',
    ])
    expect(Effect.runSync(Effect.either(buildRegistry([pluginWith([{ ...mode, severity: "error" }])], yrdRegions())))._tag).toBe("Right")
  })

  it("a warning dimension's sum that does not add up is a finding, not a problem: 0.65 against 0.70, slack 0.0007", () => {
    const rows = withBreakdownKeys(registry, shortBy5)
    expect(breakdownProblems(registry, rows, none)).toEqual([])
    const message = "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 0, 1, 2, 3)"
    expect(breakdownWarnings(registry, rows, none)).toEqual([
      {
        rule: "core.breakdown-sum/mob.green-share/mode",
        plugin: "mob",
        kind: "breakdown-sum",
        severity: "warning",
        name: { zh: "分项之和等于总量", en: "Breakdowns add up to the total" },
        scope: "320500",
        year: 2022,
        state: "failed",
        left: 0.65,
        operator: "==",
        right: 0.7,
        tolerance: 0.0007,
        cells: [
          { indicator: "mob.green-share", region: "320500", year: 2022, value: 0.7, row: 0 },
          { indicator: "mob.green-share", region: "320500", year: 2022, value: 0.3, breakdown: "mode=metro", row: 1 },
          { indicator: "mob.green-share", region: "320500", year: 2022, value: 0.25, breakdown: "mode=bus", row: 2 },
          { indicator: "mob.green-share", region: "320500", year: 2022, value: 0.1, breakdown: "mode=bike", row: 3 },
        ],
        message,
      },
    ])
    // a stored total is a cell without a row: bike 0.10 written alone against stored 0.70, 0.30, 0.25
    const stored = { totals: [{ ...cell, value: 0.7 }], breakdowns: [{ ...cell, breakdown: "mode=metro", value: 0.3 }, { ...cell, breakdown: "mode=bus", value: 0.25 }] }
    const [alone] = breakdownWarnings(registry, withBreakdownKeys(registry, [byMode("bike", 0.1)]), stored)
    expect(alone!.cells.map((c) => [c.breakdown ?? "", c.value, c.row ?? null])).toEqual([["", 0.7, null], ["mode=metro", 0.3, null], ["mode=bus", 0.25, null], ["mode=bike", 0.1, 0]])
    expect(alone!.message).toBe("metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (row 0)")
  })

  it("a partial breakdown already over its total is compared with <=; a duplicate and an orphan stay refusals whatever the severity", () => {
    // metro 0.50 + bus 0.30 = 0.80 > 0.70 without bike
    const [over] = breakdownWarnings(registry, withBreakdownKeys(registry, [{ ...cell, value: 0.7 }, byMode("metro", 0.5), byMode("bus", 0.3)]), none)
    expect([over!.left, over!.operator, over!.right]).toEqual([0.8, "<=", 0.7])
    const orphan = breakdownChecks(registry, withBreakdownKeys(registry, [byMode("metro", 0.3)]), none)
    expect(orphan.problems.map((p) => p.message)).toEqual([
      "mob.green-share (mode=metro) for 320500 in 2022 is a breakdown without its total: register the total first, or in the same write",
    ])
    const twice = breakdownProblems(registry, withBreakdownKeys(registry, [{ ...cell, value: 0.7 }, byMode("metro", 0.3), byMode("metro", 0.3)]), none)
    expect(twice.map((p) => p.index)).toEqual([2])
  })

  it("the default severity still refuses the same rows", () => {
    const strict = Effect.runSync(buildRegistry([pluginWith([mode, purpose])], yrdRegions()))
    const checks = breakdownChecks(strict, withBreakdownKeys(strict, shortBy5), none)
    expect(checks.warnings).toEqual([])
    expect(checks.problems).toEqual([
      { index: 0, field: "dimensions.mode", message: "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 0, 1, 2, 3)" },
    ])
  })
})

if (!postgresAvailability().run) describe.skip("PostgreSQL breakdown tests skipped: set TIJIAN_TEST_PG_URL (bash .ci/postgres.sh start)", () => it("runs on PostgreSQL", () => {}))

for (const dialect of DIALECTS) {
  it(`registers a warning dimension's breakdowns that do not add up: all four rows stored (${dialect.name})`, async () => {
    const stored = await runOn(
      dialect.layer,
      [warned],
      Effect.gen(function* () {
        yield* registerObservations(shortBy5, at(1))
        const s = yield* ObservationStore.ObservationStore
        const totals = (yield* s.currentValues({ indicators: ["mob.green-share"] })).map((o) => ["", o.value])
        return [...totals, ...(yield* s.breakdowns({ years: [2022] })).map((o) => [o.breakdown, o.value])]
      }),
    )
    expect(stored).toEqual([["", 0.7], ["mode=bike", 0.1], ["mode=bus", 0.25], ["mode=metro", 0.3]])
  })
}

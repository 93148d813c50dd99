import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import type { Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import type { TargetDefinition } from "../src/Target.js"
import { at, observed, runWith, text } from "./fixtures.js"

// 3 + 1 + X, ILLUSTRATIVE figures (no published standard is cited here): park green space per person (m²) in the
// Demonstration Zone (DEMO-ZONE), judged side by side against a national standard of 8, the local standards of
// Shanghai (310000) 9, Jiangsu (320000) 10 and Zhejiang (330000) 12, the plan's binding 12, and the benchmark Suzhou
// (320500), by its own registered value.
const g = "s.green-m2"
const source = text("illustrative")
const standards: ReadonlyArray<TargetDefinition> = [
  { indicator: g, scope: "DEMO-ZONE", kind: "at-least", value: 8, dueYear: 2035, binding: false, source, standard: { family: "national" } },
  { indicator: g, scope: "DEMO-ZONE", kind: "at-least", value: 9, dueYear: 2035, binding: false, source, standard: { family: "local", issuer: "310000" } },
  { indicator: g, scope: "DEMO-ZONE", kind: "at-least", value: 10, dueYear: 2035, binding: false, source, standard: { family: "local", issuer: "320000" } },
  { indicator: g, scope: "DEMO-ZONE", kind: "at-least", value: 12, dueYear: 2035, binding: false, source, standard: { family: "local", issuer: "330000" } },
  { indicator: g, scope: "DEMO-ZONE", kind: "at-least", value: 12, dueYear: 2035, binding: true, source, standard: { family: "plan" } },
  { indicator: g, scope: "DEMO-ZONE", kind: "at-least", dueYear: 2035, binding: false, source, standard: { family: "benchmark", region: "320500" } },
]
const plugin: Plugin = { id: "s", version: "0.1.0", name: text("s"), indicators: [observed(g)], targets: standards }

const evaluate = (rows: ReadonlyArray<{ region: string; year: number; value: number }>, year: number) =>
  runWith(
    [plugin],
    Effect.gen(function* () {
      const store = yield* ObservationStore.ObservationStore
      yield* store.append(rows.map((r) => ({ ...r, indicator: g, agency: "a", source: "s" })), at(1))
      return yield* (yield* Engine.Engine).evaluate({ scope: "DEMO-ZONE", year, asOf: at(2) })
    }),
  )

describe("3 + 1 + X: one indicator judged against several standards side by side", () => {
  it("11.0 in 2025: national 8 met (gap 8 - 11 = -3), Shanghai 9 met, Jiangsu 10 met, Zhejiang 12 not (gap 1), the plan's binding 12 not, benchmark Suzhou 13.5 not (gap 2.5)", async () => {
    const report = await evaluate(
      [
        { region: "DEMO-ZONE", year: 2025, value: 11 },
        { region: "320500", year: 2025, value: 13.5 },
      ],
      2025,
    )
    const row = report.sections[0]!.evaluations[0]!
    expect(row.targets.map((t) => [t.id, t.value, t.met, t.gap])).toEqual([
      [`${g}@DEMO-ZONE/at-least/2035/national`, 8, true, -3],
      [`${g}@DEMO-ZONE/at-least/2035/local:310000`, 9, true, -2],
      [`${g}@DEMO-ZONE/at-least/2035/local:320000`, 10, true, -1],
      [`${g}@DEMO-ZONE/at-least/2035/local:330000`, 12, false, 1],
      [`${g}@DEMO-ZONE/at-least/2035/plan`, 12, false, 1],
      [`${g}@DEMO-ZONE/at-least/2035/benchmark:320500`, 13.5, false, 2.5],
    ])
    expect(row.targets.map((t) => t.standard)).toEqual(standards.map((t) => t.standard))
    // the benchmark's value rests on Suzhou's revision, listed with the row's
    expect(row.revisions).toEqual([`${g}/320500/2025/r1`, `${g}/DEMO-ZONE/2025/r1`])
    // only the plan's target is binding: one binding miss
    expect(report.summary.binding).toEqual({ targets: 1, met: 0, breached: 1, notAssessed: 0 })
  })

  it("without Suzhou's 2025 value the benchmark is not assessed (no benchmark value), never met", async () => {
    const report = await evaluate([{ region: "DEMO-ZONE", year: 2025, value: 11 }, { region: "320500", year: 2024, value: 13 }], 2025)
    const benchmark = report.sections[0]!.evaluations[0]!.targets.at(-1)!
    expect(benchmark).toMatchObject({ met: null, gap: null, notAssessed: "no-benchmark-value" })
    expect(benchmark.value).toBeUndefined()
  })
})

const build = (targets: ReadonlyArray<unknown>) =>
  Effect.runSync(Effect.flip(buildRegistry([{ ...plugin, targets: targets as ReadonlyArray<TargetDefinition> }], yrdRegions())))

describe("bad target declarations: one registry error naming each target", () => {
  it.each([
    [
      "a forecast without expects, marked binding",
      { indicator: g, scope: "330100", kind: "forecast", value: 9_500_000, dueYear: 2030, binding: true, source },
      `target "${g}@330100/forecast/2030" of plugin "s" is a forecast and needs expects: "growth" or "decline"; target "${g}@330100/forecast/2030" of plugin "s" is a forecast, which cannot be binding (a forecast is not a goal)`,
    ],
    [
      "a benchmark with a value, naming an unknown region",
      { indicator: g, scope: "DEMO-ZONE", kind: "at-least", value: 3, dueYear: 2035, binding: false, source, standard: { family: "benchmark", region: "999999" } },
      `target "${g}@DEMO-ZONE/at-least/2035/benchmark:999999" of plugin "s" has a benchmark "999999", which is not a known region; target "${g}@DEMO-ZONE/at-least/2035/benchmark:999999" of plugin "s" is a benchmark and cannot have a value: the benchmark region's own value is the standard`,
    ],
    [
      "a red line without its baseline year",
      { indicator: g, scope: "DEMO-ZONE", kind: "no-decrease-from-baseline", dueYear: 2035, binding: true, source },
      `target "${g}@DEMO-ZONE/no-decrease-from-baseline/2035" of plugin "s" is no-decrease-from-baseline and needs baselineYear, the year whose value is the red line`,
    ],
    [
      "an unknown kind",
      { indicator: g, scope: "DEMO-ZONE", kind: "more-than", value: 3, dueYear: 2035, binding: false, source },
      `target "${g}@DEMO-ZONE/more-than/2035" of plugin "s" has kind "more-than"; it must be one of at-least, at-most, band, equals, no-decrease-from-baseline, forecast`,
    ],
  ])("%s", (_name, target, message) => {
    const error = build([target])
    // the reason is the first problem's
    expect(error.reason).toBe(message.includes("not a known region") ? "unknown-region" : "invalid-definition")
    expect(error.message).toContain(message)
  })

  it("types refuse them at compile time, and the registry refuses the same declarations from untyped code", () => {
    const declare = (t: TargetDefinition<"s.green-m2">) => t
    const refused = [
      // @ts-expect-error a forecast needs `expects`
      declare({ indicator: g, scope: "330100", kind: "forecast", value: 9_500_000, dueYear: 2030, source }),
      // @ts-expect-error a forecast cannot be binding
      declare({ indicator: g, scope: "330100", kind: "forecast", value: 9_500_000, dueYear: 2031, expects: "growth", binding: true, source }),
      // @ts-expect-error a band has lo and hi, not a value
      declare({ indicator: g, scope: "*", kind: "band", value: 3, dueYear: 2035, binding: false, source }),
      // @ts-expect-error a benchmark takes no value
      declare({ indicator: g, scope: "*", kind: "at-least", value: 3, dueYear: 2035, binding: false, source, standard: { family: "benchmark", region: "320500" } }),
      // @ts-expect-error an at-least needs a value unless it is a benchmark
      declare({ indicator: g, scope: "*", kind: "at-least", dueYear: 2035, binding: false, source, standard: { family: "national" } }),
      // @ts-expect-error a red line needs its baseline year
      declare({ indicator: g, scope: "*", kind: "no-decrease-from-baseline", dueYear: 2035, binding: true, source }),
    ]
    const error = build(refused)
    expect(error.reason).toBe("invalid-definition")
    expect(error.message).toContain("6 problems")
    for (const id of [`${g}@330100/forecast/2030`, `${g}@330100/forecast/2031`, `${g}@*/band/2035`, `${g}@*/at-least/2035/benchmark:320500`, `${g}@*/at-least/2035/national`, `${g}@*/no-decrease-from-baseline/2035`]) {
      expect(error.message).toContain(`target "${id}" of plugin "s"`)
    }
  })
})

/**
 * `defineCalculator` keeps `produces` literal (a value for an indicator the calculator does not declare is a compile
 * error in `run`, and `runCalculator` refuses it from untyped code) and types `params` by its Schema. `run` is an
 * Effect: the composite toolkit's `Either` yields in it, and its `CompositeError` becomes a failed run.
 */
import { Effect, Either, Schema } from "effect"
import { describe, expect, expectTypeOf, it } from "vitest"
import { defineCalculator, runCalculator } from "../src/Calculator.js"
import { param, Params } from "../src/CalculatorParams.js"
import { CompositeError } from "../src/Errors.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { text } from "./fixtures.js"

const plugin = { id: "calc", version: "0.1.0" }
const request = { inputs: {}, params: {}, region: "320500", year: 2024, regions: yrdRegions() }
const none = Schema.Struct({})

describe("defineCalculator", () => {
  it("types produces by the declared ids and runs: 0.93 for calc.share in 320500 2024", async () => {
    const share = defineCalculator({
      id: "calc.share-from-nothing",
      name: text("share"),
      description: text("a fixed share"),
      inputs: [],
      params: none,
      produces: ["calc.share"],
      run: ({ region, year }) => Effect.succeed({ values: [{ indicator: "calc.share", region, year, value: 0.93 }] }),
    })
    expectTypeOf(share.produces).toEqualTypeOf<ReadonlyArray<"calc.share">>()
    const { output } = await runCalculator(share, plugin, request)
    expect(output.values).toEqual([{ indicator: "calc.share", region: "320500", year: 2024, value: 0.93 }])
  })

  it("types params by the Schema: minutes as a number, a clock time as seconds after midnight", async () => {
    const timed = defineCalculator({
      id: "calc.timed",
      name: text("timed"),
      description: text("echoes its parameters"),
      inputs: [],
      params: Schema.Struct({
        thresholdMin: param(Params.Minutes.pipe(Params.within(1, 240)), { en: "threshold", zh: "阈值", default: 60 }),
        departure: param(Params.ClockTime, { en: "departure", zh: "出发时间", default: "08:00" }),
      }),
      produces: ["calc.minutes"],
      run: ({ region, year, params }) => {
        expectTypeOf(params.thresholdMin).toEqualTypeOf<number>()
        expectTypeOf(params.departure).toEqualTypeOf<number>()
        return Effect.succeed({ values: [{ indicator: "calc.minutes" as const, region, year, value: params.thresholdMin + params.departure / 60 }] })
      },
    })
    // 45 + 07:30 (450 minutes after midnight) = 495.
    const { output, provenance } = await runCalculator(timed, plugin, { ...request, params: { thresholdMin: "45", departure: "7:30" } })
    expect(output.values[0]!.value).toBe(495)
    expect(provenance.params).toEqual({ thresholdMin: 45, departure: "07:30" })
  })

  it("a value for an undeclared indicator: a compile error, and refused by runCalculator", async () => {
    const stray = defineCalculator({
      id: "calc.stray",
      name: text("stray"),
      description: text("returns a value it does not declare"),
      inputs: [],
      params: none,
      produces: ["calc.share"],
      // @ts-expect-error "calc.other" is not in produces
      run: ({ region, year }) => Effect.succeed({ values: [{ indicator: "calc.other", region, year, value: 1 }] }),
    })
    await expect(runCalculator(stray, plugin, request)).rejects.toThrow("calc.stray returned values for undeclared indicators: calc.other")
  })

  it("yields the toolkit's Either in run: a CompositeError is a failed run with its message", async () => {
    const composite = defineCalculator({
      id: "calc.composite",
      name: text("composite"),
      description: text("combines through the toolkit"),
      inputs: [],
      params: none,
      produces: ["calc.share"],
      run: ({ region, year }) =>
        Effect.gen(function* () {
          const v = yield* Either.left(new CompositeError({ reason: "no-values", message: "no member has a value" }))
          return { values: [{ indicator: "calc.share" as const, region, year, value: v }] }
        }),
    })
    await expect(runCalculator(composite, plugin, request)).rejects.toMatchObject({ reason: "failed", message: "calc.composite could not combine its values: no member has a value" })
  })
})

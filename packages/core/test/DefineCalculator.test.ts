/**
 * `defineCalculator` keeps `produces` literal: a value for an indicator the calculator does not declare is a compile
 * error in `run`, and `runCalculator` refuses it from untyped code.
 */
import { describe, expect, expectTypeOf, it } from "vitest"
import { defineCalculator, runCalculator } from "../src/Calculator.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { text } from "./fixtures.js"

const plugin = { id: "calc", version: "0.1.0" }
const request = { inputs: {}, params: {}, region: "320500", year: 2024, regions: yrdRegions() }

describe("defineCalculator", () => {
  it("types produces by the declared ids and runs: 0.93 for calc.share in 320500 2024", async () => {
    const share = defineCalculator({
      id: "calc.share-from-nothing",
      name: text("share"),
      description: text("a fixed share"),
      inputs: [],
      parameters: [],
      produces: ["calc.share"],
      run: async ({ region, year }) => ({ values: [{ indicator: "calc.share", region, year, value: 0.93 }] }),
    })
    expectTypeOf(share.produces).toEqualTypeOf<ReadonlyArray<"calc.share">>()
    const { output } = await runCalculator(share, plugin, request)
    expect(output.values).toEqual([{ indicator: "calc.share", region: "320500", year: 2024, value: 0.93 }])
  })

  it("a value for an undeclared indicator: a compile error, and refused by runCalculator", async () => {
    const stray = defineCalculator({
      id: "calc.stray",
      name: text("stray"),
      description: text("returns a value it does not declare"),
      inputs: [],
      parameters: [],
      produces: ["calc.share"],
      // @ts-expect-error "calc.other" is not in produces
      run: async ({ region, year }) => ({ values: [{ indicator: "calc.other", region, year, value: 1 }] }),
    })
    await expect(runCalculator(stray, plugin, request)).rejects.toThrow("calc.stray returned values for undeclared indicators: calc.other")
  })
})

import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import * as ObservationStore from "../src/ObservationStore.js"
import { registerObservations } from "../src/Registration.js"
import { at, chainPlugin, runWith } from "./fixtures.js"

const base = { agency: "suzhou", source: "yearbook", year: 2022, region: "320500", indicator: "t.a", value: 1 }

describe("registering observations", () => {
  it("refuses the whole batch with every problem, storing nothing", async () => {
    const result = await runWith(
      [chainPlugin],
      Effect.gen(function* () {
        const error = yield* Effect.flip(
          registerObservations(
            [
              base,
              { ...base, indicator: "t.aa" },
              { ...base, region: "320599" },
              { ...base, year: 2022.5 },
              { ...base, value: 101 },
              { ...base, value: Number.NaN },
              { ...base, indicator: "t.sum" },
            ],
            at(1),
          ),
        )
        const count = yield* Effect.flatMap(ObservationStore.ObservationStore, (s) => s.countRevisions())
        return { error, count }
      }),
    )
    expect(result.count).toBe(0)
    expect(result.error._tag).toBe("InvalidObservations")
    if (result.error._tag !== "InvalidObservations") return
    expect(result.error.problems).toEqual([
      { index: 1, field: "indicator", message: 'unknown indicator "t.aa"; did you mean "t.a"?' },
      { index: 2, field: "region", message: 'unknown region code "320599"; did you mean "320509"? (regions are identified by GB/T 2260 code, e.g. 320500)' },
      { index: 3, field: "year", message: "year 2022.5 must be a whole year between 1949 and 2100" },
      { index: 4, field: "value", message: "101 is outside the valid range 0..100 of t.a (index)" },
      { index: 5, field: "value", message: "value NaN is not a finite number" },
      { index: 6, field: "indicator", message: "t.sum is derived (computed from t.a, t.b); register its inputs instead" },
    ])
    // printed on its own (a failing plugin test shows only the message), the error still says which rows and why
    expect(result.error.message).toBe(
      "6 problem(s) in 6 row(s); nothing was stored: " +
        'row 1, indicator: unknown indicator "t.aa"; did you mean "t.a"?; ' +
        'row 2, region: unknown region code "320599"; did you mean "320509"? (regions are identified by GB/T 2260 code, e.g. 320500); ' +
        "row 3, year: year 2022.5 must be a whole year between 1949 and 2100; " +
        "row 4, value: 101 is outside the valid range 0..100 of t.a (index); " +
        "row 5, value: value NaN is not a finite number; " +
        "row 6, indicator: t.sum is derived (computed from t.a, t.b); register its inputs instead",
    )
  })

  it("spells out the first ten problems of a larger refusal and counts the rest", async () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({ ...base, year: 2000 + i, value: 200 + i }))
    const error = await runWith([chainPlugin], Effect.flip(registerObservations(rows, at(1))))
    expect(error._tag).toBe("InvalidObservations")
    expect(error.message).toMatch(/^12 problem\(s\) in 12 row\(s\); nothing was stored: row 0, value: 200 is outside/)
    expect(error.message).toContain("row 9, value: 209 is outside the valid range 0..100 of t.a (index); and 2 more")
    expect(error.message).not.toContain("row 10")
  })

  it("stores a valid batch as revisions", async () => {
    const stored = await runWith([chainPlugin], registerObservations([base, { ...base, region: "341300", value: 2 }], at(1)))
    expect(stored.map((s) => s.id)).toEqual(["t.a/320500/2022/r1", "t.a/341300/2022/r1"])
  })
})

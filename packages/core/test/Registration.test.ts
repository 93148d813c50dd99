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
  })

  it("stores a valid batch as revisions", async () => {
    const stored = await runWith([chainPlugin], registerObservations([base, { ...base, region: "341300", value: 2 }], at(1)))
    expect(stored.map((s) => s.id)).toEqual(["t.a/320500/2022/r1", "t.a/341300/2022/r1"])
  })
})

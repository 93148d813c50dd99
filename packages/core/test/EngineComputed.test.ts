import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin } from "../src/Plugin.js"
import { at, runWith, text } from "./fixtures.js"

const score = (id: `s.${string}`) => ({
  id,
  kind: "observed" as const,
  name: text(id),
  unit: text("index"),
  direction: "higher-is-better" as const,
  decimals: 2,
})

/** A sub-index that is registered or computed (mean of two base scores), and a composite over five inputs. */
const plugin = definePlugin({
  id: "s",
  version: "0.0.0",
  name: text("scores"),
  appliesTo: { levels: ["region", "province", "city", "county", "group"] },
  indicators: [
    score("s.base-1"),
    score("s.base-2"),
    { ...score("s.sub"), inputs: ["s.base-1", "s.base-2"], compute: (v) => (v["s.base-1"]! + v["s.base-2"]!) / 2 },
    score("s.x1"),
    score("s.x2"),
    score("s.x3"),
    score("s.x4"),
    {
      ...score("s.composite"),
      kind: "derived",
      inputs: ["s.sub", "s.x1", "s.x2", "s.x3", "s.x4"],
      maxMissingInputShare: 0.2,
      compute: (v) => {
        // with missing inputs allowed, compute receives only the present ones
        const present = Object.values(v).filter((x) => x !== undefined)
        return present.reduce((a, b) => a + b, 0) / present.length
      },
    },
  ],
})

const evaluate = (rows: ReadonlyArray<readonly [string, number]>) =>
  runWith(
    [plugin],
    Effect.gen(function* () {
      const store = yield* ObservationStore.ObservationStore
      yield* store.append(
        rows.map(([indicator, value]) => ({ indicator, region: "YRD", year: 2022, value, agency: "a", source: "s" })),
        at(1),
      )
      const report = yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: "YRD", year: 2022, asOf: at(2) }))
      const rowsById = new Map(report.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e]))
      return { report, row: (id: string) => rowsById.get(id)! }
    }),
  )

describe("registered or computed values", () => {
  it("computes a sub-index from its base indicators where none is registered: (60 + 80) / 2 = 70", async () => {
    const { row } = await evaluate([["s.base-1", 60], ["s.base-2", 80]])
    expect(row("s.sub")).toMatchObject({ value: 70, origin: "derived", computedValue: null })
  })

  it("keeps a registered value and shows the computed one and the difference: 72 registered, 70 computed, +2", async () => {
    const { row, report } = await evaluate([["s.base-1", 60], ["s.base-2", 80], ["s.sub", 72]])
    expect(row("s.sub")).toMatchObject({ value: 72, origin: "observed", computedValue: 70 })
    expect(report.diagnosis.computedVsReported).toEqual([
      { indicator: "s.sub", name: text("s.sub"), value: 72, reported: 72, computed: 70, difference: 2 },
    ])
  })

  it("computes a composite with one of five inputs missing (20% allowed), naming the missing one", async () => {
    const { row } = await evaluate([["s.sub", 50], ["s.x1", 60], ["s.x2", 70], ["s.x3", 80]])
    // (50 + 60 + 70 + 80) / 4 = 65
    expect(row("s.composite")).toMatchObject({ value: 65, missingInputs: ["s.x4"], status: "ok" })
    expect(row("s.composite").completeness).toBeCloseTo(0.8, 10)
  })

  it("gives no composite with two of five missing (40% > 20%), and says which", async () => {
    const { row } = await evaluate([["s.sub", 50], ["s.x1", 60], ["s.x2", 70]])
    expect(row("s.composite")).toMatchObject({ value: null, status: "missing", missingInputs: ["s.x3", "s.x4"] })
  })
})

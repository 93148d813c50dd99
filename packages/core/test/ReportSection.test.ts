import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin } from "../src/Plugin.js"
import { at, runWith, text } from "./fixtures.js"

const indicator = <const Id extends string>(id: Id) => ({
  id,
  kind: "observed" as const,
  name: text(id),
  unit: text("index"),
  direction: "higher-is-better" as const,
  decimals: 2,
})

const good = definePlugin({
  id: "good",
  version: "1.0.0",
  name: text("good"),
  indicators: [indicator("good.x")],
  reportSection: ({ evaluations, year }) => ({
    notes: [text(`${evaluations.length} indicator(s) in ${year}`)],
    tables: [
      {
        id: "doubled",
        title: text("doubled"),
        columns: [{ id: "indicator", name: text("indicator") }, { id: "twice", name: text("twice") }],
        rows: evaluations.map((e) => ({ indicator: e.indicator, twice: e.value === null ? null : e.value * 2 })),
      },
    ],
  }),
})

const bad = definePlugin({
  id: "bad",
  version: "1.0.0",
  name: text("bad"),
  indicators: [indicator("bad.y")],
  reportSection: () => {
    throw new Error("section exploded")
  },
})

describe("plugin report sections", () => {
  it("adds a plugin's notes and tables; a failing section keeps its evaluations and says why", async () => {
    const report = await runWith(
      [good, bad],
      Effect.gen(function* () {
        const store = yield* ObservationStore.ObservationStore
        yield* store.append(
          [
            { indicator: "good.x", region: "YRD", year: 2022, value: 21, agency: "a", source: "s" },
            { indicator: "bad.y", region: "YRD", year: 2022, value: 5, agency: "a", source: "s" },
          ],
          at(1),
        )
        return yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: "YRD", year: 2022, asOf: at(2) }))
      }),
    )
    const [g, b] = report.sections
    expect(g!.notes).toEqual([text("1 indicator(s) in 2022")])
    expect(g!.tables[0]!.rows).toEqual([{ indicator: "good.x", twice: 42 }])
    expect(g!.error).toBeNull()
    expect(b!.error).toBe("the bad plugin's section failed: section exploded")
    expect(b!.evaluations[0]!.value).toBe(5)
  })
})

import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import * as Database from "../src/Database.js"
import * as Editions from "../src/Editions.js"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import type { Report } from "../src/Report.js"
import { diffReports } from "../src/ReportDiff.js"
import { at, chainPlugin } from "./fixtures.js"

const live = Layer.mergeAll(Engine.layer, Editions.layer).pipe(
  Layer.provideMerge(ObservationStore.layer),
  Layer.provideMerge(Database.layerSqlite({ filename: ":memory:" })),
  Layer.provideMerge(Registry.layer([chainPlugin], yrdRegions())),
)

const obs = (indicator: string, year: number, value: number) => ({ indicator, region: "320500", year, value, agency: "a", source: "s" })

describe("report editions", () => {
  it("keeps a published edition byte-identical after a new revision; the diff names that value and its judgements", async () => {
    const result = await Effect.runPromise(
      Effect.gen(function* () {
        const store = yield* ObservationStore.ObservationStore
        const engine = yield* Engine.Engine
        const editions = yield* Editions.Editions
        yield* store.append([obs("t.a", 2021, 60), obs("t.a", 2022, 70), obs("t.b", 2022, 4)], at(1))
        const first = yield* engine.evaluate({ scope: "320500", year: 2022, asOf: at(2) })
        const e1 = yield* editions.publish(first, "yrd-office", at(2))
        const unchanged = yield* Effect.flip(editions.publish(yield* engine.evaluate({ scope: "320500", year: 2022, asOf: at(3) }), "yrd-office", at(3)))
        yield* store.append([{ ...obs("t.a", 2022, 55), expectedRevision: 1 }], at(4))
        const second = yield* engine.evaluate({ scope: "320500", year: 2022, asOf: at(5) })
        const e2 = yield* editions.publish(second, "yrd-office", at(5))
        const stored1 = yield* editions.get("320500", 2022, 1)
        const list = yield* editions.list("320500", 2022)
        const missing = yield* Effect.flip(editions.get("320500", 2022, 9))
        return { first, second, e1, e2, stored1, list, unchanged, missing }
      }).pipe(Effect.provide(live)),
    )
    expect(result.e1).toMatchObject({ edition: 1, publishedBy: "yrd-office", asOf: at(2), contentHash: result.first.provenance.contentHash })
    expect(result.e2.edition).toBe(2)
    expect(result.unchanged.message).toBe("edition 1 of 320500 2022 already has these data; publish again after a revision")
    expect(result.stored1.json).toBe(JSON.stringify(result.first))
    expect(result.list.map((e) => e.edition)).toEqual([1, 2])
    expect(result.missing._tag).toBe("NotFound")
    const diff = diffReports(JSON.parse(result.stored1.json) as Report, result.second)
    // t.a 70 -> 55; t.sum = a + b 74 -> 59; t.total = 10 x sum 740 -> 590
    expect(diff.values.map((c) => [c.indicator, c.from, c.to])).toEqual([
      ["t.a", 70, 55],
      ["t.sum", 74, 59],
      ["t.total", 740, 590],
    ])
    // t.a regressed below 2021's 60: its progress towards 100 by 2035 turns from substantial to deterioration
    expect(diff.judgements.filter((c) => c.indicator === "t.a").map((c) => [c.field, c.from, c.to])).toEqual([["progress", "substantial", "deterioration"]])
    expect(diff.revisionsAdded).toEqual(["t.a/320500/2022/r2"])
    expect(diff.revisionsRemoved).toEqual(["t.a/320500/2022/r1"])
  })
})

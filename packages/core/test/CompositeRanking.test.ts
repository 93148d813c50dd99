// A plugin-declared composite ranked over a scope's members (issue #22, item 4): the registry checks the declaration,
// the engine reads the members' values and ranks them with rank intervals and Sobol' indices.
import { Effect, Either } from "effect"
import { rankMembers } from "../src/CompositeDeclaration.js"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import type { Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { registerObservations } from "../src/Registration.js"
import * as Registry from "../src/Registry.js"
import { at, observed, stack, text } from "./fixtures.js"

const plugin: Plugin = {
  id: "c",
  version: "0.0.0",
  name: text("composite test"),
  appliesTo: { levels: ["region", "province", "city", "group"] },
  indicators: [
    observed("c.x"),
    observed("c.y"),
    { ...observed("c.index"), kind: "derived", inputs: ["c.x", "c.y"], compute: (v) => (v["c.x"]! + v["c.y"]!) / 2 },
  ],
  composites: [{ indicator: "c.index", weights: { "c.x": 0.5, "c.y": 0.5 }, method: "arithmetic", uncertainty: { normalisations: ["as-given"], samples: 400 } }],
}

const run = <A, E>(rows: ReadonlyArray<{ indicator: string; region: string; value: number }>, body: Effect.Effect<A, E, Engine.Engine>) =>
  Effect.runPromise(
    Effect.gen(function* () {
      yield* registerObservations(rows.map((r) => ({ ...r, year: 2022, agency: "test", source: "test" })), at(1))
      return yield* body
    }).pipe(Effect.either, Effect.provide(stack([plugin]))),
  )

// Shanghai {100, 10} and Jiangsu {40, 40}: arithmetic 55 > 40 whatever weights within ±20% (x's weight in [0.4, 0.6]:
// 46..64), geometric 10^(1 + w) in [25.1, 39.8] < 40. The aggregation alone decides; Zhejiang and Anhui have no values.
const rows = [
  { indicator: "c.x", region: "310000", value: 100 },
  { indicator: "c.y", region: "310000", value: 10 },
  { indicator: "c.x", region: "320000", value: 40 },
  { indicator: "c.y", region: "320000", value: 40 },
]

describe("a declared composite ranked over a scope's members", () => {
  it("ranks YRD's provinces (a region's children), the aggregation moving both ranks, the members without values last", async () => {
    const r = await run(rows, Effect.flatMap(Engine.Engine, (e) => e.composite({ indicator: "c.index", scope: "YRD", year: 2022 })))
    if (r._tag !== "Right") throw new Error(`expected a ranking: ${r.left.message}`)
    const ranking = r.right
    expect([ranking.plugin, ranking.scope.code, ranking.robustWidth, ranking.factors.map((f) => f.factor)]).toEqual(["c", "YRD", 0, ["weights", "aggregation"]])
    expect(ranking.members.map((m) => [m.code, m.composite, m.rank, m.rankInterval, m.mostInfluential, m.notRobust])).toEqual([
      ["310000", 55, 1, [1, 2], "aggregation", true],
      ["320000", 40, 2, [1, 2], "aggregation", true],
      ["330000", null, null, null, null, false],
      ["340000", null, null, null, null, false],
    ])
    expect(ranking.members[0]!.sensitivity!.find((s) => s.factor === "weights")!.total).toBe(0)
    expect(ranking.members[2]!.missing).toEqual(["c.x", "c.y"])
  })

  it("refuses what is not a declared composite, an unknown scope, and a scope without members", async () => {
    const composite = (input: Engine.CompositeInput) => Effect.flatMap(Engine.Engine, (e) => e.composite(input))
    const error = async (input: Engine.CompositeInput) => {
      const r = await run(rows, composite(input))
      if (r._tag !== "Left") throw new Error("expected an error")
      return [r.left._tag, "reason" in r.left ? r.left.reason : undefined]
    }
    expect(await error({ indicator: "c.x", scope: "YRD", year: 2022 })).toEqual(["NotFound", "indicator"])
    expect(await error({ indicator: "c.index", scope: "NOWHERE", year: 2022 })).toEqual(["NotFound", "region"])
    expect(await error({ indicator: "c.index", scope: "310000", year: 2022 })).toEqual(["CompositeError", "no-values"])
  })

  it("the registry refuses a composite over an unknown input or with weights not summing to 1", async () => {
    const bad: Plugin = { ...plugin, composites: [{ indicator: "c.index", weights: { "c.x": 0.5, "c.y": 0.6 }, method: "arithmetic" }] }
    const e = await Effect.runPromise(Effect.flip(Registry.buildRegistry([bad], yrdRegions())))
    expect(e.message).toContain('composite "c.index" of plugin "c" its weights: weights sum to 1.1, not 1')
  })
})

describe("rankMembers", () => {
  const member = (code: string, x: number, y: number) => ({ code, name: text(code), values: { "c.x": x, "c.y": y } })
  const declaration = { indicator: "c.index", weights: { "c.x": 0.5, "c.y": 0.5 }, method: "arithmetic" as const, uncertainty: { samples: 100 } }

  it("leaves the geometric mean out when a score is 0, and min-max when an input has no spread, saying why", () => {
    const zero = Either.getOrThrow(rankMembers(declaration, [member("A", 0, 50), member("B", 40, 40), member("C", 20, 60)]))
    expect(zero.factors.map((f) => f.factor)).toEqual(["weights", "normalisation"])
    expect(zero.skipped).toEqual([expect.stringContaining("only the arithmetic mean is run: the geometric mean needs positive scores; after available imputation and as-given normalisation, A (c.x = 0) is not")])
    // equal weights: A (0 + 50)/2 = 25, B 40, C (20 + 60)/2 = 40; B and C tie and share rank 1
    expect(zero.members.map((m) => [m.code, m.composite, m.rank])).toEqual([["B", 40, 1], ["C", 40, 1], ["A", 25, 3]])
    const flat = Either.getOrThrow(rankMembers(declaration, [member("A", 50, 10), member("B", 50, 20), member("C", 50, 30)]))
    expect(flat.skipped).toEqual([expect.stringContaining("only the scores as given are used: c.x (min-max): min-max normalisation needs at least two different values")])
    expect(flat.factors.map((f) => f.factor)).toEqual(["weights", "aggregation"])
  })
})

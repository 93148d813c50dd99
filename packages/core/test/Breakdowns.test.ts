import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import type { NewObservation } from "../src/Observation.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { registerObservations } from "../src/Registration.js"
import { postgresAvailability } from "../src/testing/index.js"
import { at } from "./fixtures.js"
import { DIALECTS, mobilityPlugin, runOn } from "./breakdownFixtures.js"

const cell = { indicator: "mob.green-share", region: "320500", year: 2022, agency: "suzhou-transport", source: "travel survey 2022" }
const total = (value: number, extra: Partial<NewObservation> = {}): NewObservation => ({ ...cell, value, ...extra })
const byMode = (mode: string, value: number, extra: Partial<NewObservation> = {}): NewObservation => ({ ...cell, value, dimensions: { mode }, ...extra })

/** 70% green travel in Suzhou 2022: metro 30% + bus 25% + bike 15%. */
const survey = [total(0.7), byMode("metro", 0.3), byMode("bus", 0.25), byMode("bike", 0.15)]

const store = ObservationStore.ObservationStore

const problemsOf = (error: { readonly _tag: string }) => ("problems" in error ? (error.problems as ReadonlyArray<unknown>) : error)

if (!postgresAvailability().run) describe.skip("PostgreSQL breakdown tests skipped: set TIJIAN_TEST_PG_URL (bash .ci/postgres.sh start)", () => it("runs on PostgreSQL", () => {}))

for (const dialect of DIALECTS) {
  const run = <A, E>(body: Effect.Effect<A, E, Engine.Engine | ObservationStore.ObservationStore | import("../src/Registry.js").Registry>) =>
    runOn(dialect.layer, [mobilityPlugin], body)

  describe(`breakdowns: ${dialect.name}`, () => {
    it("stores breakdowns beside the total; every existing read returns the total only; breakdowns are read explicitly", async () => {
      const result = await run(
        Effect.gen(function* () {
          const stored = yield* registerObservations(survey, at(1))
          const s = yield* store
          return {
            ids: stored.map((o) => o.id),
            current: (yield* s.current({})).map((o) => [o.id, o.value]),
            values: (yield* s.currentValues({ indicators: ["mob.green-share"] })).map((o) => [o.id, o.value]),
            breakdowns: (yield* s.breakdowns({ regions: ["320500"], years: [2022] })).map((o) => [o.breakdown, o.dimensions, o.value, o.revision]),
            history: (yield* s.history("mob.green-share", "320500", 2022)).map((o) => o.value),
          }
        }),
      )
      expect(result.ids).toEqual([
        "mob.green-share/320500/2022/r1",
        "mob.green-share/320500/2022/mode=metro/r1",
        "mob.green-share/320500/2022/mode=bus/r1",
        "mob.green-share/320500/2022/mode=bike/r1",
      ])
      expect(result.current).toEqual([["mob.green-share/320500/2022/r1", 0.7]])
      expect(result.values).toEqual([["mob.green-share/320500/2022/r1", 0.7]])
      // in key order
      expect(result.breakdowns).toEqual([
        ["mode=bike", { mode: "bike" }, 0.15, 1],
        ["mode=bus", { mode: "bus" }, 0.25, 1],
        ["mode=metro", { mode: "metro" }, 0.3, 1],
      ])
      expect(result.history).toEqual([0.7])
    })

    it("revises a breakdown as its own cell: its own revisions, history and as-of reads", async () => {
      const result = await run(
        Effect.gen(function* () {
          yield* registerObservations(survey, at(1))
          // metro up 2 points, bus down 2: still 70% in all
          yield* registerObservations([byMode("metro", 0.32, { expectedRevision: 1 }), byMode("bus", 0.23, { expectedRevision: 1 })], at(2))
          const s = yield* store
          return {
            metro: (yield* s.history("mob.green-share", "320500", 2022, "mode=metro")).map((o) => [o.revision, o.value]),
            total: (yield* s.history("mob.green-share", "320500", 2022)).map((o) => [o.revision, o.value]),
            then: (yield* s.breakdowns({ asOf: at(1) })).map((o) => [o.breakdown, o.value]),
            now: (yield* s.breakdowns({})).map((o) => [o.breakdown, o.value, o.revision]),
          }
        }),
      )
      expect(result.metro).toEqual([[1, 0.3], [2, 0.32]])
      expect(result.total).toEqual([[1, 0.7]])
      expect(result.then).toEqual([["mode=bike", 0.15], ["mode=bus", 0.25], ["mode=metro", 0.3]])
      expect(result.now).toEqual([["mode=bike", 0.15, 1], ["mode=bus", 0.23, 2], ["mode=metro", 0.32, 2]])
    })

    it("a report's total and counts are unchanged by breakdowns added; the breakdowns show beside the total", async () => {
      const [before, after] = await run(
        Effect.gen(function* () {
          const engine = yield* Engine.Engine
          yield* registerObservations([total(0.7)], at(1))
          const before = yield* engine.evaluate({ scope: "320500", year: 2022, asOf: at(5) })
          yield* registerObservations([byMode("metro", 0.3), byMode("bus", 0.25), byMode("bike", 0.15)], at(2))
          const after = yield* engine.evaluate({ scope: "320500", year: 2022, asOf: at(5) })
          return [before, after]
        }),
      )
      const row = (r: typeof before) => r.sections[0]!.evaluations.find((e) => e.indicator === "mob.green-share")!
      const { breakdowns: was, ...totalBefore } = row(before)
      const { breakdowns: now, ...totalAfter } = row(after)
      expect(totalAfter).toEqual(totalBefore)
      expect(after.summary).toEqual(before.summary)
      expect(totalBefore.value).toBe(0.7)
      expect(was![0]!.values.map((v) => [v.code, v.value])).toEqual([["metro", null], ["bus", null], ["bike", null]])
      expect(now![0]!.values.map((v) => [v.code, v.value])).toEqual([["metro", 0.3], ["bus", 0.25], ["bike", 0.15]])
    })

    it("refuses breakdowns that do not add up, naming the rows and the sum against the total; nothing is stored", async () => {
      const result = await run(
        Effect.gen(function* () {
          const error = yield* Effect.flip(registerObservations([total(0.7), byMode("metro", 0.3), byMode("bus", 0.25), byMode("bike", 0.1)], at(1)))
          const count = yield* Effect.flatMap(store, (s) => s.countRevisions())
          return { problems: problemsOf(error), count }
        }),
      )
      expect(result.count).toBe(0)
      expect(result.problems).toEqual([
        { index: 0, field: "dimensions.mode", message: "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 0, 1, 2, 3)" },
      ])
    })

    it("checks a revised total or breakdown against the stored ones; a partial breakdown may not exceed the total", async () => {
      const result = await run(
        Effect.gen(function* () {
          yield* registerObservations(survey, at(1))
          const total80 = yield* Effect.flip(registerObservations([total(0.8, { expectedRevision: 1 })], at(2)))
          const bike20 = yield* Effect.flip(registerObservations([byMode("bike", 0.2, { expectedRevision: 1 })], at(3)))
          // 2023: metro 50% + bus 30% already exceed a 70% total, whatever bike is
          const partial = yield* Effect.flip(registerObservations([total(0.7, { year: 2023 }), byMode("metro", 0.5, { year: 2023 }), byMode("bus", 0.3, { year: 2023 })], at(4)))
          // within 0.1% of 70% (0.0007): metro 30.05% is accepted
          const close = yield* registerObservations([byMode("metro", 0.3005, { expectedRevision: 1 }), byMode("bus", 0.2495, { expectedRevision: 1 })], at(5))
          return { total80: problemsOf(total80), bike20: problemsOf(bike20), partial: problemsOf(partial), close: close.map((o) => o.value) }
        }),
      )
      expect(result.total80).toEqual([{ index: 0, field: "dimensions.mode", message: "metro 0.30 + bus 0.25 + bike 0.15 = 0.70, total 0.80: breakdowns must add up to the total within 0.1% (row 0)" }])
      expect(result.bike20).toEqual([{ index: 0, field: "dimensions.mode", message: "metro 0.30 + bus 0.25 + bike 0.20 = 0.75, total 0.70: breakdowns must add up to the total within 0.1% (row 0)" }])
      expect(result.partial).toEqual([
        { index: 0, field: "dimensions.mode", message: "metro 0.50 + bus 0.30 = 0.80 already exceeds the total 0.70 without bike: breakdowns must add up to the total within 0.1% (rows 0, 1, 2)" },
      ])
      expect(result.close).toEqual([0.3005, 0.2495])
    })

    it("refuses a breakdown without its total, one given twice, and unknown dimensions and codes with a suggestion", async () => {
      const result = await run(
        Effect.gen(function* () {
          const noTotal = yield* Effect.flip(registerObservations([byMode("metro", 0.3)], at(1)))
          const twice = yield* Effect.flip(registerObservations([total(0.7), byMode("metro", 0.3), byMode("metro", 0.31)], at(1)))
          const unknown = yield* Effect.flip(
            registerObservations([total(0.7), byMode("metor", 0.3), { ...cell, value: 0.3, dimensions: { mod: "metro" } }, { ...cell, indicator: "mob.trips", value: 5, dimensions: { mode: "metro" } }], at(1)),
          )
          const count = yield* Effect.flatMap(store, (s) => s.countRevisions())
          return { noTotal: problemsOf(noTotal), twice: problemsOf(twice), unknown: problemsOf(unknown), count }
        }),
      )
      expect(result.count).toBe(0)
      expect(result.noTotal).toEqual([
        { index: 0, field: "dimensions", message: "mob.green-share (mode=metro) for 320500 in 2022 is a breakdown without its total: register the total first, or in the same write" },
      ])
      expect(result.twice).toEqual([
        { index: 2, field: "dimensions", message: "mob.green-share (mode=metro) for 320500 in 2022 is already given at row 1; give each breakdown once" },
      ])
      expect(result.unknown).toEqual([
        { index: 1, field: "dimensions.mode", message: 'unknown mode code "metor"; did you mean "metro"? (the codes of mode: metro, bus, bike)' },
        { index: 2, field: "dimensions.mod", message: 'mob.green-share has no dimension "mod"; did you mean "mode"? (it declares mode, purpose)' },
        { index: 3, field: "dimensions", message: "mob.trips declares no dimensions: register its total without dimensions" },
      ])
    })

    it("keys several dimensions in declaration order; a non-additive dimension is not summed; a locked year refuses breakdowns", async () => {
      const result = await run(
        Effect.gen(function* () {
          const stored = yield* registerObservations(
            [...survey, { ...cell, value: 0.5, dimensions: { purpose: "work" } }, { ...cell, value: 0.2, dimensions: { purpose: "work", mode: "metro" } }],
            at(1),
          )
          const s = yield* store
          yield* s.lockYear(2022, { actor: "admin", reason: "published", at: at(2) })
          const locked = yield* Effect.flip(registerObservations([byMode("metro", 0.3, { expectedRevision: 1 })], at(3)))
          return { keys: stored.map((o) => o.breakdown ?? ""), locked: locked._tag === "WriteConflict" ? locked.reason : locked._tag }
        }),
      )
      expect(result.keys).toEqual(["", "mode=metro", "mode=bus", "mode=bike", "purpose=work", "mode=metro;purpose=work"])
      expect(result.locked).toBe("year-locked")
    })
  })
}

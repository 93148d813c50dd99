/**
 * Evaluation and reports of breakdowns (issue #21, item 4), on a SQLite file and on PostgreSQL: targets on a
 * breakdown judged as a total's are, each code's value and share in the report's `breakdowns` block, a group's
 * breakdowns aggregated by the indicator's rule, as-of reads, and the warm store giving the cold engine's bytes.
 *
 * Green travel share (0..1) weighted by trips in a group; targets: metro >= 0.30 (binding) and bus >= 0.30 by 2025.
 */
import { Effect, Layer, ManagedRuntime } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import * as Approvals from "../src/Approvals.js"
import * as Database from "../src/Database.js"
import * as Engine from "../src/Engine.js"
import type { NewObservation } from "../src/Observation.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin, type Plugin } from "../src/Plugin.js"
import { evaluatePlugins } from "../src/plugin/testing/evaluatePlugins.js"
import { registerObservations } from "../src/Registration.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import { reportJson, type Evaluation } from "../src/Report.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"
import * as WarmEvaluations from "../src/WarmEvaluations.js"
import { mode, purpose } from "./breakdownFixtures.js"
import { at, text } from "./fixtures.js"

const plan = text("mobility plan")
const mobility = definePlugin({
  id: "mob",
  version: "0.0.0",
  name: text("mobility"),
  appliesTo: { levels: ["region", "province", "city", "county", "group"] },
  indicators: [
    {
      id: "mob.green-share", kind: "observed", name: text("green travel share"), unit: text("share of trips"), direction: "higher-is-better",
      decimals: 2, range: { min: 0, max: 1 }, format: "percent", dimensions: [mode, purpose], aggregate: { rule: "weighted-mean", weight: "mob.trips" },
    },
    { id: "mob.trips", kind: "observed", name: text("trips"), unit: text("million trips"), direction: "neutral", decimals: 1, aggregate: { rule: "sum" } },
    // the bus share again as an indicator of its own, to compare a breakdown's assessment with a total's
    { id: "mob.bus-share", kind: "observed", name: text("bus share"), unit: text("share of trips"), direction: "higher-is-better", decimals: 2, range: { min: 0, max: 1 } },
  ],
  targets: [
    { indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.75, dueYear: 2035, binding: false, source: plan },
    { indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.3, dueYear: 2025, binding: true, source: plan, dimensions: { mode: "metro" } },
    { indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.3, dueYear: 2025, binding: false, source: plan, dimensions: { mode: "bus" } },
    { indicator: "mob.bus-share", scope: "*", kind: "at-least", value: 0.3, dueYear: 2025, binding: false, source: plan },
  ],
})

const QINGPU = "310118"
const WUJIANG = "320509"
const JIASHAN = "330421"

const obs = (region: string, year: number, value: number, extra: Partial<NewObservation> = {}): NewObservation => ({
  indicator: "mob.green-share", region, year, value, agency: "transport", source: "travel survey", ...extra,
})
/** A total and its breakdown by mode (metro, bus, bike), and the trips that weigh it in a group. */
const survey = (region: string, year: number, trips: number, [metro, bus, bike]: ReadonlyArray<number | undefined>): Array<NewObservation> => [
  obs(region, year, Number(((metro ?? 0) + (bus ?? 0) + (bike ?? 0)).toFixed(2))),
  ...(["metro", "bus", "bike"] as const).flatMap((m, i) => ([metro, bus, bike][i] === undefined ? [] : [obs(region, year, [metro, bus, bike][i]!, { dimensions: { mode: m } })])),
  obs(region, year, trips, { indicator: "mob.trips" }),
]

const runtimeOn = (database: Layer.Layer<Database.Database, any>, plugins: ReadonlyArray<Plugin> = [mobility]) => {
  const base = Layer.mergeAll(ObservationStore.layer, Approvals.layer).pipe(Layer.provideMerge(database), Layer.provideMerge(Registry.layer(plugins, yrdRegions())))
  return ManagedRuntime.make(Layer.mergeAll(Engine.layer, WarmEvaluations.layer()).pipe(Layer.provideMerge(base)))
}

const rowOf = (report: { readonly sections: ReadonlyArray<{ readonly evaluations: ReadonlyArray<Evaluation> }> }, indicator: string) =>
  report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === indicator)!
const byMode = (row: Evaluation) => row.breakdowns!.find((d) => d.dimension === "mode")!
const code = (row: Evaluation, c: string) => byMode(row).values.find((v) => v.code === c)!

const dir = mkdtempSync(join(tmpdir(), "tijian-breakdown-report-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
let files = 0
const pg = postgresAvailability()
const BACKENDS: ReadonlyArray<{ readonly name: string; readonly database: () => Promise<Layer.Layer<Database.Database, any>> }> = [
  { name: "SQLite file", database: async () => Database.layerSqlite({ filename: join(dir, `report-${++files}.db`) }) },
  ...(pg.run ? [{ name: "PostgreSQL", database: async () => Database.layerPostgres({ url: await freshPostgresDatabase(pg.url), maxConnections: 4 }) }] : []),
]

if (!pg.run) describe.skip("PostgreSQL breakdown report tests skipped: set TIJIAN_TEST_PG_URL", () => it("runs on PostgreSQL", () => {}))

describe("targets on breakdowns at registration", () => {
  const build = (targets: Plugin["targets"]) =>
    Effect.runPromise(Effect.either(Registry.buildRegistry([{ ...mobility, targets }], yrdRegions())))
  it("names the target and suggests the code or dimension meant; default ids carry the breakdown key", async () => {
    const code = await build([{ indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.3, dueYear: 2025, binding: true, source: plan, dimensions: { mode: "metr" } }])
    expect(code._tag === "Left" && code.left.message).toBe(
      'cannot build the registry: target "mob.green-share@*/at-least/2025/mode=metr" of plugin "mob" addresses code "metr" of dimension "mode" of "mob.green-share", which is not one of its codes metro, bus, bike (did you mean "metro"?)',
    )
    const dimension = await build([{ indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.3, dueYear: 2025, binding: true, source: plan, dimensions: { mdoe: "metro" } }])
    expect(dimension._tag === "Left" && dimension.left.message).toContain('addresses dimension "mdoe" of "mob.green-share", which declares mode, purpose (did you mean "mode"?)')
    const none = await build([{ indicator: "mob.trips", scope: "*", kind: "at-least", value: 1, dueYear: 2025, binding: true, source: plan, dimensions: { mode: "metro" } }])
    expect(none._tag === "Left" && none.left.message).toContain('target "mob.trips@*/at-least/2025/mode=metro" of plugin "mob" addresses a breakdown of "mob.trips", which declares no dimensions')
    const two = await build([{ indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.3, dueYear: 2025, binding: true, source: plan, dimensions: { mode: "metro", purpose: "work" } }])
    expect(two._tag === "Left" && two.left.message).toContain("addresses 2 dimensions")
    const ok = await build(mobility.targets)
    expect(ok._tag === "Right" && ok.right.targets.map((t) => t.id)).toEqual([
      "mob.green-share@*/at-least/2035",
      "mob.green-share@*/at-least/2025/mode=metro",
      "mob.green-share@*/at-least/2025/mode=bus",
      "mob.bus-share@*/at-least/2025",
    ])
    // the total's targets stay the total's; the breakdowns' are asked for apart
    expect(ok._tag === "Right" && ok.right.targetsFor("mob.green-share", WUJIANG).map((t) => t.id)).toEqual(["mob.green-share@*/at-least/2035"])
    expect(ok._tag === "Right" && [...ok.right.breakdownTargetsFor("mob.green-share", WUJIANG).keys()]).toEqual(["mode=metro", "mode=bus"])
  })
})

describe("breakdowns in a plugin's in-memory evaluation (evaluatePlugins)", () => {
  it("reads breakdowns as the store does: metro 0.30 meets its target, bus 0.25 does not, purpose not registered", async () => {
    const { row } = await evaluatePlugins([mobility], survey(WUJIANG, 2022, 1, [0.3, 0.25, 0.15]), { scope: WUJIANG, year: 2022 })
    const green = row("mob.green-share")
    expect(byMode(green).values.map((v) => [v.code, v.value, v.targets[0]?.met ?? null])).toEqual([["metro", 0.3, true], ["bus", 0.25, false], ["bike", 0.15, null]])
    expect(code(green, "metro").revisions).toEqual(["mob.green-share/320509/2022/mode=metro/r1"])
    expect(green.breakdowns!.find((d) => d.dimension === "purpose")!.complete).toBe(false)
  })

  it("joins a breakdown across Wujiang's recode (320584 until 2012) as the total is joined", async () => {
    // 2010 registered under the old code 320584: metro 0.20 of 0.50; 2013 under 320509: metro 0.30 of 0.70
    const rows = [...survey("320584", 2010, 1, [0.2, 0.2, 0.1]), ...survey(WUJIANG, 2013, 1, [0.3, 0.25, 0.15])]
    const in2010 = code((await evaluatePlugins([mobility], rows, { scope: WUJIANG, year: 2010 })).row("mob.green-share"), "metro")
    expect([in2010.value, in2010.revisions]).toEqual([0.2, ["mob.green-share/320584/2010/mode=metro/r1"]])
    const in2013 = code((await evaluatePlugins([mobility], rows, { scope: WUJIANG, year: 2013 })).row("mob.green-share"), "metro")
    expect(in2013.value).toBe(0.3)
    expect(in2013.revisions).toEqual(["mob.green-share/320509/2013/mode=metro/r1", "mob.green-share/320584/2010/mode=metro/r1"])
  })
})

for (const backend of BACKENDS) {
  describe(`breakdowns in reports: ${backend.name}`, () => {
    it("judges a breakdown's target as a total's: metro 0.30 >= 0.30 met, bus 0.25 short by 0.05; bike unjudged; shares of 0.70", async () => {
      const rt = runtimeOn(await backend.database())
      try {
        const report = await rt.runPromise(
          Effect.gen(function* () {
            yield* registerObservations([...survey(WUJIANG, 2020, 1, [0.25, 0.2, 0.15]), obs(WUJIANG, 2020, 0.2, { indicator: "mob.bus-share" })], at(1))
            yield* registerObservations([...survey(WUJIANG, 2022, 1, [0.3, 0.25, 0.15]), obs(WUJIANG, 2022, 0.25, { indicator: "mob.bus-share" })], at(2))
            return yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: WUJIANG, year: 2022 }))
          }),
        )
        const row = rowOf(report, "mob.green-share")
        expect(row.value).toBe(0.7)
        expect(row.targets.map((t) => t.id)).toEqual(["mob.green-share@*/at-least/2035"])
        const mode = byMode(row)
        expect([mode.additive, mode.complete]).toEqual([true, true])
        expect(mode.values.map((v) => [v.code, v.value, v.share === null ? null : Number(v.share.toFixed(4))])).toEqual([
          ["metro", 0.3, 0.4286], // 0.30 / 0.70
          ["bus", 0.25, 0.3571],
          ["bike", 0.15, 0.2143],
        ])
        const metro = code(row, "metro")
        expect(metro.targets.map((t) => [t.id, t.binding, t.met, t.gap, t.notAssessed])).toEqual([["mob.green-share@*/at-least/2025/mode=metro", true, true, 0, null]])
        expect(metro.progress).toEqual({ status: "target-achieved" })
        const bus = code(row, "bus")
        expect(bus.targets[0]!.met).toBe(false)
        expect(bus.targets[0]!.gap).toBeCloseTo(0.05, 12)
        // the same numbers and target as an indicator of their own give the same assessment
        const alone = rowOf(report, "mob.bus-share")
        expect({ ...bus.targets[0]!, id: "" }).toEqual({ ...alone.targets[0]!, id: "" })
        expect(bus.progress).toEqual(alone.progress)
        expect(bus.revisions).toEqual(["mob.green-share/320509/2020/mode=bus/r1", "mob.green-share/320509/2022/mode=bus/r1"])
        // no target on bike: not judged (null), never an all-clear
        expect([code(row, "bike").targets, code(row, "bike").progress]).toEqual([[], null])
        // the purpose breakdown is not registered: null values, said so; not additive, so no shares
        expect(row.breakdowns!.find((d) => d.dimension === "purpose")).toMatchObject({ additive: false, complete: false, values: [{ code: "work", value: null, share: null }, { code: "other", value: null, share: null }] })
        // totals' counts stay about totals (one target, not met, not binding); the breakdowns' are counted apart
        expect(report.summary.binding).toEqual({ targets: 0, met: 0, breached: 0, notAssessed: 0 })
        expect(report.summary.breakdownTargets).toEqual({ targets: 2, binding: 1, met: 1, notMet: 1, notAssessed: 0, bindingNotMet: 0, bindingNotAssessed: 0 })
        expect(report.provenance.revisions).toContain("mob.green-share/320509/2022/mode=metro/r1")
        // an indicator without dimensions has no breakdowns block at all
        expect("breakdowns" in rowOf(report, "mob.trips")).toBe(false)
      } finally {
        await rt.dispose()
      }
    })

    it("aggregates a group's breakdowns by the indicator's rule: trips-weighted metro (0.6 + 0.1 + 0) / 4 = 0.175", async () => {
      const rt = runtimeOn(await backend.database())
      try {
        const report = await rt.runPromise(
          Effect.gen(function* () {
            yield* registerObservations(
              [...survey(QINGPU, 2022, 2, [0.3, 0.2, 0.1]), ...survey(WUJIANG, 2022, 1, [0.1, 0.3, 0.1]), ...survey(JIASHAN, 2022, 1, [0, 0.25, undefined])],
              at(1),
            )
            return yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: "DEMO-ZONE", year: 2022 }))
          }),
        )
        const row = rowOf(report, "mob.green-share")
        // total: (2 x 0.60 + 1 x 0.50 + 1 x 0.25) / 4 = 1.95 / 4 = 0.4875
        expect(row.value).toBeCloseTo(0.4875, 12)
        const values = byMode(row).values
        expect(values.map((v) => [v.code, Number(v.value!.toFixed(6)), v.coverage?.reported, v.coverage?.weightShare, v.coverage?.partial])).toEqual([
          ["metro", 0.175, 3, 1, false], // (2 x 0.30 + 0.10 + 0) / 4
          ["bus", 0.2375, 3, 1, false], // (2 x 0.20 + 0.30 + 0.25) / 4
          ["bike", 0.1, 2, 0.75, true], // Jiashan gave no bike share: (2 x 0.10 + 0.10) / 3, 3 of 4 million trips < 0.8
        ])
        expect(Number(values[0]!.share!.toFixed(4))).toBe(Number((0.175 / 0.4875).toFixed(4)))
        // metro 0.175 < 0.30 short by 0.125; a partial aggregate is not judged
        expect(values[0]!.targets[0]!.met).toBe(false)
        expect(values[0]!.targets[0]!.gap).toBeCloseTo(0.125, 12)
        expect(values[0]!.revisions).toEqual(["mob.green-share/310118/2022/mode=metro/r1", "mob.green-share/320509/2022/mode=metro/r1", "mob.green-share/330421/2022/mode=metro/r1", "mob.trips/310118/2022/r1", "mob.trips/320509/2022/r1", "mob.trips/330421/2022/r1"])
        expect(report.summary.breakdownTargets).toEqual({ targets: 2, binding: 1, met: 0, notMet: 2, notAssessed: 0, bindingNotMet: 1, bindingNotAssessed: 0 })
      } finally {
        await rt.dispose()
      }
    })

    it("approved values only: 2022's breakdowns left out with its total until its data set is approved; then judged", async () => {
      const rt = runtimeOn(await backend.database())
      try {
        await rt.runPromise(registerObservations([...survey(WUJIANG, 2020, 1, [0.25, 0.2, 0.15]), ...survey(WUJIANG, 2022, 1, [0.3, 0.25, 0.15])], at(1)))
        const approve = (year: number, day: number) =>
          rt.runPromise(
            Effect.flatMap(Approvals.Approvals, (a) =>
              Effect.zipRight(
                a.transition({ plugin: "mob", region: WUJIANG, year }, "submit", { actor: "wujiang", comment: null, at: at(day) }),
                a.transition({ plugin: "mob", region: WUJIANG, year }, "approve", { actor: "reviewer", comment: null, at: at(day + 1) }),
              ),
            ),
          )
        await approve(2020, 2)
        const approvedOnly = () => rt.runPromise(Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: WUJIANG, year: 2022, approvedOnly: true })))
        const before = rowOf(await approvedOnly(), "mob.green-share")
        expect([before.value, code(before, "metro").value, code(before, "metro").targets[0]!.notAssessed]).toEqual([null, null, "no-value"])
        await approve(2022, 4)
        const after = rowOf(await approvedOnly(), "mob.green-share")
        expect([after.value, code(after, "metro").value, code(after, "metro").targets[0]!.met]).toEqual([0.7, 0.3, true])
      } finally {
        await rt.dispose()
      }
    })

    it("reads as of a time before a breakdown revision; the warm store gives the cold bytes and a breakdown write refreshes it", async () => {
      const rt = runtimeOn(await backend.database())
      try {
        const warm = await rt.runPromise(WarmEvaluations.WarmEvaluations)
        const cold = (asOf?: string) => rt.runPromise(Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: WUJIANG, year: 2022, ...(asOf ? { asOf } : {}) })))
        await rt.runPromise(registerObservations(survey(WUJIANG, 2022, 1, [0.28, 0.27, 0.15]), at(1)))
        const before = await rt.runPromise(warm.evaluate({ scope: WUJIANG, year: 2022 }))
        expect(reportJson(before)).toBe(reportJson(await cold()))
        // metro up 2 points, bus down 2: the total stays 0.70
        await rt.runPromise(registerObservations([obs(WUJIANG, 2022, 0.3, { dimensions: { mode: "metro" }, expectedRevision: 1 }), obs(WUJIANG, 2022, 0.25, { dimensions: { mode: "bus" }, expectedRevision: 1 })], at(2)))
        const after = await rt.runPromise(warm.evaluate({ scope: WUJIANG, year: 2022 }))
        expect(reportJson(after)).toBe(reportJson(await cold()))
        expect(code(rowOf(after, "mob.green-share"), "metro").value).toBe(0.3)
        expect(code(rowOf(after, "mob.green-share"), "metro").targets[0]!.met).toBe(true)
        const then = await cold(at(1))
        expect(code(rowOf(then, "mob.green-share"), "metro").value).toBe(0.28)
        expect(code(rowOf(then, "mob.green-share"), "metro").targets[0]!.met).toBe(false)
        expect(code(rowOf(then, "mob.green-share"), "metro").revisions).toEqual(["mob.green-share/320509/2022/mode=metro/r1"])
        expect(code(rowOf(after, "mob.green-share"), "metro").revisions).toEqual(["mob.green-share/320509/2022/mode=metro/r2"])
        expect(warm.stats().evaluated).toBe(2)
      } finally {
        await rt.dispose()
      }
    })
  })
}

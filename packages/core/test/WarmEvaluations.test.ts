/**
 * Evaluations kept warm (issue #20, item 3), on both backends: a write refreshes exactly what it touched — the
 * written county, its city, province and root, and the groups holding it or them — and nothing else; every answer,
 * warm or fresh, equals a cold evaluation of the same data; a second process sharing the database sees the first's
 * writes. YRD reference regions: Wujiang (320509) is in Suzhou (320500), Jiangsu (320000), YRD, and in the groups
 * DEMO-ZONE (itself) and YRD-CENTRAL-27 (Suzhou); Qingpu (310118, Shanghai) and Jiashan (330421, Jiaxing) are not.
 */
import { Effect, Layer, ManagedRuntime } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"
import * as Approvals from "../src/Approvals.js"
import * as Database from "../src/Database.js"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import type { Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"
import * as WarmEvaluations from "../src/WarmEvaluations.js"
import { at, observed, text } from "./fixtures.js"

const plugin: Plugin = {
  id: "w",
  version: "0.0.0",
  name: text("warm"),
  appliesTo: { levels: ["region", "province", "city", "county", "group"] },
  indicators: [
    observed("w.x", { aggregate: { rule: "sum" } }),
    { id: "w.y", kind: "derived", name: text("y"), unit: text("index"), direction: "higher-is-better", decimals: 2, inputs: ["w.x"], compute: (v) => 2 * v["w.x"]! },
  ],
  targets: [{ indicator: "w.x", scope: "*", kind: "at-least", value: 100, dueYear: 2030, binding: true, source: text("plan") }],
}

/** The same, and Qingpu's target of reaching Jiaxing's (330400) own value: Qingpu's report reads Jiaxing's values. */
const benchmarked: Plugin = {
  ...plugin,
  targets: [
    ...plugin.targets!,
    { indicator: "w.x", scope: "310118", kind: "at-least", dueYear: 2035, binding: false, source: text("benchmark"), standard: { family: "benchmark", region: "330400" } },
  ],
}

const QINGPU = "310118"
const WUJIANG = "320509"
const JIASHAN = "330421"
const TOUCHED = [WUJIANG, "320500", "320000", "YRD", "DEMO-ZONE", "YRD-CENTRAL-27"]
const UNTOUCHED = [QINGPU, JIASHAN, "310000", "330400"]
const row = (region: string, year: number, value: number, expectedRevision?: number) => ({
  indicator: "w.x",
  region,
  year,
  value,
  agency: "test",
  source: "test",
  ...(expectedRevision === undefined ? {} : { expectedRevision }),
})

type Services = Engine.Engine | WarmEvaluations.WarmEvaluations | ObservationStore.ObservationStore | Approvals.Approvals
type Runtime = ManagedRuntime.ManagedRuntime<Services, unknown>

/** One process: the cold engine and the warm store over the same database. */
const processOn = (database: Layer.Layer<Database.Database, any>, options: WarmEvaluations.WarmOptions = {}, plugins: ReadonlyArray<Plugin> = [plugin]): Runtime => {
  const base = Layer.mergeAll(ObservationStore.layer, Approvals.layer).pipe(Layer.provideMerge(database), Layer.provideMerge(Registry.layer(plugins, yrdRegions())))
  return ManagedRuntime.make(Layer.mergeAll(Engine.layer, WarmEvaluations.layer(options)).pipe(Layer.provideMerge(base)))
}

const suite = (name: string, database: () => Promise<Layer.Layer<Database.Database, any>>) =>
  describe(`evaluations kept warm: ${name}`, () => {
    it("a write to Wujiang refreshes Wujiang, its parents and groups only; every answer equals a cold evaluation", async () => {
      const rt = processOn(await database())
      try {
        const warm = await rt.runPromise(WarmEvaluations.WarmEvaluations)
        const cold = (scope: string) => rt.runPromise(Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope, year: 2022 })))
        /** The warm report of `scope` for 2022, and whether answering it evaluated anything. */
        const ask = async (scope: string) => {
          const before = warm.stats().evaluated
          const report = await rt.runPromise(warm.evaluate({ scope, year: 2022 }))
          return { report, evaluated: warm.stats().evaluated - before }
        }
        await rt.runPromise(
          Effect.flatMap(ObservationStore.ObservationStore, (s) =>
            s.append([row(QINGPU, 2020, 80), row(QINGPU, 2021, 85), row(QINGPU, 2022, 90), row(WUJIANG, 2020, 60), row(WUJIANG, 2021, 70), row(WUJIANG, 2022, 80), row(JIASHAN, 2020, 100), row(JIASHAN, 2021, 110), row(JIASHAN, 2022, 120)], at(1)),
          ),
        )

        const first = await rt.runPromise(warm.overview({ indicator: "w.x", year: 2022 }))
        expect(first.rows.map((r) => [r.region, r.value, r.status, r.progress])).toEqual([
          [QINGPU, 90, "ok", "substantial"],
          // 60 -> 80 in two years is 15.5 % a year; 100 by 2030 needs (100/60)^(1/10) - 1 = 5.2 % from 2020
          [WUJIANG, 80, "ok", "substantial"],
          [JIASHAN, 120, "ok", "target-achieved"],
        ])
        expect(first.rows[1]!.trend).toEqual([{ year: 2020, value: 60 }, { year: 2021, value: 70 }, { year: 2022, value: 80 }])
        expect(first.counts).toMatchObject({ regions: 3, withValue: 3, progress: { substantial: 2, "target-achieved": 1 } })
        expect(warm.stats()).toEqual({ evaluated: 3, warm: 0, entries: 3 })
        await rt.runPromise(warm.overview({ indicator: "w.x", year: 2022 }))
        expect(warm.stats()).toEqual({ evaluated: 3, warm: 3, entries: 3 })

        for (const scope of [...TOUCHED, ...UNTOUCHED]) {
          const { report } = await ask(scope)
          expect(report).toEqual(await cold(scope))
        }
        expect(warm.stats().evaluated).toBe(3 + 7)

        await rt.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append([row(WUJIANG, 2022, 100)], at(2))))
        for (const scope of TOUCHED) {
          const { report, evaluated } = await ask(scope)
          expect([scope, evaluated]).toEqual([scope, 1])
          expect(report).toEqual(await cold(scope))
        }
        for (const scope of UNTOUCHED) {
          const { report, evaluated } = await ask(scope)
          expect([scope, evaluated]).toEqual([scope, 0])
          // kept since the first write, restamped: the same bytes a cold evaluation gives now
          expect(report.provenance.asOf).toBe(at(2))
          expect(report).toEqual(await cold(scope))
        }
        const demo = (await ask("DEMO-ZONE")).report.sections[0]!.evaluations
        expect(demo.map((e) => [e.indicator, e.value])).toEqual([["w.x", 90 + 100 + 120], ["w.y", 2 * 310]])

        const after = await rt.runPromise(warm.overview({ indicator: "w.y", year: 2022 }))
        expect(after.rows.map((r) => [r.region, r.value])).toEqual([[QINGPU, 180], [WUJIANG, 200], [JIASHAN, 240]])

        // an approval is a change too: Jiashan's data set submitted, its report marks the value submitted
        await rt.runPromise(Effect.flatMap(Approvals.Approvals, (a) => a.transition({ plugin: "w", region: JIASHAN, year: 2022 }, "submit", { actor: "jiashan", comment: null, at: at(3) })))
        const jiashan = await ask(JIASHAN)
        expect(jiashan.evaluated).toBe(1)
        expect(jiashan.report.sections[0]!.evaluations[0]!.approval).toEqual({ trust: "submitted", approved: 0, submitted: 1, provisional: 0 })
        expect(jiashan.report).toEqual(await cold(JIASHAN))
        expect((await ask(QINGPU)).evaluated).toBe(0)
      } finally {
        await rt.dispose()
      }
    })

    it("evaluateMany answers the kept reports from memory and evaluates only the stale ones, equal to cold ones", async () => {
      const rt = processOn(await database())
      try {
        const warm = await rt.runPromise(WarmEvaluations.WarmEvaluations)
        const engine = await rt.runPromise(Engine.Engine)
        const scopes = [...TOUCHED, ...UNTOUCHED]
        const append = (rows: ReadonlyArray<ReturnType<typeof row>>, day: number) => rt.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append(rows, at(day))))
        const cold = () => rt.runPromise(Effect.forEach(scopes, (scope) => engine.evaluate({ scope, year: 2022 })))
        await append([row(QINGPU, 2022, 90), row(WUJIANG, 2022, 80), row(JIASHAN, 2022, 120)], 1)
        expect(await rt.runPromise(warm.evaluateMany({ scopes, year: 2022 }))).toEqual(await cold())
        expect(warm.stats()).toEqual({ evaluated: 10, warm: 0, entries: 10 })
        await append([row(WUJIANG, 2022, 100, 1)], 2)
        // Wujiang's write makes its six scopes stale; the other four are kept, restamped to the write
        const after = await rt.runPromise(warm.evaluateMany({ scopes, year: 2022 }))
        expect(warm.stats()).toEqual({ evaluated: 16, warm: 4, entries: 10 })
        expect(after).toEqual(await cold())
        expect(after.map((r) => r.provenance.asOf)).toEqual(scopes.map(() => at(2)))
        // approved values only, or an unknown scope: as the cold engine answers
        const approved = await rt.runPromise(warm.evaluateMany({ scopes: [QINGPU], year: 2022, approvedOnly: true }))
        expect(approved[0]!.sections[0]!.evaluations[0]!.value).toBeNull()
        const unknown = await rt.runPromise(Effect.flip(warm.evaluateMany({ scopes: [QINGPU, "999999"], year: 2022 })))
        expect(unknown).toMatchObject({ _tag: "NotFound", reason: "region" })
      } finally {
        await rt.dispose()
      }
    })

    it("answers cold what it does not keep: approved values only, a time before it began watching, an unknown indicator", async () => {
      const rt = processOn(await database())
      try {
        const warm = await rt.runPromise(WarmEvaluations.WarmEvaluations)
        await rt.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append([row(QINGPU, 2022, 90)], at(1))))
        await rt.runPromise(warm.evaluate({ scope: QINGPU, year: 2022 }))
        await rt.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append([row(QINGPU, 2022, 95)], at(2))))
        const approved = await rt.runPromise(warm.evaluate({ scope: QINGPU, year: 2022, approvedOnly: true }))
        expect(approved.sections[0]!.evaluations[0]!.value).toBeNull()
        const past = await rt.runPromise(warm.evaluate({ scope: QINGPU, year: 2022, asOf: at(1) }))
        expect(past.sections[0]!.evaluations[0]!.value).toBe(90)
        expect(past).toEqual(await rt.runPromise(Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: QINGPU, year: 2022, asOf: at(1) }))))
        expect(warm.stats()).toEqual({ evaluated: 3, warm: 0, entries: 1 })
        const unknown = await rt.runPromise(Effect.flip(warm.overview({ indicator: "w.nope", year: 2022 })))
        expect(unknown).toMatchObject({ _tag: "NotFound", reason: "indicator" })
      } finally {
        await rt.dispose()
      }
    })

    it("a write to a benchmark region refreshes the reports that read it, and not its own children", async () => {
      const rt = processOn(await database(), {}, [benchmarked])
      try {
        const warm = await rt.runPromise(WarmEvaluations.WarmEvaluations)
        const append = (rows: ReadonlyArray<ReturnType<typeof row>>, day: number) => rt.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append(rows, at(day))))
        await append([row(QINGPU, 2022, 90), row(WUJIANG, 2022, 80), row(JIASHAN, 2022, 120), row("330400", 2022, 95)], 1)
        const ask = async (scope: string) => {
          const before = warm.stats().evaluated
          const report = await rt.runPromise(warm.evaluate({ scope, year: 2022 }))
          const benchmark = report.sections[0]!.evaluations[0]!.targets.find((t) => t.standard?.family === "benchmark")
          return { evaluated: warm.stats().evaluated - before, benchmark: benchmark && [benchmark.value, benchmark.met] }
        }
        expect(await ask(QINGPU)).toEqual({ evaluated: 1, benchmark: [95, false] })
        for (const scope of [WUJIANG, JIASHAN]) await ask(scope)
        await append([row("330400", 2022, 85, 1)], 2)
        // Qingpu reaches Jiaxing's 85 now; Jiashan, in Jiaxing, reads nothing of its parent's
        expect(await ask(QINGPU)).toEqual({ evaluated: 1, benchmark: [85, true] })
        expect((await ask(JIASHAN)).evaluated).toBe(0)
        expect((await ask(WUJIANG)).evaluated).toBe(0)
      } finally {
        await rt.dispose()
      }
    })

    it("a value under Wujiang's earlier code 320584 refreshes Wujiang and the Demonstration Zone, which read it", async () => {
      const rt = processOn(await database())
      try {
        const warm = await rt.runPromise(WarmEvaluations.WarmEvaluations)
        const append = (rows: ReadonlyArray<ReturnType<typeof row>>, day: number) => rt.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append(rows, at(day))))
        const ask = async (scope: string) => {
          const before = warm.stats().evaluated
          const report = await rt.runPromise(warm.evaluate({ scope, year: 2012 }))
          return { evaluated: warm.stats().evaluated - before, trend: report.sections[0]!.evaluations[0]!.trend.map((p) => [p.year, p.value]) }
        }
        await append([row(WUJIANG, 2012, 44), row(QINGPU, 2012, 100), row(JIASHAN, 2012, 50)], 1)
        expect(await ask(WUJIANG)).toEqual({ evaluated: 1, trend: [[2012, 44]] })
        for (const scope of ["DEMO-ZONE", QINGPU]) await ask(scope)
        await append([row("320584", 2011, 42)], 2)
        expect(await ask(WUJIANG)).toEqual({ evaluated: 1, trend: [[2011, 42], [2012, 44]] })
        expect(await ask("DEMO-ZONE")).toEqual({ evaluated: 1, trend: [[2011, 42], [2012, 194]] })
        expect((await ask(QINGPU)).evaluated).toBe(0)
      } finally {
        await rt.dispose()
      }
    })

    it("keeps at most maxEntries reports, the least recently used out", async () => {
      const rt = processOn(await database(), { maxEntries: 2 })
      try {
        const warm = await rt.runPromise(WarmEvaluations.WarmEvaluations)
        await rt.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append([row(QINGPU, 2022, 90), row(WUJIANG, 2022, 80), row(JIASHAN, 2022, 120)], at(1))))
        const ask = (scope: string) => rt.runPromise(warm.evaluate({ scope, year: 2022 }))
        // Qingpu, Wujiang, Qingpu again (warm, now the most recent), Jiashan: Wujiang goes
        for (const scope of [QINGPU, WUJIANG, QINGPU, JIASHAN]) await ask(scope)
        expect(warm.stats()).toEqual({ evaluated: 3, warm: 1, entries: 2 })
        await ask(QINGPU)
        expect(warm.stats()).toEqual({ evaluated: 3, warm: 2, entries: 2 })
        await ask(WUJIANG)
        expect(warm.stats()).toEqual({ evaluated: 4, warm: 2, entries: 2 })
      } finally {
        await rt.dispose()
      }
    })

    it("two processes on one database: each keeps its own, and sees the other's writes", async () => {
      const shared = await database()
      const a = processOn(shared)
      const b = processOn(shared)
      try {
        await a.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append([row(WUJIANG, 2022, 80)], at(1))))
        const warmA = await a.runPromise(WarmEvaluations.WarmEvaluations)
        const value = async () => (await a.runPromise(warmA.overview({ indicator: "w.x", year: 2022 }))).rows[1]!.value
        expect(await value()).toBe(80)
        await b.runPromise(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append([row(WUJIANG, 2022, 101)], at(2))))
        expect(await value()).toBe(101)
        expect(warmA.stats()).toEqual({ evaluated: 4, warm: 2, entries: 3 })
      } finally {
        await a.dispose()
        await b.dispose()
      }
    })
  })

const dirs: Array<string> = []
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true })
})

suite("SQLite", async () => {
  const dir = mkdtempSync(join(tmpdir(), "tijian-warm-"))
  dirs.push(dir)
  return Database.layerSqlite({ filename: join(dir, "warm.sqlite") })
})

const pg = postgresAvailability()
if (pg.run) suite("PostgreSQL", async () => Database.layerPostgres({ url: await freshPostgresDatabase(pg.url), maxConnections: 4 }))
else it.skip(pg.reason, () => {})

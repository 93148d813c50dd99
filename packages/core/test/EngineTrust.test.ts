/**
 * Reports show trust (issue #16): each value's approval as of the report's time, the summary's counts, evaluation of
 * approved values only, and the "Data quality" part (failed rules, outliers with and without a note), on both
 * backends. The numbers are small enough to check by hand.
 */
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import * as Approvals from "../src/Approvals.js"
import * as Database from "../src/Database.js"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import type { Plugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import * as Registry from "../src/Registry.js"
import { freshPostgresDatabase, postgresAvailability } from "../src/testing/index.js"
import { observed, text } from "./fixtures.js"

const plugin: Plugin = {
  id: "q",
  version: "0.0.0",
  name: text("quality"),
  appliesTo: { levels: ["county", "group"] },
  indicators: [
    observed("q.a", { aggregate: { rule: "sum" } }),
    observed("q.b", { aggregate: { rule: "sum" } }),
    { id: "q.c", kind: "derived", name: text("c"), unit: text("index"), direction: "higher-is-better", decimals: 2, inputs: ["q.a", "q.b"], compute: (v) => v["q.a"]! + v["q.b"]! },
  ],
  rules: [{ id: "q.b-within-a", kind: "compare", severity: "error", name: text("b within a"), left: "q.b", operator: "<=", right: "q.a" }],
}

const QINGPU = "310118"
const WUJIANG = "320509"
const JIASHAN = "330421"
const at = (day: number) => new Date(Date.UTC(2024, 0, day)).toISOString()
const row = (indicator: string, region: string, year: number, value: number, note?: string) => ({
  indicator,
  region,
  year,
  value,
  agency: "test",
  source: "test",
  ...(note === undefined ? {} : { note }),
})

type Services = Engine.Engine | Approvals.Approvals | ObservationStore.ObservationStore

const suite = (name: string, database: () => Promise<Layer.Layer<Database.Database, any>>) =>
  describe(`reports show trust: ${name}`, () => {
    const run = async <A, E>(body: Effect.Effect<A, E, Services>) => {
      const base = Layer.mergeAll(Registry.layer([plugin], yrdRegions()), Layer.mergeAll(ObservationStore.layer, Approvals.layer).pipe(Layer.provideMerge(await database())))
      return Effect.runPromise(Effect.provide(body, Engine.layer.pipe(Layer.provideMerge(base))))
    }

    const scenario = Effect.gen(function* () {
      const store = yield* ObservationStore.ObservationStore
      const approvals = yield* Approvals.Approvals
      // Qingpu: a steady series 100..105 (2017-2022), then 160 in 2023 with a note (a confirmed outlier).
      yield* store.append([100, 101, 102, 103, 104, 105].map((v, i) => row("q.a", QINGPU, 2017 + i, v)), at(1))
      yield* store.append([row("q.a", QINGPU, 2023, 160, "a new industrial park was counted from 2023"), row("q.b", QINGPU, 2023, 20)], at(2))
      // Wujiang: b jumps from a steady 10..10.5 to 30 without a note (an unexplained outlier).
      yield* store.append([10, 10.1, 10.2, 10.3, 10.4, 10.5].map((v, i) => row("q.b", WUJIANG, 2017 + i, v)), at(3))
      yield* store.append([row("q.a", WUJIANG, 2023, 50), row("q.b", WUJIANG, 2023, 30)], at(4))
      // Jiashan: b 45 above a 40 breaks the error rule "b within a".
      yield* store.append([row("q.a", JIASHAN, 2023, 40), row("q.b", JIASHAN, 2023, 45)], at(5))
      const step = (region: string, action: "submit" | "approve", day: number) => approvals.transition({ plugin: "q", region, year: 2023 }, action, { actor: "t", comment: null, at: at(day) })
      yield* step(QINGPU, "submit", 6)
      const before = yield* store.lastChange()
      yield* step(QINGPU, "approve", 7)
      yield* step(WUJIANG, "submit", 8)
      return before!
    })

    it("marks each value with its data sets' approval and counts them; approvedOnly leaves the rest out; data quality lists rules and outliers", async () => {
      const out = await run(
        Effect.gen(function* () {
          const beforeApproval = yield* scenario
          const engine = yield* Engine.Engine
          const zone = yield* engine.evaluate({ scope: "DEMO-ZONE", year: 2023 })
          const zoneEarlier = yield* engine.evaluate({ scope: "DEMO-ZONE", year: 2023, asOf: beforeApproval })
          const approvedZone = yield* engine.evaluate({ scope: "DEMO-ZONE", year: 2023, approvedOnly: true })
          const qingpu = yield* engine.evaluate({ scope: QINGPU, year: 2023 })
          const wujiangApproved = yield* engine.evaluate({ scope: WUJIANG, year: 2023, approvedOnly: true })
          return { zone, zoneEarlier, approvedZone, qingpu, wujiangApproved }
        }),
      )
      const rows = (r: typeof out.zone) => Object.fromEntries(r.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, { value: e.value, approval: e.approval }]))
      // The Zone's a = 160 + 50 + 40 = 250 rests on three sets: Qingpu approved, Wujiang submitted, Jiashan open.
      expect(rows(out.zone)).toEqual({
        "q.a": { value: 250, approval: { trust: "provisional", approved: 1, submitted: 1, provisional: 1 } },
        "q.b": { value: 95, approval: { trust: "provisional", approved: 1, submitted: 1, provisional: 1 } },
        "q.c": { value: 345, approval: { trust: "provisional", approved: 1, submitted: 1, provisional: 1 } },
      })
      expect(out.zone.summary.approval).toEqual({ approved: 0, submitted: 0, provisional: 3 })
      expect(out.zone.provenance.approvedOnly).toBe(false)
      // As of before Qingpu's approval, its set was only submitted and Wujiang's still open.
      expect(rows(out.zoneEarlier)["q.a"]!.approval).toEqual({ trust: "provisional", approved: 0, submitted: 1, provisional: 2 })
      // Qingpu alone: both values and the derived c = 160 + 20 approved.
      expect(rows(out.qingpu)).toEqual({
        "q.a": { value: 160, approval: { trust: "approved", approved: 1, submitted: 0, provisional: 0 } },
        "q.b": { value: 20, approval: { trust: "approved", approved: 1, submitted: 0, provisional: 0 } },
        "q.c": { value: 180, approval: { trust: "approved", approved: 1, submitted: 0, provisional: 0 } },
      })
      expect(out.qingpu.summary.approval).toEqual({ approved: 3, submitted: 0, provisional: 0 })
      // Approved only: the Zone's sums hold Qingpu's values alone (160, 20); Wujiang's submitted values are left out.
      expect(Object.fromEntries(Object.entries(rows(out.approvedZone)).map(([k, v]) => [k, v.value]))).toEqual({ "q.a": 160, "q.b": 20, "q.c": 180 })
      expect(out.approvedZone.provenance.approvedOnly).toBe(true)
      expect(out.wujiangApproved.summary.withValue).toBe(0)
      // Data quality: the error rule fails at Jiashan (45 <= 40 by 5); Qingpu's jump is confirmed by its note,
      // Wujiang's b is not. ln(160/105) = 0.421 against earlier changes of about 0.0097 a year; ln(30/10.5) = 1.050.
      const dq = out.zone.dataQuality!
      // The rule is checked at the Zone and its three members: 4 instances. Qingpu (b 20 <= a 160) and Wujiang
      // (30 <= 50) pass, Jiashan fails, and the Zone has no value of its own (the rule reads the Zone's registered values).
      expect([dq.checked, dq.passed, dq.notApplicable]).toEqual([4, 2, 1])
      expect(dq.rules.map((r) => [r.rule, r.scope, r.state, r.left, r.right])).toEqual([["q.b-within-a", JIASHAN, "failed", 45, 40]])
      expect(dq.outliers.map((o) => [o.indicator, o.region, o.value, o.finding.method, o.finding.previous, o.confirmed, o.note?.en ?? null])).toEqual([
        ["q.a", QINGPU, 160, "modified-z", { year: 2022, value: 105 }, true, "a new industrial park was counted from 2023"],
        ["q.b", WUJIANG, 30, "modified-z", { year: 2022, value: 10.5 }, false, null],
      ])
      // Qingpu's own report: no rule fails there; only its own outlier.
      expect(out.qingpu.dataQuality!.rules).toEqual([])
      expect(out.qingpu.dataQuality!.outliers.map((o) => o.region)).toEqual([QINGPU])
    })
  })

suite("SQLite", async () => Database.layerSqlite({ filename: ":memory:" }))
const pg = postgresAvailability()
if (pg.run) suite("PostgreSQL", async () => Database.layerPostgres({ url: await freshPostgresDatabase(pg.url), maxConnections: 4 }))
else describe("reports show trust: PostgreSQL", () => it.skip(pg.reason, () => {}))

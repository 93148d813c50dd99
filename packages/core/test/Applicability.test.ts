/**
 * Which indicators a report lists (applicability), the binding summary that never gives an all-clear on what was
 * not assessed, and aggregates that carry their coverage. Regions are the reference YRD set: 320500 Suzhou
 * (Jiangsu) with its district Wujiang 320509; DEMO-ZONE = Qingpu 310118, Wujiang 320509, Jiashan 330421.
 */
import { Effect } from "effect"
import { describe, expect, it } from "vitest"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin } from "../src/Plugin.js"
import type { Report } from "../src/Report.js"
import { at, runWith, text } from "./fixtures.js"

const plan = text("plan")

const ind = <const Id extends string, const Extra extends object = Record<never, never>>(id: Id, extra?: Extra) => ({
  id,
  kind: "observed" as const,
  name: text(id),
  unit: text("index"),
  direction: "higher-is-better" as const,
  decimals: 2,
  ...(extra as Extra),
})

/** No declared applicability: indicators apply only through targets naming a scope, or values. */
const plugin = definePlugin({
  id: "a",
  version: "0.0.0",
  name: text("applicability"),
  indicators: [
    { ...ind("a.land"), direction: "lower-is-better" },
    ind("a.everywhere"),
    ind("a.area", { aggregate: { rule: "sum" } }),
    ind("a.share", { aggregate: { rule: "weighted-mean", weight: "a.pop" } }),
    ind("a.mean", { aggregate: { rule: "mean", minCoverage: 0.5 } }),
    ind("a.pop", { aggregate: { rule: "sum" } }),
  ],
  targets: [
    { indicator: "a.land", scope: "320500", kind: "at-most", value: 5, dueYear: 2030, binding: true, source: plan },
    { indicator: "a.everywhere", scope: "*", kind: "at-least", value: 1, dueYear: 2035, binding: true, source: plan },
    { indicator: "a.area", scope: "DEMO-ZONE", kind: "at-least", value: 100, dueYear: 2035, binding: true, source: plan },
  ],
})

/** An indicator declared for cities and groups; registered first, so registry order puts it first. */
const cityPlugin = definePlugin({
  id: "c",
  version: "0.0.0",
  name: text("cities"),
  appliesTo: { levels: ["city", "group"] },
  indicators: [ind("c.metro")],
})

const obs = (indicator: string, region: string, year: number, value: number) => ({ indicator, region, year, value, agency: "test", source: "test" })

const evaluate = (rows: ReadonlyArray<ReturnType<typeof obs>>, scope: string, year = 2022) =>
  runWith(
    [cityPlugin, plugin],
    Effect.gen(function* () {
      if (rows.length > 0) yield* (yield* ObservationStore.ObservationStore).append(rows, at(1))
      return yield* (yield* Engine.Engine).evaluate({ scope, year, asOf: at(30) })
    }),
  )

const listed = (report: Report) => report.sections.flatMap((s) => s.evaluations.map((e) => e.indicator))
const row = (report: Report, id: string) => report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === id)!

describe("applicability", () => {
  it("lists an indicator whose target names the scope, or that is declared for its level; the rest once, counted", async () => {
    const suzhou = await evaluate([], "320500")
    // a.land: a binding target for 320500; c.metro: declared for cities. a.everywhere's "*" target alone does not count.
    expect(listed(suzhou)).toEqual(["a.land", "c.metro"])
    expect(suzhou.notReported.map((n) => n.indicator)).toEqual(["a.everywhere", "a.area", "a.share", "a.mean", "a.pop"])
    expect(suzhou.summary).toMatchObject({ indicators: 2, notReported: 5, withValue: 0, missing: 2, completeness: 0 })
  })

  it("brings an ancestor's or a containing group's target to the region, and lists whatever has a value", async () => {
    const wujiang = await evaluate([obs("a.pop", "320509", 2020, 80)], "320509")
    // a.land via its ancestor 320500; a.area via DEMO-ZONE, which contains Wujiang; a.pop has a value (2020).
    expect(listed(wujiang)).toEqual(["a.land", "a.area", "a.pop"])
    // Wujiang has no target of its own: nothing binding to count.
    expect(wujiang.summary.binding).toEqual({ targets: 0, met: 0, breached: 0, notAssessed: 0 })
  })

  it("puts first the sections whose targets name the scope itself (a: a DEMO-ZONE target), then registry order", async () => {
    const zone = await evaluate([], "DEMO-ZONE")
    expect(zone.sections.map((s) => s.plugin)).toEqual(["a", "c"])
  })
})

describe("the binding summary", () => {
  it("counts a binding target without a value as not assessed, never as an all-clear", async () => {
    const report = await evaluate([], "320500")
    expect(report.summary.binding).toEqual({ targets: 1, met: 0, breached: 0, notAssessed: 1 })
    expect(report.summary.bindingMissed).toBe(0)
    expect(report.diagnosis.bindingNotAssessed).toEqual([{ indicator: "a.land", name: text("a.land"), value: null, target: row(report, "a.land").targets[0]!.id, reason: "no-value" }])
  })

  it("counts met and breached: 4 <= 5 met; 7 > 5 breached by 2", async () => {
    const met = await evaluate([obs("a.land", "320500", 2022, 4)], "320500")
    expect(met.summary.binding).toEqual({ targets: 1, met: 1, breached: 0, notAssessed: 0 })
    const breached = await evaluate([obs("a.land", "320500", 2022, 7)], "320500")
    expect(breached.summary.binding).toEqual({ targets: 1, met: 0, breached: 1, notAssessed: 0 })
    expect(breached.diagnosis.bindingMissed[0]).toMatchObject({ indicator: "a.land", gap: 2 })
    expect(breached.diagnosis.bindingNotAssessed).toEqual([])
  })
})

describe("aggregates carry their coverage", () => {
  it("shows a sum of 1 of 3 members as partial and does not judge it", async () => {
    const report = await evaluate([obs("a.area", "310118", 2022, 40)], "DEMO-ZONE")
    const area = row(report, "a.area")
    expect(area).toMatchObject({ value: 40, origin: "aggregated", grade: null, progress: { status: "insufficient-data" } })
    expect(area.coverage).toEqual({ reported: 1, members: 3, weightShare: null, threshold: 1, partial: true })
    expect(area.targets[0]).toMatchObject({ met: null, gap: null, notAssessed: "partial-coverage" })
    expect(area.trend).toEqual([{ year: 2022, value: 40, partial: true }])
    expect(report.summary.binding).toEqual({ targets: 1, met: 0, breached: 0, notAssessed: 1 })
    expect(report.diagnosis.bindingNotAssessed[0]).toMatchObject({ indicator: "a.area", value: 40, reason: "partial-coverage" })
  })

  it("judges a sum of all 3 members: 40 + 30 + 20 = 90, short of 100 by 10", async () => {
    const report = await evaluate(
      [obs("a.area", "310118", 2022, 40), obs("a.area", "320509", 2022, 30), obs("a.area", "330421", 2022, 20)],
      "DEMO-ZONE",
    )
    const area = row(report, "a.area")
    expect(area.coverage).toEqual({ reported: 3, members: 3, weightShare: null, threshold: 1, partial: false })
    expect(area.targets[0]).toMatchObject({ met: false, gap: 10, notAssessed: null })
    expect(report.summary.binding).toEqual({ targets: 1, met: 0, breached: 1, notAssessed: 0 })
  })

  it("weighs a weighted mean's coverage by weight: 2 members of weight 100 + 300 of 1,000 cover 40% < 80%", async () => {
    const report = await evaluate(
      [
        obs("a.pop", "310118", 2022, 100),
        obs("a.pop", "320509", 2022, 300),
        obs("a.pop", "330421", 2022, 600),
        obs("a.share", "310118", 2022, 0.2),
        obs("a.share", "320509", 2022, 0.6),
      ],
      "DEMO-ZONE",
    )
    const share = row(report, "a.share")
    // (0.2 x 100 + 0.6 x 300) / 400 = 0.5
    expect(share.value).toBeCloseTo(0.5, 12)
    expect(share.coverage).toMatchObject({ reported: 2, members: 3, threshold: 0.8, partial: true })
    expect(share.coverage!.weightShare).toBeCloseTo(0.4, 12)
  })

  it("uses an indicator's own minCoverage: a mean of 2 of 3 (67%) passes 50%", async () => {
    const report = await evaluate([obs("a.mean", "310118", 2022, 3), obs("a.mean", "330421", 2022, 5)], "DEMO-ZONE")
    expect(row(report, "a.mean")).toMatchObject({ value: 4, coverage: { reported: 2, members: 3, threshold: 0.5, partial: false } })
  })
})

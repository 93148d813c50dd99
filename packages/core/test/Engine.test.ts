import { describe, expect, it } from "vitest"
import { Effect } from "effect"
import * as Engine from "../src/Engine.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { reportJson } from "../src/Report.js"
import { at, chainPlugin, runWith } from "./fixtures.js"

const obs = (indicator: string, region: string, year: number, value: number) => ({
  indicator,
  region,
  year,
  value,
  agency: "test-agency",
  source: "test",
})

const seedAndEvaluate = (rows: ReadonlyArray<ReturnType<typeof obs>>, scope: string, year: number, asOf = at(30)) =>
  runWith(
    [chainPlugin],
    Effect.gen(function* () {
      const store = yield* ObservationStore.ObservationStore
      if (rows.length > 0) yield* store.append(rows, at(1))
      const engine = yield* Engine.Engine
      return yield* engine.evaluate({ scope, year, asOf })
    }),
  )

const row = (report: Awaited<ReturnType<typeof seedAndEvaluate>>, id: string) =>
  report.sections.flatMap((s) => s.evaluations).find((e) => e.indicator === id)!

describe("Engine", () => {
  it("computes derived indicators in DAG order: a=3, b=4 -> sum=7 -> total=70", async () => {
    const report = await seedAndEvaluate([obs("t.a", "320500", 2022, 3), obs("t.b", "320500", 2022, 4)], "320500", 2022)
    expect(row(report, "t.sum")).toMatchObject({ status: "ok", value: 7, origin: "derived" })
    expect(row(report, "t.total")).toMatchObject({ status: "ok", value: 70, origin: "derived" })
    expect(row(report, "t.total").revisions).toEqual(["t.a/320500/2022/r1", "t.b/320500/2022/r1"])
  })

  it("marks one throwing calculation as an error row while every other row evaluates (t.pop has no value: missing)", async () => {
    const report = await seedAndEvaluate([obs("t.a", "320500", 2022, 3), obs("t.b", "320500", 2022, 4)], "320500", 2022)
    const broken = row(report, "t.broken")
    expect(broken.status).toBe("error")
    expect(broken.error).toBe("the calculation failed: division by zero in the test calculator")
    expect(report.summary).toMatchObject({ indicators: 6, withValue: 4, error: 1, missing: 1 })
  })

  it("reads values as of a time: three revisions, as of between the 1st and 2nd gives the 1st", async () => {
    const report = await runWith(
      [chainPlugin],
      Effect.gen(function* () {
        const store = yield* ObservationStore.ObservationStore
        yield* store.append([obs("t.a", "320500", 2022, 10)], at(1))
        yield* store.append([obs("t.a", "320500", 2022, 20)], at(10))
        yield* store.append([obs("t.a", "320500", 2022, 30)], at(20))
        const engine = yield* Engine.Engine
        return yield* Effect.all([5, 15, 25].map((day) => engine.evaluate({ scope: "320500", year: 2022, asOf: at(day) })))
      }),
    )
    expect(report.map((r) => row(r, "t.a").value)).toEqual([10, 20, 30])
    expect(report.map((r) => r.provenance.revisions)).toEqual([["t.a/320500/2022/r1"], ["t.a/320500/2022/r2"], ["t.a/320500/2022/r3"]])
    expect(report[0]!.provenance.dataAsOf).toBe(at(1))
  })

  it("gives byte-identical JSON and the same SHA-256 for the same inputs", async () => {
    const rows = [obs("t.a", "320500", 2012, 50), obs("t.a", "320500", 2022, 80), obs("t.b", "320500", 2022, 7)]
    const first = await seedAndEvaluate(rows, "320500", 2022)
    const second = await seedAndEvaluate(rows, "320500", 2022)
    expect(reportJson(first)).toBe(reportJson(second))
    expect(first.provenance.contentHash).toMatch(/^[0-9a-f]{64}$/)
    const later = await seedAndEvaluate(rows, "320500", 2022, at(31))
    expect(later.provenance.contentHash).not.toBe(first.provenance.contentHash)
  })

  it("evaluates targets, baseline change, progress and binding misses", async () => {
    const report = await seedAndEvaluate(
      [obs("t.a", "320500", 2012, 50), obs("t.a", "320500", 2022, 80), obs("t.b", "320500", 2021, 6), obs("t.b", "320500", 2022, 7)],
      "320500",
      2022,
    )
    const a = row(report, "t.a")
    expect(a.baseline).toEqual({ year: 2012, value: 50 })
    expect(a.changeSinceBaseline).toBe(30)
    // (80/50)^(1/10)-1 = 4.812%/yr vs (100/50)^(1/23)-1 = 3.060%/yr: R = 1.573
    expect(a.observedRate).toBeCloseTo(0.048122, 5)
    expect(a.targets[0]).toMatchObject({ met: false, gap: 20, attainment: 0.8 })
    expect(a.progress.status).toBe("substantial")
    expect(a.progress.ratio).toBeCloseTo(1.573, 3)
    const b = row(report, "t.b")
    expect(b.targets[0]).toMatchObject({ binding: true, met: false, gap: 2 })
    expect(b.rulesBroken.map((r) => r.rule)).toEqual(["binding-target-missed", "regression"])
    expect(b.rulesBroken[0]!.message.en).toBe("binding target not met: t.b@320500/at-most/2030 (gap 2.00, due 2030)")
    expect(report.summary.bindingMissed).toBe(1)
    expect(report.diagnosis.bindingMissed.map((d) => [d.indicator, d.gap])).toEqual([["t.b", 2]])
    expect(report.diagnosis.regressions.map((d) => [d.indicator, d.previous])).toEqual([["t.b", { year: 2021, value: 6 }]])
    // relative gaps: t.b 2/5 = 0.4, t.a 20/100 = 0.2
    expect(report.diagnosis.largestGaps.map((d) => d.indicator)).toEqual(["t.b", "t.a"])
  })

  it("aggregates a group from its members: sum, population-weighted mean, completeness", async () => {
    const report = await seedAndEvaluate(
      [
        obs("t.a", "310118", 2022, 10),
        obs("t.a", "320509", 2022, 20),
        obs("t.b", "310118", 2022, 2),
        obs("t.b", "320509", 2022, 5),
        obs("t.pop", "310118", 2022, 100),
        obs("t.pop", "320509", 2022, 300),
      ],
      "DEMO-ZONE",
      2022,
    )
    expect(report.scope).toMatchObject({ code: "DEMO-ZONE", type: "group", members: ["310118", "320509", "330421"] })
    expect(row(report, "t.a")).toMatchObject({ value: 30, origin: "aggregated" })
    expect(row(report, "t.a").completeness).toBeCloseTo(2 / 3, 10)
    // (2*100 + 5*300) / 400 = 4.25
    expect(row(report, "t.b").value).toBe(4.25)
    expect(row(report, "t.sum").value).toBe(34.25)
  })

  it("prefers a value registered for the group itself over the aggregate", async () => {
    const report = await seedAndEvaluate([obs("t.a", "310118", 2022, 10), obs("t.a", "DEMO-ZONE", 2022, 99)], "DEMO-ZONE", 2022)
    expect(row(report, "t.a")).toMatchObject({ value: 99, origin: "observed", completeness: 1 })
  })

  it("reports missing values and fails with NotFound for an unknown scope", async () => {
    const report = await seedAndEvaluate([], "341300", 2022)
    expect(report.summary).toMatchObject({ indicators: 6, withValue: 0, missing: 6, completeness: 0 })
    const error = await runWith(
      [chainPlugin],
      Effect.flip(Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: "999999", year: 2022, asOf: at(1) }))),
    )
    expect(error._tag).toBe("NotFound")
  })
})

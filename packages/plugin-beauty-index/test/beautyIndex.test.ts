import { Engine, ObservationStore, Registry, Database, registerObservations, yrdRegions, type Evaluation, type Plugin } from "@tijian/core"
import { pluginConformance } from "@tijian/core/testing"
import { Effect, Layer } from "effect"
import { describe, expect, it } from "vitest"
import { beautyIndex, makeBeautyIndex, publishedFigures } from "../src/index.js"

pluginConformance(beautyIndex)

const asOf = "2024-01-01T00:00:00.000Z"

/** Loads the published figures and evaluates YRD for a year. */
const evaluate = (plugin: Plugin, year: number) => {
  const layer = Engine.layer.pipe(
    Layer.provideMerge(
      Layer.mergeAll(
        Registry.layer([plugin], yrdRegions()),
        ObservationStore.layer.pipe(Layer.provide(Database.layerSqlite({ filename: ":memory:" }))),
      ),
    ),
  )
  return Effect.runPromise(
    Effect.gen(function* () {
      yield* registerObservations(publishedFigures.map((o) => ({ ...o, agency: "reference-data" })), asOf)
      const engine = yield* Engine.Engine
      const report = yield* engine.evaluate({ scope: "YRD", year, asOf })
      const rows = new Map<string, Evaluation>(report.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e]))
      return { report, row: (id: string) => rows.get(id)! }
    }).pipe(Effect.provide(layer)),
  )
}

describe("beauty index on the published YRD figures", () => {
  it("computes the equal-weight composite 52.5725 (2012) and 80.8975 (2022) beside the published 52.66 / 80.96", async () => {
    const y2022 = await evaluate(beautyIndex, 2022)
    const y2012 = await evaluate(beautyIndex, 2012)
    expect(y2012.row("beauty.composite").value).toBeCloseTo(52.5725, 10)
    expect(y2022.row("beauty.composite").value).toBeCloseTo(80.8975, 10)
    expect(y2022.row("beauty.composite-reported").value).toBe(80.96)
    const [diff] = y2022.report.diagnosis.computedVsReported
    expect(diff).toMatchObject({ indicator: "beauty.composite-reported", reported: 80.96 })
    expect(diff!.difference).toBeCloseTo(0.0625, 10)
    expect(y2012.report.diagnosis.computedVsReported[0]!.difference).toBeCloseTo(0.0875, 10)
  })

  it("reproduces the published composites with weights (0.23, 0.30, 0.24, 0.23)", async () => {
    const weighted = makeBeautyIndex({
      weights: { "beauty.carbon-reduction": 0.23, "beauty.pollution-reduction": 0.3, "beauty.green-expansion": 0.24, "beauty.growth": 0.23 },
    })
    expect((await evaluate(weighted, 2022)).row("beauty.composite").value!.toFixed(2)).toBe("80.96")
    expect((await evaluate(weighted, 2012)).row("beauty.composite").value!.toFixed(2)).toBe("52.66")
  })

  it("puts the published 2022 composite 19.04 short of 100, substantial progress (R = 1.554)", async () => {
    const { row } = await evaluate(beautyIndex, 2022)
    const reported = row("beauty.composite-reported")
    expect(reported.targets[0]!.gap).toBeCloseTo(19.04, 10)
    expect(reported.progress.status).toBe("substantial")
    expect(reported.progress.ratio).toBeCloseTo(1.554, 3)
  })

  it("grades 78.57 good and 80.96 excellent", async () => {
    const { row } = await evaluate(beautyIndex, 2022)
    expect(row("beauty.carbon-reduction").grade?.id).toBe("good")
    expect(row("beauty.composite-reported").grade?.id).toBe("excellent")
    expect(row("beauty.green-expansion").grade?.id).toBe("excellent")
  })

  it("finds green expansion 78.04 -> 80.98 limited: 0.37%/yr against 1.08%/yr needed, R = 0.34", async () => {
    const { row } = await evaluate(beautyIndex, 2022)
    const green = row("beauty.green-expansion").progress
    expect(green.status).toBe("limited")
    expect(green.observedRate).toBeCloseTo(0.0037, 4)
    expect(green.requiredRate).toBeCloseTo(0.0108, 4)
    expect(green.ratio).toBeCloseTo(0.342, 3)
  })
})

/**
 * Calculator values broken down by dimensions (#21 item 6): a run's values may carry `dimensions`; `runCalculator`
 * refuses undeclared dimensions and codes as the calculator's error naming the value; the values are stored through
 * the same checks as any write (a total for each breakdown, in the run or stored; additive breakdowns adding up), on
 * SQLite and PostgreSQL.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { Effect, Schema } from "effect"
import { afterAll, describe, expect, it } from "vitest"
import { type ComputedValue, defineCalculator, provenanceSource, runCalculator } from "../src/Calculator.js"
import { checkComputedDimensions } from "../src/CalculatorDimensions.js"
import type { NewObservation } from "../src/Observation.js"
import * as ObservationStore from "../src/ObservationStore.js"
import { definePlugin } from "../src/Plugin.js"
import { yrdRegions } from "../src/ReferenceRegions.js"
import { buildRegistry } from "../src/Registry.js"
import { registerObservations } from "../src/Registration.js"
import { DIALECTS, mobilityPlugin, runOn } from "./breakdownFixtures.js"
import { at, text } from "./fixtures.js"

/** Reads `code,share` lines: the line `total` is the total, every other line a breakdown by mode. */
const surveyShares = defineCalculator({
  id: "mob.survey-shares",
  name: text("green travel shares from a survey"),
  description: text("reads code,share lines"),
  inputs: [{ name: "survey", format: "csv", required: true, description: text("code,share") }],
  params: Schema.Struct({}),
  produces: ["mob.green-share"],
  run: ({ inputs, region, year }) =>
    Effect.sync(() => ({
      values: readFileSync(inputs.survey!.path, "utf8")
        .trim()
        .split("\n")
        .map((line) => line.split(","))
        .map(([code = "", share = ""]): ComputedValue<"mob.green-share"> => ({
          indicator: "mob.green-share",
          region,
          year,
          value: Number(share),
          ...(code === "total" ? {} : { dimensions: { mode: code } }),
        })),
    })),
})

const mobility = definePlugin({ ...mobilityPlugin, version: "0.1.0", calculators: [surveyShares] })

const dir = mkdtempSync(join(tmpdir(), "tijian-calc-dims-"))
afterAll(() => rmSync(dir, { recursive: true, force: true }))
const survey = (name: string, content: string) => {
  const path = join(dir, name)
  writeFileSync(path, content)
  return { survey: { filename: name, path } }
}
const run = (content: string, year = 2024) =>
  runCalculator(surveyShares, mobility, { inputs: survey(`s${year}-${content.length}.csv`, content), params: {}, region: "320500", year, regions: yrdRegions() })

/** A run's values as an agency's write stores them. */
const asWrite = async (content: string, year = 2024): Promise<Array<NewObservation>> => {
  const { output, provenance } = await run(content, year)
  return output.values.map((v) => ({ ...v, agency: "suzhou-transport", source: provenanceSource(provenance) }))
}

// 70% green travel: metro 30% + bus 25% + bike 15%
const SURVEY = "total,0.70\nmetro,0.30\nbus,0.25\nbike,0.15\n"

describe("calculator values with dimensions", () => {
  it("runCalculator passes breakdowns through with their codes", async () => {
    const { output } = await run(SURVEY)
    expect(output.values.map((v) => [v.dimensions?.mode ?? "total", v.value])).toEqual([["total", 0.7], ["metro", 0.3], ["bus", 0.25], ["bike", 0.15]])
  })

  it("refuses an unknown code and an undeclared dimension as the calculator's error, naming the value (1-based) and the codes", async () => {
    await expect(run("total,0.70\nmetro,0.30\ntram,0.25\n")).rejects.toMatchObject({
      _tag: "CalculatorError",
      reason: "failed",
      message: 'mob.survey-shares returned 1 value(s) with dimensions its indicators do not declare: value 3 (mob.green-share (mode=tram) for 320500 in 2024): unknown mode code "tram" (the codes of mode: metro, bus, bike)',
      problems: [{ file: "values", row: 3, field: "dimensions.mode", message: 'value 3 (mob.green-share (mode=tram) for 320500 in 2024): unknown mode code "tram" (the codes of mode: metro, bus, bike)' }],
    })
    const registry = Effect.runSync(buildRegistry([mobility], yrdRegions()))
    const refused = checkComputedDimensions("mob.survey-shares", [
      { indicator: "mob.green-share", region: "320500", year: 2024, value: 0.3, dimensions: { mod: "metro" } },
      { indicator: "mob.trips", region: "320500", year: 2024, value: 5, dimensions: { mode: "metro" } },
      { indicator: "mob.green-share", region: "320500", year: 2024, value: 0.7 },
    ], registry.indicator)
    expect(refused?.problems.map((p) => [p.row, p.field, p.message])).toEqual([
      [1, "dimensions.mod", 'value 1 (mob.green-share (mod=metro) for 320500 in 2024): mob.green-share has no dimension "mod"; did you mean "mode"? (it declares mode, purpose)'],
      [2, "dimensions", "value 2 (mob.trips (mode=metro) for 320500 in 2024): mob.trips declares no dimensions: register its total without dimensions"],
    ])
  })
})

for (const dialect of DIALECTS) {
  describe(`calculator values with dimensions stored: ${dialect.name}`, () => {
    const store = ObservationStore.ObservationStore

    it("stores a run's total and breakdowns; a later run's breakdowns are checked against the stored total", async () => {
      const first = await asWrite(SURVEY)
      // 2024 again: metro 32% + bus 23% + bike 15% = 70%, the stored total
      const later = (await asWrite("metro,0.32\nbus,0.23\nbike,0.15\n")).map((r) => ({ ...r, expectedRevision: 1, skipIfUnchanged: true }))
      const result = await runOn(dialect.layer, [mobility], Effect.gen(function* () {
        yield* registerObservations(first, at(1))
        yield* registerObservations(later, at(2))
        const s = yield* store
        return {
          totals: (yield* s.current({})).map((o) => [o.id, o.value]),
          breakdowns: (yield* s.breakdowns({})).map((o) => [o.id, o.value]),
          source: (yield* s.breakdowns({})).every((o) => o.source.startsWith("calculator mob.survey-shares (mob 0.1.0); inputs: survey=")),
        }
      }))
      expect(result.totals).toEqual([["mob.green-share/320500/2024/r1", 0.7]])
      expect(result.breakdowns).toEqual([
        ["mob.green-share/320500/2024/mode=bike/r1", 0.15],
        ["mob.green-share/320500/2024/mode=bus/r2", 0.23],
        ["mob.green-share/320500/2024/mode=metro/r2", 0.32],
      ])
      expect(result.source).toBe(true)
    })

    it("refuses a run whose breakdowns do not add up, or that has no total, storing nothing", async () => {
      // 30% + 25% + 10% = 65%, not the 70% total
      const short = await asWrite("total,0.70\nmetro,0.30\nbus,0.25\nbike,0.10\n")
      const orphan = await asWrite("metro,0.30\n", 2023)
      const result = await runOn(dialect.layer, [mobility], Effect.gen(function* () {
        const sum = yield* Effect.flip(registerObservations(short, at(1)))
        const noTotal = yield* Effect.flip(registerObservations(orphan, at(1)))
        return { sum: "problems" in sum ? sum.problems : sum, noTotal: "problems" in noTotal ? noTotal.problems : noTotal, count: yield* Effect.flatMap(store, (s) => s.countRevisions()) }
      }))
      expect(result.sum).toEqual([{ index: 0, field: "dimensions.mode", message: "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 0, 1, 2, 3)" }])
      expect(result.noTotal).toEqual([{ index: 0, field: "dimensions", message: "mob.green-share (mode=metro) for 320500 in 2023 is a breakdown without its total: register the total first, or in the same write" }])
      expect(result.count).toBe(0)
    })
  })
}

/**
 * Calculator values broken down by dimensions, committed over HTTP on both backends (#21 item 6): a run's total and
 * breakdowns are stored through the same checks as `POST /observations` (totals in the run or stored, additive sums)
 * and read back from `GET /observations/breakdowns`; an unknown code is the calculator's 422 naming the value; a
 * refused commit stores nothing and records no run; `revise=true` revises a breakdown as its own cell.
 */
import { type ComputedValue, defineCalculator, definePlugin } from "@tijian/core"
import { Effect, Either, Schema } from "effect"
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { CalculatorCommit } from "../src/openapi/calculatorSchemas.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { greenShare } from "./support/mobilityPlugin.js"

const t = (en: string, zh: string) => ({ zh, en })

/** Reads `code,share` lines: `total` is the total, every other line a breakdown by mode. */
const surveyShares = defineCalculator({
  id: "mob.survey-shares",
  name: t("green travel shares from a survey", "调查绿色出行比例"),
  description: t("reads code,share lines", "读取 code,share 行"),
  inputs: [{ name: "survey", format: "csv", required: true, description: t("code,share", "code,share") }],
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

const mobility = definePlugin({
  id: "mob",
  version: "0.1.0",
  name: t("mobility", "出行"),
  indicators: [greenShare],
  calculators: [surveyShares],
})

const NOW = "2025-04-01T00:00:00.000Z"
const documented = (body: unknown) => Either.isRight(Schema.decodeUnknownEither(CalculatorCommit, { onExcessProperty: "error" })(body))

for (const backend of BACKENDS) {
  describe(`calculator breakdowns (${backend.name})`, () => {
    let runtime: AppRuntime
    let app: ReturnType<typeof makeApp>
    let token = ""

    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: [mobility] })
      app = makeApp(runtime, { now: () => new Date(NOW) })
      token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "agency", agency: "suzhou-transport", region: "320500" }, "2025-01-01T00:00:00.000Z")))).token
    })
    afterAll(() => runtime.dispose())

    const commit = async (survey: string, year = "2024", query = "commit=true") => {
      const form = new FormData()
      form.append("survey", new Blob([survey]), "survey.csv")
      form.append("region", "320500")
      form.append("year", year)
      const res = await app.request(`/api/v1/calculators/mob.survey-shares/runs?${query}`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form })
      return { status: res.status, body: (await res.json()) as any }
    }
    const breakdowns = async (year: number) =>
      ((await (await app.request(`/api/v1/observations/breakdowns?indicator=mob.green-share&region=320500&year=${year}`)).json()) as any).breakdowns.map((b: any) => [
        b.breakdown,
        b.value,
        b.revision,
      ])
    const runs = async () => ((await (await app.request("/api/v1/reports/320500/2024.json")).json()) as any).sections.flatMap((s: any) => s.calculatorRuns ?? []).length

    it("commits a run's total with its breakdowns (70% = metro 30% + bus 25% + bike 15%)", async () => {
      const res = await commit("total,0.70\nmetro,0.30\nbus,0.25\nbike,0.15\n")
      expect([res.status, res.body.stored.map((o: any) => [o.id, o.value]), res.body.run.valuesStored]).toEqual([
        201,
        [
          ["mob.green-share/320500/2024/r1", 0.7],
          ["mob.green-share/320500/2024/mode=metro/r1", 0.3],
          ["mob.green-share/320500/2024/mode=bus/r1", 0.25],
          ["mob.green-share/320500/2024/mode=bike/r1", 0.15],
        ],
        4,
      ])
      expect(res.body.values.map((v: any) => v.dimensions ?? null)).toEqual([null, { mode: "metro" }, { mode: "bus" }, { mode: "bike" }])
      expect(documented(res.body)).toBe(true)
      expect(await breakdowns(2024)).toEqual([["mode=metro", 0.3, 1], ["mode=bus", 0.25, 1], ["mode=bike", 0.15, 1]])
    })

    it("an unknown code is the calculator's 422 naming the value, in the preview and on commit; nothing stored, no run recorded", async () => {
      const preview = await commit("total,0.70\nmetro,0.30\ntram,0.40\n", "2023", "")
      const committed = await commit("total,0.70\nmetro,0.30\ntram,0.40\n", "2023")
      const message = 'value 3 (mob.green-share (mode=tram) for 320500 in 2023): unknown mode code "tram" (the codes of mode: metro, bus, bike)'
      for (const res of [preview, committed]) {
        expect([res.status, res.body.error.code, res.body.error.details]).toEqual([422, "invalid-calculator-input", [{ file: "values", row: 3, field: "dimensions.mode", message }]])
      }
      expect(await breakdowns(2023)).toEqual([])
    })

    it("breakdowns that do not add up to the stored total are refused as any write is; nothing stored, no run recorded", async () => {
      const before = await runs()
      // the stored 2024 total is 70%: 30% + 25% + 10% = 65% (indices: the values' positions in the run, from 0, as in POST /observations)
      const res = await commit("metro,0.30\nbus,0.25\nbike,0.10\n", "2024", "commit=true&revise=true")
      expect([res.status, res.body.error.code, res.body.error.details]).toEqual([
        422,
        "invalid-observations",
        [{ index: 0, field: "dimensions.mode", message: "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 0, 1, 2)" }],
      ])
      const orphan = await commit("metro,0.30\n", "2022")
      expect([orphan.status, orphan.body.error.details[0].message]).toEqual([422, "mob.green-share (mode=metro) for 320500 in 2022 is a breakdown without its total: register the total first, or in the same write"])
      expect(await breakdowns(2024)).toEqual([["mode=metro", 0.3, 1], ["mode=bus", 0.25, 1], ["mode=bike", 0.15, 1]])
      expect(await runs()).toBe(before)
    })

    it("revise=true revises each breakdown as its own cell (metro 32% + bus 23% + bike 15% = the stored 70%); the total and bike are left alone", async () => {
      const res = await commit("metro,0.32\nbus,0.23\nbike,0.15\n", "2024", "commit=true&revise=true")
      expect([res.status, res.body.stored.map((o: any) => o.id), res.body.unchanged]).toEqual([
        201,
        ["mob.green-share/320500/2024/mode=metro/r2", "mob.green-share/320500/2024/mode=bus/r2"],
        1,
      ])
      expect(await breakdowns(2024)).toEqual([["mode=metro", 0.32, 2], ["mode=bus", 0.23, 2], ["mode=bike", 0.15, 1]])
    })
  })
}

if (postgresSkipped) describe.skip(`calculator breakdowns (PostgreSQL): ${postgresSkipped}`, () => it("runs on PostgreSQL", () => {}))

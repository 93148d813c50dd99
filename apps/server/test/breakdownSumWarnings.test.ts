/**
 * An additive dimension of severity `warning` over HTTP (issue #21): breakdowns that do not add up to their total
 * are stored, and the write's 201 reports the failed sum in `warnings` as the built-in rule
 * `core.breakdown-sum/<indicator>/<dimension>`; the same rows under the default severity are refused (422).
 * Worked by hand: metro 0.30 + bus 0.25 + bike 0.10 = 0.65 against a total of 0.70; 0.1% of 0.70 is 0.0007.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { mobility } from "./support/mobilityPlugin.js"
import { mobilitySurvey } from "./support/mobilitySurveyPlugin.js"

const at = new Date("2025-03-01T00:00:00.000Z")
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let token = ""

const post = async (observations: ReadonlyArray<object>) => {
  const res = await app.request("/api/v1/observations", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ observations }) })
  return { status: res.status, body: (await res.json()) as any }
}
const importCsv = async (csv: string) => {
  const res = await app.request("/api/v1/observations/import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" }, body: csv })
  return { status: res.status, body: (await res.json()) as any }
}
const get = async (path: string) => (await app.request(path)).json() as Promise<any>
const storedOf = async (indicator: string, year: number) => [
  ...(await get(`/api/v1/observations?indicator=${indicator}&year=${year}`)).observations.map((o: any) => ["", o.value]),
  ...(await get(`/api/v1/observations/breakdowns?indicator=${indicator}&region=320500&year=${year}`)).breakdowns.map((b: any) => [b.breakdown, b.value]),
]

/** Total 0.70; metro 0.30 + bus 0.25 + bike 0.10 = 0.65. */
const shortBy5 = (indicator: string, year = 2022) => {
  const cell = { indicator, region: "320500", year, source: "Suzhou travel survey" }
  return [{ ...cell, value: 0.7 }, ...(
    [["metro", 0.3], ["bus", 0.25], ["bike", 0.1]] as const
  ).map(([mode, value]) => ({ ...cell, value, dimensions: { mode } }))]
}
const message = "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 0, 1, 2, 3)"

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs on PostgreSQL", () => {}))

for (const backend of BACKENDS) {
  describe(`breakdowns that do not add up, severity warning (${backend.name})`, () => {
    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: [...builtinPlugins, mobility, mobilitySurvey] })
      app = makeApp(runtime, { now: () => at })
      token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "agency", agency: "suzhou-transport", region: "320500" }, "2025-01-01T00:00:00.000Z")))).token
    })
    afterAll(() => runtime.dispose())

    it("stores all four rows (201) and reports the failed sum in warnings: left 0.65, right 0.70, slack 0.0007", async () => {
      const res = await post(shortBy5("mob-survey.green-share"))
      expect(res.status).toBe(201)
      expect(res.body.count).toBe(4)
      const cell = { indicator: "mob-survey.green-share", region: "320500", year: 2022 }
      expect(res.body.warnings).toEqual([
        {
          rule: "core.breakdown-sum/mob-survey.green-share/mode",
          plugin: "mob-survey",
          kind: "breakdown-sum",
          severity: "warning",
          name: { zh: "分项之和等于总量", en: "Breakdowns add up to the total" },
          scope: "320500",
          year: 2022,
          state: "failed",
          left: 0.65,
          operator: "==",
          right: 0.7,
          tolerance: 0.0007,
          cells: [
            { ...cell, value: 0.7, row: 0 },
            { ...cell, value: 0.3, breakdown: "mode=metro", row: 1 },
            { ...cell, value: 0.25, breakdown: "mode=bus", row: 2 },
            { ...cell, value: 0.1, breakdown: "mode=bike", row: 3 },
          ],
          message,
        },
      ])
      expect(await storedOf("mob-survey.green-share", 2022)).toEqual([["", 0.7], ["mode=metro", 0.3], ["mode=bus", 0.25], ["mode=bike", 0.1]])
    })

    it("refuses the same rows under the default severity (422), storing nothing", async () => {
      const res = await post(shortBy5("mob.green-share"))
      expect(res.status).toBe(422)
      expect(res.body.error.details).toEqual([{ index: 0, field: "dimensions.mode", message }])
      expect(await storedOf("mob.green-share", 2022)).toEqual([])
    })

    it("a CSV import stores them too and names the sheet's rows (header = row 1)", async () => {
      const csv = ["indicator,region,year,mode,value,source", ...shortBy5("mob-survey.green-share", 2023).map((r: any) => `${r.indicator},${r.region},${r.year},${r.dimensions?.mode ?? ""},${r.value},survey`)].join("\n") + "\n"
      const res = await importCsv(csv)
      expect(res.status).toBe(201)
      const [warning] = res.body.warnings
      expect([warning.rule, warning.year, warning.left, warning.right]).toEqual(["core.breakdown-sum/mob-survey.green-share/mode", 2023, 0.65, 0.7])
      expect(warning.cells.map((c: any) => c.row)).toEqual([2, 3, 4, 5])
      expect(warning.message).toBe("metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 2, 3, 4, 5)")
      expect(await storedOf("mob-survey.green-share", 2023)).toEqual([["", 0.7], ["mode=metro", 0.3], ["mode=bus", 0.25], ["mode=bike", 0.1]])
    })
  })
}

/**
 * The built-in breakdown-sum rule beyond the write (issue #21): GET /validation lists it for every stored
 * breakdown of an additive dimension, and submitting a data set runs it like a plugin's rule (a failed warning
 * needs a reason, a failed error refuses). Worked by hand: Suzhou (320500) metro 0.30 + bus 0.25 + bike 0.10 =
 * 0.65 against a total of 0.70 fails (0.1% of 0.70 is 0.0007); Wujiang (320509) 0.30 + 0.20 + 0.10 = 0.60 against
 * 0.60 passes.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { ObservationStore, Registry, withBreakdownKeys } from "@tijian/core"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { mobility } from "./support/mobilityPlugin.js"
import { mobilitySurvey } from "./support/mobilitySurveyPlugin.js"

const at = new Date("2025-03-01T00:00:00.000Z")
const RULE = "core.breakdown-sum/mob-survey.green-share/mode"
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
const tokens = { agency: "", admin: "" }

const call = async (method: string, path: string, token?: string, body?: unknown) => {
  const headers: Record<string, string> = token === undefined ? {} : { authorization: `Bearer ${token}` }
  if (body !== undefined) headers["content-type"] = "application/json"
  const res = await app.request(path, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) })
  return { status: res.status, json: (await res.json()) as any }
}
const rows = (indicator: string, region: string, total: number, [metro, bus, bike]: readonly [number, number, number], year = 2022) => {
  const cell = { indicator, region, year, source: "Suzhou travel survey" }
  return [{ ...cell, value: total }, { ...cell, value: metro, dimensions: { mode: "metro" } }, { ...cell, value: bus, dimensions: { mode: "bus" } }, { ...cell, value: bike, dimensions: { mode: "bike" } }]
}
const sumsOf = (results: ReadonlyArray<any>) => results.filter((r) => r.kind === "breakdown-sum")

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs on PostgreSQL", () => {}))

for (const backend of BACKENDS) {
  describe(`the breakdown-sum rule on GET /validation and at submission (${backend.name})`, () => {
    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: [...builtinPlugins, mobility, mobilitySurvey] })
      app = makeApp(runtime, { now: () => at })
      const make = (spec: object) => runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec as never, "2025-01-01T00:00:00.000Z")))
      tokens.agency = (await make({ role: "agency", agency: "suzhou-transport", region: "320500" })).token
      tokens.admin = (await make({ role: "admin", agency: "yrd-office" })).token
      const stored = await call("POST", "/api/v1/observations", tokens.agency, {
        observations: [...rows("mob-survey.green-share", "320500", 0.7, [0.3, 0.25, 0.1]), ...rows("mob-survey.green-share", "320509", 0.6, [0.3, 0.2, 0.1])],
      })
      expect([stored.status, stored.json.warnings.map((w: any) => [w.rule, w.scope])]).toEqual([201, [[RULE, "320500"]]])
    })
    afterAll(() => runtime.dispose())

    it("lists the failed sum at Suzhou (left 0.65, right 0.7) and the one that adds up at Wujiang, counted", async () => {
      const res = await call("GET", "/api/v1/validation/320500/2022")
      expect(res.status).toBe(200)
      const sums = sumsOf(res.json.results)
      expect(sums.map((r: any) => [r.rule, r.plugin, r.severity, r.scope, r.year, r.state, r.operator, r.right, r.tolerance])).toEqual([
        [RULE, "mob-survey", "warning", "320500", 2022, "failed", "==", 0.7, 0.0007],
        [RULE, "mob-survey", "warning", "320509", 2022, "passed", "==", 0.6, 0.0006],
      ])
      expect(sums[0].left).toBeCloseTo(0.65, 12)
      expect(sums[1].left).toBeCloseTo(0.6, 12)
      const cell = { indicator: "mob-survey.green-share", region: "320500", year: 2022 }
      expect(sums[0].cells).toEqual([
        { ...cell, value: 0.7 },
        { ...cell, value: 0.3, breakdown: "mode=metro" },
        { ...cell, value: 0.25, breakdown: "mode=bus" },
        { ...cell, value: 0.1, breakdown: "mode=bike" },
      ])
      expect(sums[0].message).toBe("mob-survey.green-share for 320500 in 2022: metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1%")
      // nothing else is stored for 2022: the plugins' rules do not apply, so the sum is the only failure and the only pass
      expect([res.json.counts.failed, res.json.counts.passed]).toEqual([1, 1])
      expect(res.json.counts.notApplicable).toBe(res.json.results.length - 2)
      // the Wujiang district alone sees only its own sum
      expect(sumsOf((await call("GET", "/api/v1/validation/320509/2022")).json.results).map((r: any) => r.state)).toEqual(["passed"])
      // as of before the write there were no breakdowns to check
      expect(sumsOf((await call("GET", "/api/v1/validation/320500/2022?asOf=2025-02-01T00:00:00Z")).json.results)).toEqual([])
    })

    it("submitting Suzhou's data set asks a reason for the failed sum, then records it in the audit entry", async () => {
      const set = "/api/v1/approvals/mob-survey/320500/2022"
      const refused = await call("POST", `${set}/submit`, tokens.agency, { comment: "survey of 2022" })
      expect(refused.status).toBe(422)
      expect(refused.json.error.code).toBe("warnings-not-acknowledged")
      expect(refused.json.error.message).toContain(`{"acknowledge": {"${RULE}": "..."}}`)
      expect(refused.json.error.details.map((d: any) => [d.rule, d.state, d.scope])).toEqual([[RULE, "failed", "320500"]])
      expect((await call("GET", set)).json.state).toBe("open")
      const reason = "the modes are sampled apart from the total; the survey's own figures"
      const submitted = await call("POST", `${set}/submit`, tokens.agency, { comment: "survey of 2022", acknowledge: { [RULE]: reason } })
      expect([submitted.status, submitted.json.state]).toEqual([201, "submitted"])
      const audit = await call("GET", "/api/v1/audit?limit=1000", tokens.admin)
      const entry = audit.json.entries.find((e: any) => e.action === "approval.submit" && e.targets.includes("mob-survey/320500/2022"))
      expect(entry.details.acknowledged).toEqual({ [RULE]: reason })
    })

    it("Wujiang's data set, whose breakdowns add up, is submitted without acknowledgment", async () => {
      const submitted = await call("POST", "/api/v1/approvals/mob-survey/320509/2022/submit", tokens.agency)
      expect([submitted.status, submitted.json.state]).toEqual([201, "submitted"])
    })

    it("a failed sum of an error dimension (stored before the rule: here straight into the store) refuses submission, acknowledged or not", async () => {
      const registry = await runOrThrow(runtime, Registry.Registry)
      const legacy = withBreakdownKeys(registry, rows("mob.green-share", "320500", 0.7, [0.3, 0.25, 0.1], 2021).map((r) => ({ ...r, agency: "suzhou-transport" })))
      await runOrThrow(runtime, Effect.flatMap(ObservationStore.ObservationStore, (s) => s.append(legacy, at.toISOString())))
      const [sum] = sumsOf((await call("GET", "/api/v1/validation/320500/2021")).json.results)
      expect([sum.rule, sum.severity, sum.state, sum.right]).toEqual(["core.breakdown-sum/mob.green-share/mode", "error", "failed", 0.7])
      const refused = await call("POST", "/api/v1/approvals/mob/320500/2021/submit", tokens.agency, { acknowledge: { "core.breakdown-sum/mob.green-share/mode": "legacy figures" } })
      expect(refused.status).toBe(422)
      expect(refused.json.error.code).toBe("rule-violations")
      expect(refused.json.error.message).toBe(
        "mob/320500/2021 cannot be submitted: 1 validation rule(s) fail: mob.green-share for 320500 in 2021: metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1%; fix the values first",
      )
      expect((await call("GET", "/api/v1/approvals/mob/320500/2021")).json.state).toBe("open")
    })
  })
}

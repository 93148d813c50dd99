/**
 * Plugins' validation rules over HTTP, on both backends, with the Demonstration Zone's two rules: permanent basic
 * farmland (mu) at most cultivated land (mu), an `error`; the Zone's redline area equal to Qingpu + Wujiang +
 * Jiashan within 0.01 km², a `warning`. Every write path checks them (JSON, CSV, If-Match PUT); GET /validation
 * lists them; submitting a data set runs them. A rule that throws is reported, never blocking a write.
 */
import { ObservationStore, type Plugin } from "@tijian/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { type Harness, makeHarness } from "./reliability/harness.js"

const FARMLAND = "demo-zone.permanent-basic-farmland-mu"
const CULTIVATED = "demo-zone.cultivated-land-mu"
const REDLINE = "ecology.redline-area-km2"
const row = (indicator: string, region: string, year: number, value: number, extra: object = {}) => ({ indicator, region, year, value, source: "test", ...extra })
const post = (h: Harness, rows: ReadonlyArray<object>) => h.call("POST", "/api/v1/observations", { token: "admin", body: { observations: rows } })

for (const backend of BACKENDS) {
  describe(`validation rules (${backend.name})`, () => {
    let h: Harness
    beforeAll(async () => {
      h = await makeHarness(backend)
    })
    afterAll(() => h.dispose())

    it("refuses a batch whose farmland (770,000 mu) exceeds its cultivated land (766,000 mu): 422 naming the rule, both sides and the rows", async () => {
      const res = await post(h, [row(FARMLAND, "DEMO-ZONE", 2030, 770_000), row(CULTIVATED, "DEMO-ZONE", 2030, 766_000)])
      expect(res.status).toBe(422)
      expect(res.json.error.code).toBe("rule-violations")
      expect(res.json.error.message).toBe(
        "1 validation rule(s) fail: rule demo-zone.farmland-within-cultivated-land at DEMO-ZONE in 2030 fails: 770,000 <= 766,000, a difference of 4,000 (index 0, 1); nothing was stored",
      )
      expect(res.json.error.details).toMatchObject([
        {
          rule: "demo-zone.farmland-within-cultivated-land",
          severity: "error",
          state: "failed",
          left: 770_000,
          right: 766_000,
          cells: [
            { indicator: FARMLAND, region: "DEMO-ZONE", year: 2030, value: 770_000, row: 0 },
            { indicator: CULTIVATED, region: "DEMO-ZONE", year: 2030, value: 766_000, row: 1 },
          ],
        },
      ])
      const stored = await h.call("GET", "/api/v1/observations?regions=DEMO-ZONE&years=2030")
      expect(stored.json.observations).toEqual([])
    })

    it("checks a write against the stored values: 766,000 stored, then 665,400 passes and a revision to 770,000 is refused", async () => {
      const first = await post(h, [row(CULTIVATED, "DEMO-ZONE", 2031, 766_000)])
      expect([first.status, first.json.warnings, first.json.ruleErrors]).toEqual([201, [], []])
      expect((await post(h, [row(FARMLAND, "DEMO-ZONE", 2031, 665_400)])).status).toBe(201)
      const put = await h.call("PUT", `/api/v1/observations/${FARMLAND}/DEMO-ZONE/2031`, { token: "admin", body: { value: 770_000, source: "test" }, headers: { "if-match": '"1"' } })
      expect(put.status).toBe(422)
      expect(put.json.error.details[0]).toMatchObject({
        left: 770_000,
        right: 766_000,
        cells: [
          { indicator: FARMLAND, value: 770_000, row: 0 },
          { indicator: CULTIVATED, value: 766_000 }, // stored: no row
        ],
      })
      expect(put.json.error.details[0].cells[1].row).toBeUndefined()
      // lowering cultivated land below the stored farmland is refused too: 665,400 <= 600,000 fails
      const lower = await post(h, [row(CULTIVATED, "DEMO-ZONE", 2031, 600_000, { revision: 1 })])
      expect([lower.status, lower.json.error.details[0].left, lower.json.error.details[0].right]).toEqual([422, 665_400, 600_000])
    })

    it("checks and writes on the same data: two concurrent writes that pass alone but break the rule together never both land", async () => {
      // stored for 2040: cultivated 766,000, farmland 600,000. A raises farmland to 700,000 (fine against 766,000);
      // B lowers cultivated land to 650,000 (fine against 600,000). Together: 700,000 <= 650,000 fails. (Every row
      // carries a note: the jumps between these made-up years would otherwise ask for one as outliers.)
      const NOTE = { note: "made-up series" }
      const setup = await post(h, [row(CULTIVATED, "DEMO-ZONE", 2040, 766_000, NOTE), row(FARMLAND, "DEMO-ZONE", 2040, 600_000, NOTE)])
      expect([setup.status, setup.json?.error?.message]).toEqual([201, undefined])
      const outcomes: Array<number> = []
      for (let round = 0; round < 5; round++) {
        const year = 2041 + round
        expect((await post(h, [row(CULTIVATED, "DEMO-ZONE", year, 766_000, NOTE), row(FARMLAND, "DEMO-ZONE", year, 600_000, NOTE)])).status).toBe(201)
        const [a, b] = await Promise.all([
          post(h, [row(FARMLAND, "DEMO-ZONE", year, 700_000, { revision: 1, ...NOTE })]),
          post(h, [row(CULTIVATED, "DEMO-ZONE", year, 650_000, { revision: 1, ...NOTE })]),
        ])
        outcomes.push(a.status, b.status)
        const stored = await h.call("GET", `/api/v1/validation/DEMO-ZONE/${year}`)
        const farmland = stored.json.results.find((r: any) => r.rule === "demo-zone.farmland-within-cultivated-land" && r.scope === "DEMO-ZONE")
        expect(farmland.state).toBe("passed")
      }
      // each round: exactly one lands (201), the other is refused by the rule once checked on the data after the first
      expect(outcomes.filter((s) => s === 201).length).toBe(5)
      expect(outcomes.filter((s) => s === 422).length).toBe(5)
    })

    it("refuses a CSV import breaking the rule, naming the file's rows", async () => {
      const csv = `indicator,region,year,value,source\n${CULTIVATED},DEMO-ZONE,2032,766000,survey\n${FARMLAND},DEMO-ZONE,2032,800000,survey\n`
      const res = await h.call("POST", "/api/v1/observations/import", { token: "admin", body: csv, headers: { "content-type": "text/csv" } })
      expect(res.status).toBe(422)
      expect(res.json.error.code).toBe("rule-violations")
      expect(res.json.error.message).toContain("800,000 <= 766,000, a difference of 34,000 (row 3, 2)")
    })

    it("stores a redline total that disagrees with its members (143.5 vs 50 + 40 + 53.32 = 143.32 km²) and reports the warning", async () => {
      const res = await post(h, [row(REDLINE, "310118", 2030, 50), row(REDLINE, "320509", 2030, 40), row(REDLINE, "330421", 2030, 53.32), row(REDLINE, "DEMO-ZONE", 2030, 143.5)])
      expect(res.status).toBe(201)
      expect(res.json.count).toBe(4)
      expect(res.json.warnings).toHaveLength(1)
      const warning = res.json.warnings[0]
      expect(warning).toMatchObject({ rule: "demo-zone.redline-members-sum", severity: "warning", state: "failed", scope: "DEMO-ZONE", right: 143.5, tolerance: 0.01 })
      expect(warning.left).toBeCloseTo(143.32, 9)
      expect(warning.cells.map((c: any) => [c.region, c.row])).toEqual([["DEMO-ZONE", 3], ["310118", 0], ["320509", 1], ["330421", 2]])
    })

    it("lists every rule for the Zone and its members in GET /validation/DEMO-ZONE/{year}", async () => {
      const res = await h.call("GET", "/api/v1/validation/DEMO-ZONE/2030")
      expect(res.status).toBe(200)
      const states = res.json.results.map((r: any) => `${r.rule}@${r.scope}: ${r.state}`)
      expect(states).toEqual([
        "demo-zone.farmland-within-cultivated-land@DEMO-ZONE: not-applicable", // nothing stored for 2030 (the batch was refused)
        "demo-zone.redline-members-sum@DEMO-ZONE: failed",
        "demo-zone.farmland-within-cultivated-land@310118: not-applicable",
        "demo-zone.farmland-within-cultivated-land@320509: not-applicable",
        "demo-zone.farmland-within-cultivated-land@330421: not-applicable",
      ])
      expect(res.json.counts).toEqual({ passed: 0, failed: 1, notApplicable: 4, error: 0 })
      const passed = await h.call("GET", "/api/v1/validation/DEMO-ZONE/2031")
      expect(passed.json.results[0]).toMatchObject({ state: "passed", left: 665_400, right: 766_000 })
      expect((await h.call("GET", "/api/v1/validation/NOWHERE/2030")).status).toBe(404)
    })

    it("submitting the data set asks a reason for each failed warning, then records it in the audit entry", async () => {
      const set = "/api/v1/approvals/ecology/DEMO-ZONE/2030/submit"
      const refused = await h.call("POST", set, { token: "admin", body: { comment: "redlines of 2030" } })
      expect(refused.status).toBe(422)
      expect(refused.json.error.code).toBe("warnings-not-acknowledged")
      expect(refused.json.error.message).toContain('{"acknowledge": {"demo-zone.redline-members-sum": "..."}}')
      expect((await h.call("GET", "/api/v1/approvals/ecology/DEMO-ZONE/2030")).json.state).toBe("open")
      const reason = "the Zone's figure is the 2030 survey of the dissolved redline; the members' are from the counties"
      const submitted = await h.call("POST", set, { token: "admin", body: { comment: "redlines of 2030", acknowledge: { "demo-zone.redline-members-sum": reason } } })
      expect([submitted.status, submitted.json.state]).toEqual([201, "submitted"])
      const audit = await h.call("GET", "/api/v1/audit?limit=1000", { token: "admin" })
      const entry = audit.json.entries.find((e: any) => e.action === "approval.submit" && e.targets.includes("ecology/DEMO-ZONE/2030"))
      expect(entry.details.acknowledged).toEqual({ "demo-zone.redline-members-sum": reason })
    })

    it("asks a note for a value implausible against its history (modified z-score 5.09 > 3.5), and stores it with one as a confirmed outlier", async () => {
      const series = [100, 101.01, 103.05, 106.18, 110.52].map((v, i) => row(REDLINE, "310118", 2010 + i, v))
      expect((await post(h, series)).status).toBe(201)
      const refused = await post(h, [row(REDLINE, "310118", 2015, 122.14)])
      expect(refused.status).toBe(422)
      expect(refused.json.error.code).toBe("outlier-needs-note")
      expect(refused.json.error.message).toMatch(
        /^1 value\(s\) look implausible against their history: index 0: ecology\.redline-area-km2 for 310118 in 2015 is 122\.14, a change from 110\.52 \(2014\) with a modified z-score of 5\.09\d* \(\|M\| over 3\.5/,
      )
      expect(refused.json.error.details[0].finding).toMatchObject({ method: "modified-z", previous: { year: 2014, value: 110.52 } })
      // 118.54 two years on: ln(118.54 / 110.52) / 2 ≈ 0.035 a year, M ≈ 0.6745 × (0.035 - 0.025) / 0.01 ≈ 0.68: no note needed
      expect((await post(h, [row(REDLINE, "310118", 2016, 118.54)])).status).toBe(201)
      const confirmed = await post(h, [row(REDLINE, "310118", 2015, 122.14, { note: "new redline of the Dianshan Lake wetland park, designated in 2015" })])
      expect(confirmed.status).toBe(201)
      expect(confirmed.json.outliers).toMatchObject([{ indicator: REDLINE, region: "310118", year: 2015, value: 122.14, row: 0 }])
    })

    it("refuses to submit a data set whose stored values break an error rule (stored before the rule existed)", async () => {
      await runOrThrow(
        h.runtime,
        Effect.flatMap(ObservationStore.ObservationStore, (s) =>
          s.append(
            [
              { indicator: FARMLAND, region: "330421", year: 2033, value: 50_000, agency: "legacy", source: "legacy" },
              { indicator: CULTIVATED, region: "330421", year: 2033, value: 40_000, agency: "legacy", source: "legacy" },
            ],
            "2025-02-01T00:00:00.000Z",
          ),
        ),
      )
      const res = await h.call("POST", "/api/v1/approvals/demo-zone/330421/2033/submit", { token: "admin" })
      expect(res.status).toBe(422)
      expect(res.json.error.code).toBe("rule-violations")
      expect(res.json.error.message).toContain("demo-zone/330421/2033 cannot be submitted: 1 validation rule(s) fail: rule demo-zone.farmland-within-cultivated-land at 330421 in 2033 fails: 50,000 <= 40,000")
      expect((await h.call("GET", "/api/v1/approvals/demo-zone/330421/2033")).json.state).toBe("open")
    })
  })
}

if (postgresSkipped) describe.skip(`validation rules (PostgreSQL: ${postgresSkipped})`, () => it("runs with TIJIAN_TEST_PG_URL", () => {}))

describe("a rule that throws", () => {
  const broken: Plugin = {
    id: "broken",
    version: "0.0.0",
    name: { zh: "坏", en: "broken" },
    indicators: [{ id: "broken.a", kind: "observed", name: { zh: "a", en: "a" }, unit: { zh: "个", en: "n" }, direction: "higher-is-better", decimals: 0 }],
    rules: [
      {
        id: "broken.throws",
        kind: "compare",
        severity: "error",
        name: { zh: "抛出", en: "throws" },
        left: "broken.a",
        operator: "<=",
        right: {
          inputs: ["broken.a"],
          compute: () => {
            throw new Error("division by a missing census")
          },
        },
      },
    ],
  }
  const runtime = makeRuntime({ filename: ":memory:", plugins: [...builtinPlugins, broken] })
  const app = makeApp(runtime, { now: () => new Date("2025-03-01T00:00:00.000Z") })
  let token = ""
  beforeAll(async () => {
    token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2025-01-01T00:00:00.000Z")))).token
  })
  afterAll(() => runtime.dispose())
  const call = async (method: string, path: string, body?: unknown) => {
    const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) })
    return { status: res.status, json: (await res.json()) as any }
  }

  it("stores the write it touches and reports the rule as an error result; the validation endpoint says so", async () => {
    const res = await call("POST", "/api/v1/observations", { observations: [row("broken.a", "320509", 2030, 7), row(FARMLAND, "320509", 2030, 10)] })
    expect(res.status).toBe(201)
    expect(res.json.count).toBe(2)
    expect(res.json.ruleErrors).toMatchObject([{ rule: "broken.throws", state: "error", message: "rule broken.throws at 320509 in 2030 could not be evaluated: division by a missing census" }])
    const validation = await call("GET", "/api/v1/validation/320509/2030")
    expect(validation.status).toBe(200)
    expect(validation.json.counts.error).toBe(1)
  })
})

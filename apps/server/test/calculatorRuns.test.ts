/**
 * Committed calculator runs over HTTP, on both backends (#19 item 7): a commit records the run with its values, and the
 * report of the run's region and year shows its tables with a caption (calculator, time, agency, input file with short
 * SHA-256, parameters) in JSON, HTML and Markdown; an unchanged run is still recorded; a refused commit records no run
 * and stores no values; a report as of before the commit shows none; a later commit replaces the earlier one; an
 * edition keeps the run it was published with.
 */
import { Approvals, CalculatorRuns, defineCalculator, definePlugin, param, Params } from "@tijian/core"
import { Effect, Either, Schema } from "effect"
import { createHash } from "node:crypto"
import { readFileSync } from "node:fs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { CalculatorRunHistory, CommittedCalculatorRun } from "../src/openapi/calculatorRunSchemas.js"
import { CalculatorCommit } from "../src/openapi/calculatorSchemas.js"
import { Report } from "../src/openapi/reportSchemas.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"

const text = (en: string, zh = en) => ({ zh, en })

/** Rows `district,trees` of the input, as numbers. */
const readTrees = (path: string) =>
  readFileSync(path, "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => line.split(","))
    .map(([district = "", trees = ""]) => ({ district, trees: Number(trees) }))

/** Sums the trees of a CSV for the run's region, with a table of the districts it added up. */
const sumTrees = defineCalculator({
  id: "toy.sum-trees",
  name: { zh: "树木合计", en: "Sum of trees" },
  description: text("adds up the trees of a CSV"),
  inputs: [{ name: "counts", format: "csv", required: true, description: text("district,trees") }],
  params: Schema.Struct({ column: param(Params.Text, { ...text("the column to add up"), default: "trees" }) }),
  produces: ["toy.trees"],
  run: ({ inputs, region, year }) =>
    Effect.sync(() => {
      const rows = readTrees(inputs.counts!.path)
      return {
        values: [{ indicator: "toy.trees" as const, region, year, value: rows.reduce((sum, r) => sum + r.trees, 0) }],
        tables: [{ id: "districts", title: text("Trees by district", "各区树木"), columns: [{ id: "district", name: text("District", "区") }, { id: "trees", name: text("Trees", "树木"), decimals: 1 }], rows }],
      }
    }),
})

/** Run for a city, stores the trees of its first district (Wujiang, 320509): values of another data set than the run's. */
const wujiangTrees = defineCalculator({
  id: "toy.wujiang-trees",
  name: text("Wujiang trees", "吴江树木"),
  description: text("stores Wujiang's trees"),
  inputs: sumTrees.inputs,
  params: Schema.Struct({}),
  produces: ["toy.trees"],
  run: ({ inputs, year }) => Effect.sync(() => ({ values: [{ indicator: "toy.trees" as const, region: "320509", year, value: readTrees(inputs.counts!.path)[0]!.trees }], tables: [] })),
})

const toy = definePlugin({
  id: "toy",
  version: "0.1.0",
  name: text("toy", "玩具"),
  indicators: [{ id: "toy.trees", kind: "observed", name: text("trees", "树木"), unit: text("trees", "棵"), direction: "higher-is-better", decimals: 1 }],
  calculators: [sumTrees, wujiangTrees],
})

const TREES = "district,trees\nWujiang,120\nWuzhong,80.5\nGusu,41\n" // 120 + 80.5 + 41 = 241.5 trees
const MORE_TREES = "district,trees\nWujiang,130\nWuzhong,80.5\nGusu,41\n" // 251.5 trees
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex")
/** Whether a body decodes with the OpenAPI document's Schema, every field named (extra members refused). */
const documented = (schema: Schema.Schema<any, any>, body: unknown) =>
  Either.isRight(Schema.decodeUnknownEither(schema, { onExcessProperty: "error" })(body))
const NOW = "2025-04-01T00:00:00.000Z"

for (const backend of BACKENDS) {
  describe(`committed calculator runs (${backend.name})`, () => {
    let runtime: AppRuntime
    let app: ReturnType<typeof makeApp>
    const tokens: Record<string, string> = {}

    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: [toy] })
      app = makeApp(runtime, { now: () => new Date(NOW) })
      for (const [name, spec] of [
        ["admin", { role: "admin", agency: "yrd-office" }],
        ["suzhou", { role: "agency", agency: "suzhou-bureau", region: "320500" }],
      ] as const) {
        tokens[name] = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec, "2025-01-01T00:00:00.000Z")))).token
      }
    })
    afterAll(() => runtime.dispose())

    const commit = async (calculator: string, content: string, fields: Record<string, string> = {}, query = "commit=true") => {
      const form = new FormData()
      form.append("counts", new Blob([content]), "苏州树木 2024.csv")
      for (const [name, value] of Object.entries({ region: "320500", year: "2024", ...fields })) form.append(name, value)
      const res = await app.request(`/api/v1/calculators/${calculator}/runs?${query}`, { method: "POST", headers: { authorization: `Bearer ${tokens.suzhou}` }, body: form })
      return { status: res.status, body: (await res.json()) as any }
    }
    const get = async (path: string, init?: RequestInit) => app.request(path, init)
    const runsOf = async (path: string) => {
      const report = (await (await get(path)).json()) as any
      return report.sections.flatMap((s: any) => s.calculatorRuns ?? [])
    }
    const runAudit = async () => {
      const res = await get("/api/v1/audit?action=calculator.run", { headers: { authorization: `Bearer ${tokens.admin}` } })
      return ((await res.json()) as any).entries.map((e: any) => [e.at, e.actor.agency, e.targets, e.details.valuesStored])
    }
    const allRuns = () => runOrThrow(runtime, Effect.flatMap(CalculatorRuns.CalculatorRuns, (r) => r.committed({ regions: ["320500", "320509"], year: 2024 })))

    it("a commit records the run; the report's JSON, HTML and Markdown show its table and caption", async () => {
      const res = await commit("toy.sum-trees", TREES)
      expect([res.status, res.body.stored.map((o: any) => [o.id, o.value]), res.body.run]).toEqual([
        201,
        [["toy.trees/320500/2024/r1", 241.5]],
        { id: 1, committedAt: NOW, valuesStored: 1 },
      ])
      expect(documented(CalculatorCommit, res.body)).toBe(true)
      expect(documented(Report, await (await get("/api/v1/reports/320500/2024.json")).json())).toBe(true)
      const [run] = await runsOf("/api/v1/reports/320500/2024.json")
      expect(run).toEqual({
        calculator: "toy.sum-trees",
        name: { zh: "树木合计", en: "Sum of trees" },
        pluginVersion: "0.1.0",
        region: "320500",
        year: 2024,
        committedAt: NOW,
        agency: "suzhou-bureau",
        inputs: [{ name: "counts", filename: "苏州树木 2024.csv", bytes: 48, sha256: sha256(TREES) }],
        params: { column: "trees" },
        valuesStored: 1,
        tables: [expect.objectContaining({ id: "districts", rows: [{ district: "Wujiang", trees: 120 }, { district: "Wuzhong", trees: 80.5 }, { district: "Gusu", trees: 41 }] })],
      })
      const short = sha256(TREES).slice(0, 12)
      const html = await (await get("/reports/320500/2024?lang=en")).text()
      expect(html).toContain("Calculator run: Sum of trees <code>toy.sum-trees</code>")
      expect(html).toContain("Committed 2025-04-01 00:00 UTC by suzhou-bureau")
      expect(html).toContain(`counts = 苏州树木 2024.csv (48 bytes, SHA-256 <code title="${sha256(TREES)}">${short}</code>)`)
      expect(html).toContain("<code>column</code> = trees")
      expect(html).toMatch(/<caption>Trees by district<\/caption>[\s\S]*<td>Wuzhong<\/td><td class="num">80\.5<\/td>/)
      const zh = await (await get("/reports/320500/2024?lang=zh")).text()
      expect(zh).toContain("计算器运行：树木合计")
      expect(zh).toContain("suzhou-bureau 于 2025-04-01 00:00 UTC 提交")
      expect(zh).toContain(`counts = 苏州树木 2024.csv（48 字节，SHA-256 <code title="${sha256(TREES)}">${short}</code>）`)
      const md = await (await get("/api/v1/reports/320500/2024.md?lang=en")).text()
      expect(md).toContain("### Calculator run: Sum of trees (`toy.sum-trees`)")
      expect(md).toContain(`- Inputs: counts = 苏州树木 2024.csv (48 bytes, SHA-256 \`${short}\`)`)
      expect(md).toContain("- Parameters: `column` = trees")
      expect(md).toContain("| Wuzhong | 80.5 |")
    })

    it("the same file again stores nothing and is still recorded, one stamp later", async () => {
      const res = await commit("toy.sum-trees", TREES)
      expect([res.status, res.body.stored.length, res.body.unchanged, res.body.run]).toEqual([201, 0, 1, { id: 2, committedAt: "2025-04-01T00:00:00.001Z", valuesStored: 0 }])
      expect((await runsOf("/api/v1/reports/320500/2024.json")).map((r: any) => [r.committedAt, r.valuesStored])).toEqual([["2025-04-01T00:00:00.001Z", 0]])
      // both runs are in the audit log, stamped as recorded
      expect(await runAudit()).toEqual([
        [NOW, "suzhou-bureau", ["toy.sum-trees/320500/2024/runs/1"], 1],
        ["2025-04-01T00:00:00.001Z", "suzhou-bureau", ["toy.sum-trees/320500/2024/runs/2"], 0],
      ])
    })

    it("a refused commit records no run and stores no value", async () => {
      const before = [await allRuns(), await runAudit()]
      // a changed value without revise=true: 409, nothing stored
      const conflict = await commit("toy.sum-trees", MORE_TREES)
      // the run's own data set (toy/320500/2024) submitted: Wujiang's value would be stored, the run is refused, so neither is
      await runOrThrow(runtime, Effect.flatMap(Approvals.Approvals, (a) => a.transition({ plugin: "toy", region: "320500", year: 2024 }, "submit", { actor: "suzhou-bureau", comment: null, at: NOW })))
      const closed = await commit("toy.wujiang-trees", TREES)
      await runOrThrow(runtime, Effect.flatMap(Approvals.Approvals, (a) => a.transition({ plugin: "toy", region: "320500", year: 2024 }, "return", { actor: "jiangsu-dc", comment: "go on", at: NOW })))
      const wujiang = (await (await get("/api/v1/observations?region=320509")).json()) as any
      expect([conflict.status, conflict.body.error.code, closed.status, closed.body.error.code]).toEqual([409, "write-conflict", 409, "write-conflict"])
      expect(closed.body.error.message).toMatch(/data set toy\/320500\/2024 is submitted/)
      expect(wujiang.observations).toEqual([])
      expect([await allRuns(), await runAudit()]).toEqual(before)
    })

    it("a report as of before the commit shows no run; a later commit replaces the earlier one", async () => {
      expect(await runsOf("/api/v1/reports/320500/2024.json?asOf=2025-03-31T00:00:00Z")).toEqual([])
      const revised = await commit("toy.sum-trees", MORE_TREES, {}, "commit=true&revise=true")
      expect([revised.status, revised.body.stored.map((o: any) => o.value)]).toEqual([201, [251.5]])
      const runs = await runsOf("/api/v1/reports/320500/2024.json")
      expect(runs.map((r: any) => [r.inputs[0].sha256, r.tables[0].rows[0], r.valuesStored])).toEqual([[sha256(MORE_TREES), { district: "Wujiang", trees: 130 }, 1]])
      // pinned to the first runs' time, the report shows the unchanged run of the same file
      expect((await runsOf("/api/v1/reports/320500/2024.json?asOf=2025-04-01T00:00:00.001Z")).map((r: any) => r.inputs[0].sha256)).toEqual([sha256(TREES)])
    })

    it("an edition keeps the run it was published with", async () => {
      const admin = { authorization: `Bearer ${tokens.admin}` }
      expect((await get("/api/v1/reports/320500/2024/publish", { method: "POST", headers: admin })).status).toBe(201)
      const edition = (await (await get("/api/v1/reports/320500/2024/editions/1")).json()) as any
      const shown = edition.sections.flatMap((s: any) => s.calculatorRuns ?? [])
      expect(shown.map((r: any) => [r.calculator, r.inputs[0].sha256])).toEqual([["toy.sum-trees", sha256(MORE_TREES)]])
    })

    it("the history lists every run newest first, a page at a time, and one run in full", async () => {
      // runs so far: 1 (241.5 stored), 2 (the same file, nothing stored), 3 (revised to 251.5); the refused ones none
      const list = async (query = "") => {
        const res = await get(`/api/v1/calculators/toy.sum-trees/runs${query}`)
        return { status: res.status, body: (await res.json()) as any }
      }
      const all = await list()
      expect(documented(CalculatorRunHistory, all.body)).toBe(true)
      expect(all.body.runs.map((r: any) => [r.id, r.committedAt, r.agency, r.inputs[0].sha256, r.valuesStored, r.tables])).toEqual([
        // stamped after the submit (.002) and return (.003) of the data set in between
        [3, "2025-04-01T00:00:00.004Z", "suzhou-bureau", sha256(MORE_TREES), 1, [{ id: "districts", title: { zh: "各区树木", en: "Trees by district" }, rows: 3 }]],
        [2, "2025-04-01T00:00:00.001Z", "suzhou-bureau", sha256(TREES), 0, [{ id: "districts", title: { zh: "各区树木", en: "Trees by district" }, rows: 3 }]],
        [1, NOW, "suzhou-bureau", sha256(TREES), 1, [{ id: "districts", title: { zh: "各区树木", en: "Trees by district" }, rows: 3 }]],
      ])
      expect([all.body.runs[0].href, all.body.next]).toEqual(["/api/v1/calculators/toy.sum-trees/runs/3", null])
      // two a page: the next page holds the first run, and says there is no more
      const first = await list("?limit=2")
      expect([first.body.runs.map((r: any) => r.id), first.body.next]).toEqual([[3, 2], "/api/v1/calculators/toy.sum-trees/runs?limit=2&before=2"])
      const second = (await (await get(first.body.next)).json()) as any
      expect([second.runs.map((r: any) => r.id), second.next]).toEqual([[1], null])
      // filters: the runs were for Suzhou in 2024
      expect((await list("?region=320500&year=2024")).body.runs.length).toBe(3)
      expect([(await list("?region=320509")).body.runs, (await list("?year=2023")).body.runs]).toEqual([[], []])
      // one run in full, with its table's rows
      const full = (await (await get("/api/v1/calculators/toy.sum-trees/runs/3")).json()) as any
      expect(documented(CommittedCalculatorRun, full)).toBe(true)
      expect([full.params, full.inputs[0].filename, full.tables[0].rows]).toEqual([
        { column: "trees" },
        "苏州树木 2024.csv",
        [{ district: "Wujiang", trees: 130 }, { district: "Wuzhong", trees: 80.5 }, { district: "Gusu", trees: 41 }],
      ])
      // what is not there, and what does not parse
      const answer = async (path: string) => {
        const res = await get(path)
        return [res.status, ((await res.json()) as any).error?.message]
      }
      expect(await answer("/api/v1/calculators/toy.sum-trees/runs/4")).toEqual([404, "calculator toy.sum-trees has no run 4 (GET /api/v1/calculators/toy.sum-trees/runs lists them)"])
      expect(await answer("/api/v1/calculators/toy.wujiang-trees/runs/1")).toEqual([404, "calculator toy.wujiang-trees has no run 1 (GET /api/v1/calculators/toy.wujiang-trees/runs lists them)"])
      expect((await answer("/api/v1/calculators/toy.sum-tree/runs"))[0]).toBe(404)
      expect(await answer("/api/v1/calculators/toy.sum-trees/runs?limit=0")).toEqual([400, 'limit must be a whole number from 1 to 200, not "0"'])
      expect(await answer("/api/v1/calculators/toy.sum-trees/runs?region=999999")).toEqual([
        400,
        'region "999999" is not a known region or group code (GB/T 2260 code, e.g. 320500; GET /api/v1/regions lists them)',
      ])
      expect((await answer("/api/v1/calculators/toy.sum-trees/runs/x"))[0]).toBe(400)
    })
  })
}

const skipped = postgresSkipped
if (skipped !== undefined) describe("committed calculator runs (PostgreSQL)", () => it.skip(skipped, () => {}))

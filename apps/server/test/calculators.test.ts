import { type CalculatorOutput, CalculatorError, defineCalculator, definePlugin, fromPromise, param, Params } from "@tijian/core"
import { Effect, Schema } from "effect"
import { createHash } from "node:crypto"
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import type { ApiSettings } from "../src/http.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { startServer } from "../src/server.js"

const text = (en: string) => ({ zh: en, en })

/** Where the last run's input files were, to check they are gone afterwards. */
const seenPaths: Array<string> = []

/** Sums a column (default "trees") of a CSV; a cell that is not a number is a problem naming file, row and field. */
const sumTrees = defineCalculator({
  id: "toy.sum-trees",
  name: { zh: "树木合计", en: "Sum of trees" },
  description: text("adds up a column of a CSV"),
  inputs: [{ name: "counts", format: "csv", required: true, description: text("a CSV with a trees column") }],
  params: Schema.Struct({ column: param(Params.Text, { ...text("the column to add up"), default: "trees" }) }),
  produces: ["toy.trees"],
  run: ({ inputs, params, region, year }) => fromPromise(async () => {
    const file = inputs.counts!
    seenPaths.push(file.path)
    const [header = "", ...lines] = readFileSync(file.path, "utf8").trim().split("\n")
    const column = header.split(",").indexOf(String(params.column))
    const total = lines.reduce((sum, line, i) => {
      const cell = line.split(",")[column] ?? ""
      if (!/^\d+(\.\d+)?$/.test(cell)) {
        const problem = { file: "counts", row: i + 2, field: String(params.column), message: `${file.filename} row ${i + 2}: "${cell}" is not a number` }
        throw new CalculatorError({ reason: "invalid-input", message: `bad row in ${file.filename}`, problems: [problem] })
      }
      return sum + Number(cell)
    }, 0)
    return { values: [{ indicator: "toy.trees" as const, region, year, value: total }] }
  }),
})

/** Waits until aborted: for the time budget. */
const waitForever = defineCalculator({
  id: "toy.wait",
  name: text("wait"),
  description: text("never finishes"),
  inputs: [],
  params: Schema.Struct({}),
  produces: ["toy.trees"],
  run: ({ signal }) => fromPromise<CalculatorOutput<"toy.trees">>(() => new Promise((_, reject) => signal.addEventListener("abort", () => reject(signal.reason)))),
})

const toy = definePlugin({
  id: "toy",
  version: "0.1.0",
  name: text("toy"),
  indicators: [{ id: "toy.trees", kind: "observed", name: text("trees"), unit: text("trees"), direction: "higher-is-better", decimals: 1 }],
  calculators: [sumTrees, waitForever],
})

const TREES_CSV = "district,trees\nWujiang,120\nWuzhong,80.5\nGusu,41\n" // 15 + 12 + 13 + 8 = 48 bytes; 120 + 80.5 + 41 = 241.5 trees
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex")

let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
const tokens: Record<string, string> = {}

const form = (fields: Record<string, string>, files: Record<string, { filename: string; content: string }> = {}) => {
  const f = new FormData()
  for (const [name, file] of Object.entries(files)) f.append(name, new Blob([file.content]), file.filename)
  for (const [name, value] of Object.entries(fields)) f.append(name, value)
  return f
}

const post = async (path: string, token: string, body: FormData | string, headers: Record<string, string> = {}, on = app) => {
  const res = await on.request(path, { method: "POST", headers: { authorization: `Bearer ${tokens[token]}`, ...headers }, body })
  return { status: res.status, body: (await res.json()) as any }
}

const trees = (content = TREES_CSV, fields: Record<string, string> = {}) =>
  form({ region: "320500", year: "2024", ...fields }, { counts: { filename: "trees.csv", content } })

const countObservations = async () => ((await (await app.request("/api/v1/observations")).json()) as any).observations.length

beforeAll(async () => {
  runtime = makeRuntime({ filename: ":memory:", plugins: [...builtinPlugins, toy] })
  app = makeApp(runtime, { now: () => new Date("2025-04-01T00:00:00.000Z") })
  for (const [name, spec] of [
    ["admin", { role: "admin", agency: "yrd-office" }],
    ["suzhou", { role: "agency", agency: "suzhou-bureau", region: "320500" }],
    ["reviewer", { role: "reviewer", agency: "expert-panel" }],
  ] as const) {
    tokens[name] = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec, "2025-01-01T00:00:00.000Z")))).token
  }
})

afterAll(() => runtime.dispose())

describe("GET /api/v1/calculators", () => {
  it("lists the toy calculator with its inputs, parameters and indicators", async () => {
    const body = (await (await app.request("/api/v1/calculators")).json()) as any
    const listed = body.calculators.find((c: any) => c.id === "toy.sum-trees")
    expect(listed).toEqual({
      id: "toy.sum-trees",
      plugin: "toy",
      name: { zh: "树木合计", en: "Sum of trees" },
      description: text("adds up a column of a CSV"),
      inputs: [{ name: "counts", format: "csv", required: true, description: text("a CSV with a trees column") }],
      parameters: [
        {
          name: "column",
          type: "text",
          required: false,
          default: "trees",
          description: text("the column to add up"),
          schema: { type: "string", description: "the column to add up", default: "trees" },
        },
      ],
      produces: ["toy.trees"],
    })
  })
})

describe("the run's parameters in the OpenAPI document", () => {
  it("documents each calculator's params Schema as a component, and a run's params field as one of them", async () => {
    const doc = (await (await app.request("/api/v1/openapi.json")).json()) as any
    expect(doc.components.schemas["CalculatorParams.toy.sum-trees"]).toEqual({
      type: "object",
      description: expect.stringContaining("The parameters of toy.sum-trees"),
      properties: { column: { type: "string", description: "the column to add up", default: "trees", title: "text", "x-description-zh": "the column to add up" } },
      additionalProperties: false,
    })
    const params = doc.paths["/calculators/{id}/runs"].post.requestBody.content["multipart/form-data"].schema.properties.params
    expect(params.oneOf).toContainEqual({ $ref: "#/components/schemas/CalculatorParams.toy.sum-trees" })
    expect(params.oneOf).toContainEqual({ $ref: "#/components/schemas/CalculatorParams.toy.wait" })
  })

  it("refuses bad parameters with 422 naming each one", async () => {
    const res = await post(
      "/api/v1/calculators/toy.sum-trees/runs",
      "suzhou",
      form({ region: "320500", year: "2024", params: JSON.stringify({ column: ["a"], colour: "red" }) }, { counts: { filename: "t.csv", content: TREES_CSV } }),
    )
    expect(res.status).toBe(422)
    expect(res.body.error.details).toEqual([
      { file: "params", field: "colour", message: 'unknown parameter "colour"; the parameters are column' },
      { file: "params", field: "column", message: 'parameter "column" must be text, got ["a"]' },
    ])
  })
})

describe("POST /api/v1/calculators/{id}/runs", () => {
  it("keeps a Chinese file name as sent (UTF-8 in the part's filename)", async () => {
    const res = await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", form({ region: "320500", year: "2024" }, { counts: { filename: "苏州树木 2024.csv", content: TREES_CSV } }))
    expect([res.status, res.body.provenance.inputs[0].filename, res.body.values[0].value]).toEqual([200, "苏州树木 2024.csv", 241.5])
  })

  it("returns 120 + 80.5 + 41 = 241.5 with provenance (SHA-256 of the uploaded bytes), storing nothing", async () => {
    const before = await countObservations()
    const res = await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", trees())
    expect(res.status).toBe(200)
    const hash = sha256(TREES_CSV)
    expect(res.body.provenance).toEqual({
      calculator: "toy.sum-trees",
      plugin: "toy",
      pluginVersion: "0.1.0",
      inputs: [{ name: "counts", filename: "trees.csv", bytes: 48, sha256: hash }],
      params: { column: "trees" },
    })
    expect(res.body.values).toEqual([
      {
        indicator: "toy.trees",
        region: "320500",
        year: 2024,
        value: 241.5,
        source: `calculator toy.sum-trees (toy 0.1.0); inputs: counts=trees.csv sha256:${hash.slice(0, 12)}; params: {"column":"trees"}`,
      },
    ])
    expect(res.body.tables).toEqual([])
    expect(await countObservations()).toBe(before)
    // the uploaded file and its directory are gone
    expect(existsSync(seenPaths.at(-1)!) || existsSync(dirname(seenPaths.at(-1)!))).toBe(false)
  })

  it("passes params as JSON: the district column is not a number, so row 2 is named", async () => {
    const res = await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", trees(TREES_CSV, { params: '{"column":"district"}' }))
    expect(res.status).toBe(422)
    expect(res.body.error.details).toEqual([{ file: "counts", row: 2, field: "district", message: 'trees.csv row 2: "Wujiang" is not a number' }])
  })

  it("stores with ?commit=true, source naming calculator and file; the same file again changes nothing", async () => {
    const before = await countObservations()
    const res = await post("/api/v1/calculators/toy.sum-trees/runs?commit=true", "suzhou", trees())
    expect(res.status).toBe(201)
    expect(res.body.stored.map((o: any) => [o.id, o.value, o.agency, o.source])).toEqual([
      ["toy.trees/320500/2024/r1", 241.5, "suzhou-bureau", `calculator toy.sum-trees (toy 0.1.0); inputs: counts=trees.csv sha256:${sha256(TREES_CSV).slice(0, 12)}; params: {"column":"trees"}`],
    ])
    expect(await countObservations()).toBe(before + 1)
    const again = await post("/api/v1/calculators/toy.sum-trees/runs?commit=true", "suzhou", trees())
    expect([again.status, again.body.stored, again.body.unchanged]).toEqual([201, [], 1])
  })

  it("refuses a changed value for a stored cell (409) unless &revise=true, which makes revision 2", async () => {
    const changed = "district,trees\nWujiang,120\n"
    const refused = await post("/api/v1/calculators/toy.sum-trees/runs?commit=true", "suzhou", trees(changed))
    expect(refused.status).toBe(409)
    const revised = await post("/api/v1/calculators/toy.sum-trees/runs?commit=true&revise=true", "suzhou", trees(changed))
    expect([revised.status, revised.body.stored.map((o: any) => [o.revision, o.value])]).toEqual([201, [[2, 120]]])
  })

  it("403 for a region outside the token's scope (Suzhou, Anhui) and for a reviewer; nothing stored", async () => {
    const before = await countObservations()
    const res = await post("/api/v1/calculators/toy.sum-trees/runs?commit=true", "suzhou", trees(TREES_CSV, { region: "341300" }))
    expect(res.status).toBe(403)
    expect(res.body.error.message).toBe(
      "this token may not store toy.sum-trees's values for 341300: this token writes 320500 (Suzhou (Jiangsu)) and the regions within it, not 341300 (Suzhou (Anhui))",
    )
    expect((await post("/api/v1/calculators/toy.sum-trees/runs", "reviewer", trees())).status).toBe(403)
    expect(await countObservations()).toBe(before)
  })

  it("422 naming file, row and field for a bad row; nothing stored", async () => {
    const res = await post("/api/v1/calculators/toy.sum-trees/runs?commit=true", "admin", trees("district,trees\nWujiang,120\nWuzhong,lots\n"))
    expect([res.status, res.body.error.code]).toEqual([422, "invalid-calculator-input"])
    expect(res.body.error.details).toEqual([{ file: "counts", row: 3, field: "trees", message: 'trees.csv row 3: "lots" is not a number' }])
  })

  it("400 naming the expected inputs for an unknown part, a missing region or a bad year; 404 for an unknown calculator", async () => {
    const stray = form({ region: "320500", year: "2024" }, { trees: { filename: "trees.csv", content: TREES_CSV } })
    const res = await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", stray)
    expect([res.status, res.body.error.message]).toEqual([
      400,
      'unexpected file part "trees"; send one file part per input ("counts" (csv)) and the text fields region (e.g. 320500), year (e.g. 2024) and params (a JSON object, optional)',
    ])
    const noRegion = form({ year: "2024" }, { counts: { filename: "trees.csv", content: TREES_CSV } })
    expect((await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", noRegion)).body.error.message).toMatch(/^the field "region" is missing/)
    expect((await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", trees(TREES_CSV, { year: "24k" }))).status).toBe(400)
    const missing = await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", form({ region: "320500", year: "2024" }))
    expect([missing.status, missing.body.error.details]).toEqual([422, [{ file: "counts", message: 'required input "counts" (csv) was not given' }]])
    const unknown = await post("/api/v1/calculators/toy.nothing/runs", "suzhou", trees())
    expect(unknown.status).toBe(404)
    // the built-in plugins' calculators are listed too, before the toy's
    expect(unknown.body.error.message).toMatch(/^no calculator "toy\.nothing"; the calculators are .*toy\.sum-trees, toy\.wait \(GET \/api\/v1\/calculators lists them\)$/)
  })

  it("415 for a body that is not multipart/form-data", async () => {
    const res = await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", '{"region":"320500"}', { "content-type": "application/json" })
    expect([res.status, res.body.error.code]).toEqual([415, "unsupported-media-type"])
  })

  it("413 over maxBodyBytes: by counting a streamed body, and by Content-Length before reading", async () => {
    const small = makeApp(runtime, { settings: { maxBodyBytes: 1000 } })
    const big = trees(`district,trees\n${"Wujiang,1\n".repeat(200)}`) // 2015 bytes of CSV alone
    const counted = await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", big, {}, small)
    expect([counted.status, counted.body.error.message]).toEqual([
      413,
      "the request body is larger than the limit of 1000 bytes; send smaller files or raise maxBodyMb (TIJIAN_MAX_BODY_MB)",
    ])
    const declared = await post("/api/v1/calculators/toy.sum-trees/runs", "suzhou", "x", { "content-type": "multipart/form-data; boundary=b", "content-length": "5000" }, small)
    expect(declared.status).toBe(413)
  })

  it("gives up after the time budget with a 503 calculator-timeout saying so (overload, not bad input)", async () => {
    const settings: Partial<ApiSettings> = { calculatorTimeoutMs: 50 }
    const impatient = makeApp(runtime, { settings })
    const res = await post("/api/v1/calculators/toy.wait/runs", "admin", form({ region: "320500", year: "2024" }), {}, impatient)
    expect([res.status, res.body.error.code, res.body.error.message]).toEqual([
      503,
      "calculator-timeout",
      "toy.wait did not finish within its time budget of 50 ms; nothing was stored. Try smaller inputs, or raise calculatorTimeoutSeconds (TIJIAN_CALCULATOR_TIMEOUT_SECONDS)",
    ])
  })
})

describe("on a real HTTP server", () => {
  it("streams the upload from the socket: 241.5, and 413 over the limit", async () => {
    const dir = mkdtempSync(join(tmpdir(), "tijian-calc-server-"))
    const database = join(dir, "t.sqlite")
    const setup = makeRuntime({ filename: database, plugins: [...builtinPlugins, toy] })
    const { token } = await runOrThrow(setup, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2025-01-01T00:00:00.000Z")))
    await setup.dispose()
    const server = await startServer({ port: 0, host: "127.0.0.1", database, maxBodyBytes: 1000 }, { plugins: [...builtinPlugins, toy] })
    try {
      expect(server.adminTokens).toBe(1)
      const url = `${server.url}/api/v1/calculators/toy.sum-trees/runs`
      const res = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: trees() })
      expect([res.status, ((await res.json()) as any).values[0].value]).toEqual([200, 241.5])
      const big = await fetch(url, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: trees(`district,trees\n${"Wujiang,1\n".repeat(200)}`) })
      expect(big.status).toBe(413)
    } finally {
      await server.close()
      rmSync(dir, { recursive: true, force: true })
    }
  })
})

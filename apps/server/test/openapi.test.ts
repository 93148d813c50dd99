import { Validator } from "@seriousme/openapi-schema-validator"
import { Effect, Either, JSONSchema, ParseResult, Schema } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { accessRuleOf } from "../src/auth/access.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { API_BASE, makeOpenApiDocument, type OpenApiDocument, type OpenApiOperation } from "../src/openapi/document.js"
import { isEffectSchema } from "../src/openapi/jsonSchema.js"
import { escapeHtml } from "../src/openapi/markup.js"
import type { Responses } from "../src/endpoint/Endpoint.js"
import { ENDPOINTS as routes } from "../src/endpoints.js"
import * as S from "../src/openapi/schemas.js"
import type { Method } from "../src/openapi/table.js"
import { builtinPlugins } from "../src/plugins.js"
import { CellBody, ObservationsBody } from "../src/routes/observations.js"
import { LockBody } from "../src/routes/years.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"

/** The contract: every operation the API promises, under /api/v1. */
const CONTRACT: ReadonlyArray<readonly [Method, string]> = [
  ["get", "/health"],
  ["get", "/ready"],
  ["get", "/indicators"],
  ["get", "/indicators/{id}"],
  ["get", "/regions"],
  ["get", "/regions/{code}"],
  ["get", "/targets"],
  ["post", "/observations"],
  ["post", "/observations/import"],
  ["get", "/observations"],
  ["get", "/observations/{indicator}/{region}/{year}"],
  ["put", "/observations/{indicator}/{region}/{year}"],
  ["get", "/observations/{indicator}/{region}/{year}/history"],
  ["get", "/observations/breakdowns"],
  ["post", "/years/{year}/lock"],
  ["post", "/years/{year}/unlock"],
  ["get", "/years"],
  ["get", "/years/{year}"],
  ["get", "/templates/{region}/{year}.xlsx"],
  ["get", "/calculators"],
  ["post", "/calculators/{id}/runs"],
  ["get", "/reports/{scope}/{year}"],
  ["get", "/composites"],
  ["get", "/composites/{indicator}/{scope}/{year}"],
  ["get", "/openapi.json"],
  ["get", "/docs"],
]

let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let doc: OpenApiDocument
const tokens: Record<string, string> = {}

const operations = (d: OpenApiDocument) =>
  Object.entries(d.paths).flatMap(([path, item]) =>
    Object.entries(item).map(([method, operation]) => ({ path, method: method as Method, operation })),
  )

/** A concrete path of a documented operation: each `{name}` replaced by the parameter's example. */
const samplePath = (path: string, operation: OpenApiOperation) =>
  path.replace(/\{([^}]+)\}/g, (_, name: string) => String(operation.parameters?.find((p) => p.in === "path" && p.name === name)?.example ?? name))

/** A Hono route path (`/a/:id`, `/t/:file{[0-9]+\.xlsx}`) as a regular expression of the concrete paths it serves. */
const honoPattern = (path: string): RegExp => {
  const segments = path.split("/").map((segment) => {
    const param = /^:[A-Za-z0-9_]+(?:\{(.*)\})?\??$/.exec(segment)
    if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
    return param[1] !== undefined ? `(?:${param[1]})` : "[^/]+"
  })
  return new RegExp(`^${segments.join("/")}$`)
}

/** The documented operation that serves a concrete method and path. */
const documented = (method: string, concrete: string) =>
  operations(doc).find((o) => o.method === method.toLowerCase() && new RegExp(`^${o.path.replace(/\{[^}]+\}/g, "[^/]+").replace(/\./g, "\\.")}$`).test(concrete))

/**
 * Calls the app and checks the answer against the document: the status is one the operation documents, and the
 * JSON body decodes with that response's Schema, extra members refused (so the Schema names every field).
 */
const call = async (method: string, path: string, options: { token?: string; body?: unknown } = {}) => {
  const headers: Record<string, string> = {}
  if (options.token) headers.authorization = `Bearer ${tokens[options.token]}`
  if (options.body !== undefined) headers["content-type"] = "application/json"
  const res = await app.request(API_BASE + path, { method, headers, ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}) })
  const type = res.headers.get("content-type") ?? ""
  const body = type.startsWith("application/json") ? ((await res.json()) as any) : await res.text()
  const found = documented(method, path.split("?")[0]!)
  expect(found, `${method} ${path} is documented`).toBeDefined()
  const response = found!.operation.responses[String(res.status)]
  expect(response, `${method} ${path} documents ${res.status}`).toBeDefined()
  const mediaTypes = Object.keys(response!.content ?? {}).map((t) => t.split(";")[0])
  expect(mediaTypes, `${method} ${path} ${res.status} documents ${type}`).toContain(type.split(";")[0])
  const spec = (routes.find((r) => r.operationId === found!.operation.operationId)!.responses as Responses)[res.status]
  const media = Object.entries(spec?.content ?? {}).find(([t]) => t.split(";")[0] === type.split(";")[0])?.[1]
  const schema = media?.schema ?? (res.status >= 400 ? S.ErrorBody : undefined)
  if (schema && isEffectSchema(schema)) {
    const decoded = Schema.decodeUnknownEither(schema as Schema.Schema<unknown>, { onExcessProperty: "error", errors: "all" })(body)
    if (Either.isLeft(decoded)) expect.fail(`${method} ${path} ${res.status}: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`)
  }
  return { status: res.status, etag: res.headers.get("etag"), body }
}

beforeAll(async () => {
  runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  app = makeApp(runtime, { now: () => new Date("2025-03-01T00:00:00.000Z") })
  for (const [name, spec] of [
    ["admin", { role: "admin", agency: "yrd-office" }],
    ["suzhou", { role: "agency", agency: "suzhou-stats", region: "320500" }],
  ] as const) {
    tokens[name] = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec, "2025-01-01T00:00:00.000Z")))).token
  }
  const res = await app.request("/api/v1/openapi.json")
  expect(res.status).toBe(200)
  expect(res.headers.get("content-type")).toMatch(/^application\/json/)
  doc = (await res.json()) as OpenApiDocument
})

afterAll(() => runtime.dispose())

describe("GET /api/v1/openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const validator = new Validator()
    const result = await validator.validate(doc as unknown as Record<string, unknown>)
    expect(result.errors).toBeUndefined()
    expect([result.valid, validator.version]).toEqual([true, "3.1"])
  })

  it("is refused by the validator when broken (the check is not vacuous)", async () => {
    const broken = structuredClone(doc) as any
    broken.paths["/health"].get.responses["200"].content["application/json"].schema = { $ref: "#/components/schemas/Nope" }
    expect((await new Validator().validate(broken)).valid).toBe(false)
    expect((await new Validator().validate({ ...broken, paths: { health: {} } })).valid).toBe(false)
  })

  it("lists every operation of the contract with its method", () => {
    for (const [method, path] of CONTRACT) expect(doc.paths[path]?.[method], `${method.toUpperCase()} ${path}`).toBeDefined()
    expect(doc.servers).toEqual([{ url: "/api/v1", description: "This server" }])
  })

  it("takes request bodies from the Schemas the handlers decode", () => {
    const schemaOf = (method: Method, path: string) => doc.paths[path]?.[method]?.requestBody?.content["application/json"]?.schema
    const { $schema: _draft7, ...made } = JSONSchema.make(ObservationsBody)
    const { $schema: _oas31, ...madeForOas } = JSONSchema.make(ObservationsBody, { target: "openApi3.1" })
    expect(schemaOf("post", "/observations")).toEqual(made)
    expect(schemaOf("post", "/observations")).toEqual(madeForOas)
    expect((schemaOf("post", "/observations") as any).properties.observations.items.required).toEqual(["indicator", "region", "year", "value"])
    const { $schema: _c, ...cell } = JSONSchema.make(CellBody)
    expect(schemaOf("put", "/observations/{indicator}/{region}/{year}")).toEqual(cell)
    const { $schema: _l, ...lock } = JSONSchema.make(LockBody)
    expect(schemaOf("post", "/years/{year}/lock")).toEqual(lock)
    expect(schemaOf("post", "/years/{year}/unlock")).toEqual(lock)
  })

  it("documents every route registered under /api/v1 (a new route without a row in routes.ts fails here)", () => {
    const registered = app.routes.filter((r) => r.path.startsWith(`${API_BASE}/`) && !r.path.endsWith("*"))
    expect(registered.length).toBeGreaterThanOrEqual(15)
    const samples = operations(doc).map((o) => ({ method: o.method.toUpperCase(), path: API_BASE + samplePath(o.path, o.operation) }))
    const undocumented = registered
      .filter((r) => !samples.some((s) => (r.method === "ALL" || r.method === s.method) && honoPattern(r.path).test(s.path)))
      .map((r) => `${r.method} ${r.path}`)
    expect(undocumented).toEqual([])
  })

  it("states security from each route's access: bearer for writes and admin, optional for reads", () => {
    const op = (method: Method, path: string) => doc.paths[path]?.[method]
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" })
    expect(op("post", "/observations")?.security).toEqual([{ bearer: [] }])
    expect(op("post", "/observations")?.["x-roles"]).toEqual(["agency", "admin"])
    expect(op("post", "/years/{year}/lock")?.["x-roles"]).toEqual(["admin"])
    expect(op("get", "/observations")?.security).toEqual([{}, { bearer: [] }])
    expect(op("get", "/health")?.security).toBeUndefined()
    expect(Object.keys(op("get", "/health")?.responses ?? {})).toEqual(["200"])
    expect(Object.keys(op("put", "/observations/{indicator}/{region}/{year}")?.responses ?? {})).toEqual([
      "200", "201", "400", "401", "403", "409", "412", "415", "422", "428", "500",
    ])
    const closed = makeOpenApiDocument({ readsNeedToken: true, maxBodyBytes: 1024 })
    expect(closed.paths["/observations"]?.get?.security).toEqual([{ bearer: [] }])
    expect(closed.paths["/indicators"]?.get?.security).toEqual([{ bearer: [] }])
    expect(closed.paths["/years/{year}"]?.get?.security).toEqual([{ bearer: [] }])
    expect(closed.paths["/health"]?.get?.security).toBeUndefined()
    expect(closed.paths["/observations/import"]?.post?.responses["413"]?.description).toContain("The limit here is 1024 bytes.")
  })

  it("states each operation's security as the access table's rule says, with readsNeedToken off and on", () => {
    for (const readsNeedToken of [false, true]) {
      const d = makeOpenApiDocument({ readsNeedToken, maxBodyBytes: 1024 })
      for (const { method, path, operation } of operations(d)) {
        const rule = accessRuleOf(method, API_BASE + path)
        const want = rule === "public" ? undefined : rule === "read" && !readsNeedToken ? [{}, { bearer: [] }] : [{ bearer: [] }]
        expect([method, path, operation.security]).toEqual([method, path, want])
      }
    }
    expect(doc.info.description).toContain("unless the server sets readsNeedToken: then only health, readiness, this document and the docs page answer without a token")
    expect(makeOpenApiDocument({ readsNeedToken: true, maxBodyBytes: 1024 }).info.description).toContain(
      "Reads are for token holders only (the server sets readsNeedToken): without a token only health, readiness, this document and the docs page answer",
    )
  })

  it("gives examples that the Schemas accept", () => {
    for (const route of routes) {
      const media = [
        ...Object.values(route.body?.content ?? {}).map((m) => ({ m, where: "request" })),
        ...Object.entries(route.responses as Responses).flatMap(([status, r]) => Object.values(r.content ?? {}).map((m) => ({ m, where: status }))),
      ]
      for (const { m, where } of media) {
        if (m.example === undefined || !isEffectSchema(m.schema)) continue
        const decoded = Schema.decodeUnknownEither(m.schema as Schema.Schema<unknown>, { onExcessProperty: "error" })(m.example)
        if (Either.isLeft(decoded)) expect.fail(`${route.operationId} ${where}: ${ParseResult.TreeFormatter.formatErrorSync(decoded.left)}`)
      }
    }
  })
})

describe("the document matches what the handlers answer", () => {
  const growth = { indicator: "beauty.growth", region: "320500", year: 2023, value: 82.28, source: "Suzhou statistical yearbook 2024" }

  it("reference data", async () => {
    expect((await call("GET", "/indicators")).body.indicators.length).toBeGreaterThan(10)
    expect((await call("GET", "/indicators/beauty.composite")).body.kind).toBe("derived")
    expect((await call("GET", "/indicators/beauty.nope")).status).toBe(404)
    expect((await call("GET", "/regions")).body.groups.map((g: any) => g.code)).toContain("DEMO-ZONE")
    expect((await call("GET", "/regions/320500")).body.name).toEqual({ zh: "苏州市", en: "Suzhou (Jiangsu)" })
    expect((await call("GET", "/regions/DEMO-ZONE")).body.members.map((m: any) => m.code)).toEqual(["310118", "320509", "330421"])
    expect((await call("GET", "/targets?indicator=beauty.composite")).status).toBe(200)
  })

  it("writes, reads, revisions and history", async () => {
    const created = await call("POST", "/observations", { token: "suzhou", body: { observations: [growth] } })
    expect([created.status, created.body.stored[0].id, created.body.unchanged]).toEqual([201, "beauty.growth/320500/2023/r1", 0])
    expect((await call("POST", "/observations", { token: "suzhou", body: { observations: [{ ...growth, value: 182 }] } })).status).toBe(422)
    expect((await call("POST", "/observations", { token: "suzhou", body: { observations: [{ ...growth, region: "310000" }] } })).status).toBe(403)
    expect((await call("POST", "/observations", { body: { observations: [growth] } })).status).toBe(401)
    const one = await call("GET", "/observations/beauty.growth/320500/2023")
    expect([one.status, one.etag, one.body.etag]).toEqual([200, '"1"', '"1"'])
    expect((await call("PUT", "/observations/beauty.growth/320500/2023", { token: "suzhou", body: { value: 82.5 } })).status).toBe(428)
    expect((await call("GET", "/observations?indicator=beauty.growth&year=2023")).body.observations).toHaveLength(1)
    expect((await call("GET", "/observations/beauty.growth/320500/2023/history")).body.revisions).toHaveLength(1)
  })

  it("year locks and the report", async () => {
    const locked = await call("POST", "/years/2022/lock", { token: "admin", body: { reason: "2022 report published" } })
    expect([locked.status, locked.body.seq, locked.body.actor]).toEqual([201, 1, "yrd-office"])
    expect((await call("POST", "/years/2022/lock", { token: "admin", body: { reason: "again" } })).status).toBe(409)
    expect((await call("POST", "/years/2022/unlock", { token: "suzhou", body: { reason: "no" } })).status).toBe(403)
    expect((await call("GET", "/years")).body).toEqual({ locked: [2022] })
    expect((await call("GET", "/years/2022")).body.events).toHaveLength(1)
    const report = await call("GET", "/reports/320500/2023")
    expect([report.status, report.body.scope.code, report.body.year]).toEqual([200, "320500", 2023])
    expect((await call("GET", "/reports/999999/2023")).status).toBe(404)
    expect((await call("GET", "/reports/320500/2023.md")).body).toMatch(/^#/)
    const comparison = await call("GET", "/reports/DEMO-ZONE/2023/comparison")
    expect(comparison.body.members.map((m: any) => m.code)).toEqual(["310118", "320509", "330421"])
    expect((await call("GET", "/reports/320500/2023/comparison")).status).toBe(400)
    const published = await call("POST", "/reports/320500/2023/publish", { token: "admin" })
    expect([published.status, published.body.edition]).toEqual([201, 1])
    expect((await call("GET", "/reports/320500/2023/editions")).body.editions).toHaveLength(1)
    expect((await call("GET", "/reports/320500/2023/editions/1")).body.provenance.contentHash).toBe(published.body.contentHash)
  })

  it("calculators, templates and exports", async () => {
    expect((await call("GET", "/calculators")).status).toBe(200)
    expect((await call("GET", "/templates/320500/2023.xlsx", { token: "suzhou" })).status).toBe(200)
    expect((await call("GET", "/templates/310000/2023.xlsx", { token: "suzhou" })).status).toBe(403)
    expect((await call("GET", "/export/sdmx.csv?region=320500")).body).toContain("TIJIAN:DF_PLAN_MONITORING(1.0),320500,BEAUTY_GROWTH,2023,82.28,")
  })
})

describe("GET /api/v1/docs", () => {
  let html: string
  beforeAll(async () => {
    const res = await app.request("http://127.0.0.1:8787/api/v1/docs")
    expect(res.status).toBe(200)
    expect(res.headers.get("content-type")).toMatch(/^text\/html/)
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'")
    html = await res.text()
  })

  it("shows every operation with its method and full path", () => {
    for (const { path, method } of operations(doc)) {
      expect(html).toContain(`<span class="method ${method}">${method.toUpperCase()}</span> <code class="path">${API_BASE}${path}</code>`)
    }
    expect(html).toContain("<title>tijian 体检 API 参考 · API reference</title>")
  })

  it("loads nothing from elsewhere: no script, no external src or href", () => {
    expect(html).not.toMatch(/<script/i)
    expect(html).not.toMatch(/\b(?:src|href)\s*=\s*["']?\s*(?:https?:)?\/\//i)
    expect(html).not.toMatch(/@import|url\(/i)
  })

  it("has the getting-started steps with the server's own address", () => {
    expect(html).toContain("pnpm tijian tokens create --role agency --agency &lt;label&gt; --region 320500")
    expect(html).toContain("TIJIAN=http://127.0.0.1:8787/api/v1")
    expect(html).toContain("--data-binary @values.csv")
    expect(html).toContain('curl &quot;$TIJIAN/observations/beauty.growth/320500/2023/history&quot;')
  })

  it("escapes interpolated text", () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;")
    expect(html).toContain("(targets scoped &quot;*&quot; apply everywhere and are included)")
    expect(html).not.toContain('scoped "*"')
  })
})

describe("GET /api/v1/composites", () => {
  // YRD's provinces (the region's children): Shanghai 90 in every sub-index; Jiangsu (80, 60, 70, 70) and Zhejiang
  // (60, 80, 70, 70) tie at 70 and only the weights separate them (carbon against pollution; the same sign under
  // either mean and after min-max), so each is 2nd in about half the runs; Anhui 50 everywhere, 4th.
  const subIndices: ReadonlyArray<readonly [string, ReadonlyArray<number>]> = [
    ["310000", [90, 90, 90, 90]],
    ["320000", [80, 60, 70, 70]],
    ["330000", [60, 80, 70, 70]],
    ["340000", [50, 50, 50, 50]],
  ]
  const ids = ["beauty.carbon-reduction", "beauty.pollution-reduction", "beauty.green-expansion", "beauty.growth"]

  it("lists the beauty composite with its weights", async () => {
    const r = await call("GET", "/composites")
    expect(r.status).toBe(200)
    expect(r.body.composites).toContainEqual(expect.objectContaining({ indicator: "beauty.composite", plugin: "beauty", method: "arithmetic" }))
  })

  it("ranks YRD's provinces with rank intervals and Sobol' indices, typed by its Schema", async () => {
    const observations = subIndices.flatMap(([region, values]) => values.map((value, i) => ({ indicator: ids[i], region, year: 2021, value, source: "test" })))
    expect((await call("POST", "/observations", { token: "admin", body: { observations } })).status).toBe(201)
    const r = await call("GET", "/composites/beauty.composite/YRD/2021")
    expect(r.status).toBe(200)
    expect(r.body.members.map((m: any) => [m.code, m.composite, m.rank, m.rankInterval, m.mostInfluential, m.notRobust])).toEqual([
      ["310000", 90, 1, [1, 1], null, false],
      ["320000", 70, 2, [2, 3], "weights", true],
      ["330000", 70, 2, [2, 3], "weights", true],
      ["340000", 50, 4, [4, 4], null, false],
    ])
    const jiangsu = r.body.members[1].sensitivity
    expect(jiangsu.find((s: any) => s.factor === "aggregation").total).toBe(0)
    expect(Math.abs(jiangsu.find((s: any) => s.factor === "weights").total - 1)).toBeLessThan(0.05)
    expect([r.body.robustWidth, r.body.runs, r.body.seed]).toEqual([0, 5000, 1])
  })

  it("answers an unknown or non-composite indicator, an unknown scope and a bad year with a 4xx saying why", async () => {
    const nope = await call("GET", "/composites/beauty.nope/YRD/2021")
    expect([nope.status, nope.body.error.message]).toEqual([404, '"beauty.nope" is not a declared composite; the composites are beauty.composite (GET /api/v1/composites)'])
    expect((await call("GET", "/composites/beauty.growth/YRD/2021")).status).toBe(404)
    expect((await call("GET", "/composites/beauty.composite/NOWHERE/2021")).status).toBe(404)
    const year = await call("GET", "/composites/beauty.composite/YRD/20x1")
    expect([year.status, year.body.error.message]).toEqual([400, 'year must be a whole year between 1949 and 2100, not "20x1"'])
    const leaf = await call("GET", "/composites/beauty.composite/320509/2021")
    expect([leaf.status, leaf.body.error.code]).toEqual([422, "composite-not-computable"])
    expect((await call("GET", "/composites/beauty.composite/YRD-CENTRAL-27/2021")).status).toBe(422)
  })
})

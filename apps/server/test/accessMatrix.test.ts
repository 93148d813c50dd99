/**
 * The access table (`auth/access.ts`) against the app: every route the app registers is declared, every declared
 * route is registered, and each one, with `readsNeedToken` off and on, answers no token / an agency token / an
 * admin token as its rule says. Closed means closed: without a token a closed route is a 401 (never a 404, never
 * data), and a route the table does not declare is refused.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AccessRule, accessRuleOf, routeAccess } from "../src/auth/access.js"
import { makeApp } from "../src/app.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeRuntime } from "../src/runtime.js"
import { BACKENDS } from "./backends.js"
import { HARNESS_NOW, type Harness, makeHarness } from "./reliability/harness.js"

const CALLERS = ["anonymous", "suzhouJs", "jiangsuApprover", "admin"] as const
type Caller = (typeof CALLERS)[number]
type Mode = "open" | "closed"

/** A request to one route; `ok` is the status class (or status) of a caller the rule admits. */
interface Sample {
  readonly path: (caller: Caller, mode: Mode) => string
  readonly body?: unknown
  readonly headers?: Record<string, string>
  readonly ok?: "2xx" | number | ((caller: Caller) => "2xx" | number)
}

const area = { indicator: "ecology.redline-area-km2", region: "320509", year: 2022, value: 30.25, source: "survey" }
const square = { type: "Polygon", coordinates: [[[120.9, 31.05], [121.05, 31.05], [121.05, 31.2], [120.9, 31.2], [120.9, 31.05]]] }
const LOCK_REASON = "draft under review: the Suzhou bureau revises the 2024 forest figures"

/** One sample per row of the access table, keyed `METHOD path` as the table writes it. */
const SAMPLES: Readonly<Record<string, Sample>> = {
  "GET /api/v1/health": { path: () => "/api/v1/health" },
  "GET /api/v1/ready": { path: () => "/api/v1/ready" },
  "GET /api/v1/openapi.json": { path: () => "/api/v1/openapi.json" },
  "GET /api/v1/docs": { path: () => "/api/v1/docs" },
  "GET /api/v1/indicators": { path: () => "/api/v1/indicators" },
  "GET /api/v1/indicators/:id": { path: () => "/api/v1/indicators/beauty.growth" },
  "GET /api/v1/regions": { path: () => "/api/v1/regions" },
  "GET /api/v1/regions/:code": { path: () => "/api/v1/regions/320500" },
  "GET /api/v1/targets": { path: () => "/api/v1/targets?region=DEMO-ZONE" },
  "GET /api/v1/regions/:code/boundary": { path: () => "/api/v1/regions/310118/boundary" },
  "PUT /api/v1/regions/:code/boundary": { path: () => "/api/v1/regions/330421/boundary", body: square },
  "DELETE /api/v1/regions/:code/boundary": { path: () => "/api/v1/regions/330421/boundary" },
  "GET /api/v1/agencies": { path: () => "/api/v1/agencies" },
  "GET /metrics": { path: () => "/metrics" },
  "GET /embed/:scope/:year/:indicator": { path: () => "/embed/YRD/2022/beauty.composite" },
  "GET /agency": { path: () => "/agency?lang=en" },
  "GET /agency.js": { path: () => "/agency.js" },
  "PUT /api/v1/agencies/:agency": { path: () => "/api/v1/agencies/suzhou-bureau", body: { zh: "苏州市统计局", en: "Suzhou Statistics Bureau" } },
  "GET /api/v1/observations": { path: () => "/api/v1/observations?region=320509" },
  "GET /api/v1/observations/:indicator/:region/:year": { path: () => "/api/v1/observations/ecology.redline-area-km2/320509/2023" },
  "GET /api/v1/observations/:indicator/:region/:year/history": { path: () => "/api/v1/observations/ecology.redline-area-km2/320509/2023/history" },
  "GET /api/v1/observations/breakdowns": { path: () => "/api/v1/observations/breakdowns?region=320509" },
  "POST /api/v1/observations": { path: () => "/api/v1/observations", body: { observations: [area] } },
  // each caller and mode sets a cell of its own: the first value of a cell
  "PUT /api/v1/observations/:indicator/:region/:year": {
    path: (caller, mode) => `/api/v1/observations/ecology.redline-area-km2/320509/${2000 + (mode === "closed" ? 10 : 0) + CALLERS.indexOf(caller)}`,
    body: { value: 29 },
  },
  "POST /api/v1/observations/import": {
    path: () => "/api/v1/observations/import",
    body: "indicator,region,year,value\necology.redline-area-km2,320509,2021,30.5\n",
    headers: { "content-type": "text/csv" },
  },
  "GET /api/v1/templates/:region/:year": { path: () => "/api/v1/templates/320500/2023.xlsx" },
  "GET /api/v1/calculators": { path: () => "/api/v1/calculators" },
  "GET /api/v1/calculators/:id/runs": { path: () => "/api/v1/calculators/ecology.redline-integrity/runs" },
  // no run recorded: past the access check, 404
  "GET /api/v1/calculators/:id/runs/:run": { path: () => "/api/v1/calculators/ecology.redline-integrity/runs/1", ok: 404 },
  // an unknown calculator: past the access check, 404
  "POST /api/v1/calculators/:id/runs": { path: () => "/api/v1/calculators/rail.nope/runs", body: "", headers: { "content-type": "multipart/form-data; boundary=b" }, ok: 404 },
  // each caller and mode a set of its own: agencies and admins submit (201); the approver approves a set still open (409)
  "POST /api/v1/approvals/:plugin/:region/:year/:action": {
    path: (caller, mode) => `/api/v1/approvals/ecology/320500/${2040 + (mode === "closed" ? 10 : 0) + CALLERS.indexOf(caller)}/${caller === "jiangsuApprover" ? "approve" : "submit"}`,
    ok: (caller) => (caller === "jiangsuApprover" ? 409 : "2xx"),
  },
  "GET /api/v1/approvals": { path: () => "/api/v1/approvals?state=submitted" },
  "GET /api/v1/worklist": { path: () => "/api/v1/worklist?year=2023" },
  "GET /api/v1/approvals/:plugin/:region/:year": { path: () => "/api/v1/approvals/ecology/320500/2041" },
  "GET /api/v1/years": { path: () => "/api/v1/years" },
  "GET /api/v1/years/:year": { path: () => "/api/v1/years/2024" },
  "POST /api/v1/years/:year/lock": { path: () => "/api/v1/years/2031/lock", body: { reason: "published" } },
  "POST /api/v1/years/:year/unlock": { path: () => "/api/v1/years/2031/unlock", body: { reason: "correction" } },
  "GET /api/v1/reports/:scope/:year": { path: () => "/api/v1/reports/320500/2022" },
  "GET /api/v1/reports/:scope/:year/comparison": { path: () => "/api/v1/reports/DEMO-ZONE/2022/comparison" },
  "GET /api/v1/overview/:indicator/:year": { path: () => "/api/v1/overview/beauty.green-expansion/2022?level=province" },
  "GET /api/v1/composites": { path: () => "/api/v1/composites" },
  // the seed has no province's sub-indices: past the role check, every caller gets the same 422
  "GET /api/v1/composites/:indicator/:scope/:year": { path: () => "/api/v1/composites/beauty.composite/YRD/2022", ok: 422 },
  "GET /api/v1/validation/:scope/:year": { path: () => "/api/v1/validation/DEMO-ZONE/2025" },
  // one edition per mode (publishing unchanged data twice is a 409)
  "POST /api/v1/reports/:scope/:year/publish": { path: (_, mode) => `/api/v1/reports/320509/${mode === "open" ? 2022 : 2021}/publish` },
  "GET /api/v1/reports/:scope/:year/editions": { path: () => "/api/v1/reports/320500/2022/editions" },
  "GET /api/v1/reports/:scope/:year/editions/:edition": { path: () => "/api/v1/reports/320500/2022/editions/1" },
  "GET /api/v1/reports/:scope/:year/editions/:a/diff/:b": { path: () => "/api/v1/reports/320500/2022/editions/1/diff/1" },
  "GET /api/v1/export/sdmx.csv": { path: () => "/api/v1/export/sdmx.csv?region=320509" },
  "GET /api/v1/export/observations.parquet": { path: () => "/api/v1/export/observations.parquet?revisions=all" },
  "GET /api/v1/audit": { path: () => "/api/v1/audit?limit=5" },
  "GET /": { path: () => "/?lang=en" },
  "GET /reports/:scope/:year": { path: () => "/reports/320500/2022?lang=en" },
  "GET /reports/:scope/:year/overview": { path: () => "/reports/DEMO-ZONE/2022/overview?lang=en" },
  "GET /reports/:scope/:year/editions": { path: () => "/reports/320500/2022/editions?lang=en" },
  "GET /reports/:scope/:year/editions.json": { path: () => "/reports/320500/2022/editions.json" },
  "GET /reports/:scope/:year/editions.html": { path: () => "/reports/320500/2022/editions.html?lang=en" },
  "GET /reports/:scope/:year/editions/:edition": { path: () => "/reports/320500/2022/editions/1?lang=en" },
  "GET /reports/:scope/:year/editions/:a/diff/:b": { path: () => "/reports/320500/2022/editions/1/diff/1?lang=en" },
}

/** The status a caller gets: the sample's own when the rule admits it, else 401 (no token) or 403 (wrong role). */
const expected = (rule: AccessRule, caller: Caller, mode: Mode, ok: "2xx" | number): "2xx" | number => {
  if (rule === "public") return ok
  if (rule === "read") return caller === "anonymous" && mode === "closed" ? 401 : ok
  if (caller === "anonymous") return 401
  if (rule === "admin") return caller === "admin" ? ok : 403
  if (rule === "agency") return caller === "jiangsuApprover" ? 403 : ok
  return ok // approval: agencies, approvers and admins
}

const classOf = (status: number): "2xx" | number => (status >= 200 && status < 300 ? "2xx" : status)

describe("the access table", () => {
  const runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  const app = makeApp(runtime)
  const handlers = app.routes.filter((r) => r.method !== "ALL")
  afterAll(() => runtime.dispose())

  it("declares every route the app registers, and no route it does not", () => {
    expect(handlers.length).toBe(routeAccess().length)
    expect(handlers.filter((r) => accessRuleOf(r.method, r.path) === undefined).map((r) => `${r.method} ${r.path}`)).toEqual([])
    const registered = new Set(handlers.map((r) => `${r.method} ${r.path}`))
    expect(routeAccess().map((r) => `${r.method} ${r.path}`).filter((key) => !registered.has(key))).toEqual([])
  })

  it("has nothing but middleware under `all`, and a sample for every row", () => {
    expect(app.routes.filter((r) => r.method === "ALL" && !r.path.endsWith("*"))).toEqual([])
    expect(routeAccess().map((r) => `${r.method} ${r.path}`).filter((key) => !SAMPLES[key])).toEqual([])
  })

  it("leaves public only health, readiness, the OpenAPI document, the docs page and the agency page (no data)", () => {
    // and the agency's page with its script: a form and a script, no data (the script calls the API with the user's token)
    expect(routeAccess().filter((r) => r.rule === "public").map((r) => r.path)).toEqual([
      "/api/v1/health",
      "/api/v1/ready",
      "/api/v1/openapi.json",
      "/api/v1/docs",
      "/agency",
      "/agency.js",
    ])
    expect(accessRuleOf("GET", "/api/v1/years/{year}")).toBe("read")
    expect(accessRuleOf("GET", "/api/v1/templates/{region}/{year}.xlsx")).toBe("agency")
  })
})

describe("the access matrix (SQLite)", () => {
  let h: Harness
  let closed: ReturnType<typeof makeApp>

  const send = async (app: ReturnType<typeof makeApp>, method: string, path: string, caller: Caller, sample: Partial<Sample> = {}) => {
    const headers: Record<string, string> = { ...sample.headers, ...(caller === "anonymous" ? {} : { authorization: `Bearer ${h.tokens[caller]}` }) }
    const body = sample.body === undefined ? undefined : typeof sample.body === "string" ? sample.body : JSON.stringify(sample.body)
    if (sample.body !== undefined && typeof sample.body !== "string") headers["content-type"] = "application/json"
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) })
    return { status: res.status, headers: res.headers, text: await res.text() }
  }

  beforeAll(async () => {
    h = await makeHarness(BACKENDS[0]!)
    closed = makeApp(h.runtime, { now: () => HARNESS_NOW, settings: { readsNeedToken: true } })
    const seeds = [
      await h.call("POST", "/api/v1/observations", { token: "admin", body: { observations: [{ ...area, year: 2023 }] } }),
      await h.call("POST", "/api/v1/reports/320500/2022/publish", { token: "admin" }),
      await h.call("PUT", "/api/v1/regions/310118/boundary", { token: "admin", body: square }),
      await h.call("POST", "/api/v1/years/2024/lock", { token: "admin", body: { reason: LOCK_REASON } }),
    ]
    expect(seeds.map((r) => r.status)).toEqual([201, 201, 201, 201])
  })
  afterAll(() => h.dispose())

  for (const mode of ["open", "closed"] as const) {
    it(`answers every route x caller as its rule says, readsNeedToken ${mode === "closed" ? "on" : "off"}`, async () => {
      const app = mode === "closed" ? closed : h.app
      const mismatches: Array<string> = []
      let cells = 0
      for (const route of routeAccess()) {
        const sample = SAMPLES[`${route.method} ${route.path}`]!
        for (const caller of CALLERS) {
          const path = sample.path(caller, mode)
          const res = await send(app, route.method, path, caller, sample)
          const want = expected(route.rule, caller, mode, typeof sample.ok === "function" ? sample.ok(caller) : (sample.ok ?? "2xx"))
          cells++
          if (classOf(res.status) !== want) mismatches.push(`${route.method} ${path} as ${caller}: ${res.status}, expected ${want}`)
          if (res.status === 401) {
            // an error, never data, and a challenge that says how to authenticate
            expect(JSON.parse(res.text).error.code, path).toBe("unauthorized")
            expect(res.headers.get("www-authenticate"), path).toBe('Bearer realm="tijian"')
          }
        }
      }
      expect(mismatches).toEqual([])
      expect(cells).toBe(routeAccess().length * CALLERS.length)
    })
  }

  it("GET /api/v1/years/2024 without a token: the lock and its reason when open, a 401 without them when closed", async () => {
    const open = await send(h.app, "GET", "/api/v1/years/2024", "anonymous")
    expect(open.status).toBe(200)
    expect(open.text).toContain(LOCK_REASON)
    const refused = await send(closed, "GET", "/api/v1/years/2024", "anonymous")
    expect(refused.status).toBe(401)
    expect(JSON.parse(refused.text)).toEqual({
      error: { code: "unauthorized", message: "this needs a token: send Authorization: Bearer <token> (an admin creates one with `pnpm tijian tokens create`)" },
    })
    for (const text of [refused.text, (await send(closed, "GET", "/api/v1/years", "anonymous")).text]) {
      expect(text).not.toContain("Suzhou bureau")
      expect(text).not.toContain("yrd-office")
    }
    expect((await closed.request("/api/v1/years/2024", { method: "HEAD" })).status).toBe(401)
    const agency = await send(closed, "GET", "/api/v1/years/2024", "suzhouJs")
    expect([agency.status, agency.text.includes(LOCK_REASON)]).toEqual([200, true])
  })

  it("refuses a route missing from the table to every caller, and a path with no route without a token when closed", async () => {
    const extended = makeApp(h.runtime, { now: () => HARNESS_NOW })
    extended.get("/api/v1/undeclared", (c) => c.json({ secret: "data" }))
    const statuses = await Promise.all(CALLERS.map(async (caller) => (await send(extended, "GET", "/api/v1/undeclared", caller)).status))
    expect(statuses).toEqual([401, 403, 403, 403])
    expect((await send(extended, "GET", "/api/v1/undeclared", "admin")).text).not.toContain("secret")
    expect((await send(h.app, "GET", "/api/v1/nothing-here", "anonymous")).status).toBe(404)
    expect((await send(closed, "GET", "/api/v1/nothing-here", "anonymous")).status).toBe(401)
    expect((await send(closed, "GET", "/api/v1/nothing-here", "suzhouJs")).status).toBe(404)
    expect((await send(closed, "GET", "/no-such-page", "anonymous")).status).toBe(401)
  })
})

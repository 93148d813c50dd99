/**
 * Access: every endpoint x every kind of caller gets exactly the status its contract (its rule in the access
 * table, `auth/access.ts`) implies; tokens are compared in constant time and never logged; bodies over the
 * limit are refused without being read; a token (or an address) over the rate limit gets 429 with Retry-After.
 */
import { Database } from "@tijian/core"
import { createHash } from "node:crypto"
import * as nodeCrypto from "node:crypto"
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest"
import { makeApp } from "../src/app.js"
import { type AccessRule, accessRuleOf } from "../src/auth/access.js"
import { API_BASE } from "../src/openapi/document.js"
import { ENDPOINTS as routes } from "../src/endpoints.js"
import { runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { HARNESS_NOW, type Harness, makeHarness, type TokenName } from "./reliability/harness.js"

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof import("node:crypto")>()
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) }
})

/** The callers: no token, a forged one (a real id, a wrong secret), revoked, expired, and each role and scope. */
const CALLERS = ["anonymous", "forged", "revoked", "expired", "reviewer", "suzhouAh", "suzhouJs", "jiangsuApprover", "admin"] as const
type Caller = (typeof CALLERS)[number]

/** One request per endpoint, with the status it gets when allowed (and for the Suzhou (Anhui) token, whose region it is not). */
interface Probe {
  /** The operationId of the route table, or `page.*` for the pages outside /api/v1. */
  readonly id: string
  readonly access: AccessRule
  readonly method: string
  readonly path: (caller: Caller) => string
  readonly body?: (caller: Caller) => unknown
  readonly headers?: Record<string, string>
  readonly ok: number
  /** The status for the 341300 agency token on a write of the 320500 subtree (default 403). */
  readonly otherRegion?: number
  /** The status for the Jiangsu approver on an `approval` endpoint (default `ok`). */
  readonly approver?: number
}

const callerIndex = (caller: Caller) => CALLERS.indexOf(caller)
const area = (year: number) => ({ indicator: "ecology.redline-area-km2", region: "320509", year, value: 30.25, source: "survey" })
const CSV = "indicator,region,year,value\necology.redline-area-km2,320509,2021,30.5\n"

const PROBES: ReadonlyArray<Probe> = [
  { id: "health", access: "public", method: "GET", path: () => "/api/v1/health", ok: 200 },
  { id: "ready", access: "public", method: "GET", path: () => "/api/v1/ready", ok: 200 },
  { id: "openapi", access: "public", method: "GET", path: () => "/api/v1/openapi.json", ok: 200 },
  { id: "docs", access: "public", method: "GET", path: () => "/api/v1/docs", ok: 200 },
  { id: "listIndicators", access: "read", method: "GET", path: () => "/api/v1/indicators", ok: 200 },
  { id: "getIndicator", access: "read", method: "GET", path: () => "/api/v1/indicators/beauty.growth", ok: 200 },
  { id: "listRegions", access: "read", method: "GET", path: () => "/api/v1/regions", ok: 200 },
  { id: "getRegion", access: "read", method: "GET", path: () => "/api/v1/regions/341300", ok: 200 },
  { id: "putBoundary", access: "admin", method: "PUT", path: () => "/api/v1/regions/310118/boundary", body: () => ({ type: "Polygon", coordinates: [[[120.9, 31.05], [121.05, 31.05], [121.05, 31.2], [120.9, 31.2], [120.9, 31.05]]] }), ok: 201 },
  { id: "getBoundary", access: "read", method: "GET", path: () => "/api/v1/regions/310118/boundary", ok: 200 },
  // no boundary for Jiashan: past the role check, the admin gets 404
  { id: "deleteBoundary", access: "admin", method: "DELETE", path: () => "/api/v1/regions/330421/boundary", ok: 404 },
  { id: "listAgencies", access: "read", method: "GET", path: () => "/api/v1/agencies", ok: 200 },
  { id: "putAgencyNames", access: "admin", method: "PUT", path: () => "/api/v1/agencies/suzhou-bureau", body: () => ({ zh: "苏州市统计局", en: "Suzhou Statistics Bureau" }), ok: 201 },
  { id: "listTargets", access: "read", method: "GET", path: () => "/api/v1/targets?region=DEMO-ZONE", ok: 200 },
  { id: "registerObservations", access: "agency", method: "POST", path: () => "/api/v1/observations", body: () => ({ observations: [area(2022)] }), ok: 201 },
  { id: "listObservations", access: "read", method: "GET", path: () => "/api/v1/observations?region=320509", ok: 200 },
  { id: "listBreakdowns", access: "read", method: "GET", path: () => "/api/v1/observations/breakdowns?region=320509", ok: 200 },
  { id: "getObservation", access: "read", method: "GET", path: () => "/api/v1/observations/ecology.redline-area-km2/320509/2023", ok: 200 },
  // each caller sets a cell of its own (a year of its own): 201 for the first value of a cell
  { id: "putObservation", access: "agency", method: "PUT", path: (c) => `/api/v1/observations/ecology.redline-area-km2/320509/${2000 + callerIndex(c)}`, body: () => ({ value: 29 }), ok: 201 },
  { id: "getObservationHistory", access: "read", method: "GET", path: () => "/api/v1/observations/ecology.redline-area-km2/320509/2023/history", ok: 200 },
  { id: "importObservations", access: "agency", method: "POST", path: () => "/api/v1/observations/import", body: () => CSV, headers: { "content-type": "text/csv" }, ok: 201 },
  { id: "getTemplate", access: "agency", method: "GET", path: () => "/api/v1/templates/320500/2023.xlsx", ok: 200 },
  { id: "listCalculators", access: "read", method: "GET", path: () => "/api/v1/calculators", ok: 200 },
  // an unknown calculator: past the role check, every writer gets the same 404
  { id: "listCalculatorRuns", access: "read", method: "GET", path: () => "/api/v1/calculators/ecology.redline-integrity/runs", ok: 200 },
  { id: "getCalculatorRun", access: "read", method: "GET", path: () => "/api/v1/calculators/ecology.redline-integrity/runs/1", ok: 404 },
  { id: "runCalculator", access: "agency", method: "POST", path: () => "/api/v1/calculators/rail.nope/runs", body: () => "", headers: { "content-type": "multipart/form-data; boundary=b" }, ok: 404, otherRegion: 404 },
  // an agency submits its region's set (201); the Jiangsu approver, past the role check, approves a set that is still open (409)
  {
    id: "takeApprovalAction",
    access: "approval",
    method: "POST",
    path: (c) => `/api/v1/approvals/ecology/320500/${2000 + callerIndex(c)}/${c === "jiangsuApprover" ? "approve" : "submit"}`,
    ok: 201,
    approver: 409,
  },
  { id: "listApprovals", access: "read", method: "GET", path: () => "/api/v1/approvals?year=2006", ok: 200 },
  { id: "getWorklist", access: "approval", method: "GET", path: () => "/api/v1/worklist?year=2023", ok: 200, otherRegion: 200 },
  { id: "getApproval", access: "read", method: "GET", path: () => "/api/v1/approvals/ecology/320500/2006", ok: 200 },
  { id: "lockYear", access: "admin", method: "POST", path: () => "/api/v1/years/2031/lock", body: () => ({ reason: "published" }), ok: 201 },
  { id: "unlockYear", access: "admin", method: "POST", path: () => "/api/v1/years/2031/unlock", body: () => ({ reason: "correction" }), ok: 201 },
  { id: "listLockedYears", access: "read", method: "GET", path: () => "/api/v1/years", ok: 200 },
  { id: "getYear", access: "read", method: "GET", path: () => "/api/v1/years/2031", ok: 200 },
  { id: "getReport", access: "read", method: "GET", path: () => "/api/v1/reports/320500/2022", ok: 200 },
  { id: "compareMembers", access: "read", method: "GET", path: () => "/api/v1/reports/DEMO-ZONE/2022/comparison", ok: 200 },
  { id: "getOverview", access: "read", method: "GET", path: () => "/api/v1/overview/beauty.green-expansion/2022?level=province", ok: 200 },
  { id: "listComposites", access: "read", method: "GET", path: () => "/api/v1/composites", ok: 200 },
  // the seed has no province's sub-indices: past the role check, every caller gets the same 422
  { id: "getComposite", access: "read", method: "GET", path: () => "/api/v1/composites/beauty.composite/YRD/2022", ok: 422 },
  { id: "getValidation", access: "read", method: "GET", path: () => "/api/v1/validation/DEMO-ZONE/2025", ok: 200 },
  { id: "publishReport", access: "admin", method: "POST", path: () => "/api/v1/reports/320509/2022/publish", ok: 201 },
  { id: "listEditions", access: "read", method: "GET", path: () => "/api/v1/reports/320500/2022/editions", ok: 200 },
  { id: "getEdition", access: "read", method: "GET", path: () => "/api/v1/reports/320500/2022/editions/1", ok: 200 },
  { id: "diffEditions", access: "read", method: "GET", path: () => "/api/v1/reports/320500/2022/editions/1/diff/1", ok: 200 },
  { id: "exportSdmx", access: "read", method: "GET", path: () => "/api/v1/export/sdmx.csv?region=320509", ok: 200 },
  { id: "exportObservationsParquet", access: "admin", method: "GET", path: () => "/api/v1/export/observations.parquet", ok: 200 },
  { id: "listAudit", access: "admin", method: "GET", path: () => "/api/v1/audit?limit=5", ok: 200 },
  { id: "page.index", access: "read", method: "GET", path: () => "/?lang=en", ok: 200 },
  { id: "page.report", access: "read", method: "GET", path: () => "/reports/320500/2022?lang=en", ok: 200 },
]

/** The status the contract gives a caller. */
const expected = (probe: Probe, caller: Caller, readsNeedToken: boolean): number => {
  if (probe.access === "public") return probe.ok
  if (caller === "forged" || caller === "revoked" || caller === "expired") return 401
  if (caller === "anonymous") return probe.access === "read" && !readsNeedToken ? probe.ok : 401
  if (probe.access === "read") return probe.ok
  if (probe.access === "admin") return caller === "admin" ? probe.ok : 403
  if (caller === "reviewer") return 403
  if (caller === "jiangsuApprover") return probe.access === "approval" ? (probe.approver ?? probe.ok) : 403
  return caller === "suzhouAh" ? (probe.otherRegion ?? 403) : probe.ok
}

for (const backend of BACKENDS) {
  describe(`access (${backend.name})`, () => {
    let h: Harness
    const logged: Array<string> = []
    const tokenOf = (caller: Caller): string | undefined =>
      caller === "anonymous" ? undefined : caller === "forged" ? `${h.tokens.suzhouJs.slice(0, 20)}${"A".repeat(43)}` : h.tokens[caller]

    const run = async (app: ReturnType<typeof makeApp>, probe: Probe, caller: Caller) => {
      const token = tokenOf(caller)
      const headers: Record<string, string> = { ...probe.headers, ...(token ? { authorization: `Bearer ${token}` } : {}) }
      const raw = probe.body?.(caller)
      const body = raw === undefined ? undefined : typeof raw === "string" ? raw : JSON.stringify(raw)
      if (raw !== undefined && typeof raw !== "string") headers["content-type"] = "application/json"
      const res = await app.request(probe.path(caller), { method: probe.method, headers, ...(body !== undefined ? { body } : {}) })
      await res.arrayBuffer()
      return res.status
    }

    beforeAll(async () => {
      h = await makeHarness(backend, { logError: (e) => logged.push(String(e instanceof Error ? `${e.message}\n${e.stack}` : e)) })
      for (const method of ["log", "info", "warn", "error", "debug"] as const) {
        vi.spyOn(console, method).mockImplementation((...args: Array<unknown>) => void logged.push(args.map(String).join(" ")))
      }
      const seed = await h.call("POST", "/api/v1/observations", { token: "admin", body: { observations: [{ ...area(2023), region: "320509" }] } })
      expect(seed.status).toBe(201)
      expect((await h.call("POST", "/api/v1/reports/320500/2022/publish", { token: "admin" })).status).toBe(201)
    })
    afterAll(async () => {
      vi.restoreAllMocks()
      await h.dispose()
    })

    it("has a probe for every documented operation", () => {
      const ids = new Set(PROBES.map((p) => p.id))
      expect(routes.map((r) => r.operationId).filter((id) => !ids.has(id))).toEqual([])
      for (const r of routes) {
        expect([r.operationId, PROBES.find((p) => p.id === r.operationId)?.access]).toEqual([r.operationId, r.access])
        expect([r.operationId, accessRuleOf(r.method, API_BASE + r.path)]).toEqual([r.operationId, r.access])
      }
    })

    it("answers every endpoint x caller with the status of the contract", async () => {
      const mismatches: Array<string> = []
      let cells = 0
      for (const probe of PROBES) {
        for (const caller of CALLERS) {
          const status = await run(h.app, probe, caller)
          const want = expected(probe, caller, false)
          cells++
          if (status !== want) mismatches.push(`${probe.method} ${probe.path(caller)} as ${caller}: ${status}, expected ${want}`)
        }
      }
      expect(mismatches).toEqual([])
      expect(cells).toBe(PROBES.length * CALLERS.length)
    })

    it("with readsNeedToken, answers every read endpoint x caller with the status of the contract", async () => {
      const closed = makeApp(h.runtime, { now: () => HARNESS_NOW, settings: { readsNeedToken: true } })
      const mismatches: Array<string> = []
      for (const probe of PROBES.filter((p) => p.method === "GET")) {
        for (const caller of CALLERS) {
          const status = await run(closed, probe, caller)
          const want = expected(probe, caller, true)
          if (status !== want) mismatches.push(`${probe.method} ${probe.path(caller)} as ${caller}: ${status}, expected ${want}`)
        }
      }
      expect(mismatches).toEqual([])
    })

    it("compares the secret in constant time, also for an unknown token id", async () => {
      const compare = vi.mocked(nodeCrypto.timingSafeEqual)
      compare.mockClear()
      expect((await h.call("GET", "/api/v1/years", { token: tokenOf("forged")! })).status).toBe(401)
      expect((await h.call("GET", "/api/v1/years", { token: `tj_0000000000000000_${"A".repeat(43)}` })).status).toBe(401)
      expect((await h.call("GET", "/api/v1/years", { token: "suzhouJs" })).status).toBe(200)
      expect(compare.mock.calls.map(([a, b]) => [(a as Buffer).length, (b as Buffer).length])).toEqual([[32, 32], [32, 32], [32, 32]])
    })

    it("never logs a token, its secret or its stored hash, even when a request with a token fails with a 500", async () => {
      const { db } = await runOrThrow(h.runtime, Database.Database)
      const hashes = ((await (db as any).selectFrom("api_tokens").select("secret_sha256").execute()) as Array<{ secret_sha256: string }>).map((r) => r.secret_sha256)
      const broken = makeApp(h.runtime, { now: () => new Date(Number.NaN), logError: (e) => logged.push(String(e instanceof Error ? `${e.message}\n${e.stack}` : e)) })
      const res = await broken.request("/api/v1/observations", { headers: { authorization: `Bearer ${h.tokens.admin}` } })
      expect(res.status).toBe(500)
      expect(await res.text()).not.toContain(h.tokens.admin)
      expect(logged.length).toBeGreaterThan(0)
      const text = logged.join("\n")
      for (const [name, token] of Object.entries(h.tokens)) {
        const secret = token.slice("tj_0123456789abcdef_".length)
        for (const needle of [token, secret, createHash("sha256").update(secret).digest("hex")]) expect(text.includes(needle), name).toBe(false)
      }
      for (const hash of hashes) expect(text).not.toContain(hash)
    })
  })
}

describe("body limit and rate limit (SQLite)", () => {
  let h: Harness
  let clock = new Date("2025-03-01T00:00:10.000Z")
  beforeAll(async () => {
    h = await makeHarness(BACKENDS[0]!, { now: () => clock, settings: { maxBodyBytes: 4096, rateLimit: { requests: 3, windowSeconds: 60 } } })
  })
  afterAll(() => h.dispose())

  /** A body of `chunks` chunks of 1 KiB that counts how many the server pulled. */
  const countingBody = (chunks: number) => {
    const state = { pulled: 0 }
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (state.pulled === chunks) return controller.close()
        state.pulled++
        controller.enqueue(new TextEncoder().encode(" ".repeat(1024)))
      },
    }, { highWaterMark: 0 }) // pulled only when the server reads
    return { stream, state }
  }

  const send = async (path: string, type: string, options: { announce?: number; token?: TokenName } = {}) => {
    const { stream, state } = countingBody(100_000) // 100 MB if it were all read
    const headers: Record<string, string> = { "content-type": type, authorization: `Bearer ${h.tokens[options.token ?? "admin"]}` }
    if (options.announce !== undefined) headers["content-length"] = String(options.announce)
    const res = await h.app.request(path, { method: "POST", headers, body: stream, duplex: "half" })
    return { status: res.status, json: (await res.json()) as any, pulled: state.pulled }
  }

  it("413 at once for an announced length over the limit: not one chunk is read", async () => {
    clock = new Date("2025-03-01T00:01:00.000Z")
    const before = await h.contentHash()
    const res = await send("/api/v1/observations", "application/json", { announce: 102_400_000 })
    expect([res.status, res.pulled]).toEqual([413, 0])
    expect(res.json.error.message).toBe("the body is 102,400,000 bytes, over this server's limit of 4,096 bytes per request (TIJIAN_MAX_BODY_MB); split the file into smaller files, or ask the administrator to raise the limit; nothing was stored")
    expect(await h.contentHash()).toEqual(before)
  })

  it("413 for an unannounced (chunked) body as soon as it passes the limit: JSON, CSV and lock bodies read at most 5 of 100,000 KiB", async () => {
    clock = new Date("2025-03-01T00:02:00.000Z")
    const before = await h.contentHash()
    const json = await send("/api/v1/observations", "application/json")
    const csv = await send("/api/v1/observations/import", "text/csv", { token: "suzhouJs" })
    const lock = await send("/api/v1/years/2020/lock", "application/json")
    expect([json.status, csv.status, lock.status]).toEqual([413, 413, 413])
    for (const r of [json, csv, lock]) expect(r.pulled).toBeLessThanOrEqual(6)
    expect(await h.contentHash()).toEqual(before)
  })

  it("429 with Retry-After past the limit of a token; other tokens and the anonymous address count apart; a new window resets", async () => {
    clock = new Date("2025-03-01T00:03:15.000Z")
    const statuses = async (token: TokenName | undefined, n: number) => {
      const out: Array<number> = []
      for (let i = 0; i < n; i++) out.push((await h.call("GET", "/api/v1/years", token ? { token } : {})).status)
      return out
    }
    expect(await statuses("suzhouJs", 3)).toEqual([200, 200, 200])
    const refused = await h.call("GET", "/api/v1/years", { token: "suzhouJs" })
    expect([refused.status, refused.headers.get("retry-after"), refused.json.error.code]).toEqual([429, "45", "rate-limited"])
    expect(refused.json.error.message).toBe("too many requests from this token; retry after 45 s (Retry-After), or ask the administrator about the rate limit")
    const before = await h.contentHash()
    const write = await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [area(2019)] } })
    expect(write.status).toBe(429)
    expect(await h.contentHash()).toEqual(before)
    expect(await statuses("suzhouAh", 4)).toEqual([200, 200, 200, 429])
    expect(await statuses(undefined, 4)).toEqual([200, 200, 200, 429])
    // bad tokens count against the address, not against the token they name
    expect((await h.call("GET", "/api/v1/years", { token: "revoked" })).status).toBe(429)
    clock = new Date("2025-03-01T00:04:00.000Z")
    expect(await statuses("suzhouJs", 1)).toEqual([200])
    expect(await statuses(undefined, 1)).toEqual([200])
  })
})

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs the access matrix on PostgreSQL", () => {}))

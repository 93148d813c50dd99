/**
 * Request ids and the access log: `X-Request-Id` in (a sane one is kept) and out on every answer, one access-log
 * line per request with the route pattern and the token id (never the token), and the id in a 500's body and
 * in its error log line.
 */
import { Database } from "@tijian/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import type { AccessLogLine } from "../src/requestLog.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let token: string
let tokenId: string
const lines: Array<AccessLogLine> = []
const errors: Array<{ readonly error: unknown; readonly requestId: string }> = []

beforeAll(async () => {
  runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  app = makeApp(runtime, { accessLog: (line) => lines.push(line), logError: (error, requestId) => errors.push({ error, requestId }) })
  const created = await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2025-01-01T00:00:00.000Z")))
  token = created.token
  tokenId = created.info.id
})

afterAll(() => runtime.dispose())

describe("X-Request-Id", () => {
  it("keeps a sane id the client sends (1-128 visible ASCII characters) and answers with it", async () => {
    for (const sent of ["order-42/retry-1", "x".repeat(128), "a=b;c:d"]) {
      const res = await app.request("/api/v1/health", { headers: { "x-request-id": sent } })
      expect(res.headers.get("x-request-id")).toBe(sent)
    }
  })

  it("replaces a missing, long or unprintable id with a new UUID, different each time", async () => {
    const ids: Array<string | null> = []
    for (const headers of [{} as Record<string, string>, { "x-request-id": "x".repeat(129) }, { "x-request-id": "has space" }, { "x-request-id": "tab\there" }, { "x-request-id": "caf\u00e9" }]) {
      ids.push((await app.request("/api/v1/health", { headers })).headers.get("x-request-id"))
    }
    for (const id of ids) expect(id).toMatch(UUID)
    expect(new Set(ids).size).toBe(5)
  })

  it("is on errors too: a 404 and a 401", async () => {
    expect((await app.request("/nope", { headers: { "x-request-id": "r-404" } })).headers.get("x-request-id")).toBe("r-404")
    const unauthorized = await app.request("/api/v1/audit", { headers: { "x-request-id": "r-401" } })
    expect([unauthorized.status, unauthorized.headers.get("x-request-id")]).toEqual([401, "r-401"])
  })
})

describe("the access log", () => {
  it("writes one line per request: id, method, route pattern, status, duration, token id; never the token", async () => {
    lines.length = 0
    await app.request("/api/v1/years/2024", { headers: { "x-request-id": "r-1" } })
    await app.request("/api/v1/audit?limit=1", { headers: { "x-request-id": "r-2", authorization: `Bearer ${token}` } })
    await app.request("/api/v1/nope", { headers: { "x-request-id": "r-3" } })
    expect(lines.map(({ requestId, method, route, status, tokenId }) => ({ requestId, method, route, status, tokenId }))).toEqual([
      { requestId: "r-1", method: "GET", route: "/api/v1/years/:year", status: 200, tokenId: null },
      { requestId: "r-2", method: "GET", route: "/api/v1/audit", status: 200, tokenId },
      { requestId: "r-3", method: "GET", route: null, status: 404, tokenId: null },
    ])
    for (const line of lines) {
      expect(line.durationMs).toBeGreaterThanOrEqual(0)
      expect(Date.parse(line.time)).not.toBeNaN()
    }
    expect(JSON.stringify(lines)).not.toContain(token)
  })

  it("is off by default in makeApp", async () => {
    const quiet = makeApp(runtime)
    const before = lines.length
    expect((await quiet.request("/api/v1/health")).headers.get("x-request-id")).toMatch(UUID)
    expect(lines.length).toBe(before)
  })
})

describe("a 500", () => {
  it("carries the request id in its body and in the logged error", async () => {
    const broken = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
    const brokenErrors: Array<string> = []
    const brokenApp = makeApp(broken, { logError: (_, requestId) => brokenErrors.push(requestId) })
    await runOrThrow(broken, Effect.flatMap(Database.Database, ({ db }) => Effect.promise(() => db.destroy())))
    const res = await brokenApp.request("/api/v1/observations?region=320500", { headers: { "x-request-id": "quote-me" } })
    expect(res.status).toBe(500)
    expect(((await res.json()) as { error: { code: string; requestId: string } }).error).toMatchObject({ code: "storage-error", requestId: "quote-me" })
    expect(brokenErrors).toEqual(["quote-me"])
    await broken.dispose()
  })

  it("4xx bodies stay as they were (no request id)", async () => {
    const res = await app.request("/api/v1/regions/999999")
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: object }).error).not.toHaveProperty("requestId")
  })
})

/**
 * CORS for public reads: off by default; with origins configured, reads answer with Access-Control-Allow-Origin
 * for a listed origin only, preflights are answered for GET and HEAD only, and writes never carry CORS headers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { configFromEnv } from "../src/config.js"
import { BACKENDS } from "./backends.js"
import { type Harness, makeHarness } from "./reliability/harness.js"

const SITE = "https://www.ndrc.gov.cn"

describe("CORS", () => {
  let open: Harness
  let shared: Harness
  let closed: Harness
  beforeAll(async () => {
    open = await makeHarness(BACKENDS[0]!)
    shared = await makeHarness(BACKENDS[0]!, { settings: { corsOrigins: [SITE] } })
    closed = await makeHarness(BACKENDS[0]!, { settings: { corsOrigins: [SITE], readsNeedToken: true } })
  })
  afterAll(async () => {
    await Promise.all([open.dispose(), shared.dispose(), closed.dispose()])
  })

  it("is off unless origins are configured", async () => {
    const res = await open.call("GET", "/api/v1/reports/YRD/2022", { headers: { origin: SITE } })
    expect([res.status, res.headers.get("access-control-allow-origin")]).toEqual([200, null])
  })

  it("lets a listed origin read a report and see its ETag; another origin gets no grant", async () => {
    const res = await shared.call("GET", "/api/v1/reports/YRD/2022", { headers: { origin: SITE } })
    expect([res.status, res.headers.get("access-control-allow-origin"), res.headers.get("vary")]).toEqual([200, SITE, "Accept, Accept-Language, Origin"])
    expect(res.headers.get("access-control-expose-headers")).toContain("ETag")
    const page = await shared.call("GET", "/reports/YRD/2022?lang=en", { headers: { origin: SITE } })
    expect(page.headers.get("access-control-allow-origin")).toBe(SITE)
    const other = await shared.call("GET", "/api/v1/reports/YRD/2022", { headers: { origin: "https://evil.example" } })
    expect([other.status, other.headers.get("access-control-allow-origin")]).toEqual([200, null])
  })

  it("answers a preflight for GET only; a write never carries a grant", async () => {
    const get = await shared.call("OPTIONS", "/api/v1/reports/YRD/2022", { headers: { origin: SITE, "access-control-request-method": "GET" } })
    expect([get.status, get.headers.get("access-control-allow-origin"), get.headers.get("access-control-allow-methods")]).toEqual([204, SITE, "GET, HEAD"])
    expect(get.headers.get("access-control-allow-headers")).toContain("Authorization")
    const post = await shared.call("OPTIONS", "/api/v1/observations", { headers: { origin: SITE, "access-control-request-method": "POST" } })
    expect([post.status, post.headers.get("access-control-allow-origin")]).toEqual([204, null])
    const write = await shared.call("POST", "/api/v1/observations", { token: "admin", headers: { origin: SITE }, body: { observations: [] } })
    expect([write.status, write.headers.get("access-control-allow-origin")]).toEqual([201, null])
  })

  it("with reads closed, a cross-site read without a token sees its 401, and with a token its data", async () => {
    const preflight = await closed.call("OPTIONS", "/api/v1/reports/YRD/2022", { headers: { origin: SITE, "access-control-request-method": "GET" } })
    expect(preflight.status).toBe(204)
    const anonymous = await closed.call("GET", "/api/v1/reports/YRD/2022", { headers: { origin: SITE } })
    expect([anonymous.status, anonymous.headers.get("access-control-allow-origin")]).toEqual([401, SITE])
    const reviewer = await closed.call("GET", "/api/v1/reports/YRD/2022", { token: "reviewer", headers: { origin: SITE } })
    expect([reviewer.status, reviewer.headers.get("access-control-allow-origin")]).toEqual([200, SITE])
  })

  it("reads origins from TIJIAN_CORS_ORIGINS and refuses what is not an origin", () => {
    expect(configFromEnv({ TIJIAN_CORS_ORIGINS: "https://www.ndrc.gov.cn/, http://localhost:3000" }, "/").corsOrigins).toEqual([SITE, "http://localhost:3000"])
    expect(() => configFromEnv({ TIJIAN_CORS_ORIGINS: "https://www.ndrc.gov.cn/path" }, "/")).toThrow(
      'TIJIAN_CORS_ORIGINS lists "https://www.ndrc.gov.cn/path", which is not an origin: write the scheme and host (and port) only, e.g. https://www.ndrc.gov.cn, or * for any',
    )
  })
})

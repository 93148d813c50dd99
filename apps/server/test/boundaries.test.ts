/**
 * Region boundaries over HTTP (in process, on a real SQLite file, and on PostgreSQL when configured) and the
 * overview they feed: validation with 422s that say where, admin only, simplification for display, and the
 * Demonstration Zone overview drawn from three synthetic squares (0.15° a side).
 */
import { Effect } from "effect"
import { mkdtemp, rm } from "node:fs/promises"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"

const square = (west: number, south: number, side = 0.15) => ({
  type: "Polygon",
  coordinates: [
    [
      [west, south],
      [west + side, south],
      [west + side, south + side],
      [west, south + side],
      [west, south],
    ],
  ],
})
/** Qingpu, Wujiang, Jiashan: adjacent squares in lon 120.75..121.05, lat 30.9..31.2. */
const SQUARES: Readonly<Record<string, ReturnType<typeof square>>> = {
  "310118": square(120.9, 31.05),
  "320509": square(120.75, 31.05),
  "330421": square(120.825, 30.9),
}

const tmp = await mkdtemp(join(tmpdir(), "tijian-boundaries-"))
const backends = [{ name: "SQLite file", database: async () => join(tmp, "tijian.sqlite") }, ...BACKENDS.filter((b) => b.name === "PostgreSQL")]

if (postgresSkipped) describe.skip(`boundaries on PostgreSQL (skipped: ${postgresSkipped})`, () => it("runs with TIJIAN_TEST_PG_URL"))

for (const backend of backends) {
  describe(`region boundaries and the overview (${backend.name})`, () => {
    let runtime: AppRuntime
    let app: ReturnType<typeof makeApp>
    const tokens: Record<"admin" | "reviewer", string> = { admin: "", reviewer: "" }

    const call = async (method: string, path: string, options: { token?: "admin" | "reviewer"; body?: unknown; type?: string } = {}) => {
      const headers: Record<string, string> = {}
      if (options.token) headers.authorization = `Bearer ${tokens[options.token]}`
      if (options.body !== undefined) headers["content-type"] = options.type ?? "application/geo+json"
      const res = await app.request(path, { method, headers, ...(options.body !== undefined ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) } : {}) })
      const type = res.headers.get("content-type") ?? ""
      return { status: res.status, body: type.startsWith("application/json") ? ((await res.json()) as any) : await res.text() }
    }

    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: builtinPlugins })
      for (const role of ["admin", "reviewer"] as const) {
        tokens[role] = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role, agency: `${role}-office` }, "2025-01-01T00:00:00.000Z")))).token
      }
      app = makeApp(runtime, { now: () => new Date("2025-06-01T00:00:00.000Z") })
      const observations = [
        { indicator: "ecology.forest-coverage", region: "310118", year: 2024, value: 0.2 },
        { indicator: "ecology.forest-coverage", region: "310118", year: 2025, value: 0.21 },
        { indicator: "ecology.forest-coverage", region: "320509", year: 2024, value: 0.16 },
        { indicator: "ecology.forest-coverage", region: "320509", year: 2025, value: 0.15 },
        { indicator: "ecology.forest-coverage", region: "320000", year: 2025, value: 0.16 },
      ].map((o) => ({ ...o, source: "synthetic test values" }))
      expect((await call("POST", "/api/v1/observations", { token: "admin", body: { observations }, type: "application/json" })).status).toBe(201)
    })
    afterAll(async () => {
      await runtime.dispose()
    })

    it("refuses an unclosed ring with 422 naming the ring, and nothing is stored", async () => {
      const open = { type: "Polygon", coordinates: [[[120.9, 31.05], [121.05, 31.05], [121.05, 31.2], [120.9, 31.2]]] }
      const res = await call("PUT", "/api/v1/regions/310118/boundary", { token: "admin", body: open })
      expect(res.status).toBe(422)
      expect(res.body.error.code).toBe("invalid-boundary")
      expect(res.body.error.details).toEqual([
        { where: "ring 0", message: "is not closed: its last position [120.9, 31.2] differs from its first [120.9, 31.05]; repeat the first position at the end" },
      ])
      expect((await call("GET", "/api/v1/regions/310118/boundary")).status).toBe(404)
    })

    it("refuses latitude 95 with 422 naming the feature, polygon, ring and position", async () => {
      const bad = {
        type: "FeatureCollection",
        features: [
          { type: "Feature", properties: {}, geometry: SQUARES["310118"] },
          { type: "Feature", properties: {}, geometry: { type: "MultiPolygon", coordinates: [SQUARES["310118"]!.coordinates, [[[121, 95], [121.1, 31], [121.1, 31.1], [121, 95]]]] } },
        ],
      }
      const res = await call("PUT", "/api/v1/regions/310118/boundary", { token: "admin", body: bad })
      expect(res.status).toBe(422)
      expect(res.body.error.details).toHaveLength(1)
      expect(res.body.error.details[0].where).toBe("feature 1, polygon 1, ring 0, position 0")
      expect(res.body.error.details[0].message).toContain("[121, 95] is not a WGS84 longitude/latitude")
      expect(res.body.error.message).toContain("nothing was stored")
    })

    it("lets only an admin write: 403 for a reviewer token, 401 without a token; 400 for a group, 404 for an unknown region, 415 for text", async () => {
      expect((await call("PUT", "/api/v1/regions/310118/boundary", { token: "reviewer", body: SQUARES["310118"] })).status).toBe(403)
      expect((await call("PUT", "/api/v1/regions/310118/boundary", { body: SQUARES["310118"] })).status).toBe(401)
      expect((await call("DELETE", "/api/v1/regions/310118/boundary", { token: "reviewer" })).status).toBe(403)
      const group = await call("PUT", "/api/v1/regions/DEMO-ZONE/boundary", { token: "admin", body: SQUARES["310118"] })
      expect([group.status, group.body.error.message]).toEqual([400, "DEMO-ZONE is a group, not a region; register the boundary of each member instead (310118, 320509, 330421)"])
      expect((await call("PUT", "/api/v1/regions/999999/boundary", { token: "admin", body: SQUARES["310118"] })).status).toBe(404)
      expect((await call("PUT", "/api/v1/regions/310118/boundary", { token: "admin", body: "x", type: "text/plain" })).status).toBe(415)
    })

    it("stores, replaces, simplifies for display, returns and deletes a boundary", async () => {
      // a square with a collinear midpoint on its south edge: 6 positions, 5 after simplification
      const withMidpoint = { type: "Polygon", coordinates: [[[120.9, 31.05], [120.975, 31.05], [121.05, 31.05], [121.05, 31.2], [120.9, 31.2], [120.9, 31.05]]] }
      const first = await call("PUT", "/api/v1/regions/310118/boundary", { token: "admin", body: { type: "Feature", properties: {}, geometry: withMidpoint } })
      expect(first.status).toBe(201)
      expect(first.body.properties).toMatchObject({ code: "310118", vertices: 6, displayVertices: 5, updatedBy: "admin-office" })
      const simplified = [[120.9, 31.05], [121.05, 31.05], [121.05, 31.2], [120.9, 31.2], [120.9, 31.05]]
      expect(first.body.geometry.coordinates).toEqual([[simplified]])
      const full = await call("GET", "/api/v1/regions/310118/boundary")
      expect(full.body.geometry.coordinates).toEqual([withMidpoint.coordinates])
      expect((await call("GET", "/api/v1/regions/310118/boundary?display=true")).body.geometry.coordinates).toEqual([[simplified]])
      expect((await call("PUT", "/api/v1/regions/310118/boundary", { token: "admin", body: SQUARES["310118"] })).status).toBe(200)
      expect((await call("DELETE", "/api/v1/regions/310118/boundary", { token: "admin" })).status).toBe(204)
      expect((await call("GET", "/api/v1/regions/310118/boundary")).status).toBe(404)
      const audit = await call("GET", "/api/v1/audit?action=boundary.put", { token: "admin" })
      expect(audit.body.entries.map((e: any) => e.targets)).toEqual([["boundary/310118"], ["boundary/310118"]])
    })

    it("shows the Demonstration Zone overview with the matrix alone until boundaries are registered, then the map", async () => {
      const before = await call("GET", "/reports/DEMO-ZONE/2025/overview?lang=en")
      expect(before.status).toBe(200)
      expect(before.body).toContain('<table class="overview">')
      expect(before.body).not.toContain('class="choropleth"')
      for (const [code, geometry] of Object.entries(SQUARES)) {
        expect((await call("PUT", `/api/v1/regions/${code}/boundary`, { token: "admin", body: geometry })).status).toBe(201)
      }
      const page = await call("GET", "/reports/DEMO-ZONE/2025/overview?lang=en&map=ecology.forest-coverage")
      // The plan's targets are the zone's, so each member is judged by its own rate (Open SDG without a target):
      // Qingpu 0.20 -> 0.21 is +5%/yr (>= 1%: substantial), Wujiang 0.16 -> 0.15 is -6.25%/yr (deterioration);
      // Jiashan has no value. Fills follow the statuses; the matrix cells say the same.
      const fills = [...page.body.matchAll(/<path class="area ([a-z-]+)" data-code="(\d+)"/g)].map((m: RegExpMatchArray) => [m[2], m[1]])
      expect(fills).toEqual([
        ["310118", "m-substantial"],
        ["320509", "m-deterioration"],
        ["330421", "m-missing"],
      ])
      expect([statusIn(page.body, "310118"), statusIn(page.body, "320509"), statusIn(page.body, "330421")]).toEqual(["substantial", "deterioration", "missing"])
      expect(page.body).toContain('<path class="area m-missing" data-code="330421" d="M210.3 536L429.7 536L429.7 280L210.3 280Z">')
      expect(page.body).toMatch(/<td class="cell c-[a-z-]+"><a href="\/reports\/320509\/2025\?lang=en#ind-ecology\.forest-coverage">.*<span class="vh">worse than 2024<\/span>/)
      expect(page.body).toMatch(/<td class="cell c-[a-z-]+"><a href="\/reports\/310118\/2025\?lang=en#ind-ecology\.forest-coverage">.*<span class="vh">better than 2024<\/span>/)
      const byValue = await call("GET", "/reports/DEMO-ZONE/2025/overview?lang=zh&map=ecology.forest-coverage&mapBy=value")
      expect(byValue.body).toContain('<path class="area mv-4" data-code="310118"')
      expect(byValue.body).toContain('<path class="area mv-0" data-code="320509"')
      const report = await call("GET", "/reports/DEMO-ZONE/2025?lang=en")
      expect(report.body).toContain('<section id="overview" aria-labelledby="overview-h">')
      expect(report.body).toContain('<a href="/reports/DEMO-ZONE/2025/overview?lang=en">Open the overview and map</a>')
    })

    it("gives a parent region the overview of its children (YRD: the four provinces)", async () => {
      const page = await call("GET", "/reports/YRD/2025/overview?lang=en")
      expect(page.status).toBe(200)
      const rows = [...page.body.matchAll(/<tr><th scope="row"><a href="\/reports\/(\d+)\/2025\?lang=en">/g)].map((m: RegExpMatchArray) => m[1])
      expect(rows).toEqual(["310000", "320000", "330000", "340000"])
      expect(page.body).toContain("<h1>Yangtze River Delta: overview of the regions within, 2025</h1>")
      expect([statusOf(page.body, "320000", "ecology.forest-coverage"), statusOf(page.body, "310000", "ecology.forest-coverage")]).toEqual(["insufficient-data", "missing"])
    })

    it("answers a bad map choice with 400 naming the choices, and a region without children with 400", async () => {
      const bad = await call("GET", "/reports/DEMO-ZONE/2025/overview?map=beauty.nope")
      expect(bad.status).toBe(400)
      expect(bad.body.error.message).toContain("these are: ecology.forest-coverage")
      expect((await call("GET", "/reports/DEMO-ZONE/2025/overview?mapBy=colour")).status).toBe(400)
      expect((await call("GET", "/reports/310118/2025/overview")).status).toBe(400)
    })
  })
}

/** The status class of a member's cell in the matrix (`none` when there is no such cell). */
const statusOf = (html: string, code: string, indicator: string): string =>
  new RegExp(`<td class="cell c-([a-z-]+)"><a href="/reports/${code}/2025\\?lang=en#ind-${indicator.replace(".", "\\.")}">`).exec(html)?.[1] ?? "none"
const statusIn = (html: string, code: string): string => statusOf(html, code, "ecology.forest-coverage")

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true })
})

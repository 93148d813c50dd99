/**
 * `GET /api/v1/overview/{indicator}/{year}`: one indicator across a level's regions, from the evaluations kept warm,
 * on every backend. The YRD reference set has three counties: Qingpu (310118), Wujiang (320509), Jiashan (330421).
 */
import { WarmEvaluations } from "@tijian/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"
import { BACKENDS, postgresSkipped } from "./backends.js"

const GREEN = "beauty.green-expansion"

for (const backend of BACKENDS) {
  describe(`the overview of one indicator: ${backend.name}`, () => {
    let runtime: AppRuntime
    let app: ReturnType<typeof makeApp>
    let admin = ""
    let clock = new Date("2024-03-01T00:00:00.000Z")

    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: builtinPlugins })
      await runOrThrow(runtime, seedReferenceData("2024-01-01T00:00:00.000Z"))
      admin = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2024-01-01T00:00:00.000Z")))).token
      app = makeApp(runtime, { now: () => clock })
    })

    afterAll(async () => {
      await runtime.dispose()
    })

    const write = (observations: ReadonlyArray<Record<string, unknown>>) =>
      app.request("/api/v1/observations", {
        method: "POST",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: JSON.stringify({ observations }),
      })
    const stats = () => runOrThrow(runtime, Effect.map(WarmEvaluations.WarmEvaluations, (w) => w.stats()))

    it("lists every county's value, status, progress and trend; answers warm; a write shows at once; 304 while unchanged", async () => {
      const green = (region: string, year: number, value: number, revision?: number) => ({ indicator: GREEN, region, year, value, ...(revision ? { revision } : {}) })
      expect((await write([green("310118", 2021, 68), green("310118", 2022, 70), green("320509", 2022, 75)])).status).toBe(201)
      const first = await app.request(`/api/v1/overview/${GREEN}/2022`)
      expect(first.status).toBe(200)
      const body = (await first.json()) as { level: string; asOf: string; rows: Array<{ region: string; value: number | null; status: string; trend: unknown }>; counts: { regions: number; withValue: number } }
      expect(body.level).toBe("county")
      expect(body.asOf).toBe("2024-03-01T00:00:00.000Z")
      expect(body.rows.map((r) => [r.region, r.value])).toEqual([["310118", 70], ["320509", 75], ["330421", null]])
      expect(body.rows[0]!.status).toBe("ok")
      expect(body.rows[0]!.trend).toEqual([{ year: 2021, value: 68 }, { year: 2022, value: 70 }])
      expect(body.counts).toMatchObject({ regions: 3, withValue: 2 })
      const etag = first.headers.get("etag")!
      const cold = await stats()

      // answered warm: nothing evaluated again, the same bytes, and a 304 for the tag
      const again = await app.request(`/api/v1/overview/${GREEN}/2022`, { headers: { "if-none-match": etag } })
      expect(again.status).toBe(304)
      expect((await stats()).evaluated).toBe(cold.evaluated)
      // the live report of a county reads its kept evaluation too
      const report = (await (await app.request("/api/v1/reports/310118/2022")).json()) as { provenance: { asOf: string } }
      expect(report.provenance.asOf).toBe("2024-03-01T00:00:00.000Z")
      expect(await stats()).toMatchObject({ evaluated: cold.evaluated, warm: cold.warm + 3 + 1 })

      clock = new Date("2024-03-02T00:00:00.000Z")
      expect((await write([green("320509", 2022, 77, 1)])).status).toBe(201)
      const after = await app.request(`/api/v1/overview/${GREEN}/2022`, { headers: { "if-none-match": etag } })
      expect(after.status).toBe(200)
      expect(((await after.json()) as typeof body).rows.map((r) => r.value)).toEqual([70, 77, null])
      // only Wujiang's county report was evaluated again
      expect((await stats()).evaluated).toBe(cold.evaluated + 1)
    })

    it("lists provinces with level=province; 404 for an unknown indicator; 400 for a bad year or level", async () => {
      const provinces = (await (await app.request(`/api/v1/overview/${GREEN}/2022?level=province`)).json()) as { rows: Array<{ region: string }> }
      expect(provinces.rows.map((r) => r.region)).toEqual(["310000", "320000", "330000", "340000"])
      const unknown = await app.request("/api/v1/overview/beauty.nope/2022")
      expect(unknown.status).toBe(404)
      expect(await unknown.json()).toEqual({ error: { code: "not-found", message: 'no indicator has id "beauty.nope"; see GET /api/v1/indicators' } })
      const year = await app.request(`/api/v1/overview/${GREEN}/20x2`)
      expect(year.status).toBe(400)
      const level = await app.request(`/api/v1/overview/${GREEN}/2022?level=village`)
      expect(level.status).toBe(400)
      expect(((await level.json()) as { error: { message: string } }).error.message).toBe('level must be one of region, province, city, county, not "village"')
    })
  })
}

if (postgresSkipped) it.skip(postgresSkipped, () => {})

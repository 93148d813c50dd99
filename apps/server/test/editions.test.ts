import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

import { BACKENDS, postgresSkipped } from "./backends.js"

for (const backend of BACKENDS) {
  describe(backend.name, () => {
    let clock = new Date("2024-02-20T00:00:00.000Z")
    let runtime: AppRuntime
    let app: ReturnType<typeof makeApp>
    let admin = ""

    const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
      const res = await app.request(path, {
        method,
        headers: { authorization: `Bearer ${admin}`, ...(body ? { "content-type": "application/json" } : {}), ...headers },
        ...(body ? { body: JSON.stringify(body) } : {}),
      })
      return { status: res.status, text: await res.text() }
    }

    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: builtinPlugins })
      await runOrThrow(runtime, seedReferenceData("2024-01-01T00:00:00.000Z"))
      admin = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2024-01-01T00:00:00.000Z")))).token
      app = makeApp(runtime, { now: () => clock })
    })
    afterAll(() => runtime.dispose())

    describe("report editions over HTTP", () => {
      it("publishes the YRD 2022 report; edition 1 stays byte-identical after a revision; the diff names the value", async () => {
        const first = await call("POST", "/api/v1/reports/YRD/2022/publish")
        expect(first.status).toBe(201)
        expect(JSON.parse(first.text)).toMatchObject({ scope: "YRD", year: 2022, edition: 1, publishedBy: "yrd-office", asOf: "2024-01-01T00:00:00.000Z" })
        const again = await call("POST", "/api/v1/reports/YRD/2022/publish")
        expect(again.status).toBe(409)
        const edition1 = await call("GET", "/api/v1/reports/YRD/2022/editions/1")
        expect(JSON.parse(edition1.text).provenance.contentHash).toBe(JSON.parse(first.text).contentHash)

        clock = new Date("2024-03-01T00:00:00.000Z")
        const revise = await call(
          "PUT",
          "/api/v1/observations/beauty.green-expansion/YRD/2022",
          { value: 81.5, note: "revised survey" },
          { "if-match": '"1"' },
        )
        expect(revise.status).toBe(200)
        expect((await call("GET", "/api/v1/reports/YRD/2022/editions/1")).text).toBe(edition1.text)
        const second = await call("POST", "/api/v1/reports/YRD/2022/publish")
        expect(JSON.parse(second.text).edition).toBe(2)
        const list = JSON.parse((await call("GET", "/api/v1/reports/YRD/2022/editions")).text)
        expect(list.editions.map((e: any) => e.edition)).toEqual([1, 2])

        const diff = JSON.parse((await call("GET", "/api/v1/reports/YRD/2022/editions/1/diff/2")).text)
        // green expansion 80.98 -> 81.5; the equal-weight composite moves by (81.5 - 80.98) / 4 = 0.13: 80.8975 -> 81.0275
        const changed = diff.values.map((v: any) => [v.indicator, v.from, v.to])
        expect(changed[0]).toEqual(["beauty.composite", 80.8975, 81.0275].map((x) => (typeof x === "number" ? expect.closeTo(x, 10) : x)))
        expect(changed[1]).toEqual(["beauty.green-expansion", 80.98, 81.5])
        expect(diff.revisionsAdded).toEqual(["beauty.green-expansion/YRD/2022/r2"])
        expect((await call("GET", "/api/v1/reports/YRD/2022/editions/7")).status).toBe(404)
        expect((await call("GET", "/api/v1/reports/YRD/2022/editions/x")).status).toBe(400)
      })

      it("lets only admins publish", async () => {
        const res = await app.request("/api/v1/reports/YRD/2022/publish", { method: "POST" })
        expect(res.status).toBe(401)
      })
    })

  })
}

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs these API tests on PostgreSQL", () => {}))

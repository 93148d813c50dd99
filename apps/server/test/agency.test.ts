import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"

import { BACKENDS, postgresSkipped } from "./backends.js"

for (const backend of BACKENDS) {
  describe(backend.name, () => {
    let clock = new Date("2025-03-01T00:00:00.000Z")
    let runtime: AppRuntime
    let app: ReturnType<typeof makeApp>
    const tokens: Record<string, string> = {}

    const tokenFor = async (name: string, spec: Parameters<TokenStore["Type"]["create"]>[0], revoke = false) => {
      const { token, info } = await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec, "2025-01-01T00:00:00.000Z")))
      if (revoke) await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.revoke(info.id, "2025-02-01T00:00:00.000Z")))
      tokens[name] = token
    }

    const call = async (method: string, path: string, options: { token?: string; body?: unknown; headers?: Record<string, string> } = {}) => {
      const headers: Record<string, string> = { ...options.headers }
      if (options.token) headers.authorization = `Bearer ${tokens[options.token] ?? options.token}`
      if (options.body !== undefined) headers["content-type"] ??= "application/json"
      const res = await app.request(path, {
        method,
        headers,
        ...(options.body !== undefined ? { body: typeof options.body === "string" ? options.body : JSON.stringify(options.body) } : {}),
      })
      return { status: res.status, etag: res.headers.get("etag"), body: (await res.json()) as any }
    }

    const area = (region: string, value: number, extra: Record<string, unknown> = {}) => ({
      indicator: "ecology.redline-area-km2",
      region,
      year: 2023,
      value,
      source: "2023 land survey",
      ...extra,
    })

    const count = async () => (await call("GET", "/api/v1/observations")).body.observations.length

    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: builtinPlugins })
      app = makeApp(runtime, { now: () => clock })
      await tokenFor("admin", { role: "admin", agency: "yrd-office" })
      await tokenFor("suzhou", { role: "agency", agency: "suzhou-bureau", region: "320500" })
      await tokenFor("reviewer", { role: "reviewer", agency: "expert-panel" })
      await tokenFor("revoked", { role: "agency", agency: "old", region: "320500" }, true)
      await tokenFor("expired", { role: "agency", agency: "old", region: "320500", expiresAt: "2025-02-01T00:00:00.000Z" })
      await tokenFor("beautyOnly", { role: "agency", agency: "suzhou-stats", region: "320500", plugins: ["beauty"] })
    })

    afterAll(() => runtime.dispose())

    describe("scopes: a Suzhou (Jiangsu) agency token", () => {
      it("writes 320500 and its district Wujiang 320509", async () => {
        const res = await call("POST", "/api/v1/observations", { token: "suzhou", body: { observations: [area("320500", 12.5), area("320509", 30.25)] } })
        expect(res.status).toBe(201)
        expect(res.body.stored.map((o: any) => [o.id, o.agency, o.etag])).toEqual([
          ["ecology.redline-area-km2/320500/2023/r1", "suzhou-bureau", '"1"'],
          ["ecology.redline-area-km2/320509/2023/r1", "suzhou-bureau", '"1"'],
        ])
      })

      it("gets 403 for Suzhou (Anhui) 341300 and Jiashan 330421, naming each row, and stores nothing", async () => {
        const before = await count()
        const res = await call("POST", "/api/v1/observations", {
          token: "suzhou",
          body: { observations: [area("320500", 13, { year: 2024 }), area("341300", 5), area("330421", 7)] },
        })
        expect(res.status).toBe(403)
        expect(res.body.error.details).toEqual([
          { index: 1, field: "region", message: "this token writes 320500 (Suzhou (Jiangsu)) and the regions within it, not 341300 (Suzhou (Anhui))" },
          { index: 2, field: "region", message: "this token writes 320500 (Suzhou (Jiangsu)) and the regions within it, not 330421 (Jiashan County)" },
        ])
        expect(await count()).toBe(before)
      })

      it("cannot write the Demonstration Zone group, whose members span three provinces", async () => {
        expect((await call("POST", "/api/v1/observations", { token: "suzhou", body: { observations: [area("DEMO-ZONE", 143)] } })).status).toBe(403)
        expect((await call("POST", "/api/v1/observations", { token: "admin", body: { observations: [area("DEMO-ZONE", 143.5)] } })).status).toBe(201)
      })

      it("limits a token to its plugins", async () => {
        const res = await call("POST", "/api/v1/observations", { token: "beautyOnly", body: { observations: [area("320500", 1, { year: 2021 })] } })
        expect(res.status).toBe(403)
        expect(res.body.error.details[0].message).toBe("this token writes the plugins beauty, not ecology (ecology.redline-area-km2)")
      })
    })

    describe("authentication", () => {
      const write = (token?: string) => call("POST", "/api/v1/observations", { ...(token ? { token } : {}), body: { observations: [area("320500", 1, { year: 2020 })] } })
      it("401 without a token, with a malformed, revoked or expired one; 403 for a reviewer", async () => {
        expect((await write()).status).toBe(401)
        const malformed = await write("not-a-token")
        expect([malformed.status, malformed.body.error.message]).toEqual([401, "the bearer token is malformed; tokens look like tj_<16 hex>_<43 characters>"])
        const forged = await write(tokens.suzhou!.slice(0, -4) + "AAAA")
        expect([forged.status, forged.body.error.code]).toEqual([401, "unauthorized"])
        expect((await write("revoked")).body.error.message).toBe("the bearer token was revoked; ask an admin for a new one")
        expect((await write("expired")).body.error.message).toBe("the bearer token has expired; ask an admin for a new one")
        const reviewer = await write("reviewer")
        expect([reviewer.status, reviewer.body.error.message]).toEqual([403, "a reviewer token may not do this; it needs an agency or admin token"])
      })
    })

    describe("revisions", () => {
      it("refuses to overwrite silently: an existing cell without a revision is a 409", async () => {
        const res = await call("POST", "/api/v1/observations", { token: "suzhou", body: { observations: [area("320500", 12.75)] } })
        expect(res.status).toBe(409)
        expect(res.body.error.message).toContain("is at revision 1, not 0")
      })

      it("leaves a value equal to the current one alone (sending the same file twice changes nothing)", async () => {
        const res = await call("POST", "/api/v1/observations", { token: "suzhou", body: { observations: [area("320500", 12.5)] } })
        expect([res.status, res.body.stored.length, res.body.unchanged]).toEqual([201, 0, 1])
      })

      it("names the caller's row in a conflict even when earlier rows were unchanged", async () => {
        const res = await call("POST", "/api/v1/observations", {
          token: "suzhou",
          body: { observations: [area("320500", 12.5), area("320509", 30.5, { revision: 7 })] },
        })
        expect(res.status).toBe(409)
        expect(res.body.error.message).toMatch(/^row 1: ecology.redline-area-km2 for 320509 in 2023 is at revision 1, not 7/)
      })

      it("revises with If-Match (RFC 9110): 428 without it, 412 when stale, 200 with the current ETag", async () => {
        const path = "/api/v1/observations/ecology.redline-area-km2/320500/2023"
        const current = await call("GET", path)
        expect([current.status, current.etag, current.body.value]).toEqual([200, '"1"', 12.5])
        const missing = await call("PUT", path, { token: "suzhou", body: { value: 12.8 } })
        expect([missing.status, missing.body.error.code]).toEqual([428, "precondition-required"])
        clock = new Date("2025-03-02T00:00:00.000Z")
        const ok = await call("PUT", path, { token: "suzhou", body: { value: 12.8, note: "survey correction" }, headers: { "if-match": '"1"' } })
        expect([ok.status, ok.etag, ok.body.revision]).toEqual([200, '"2"', 2])
        const stale = await call("PUT", path, { token: "suzhou", body: { value: 12.9 }, headers: { "if-match": '"1"' } })
        expect([stale.status, stale.body.error.code, stale.body.error.details]).toEqual([412, "precondition-failed", { etag: '"2"' }])
        expect(stale.body.error.message).toBe(
          'ecology.redline-area-km2 for 320500 in 2023 is at revision 2 (ETag "2"), which If-Match does not name; read it again and resend your change with If-Match: "2"',
        )
      })

      it("If-Match per RFC 9110: opaque and weak tags 412, lists and * match, garbage 400, the JSON write alike", async () => {
        const path = "/api/v1/observations/ecology.redline-area-km2/320500/2021"
        // * on a cell without a value fails: there is nothing to match
        const none = await call("PUT", path, { token: "suzhou", body: { value: 12 }, headers: { "if-match": "*" } })
        expect([none.status, none.body.error.details]).toEqual([412, { etag: null }])
        expect((await call("PUT", path, { token: "suzhou", body: { value: 12 } })).status).toBe(201)
        expect((await call("PUT", path, { token: "suzhou", body: { value: 12.1 }, headers: { "if-match": '"1"' } })).etag).toBe('"2"')
        // an opaque tag that names nothing is a 412 (not a 400); a weak tag never matches (strong comparison)
        for (const tag of ['"stale-etag"', 'W/"2"', '"1", W/"2"']) {
          const res = await call("PUT", path, { token: "suzhou", body: { value: 12.9 }, headers: { "if-match": tag } })
          expect([tag, res.status, res.body.error.details]).toEqual([tag, 412, { etag: '"2"' }])
        }
        // only a header that is not a list of quoted tags is a 400
        const garbage = await call("PUT", path, { token: "suzhou", body: { value: 12.9 }, headers: { "if-match": "2" } })
        expect([garbage.status, garbage.body.error.code]).toEqual([400, "bad-request"])
        // a list naming the current tag matches; * matches any current value
        const listed = await call("PUT", path, { token: "suzhou", body: { value: 12.9 }, headers: { "if-match": '"7", "2"' } })
        expect([listed.status, listed.etag]).toEqual([200, '"3"'])
        const any = await call("PUT", path, { token: "suzhou", body: { value: 13 }, headers: { "if-match": "*" } })
        expect([any.status, any.etag]).toEqual([200, '"4"'])
        // the single-row JSON write follows the same rule
        const row = { indicator: "ecology.redline-area-km2", region: "320500", year: 2021, value: 13.1 }
        const post = await call("POST", "/api/v1/observations", { token: "suzhou", body: { observations: [row] }, headers: { "if-match": '"3"' } })
        expect([post.status, post.body.error.details]).toEqual([412, { etag: '"4"' }])
        const posted = await call("POST", "/api/v1/observations", { token: "suzhou", body: { observations: [row] }, headers: { "if-match": '"4"' } })
        expect([posted.status, posted.body.stored[0].revision]).toEqual([201, 5])
      })

      it("keeps every revision readable with who, when and source, and reads the past with asOf", async () => {
        const history = await call("GET", "/api/v1/observations/ecology.redline-area-km2/320500/2023/history")
        expect(history.body.revisions.map((r: any) => [r.revision, r.value, r.agency, r.submittedAt, r.source, r.note])).toEqual([
          [1, 12.5, "suzhou-bureau", "2025-03-01T00:00:00.000Z", "2023 land survey", null],
          [2, 12.8, "suzhou-bureau", "2025-03-02T00:00:00.000Z", "registered via the tijian API", "survey correction"],
        ])
        const past = await call("GET", "/api/v1/observations?indicator=ecology.redline-area-km2&region=320500&asOf=2025-03-01T12:00:00%2B08:00")
        expect(past.body.observations.map((o: any) => o.value)).toEqual([12.5])
        const now = await call("GET", "/api/v1/observations?indicator=ecology.redline-area-km2&region=320500,320509&year=2023")
        expect(now.body.observations.map((o: any) => [o.region, o.value])).toEqual([["320500", 12.8], ["320509", 30.25]])
      })
    })

    describe("bad input", () => {
      it("422 names every bad row and field; nothing is stored", async () => {
        const before = await count()
        const res = await call("POST", "/api/v1/observations", {
          token: "suzhou",
          body: { observations: [area("320500", 1, { year: 2019 }), { ...area("320500", 2), value: "12,5" }, area("320599", 3, { year: 2019 }), area("320500", -4, { year: 2018 })] },
        })
        expect(res.status).toBe(422)
        expect(res.body.error.details.map((p: any) => [p.index, p.field])).toEqual([[1, "value"]])
        const semantic = await call("POST", "/api/v1/observations", {
          token: "admin",
          body: { observations: [area("320500", 1, { year: 2019 }), area("320599", 3, { year: 2019 }), area("320500", -4, { year: 2018 })] },
        })
        expect(semantic.status).toBe(422)
        expect(semantic.body.error.details).toEqual([
          { index: 1, field: "region", message: 'unknown region code "320599"; did you mean "320509"? (regions are identified by GB/T 2260 code, e.g. 320500)' },
          { index: 2, field: "value", message: "-4 is outside the valid range 0..∞ of ecology.redline-area-km2 (km²)" },
        ])
        expect(await count()).toBe(before)
      })

      it("422 for the same cell twice in one batch, naming both; 415 for a non-JSON body; 400 for broken JSON", async () => {
        const dup = await call("POST", "/api/v1/observations", { token: "suzhou", body: { observations: [area("320500", 1, { year: 2017 }), area("320500", 2, { year: 2017 })] } })
        expect(dup.body.error.details).toEqual([{ index: 1, field: "indicator", message: "ecology.redline-area-km2 for 320500 in 2017 is already given at index 0" }])
        expect((await call("POST", "/api/v1/observations", { token: "suzhou", body: "a,b", headers: { "content-type": "text/plain" } })).status).toBe(415)
        expect((await call("POST", "/api/v1/observations", { token: "suzhou", body: "{oops" })).status).toBe(400)
      })
    })

    describe("year locks", () => {
      it("admin locks 2023: writes get 409 saying so; agencies cannot lock; unlock with a reason reopens it", async () => {
        expect((await call("POST", "/api/v1/years/2023/lock", { token: "suzhou", body: { reason: "mine" } })).status).toBe(403)
        expect((await call("POST", "/api/v1/years/2023/lock", { token: "admin", body: {} })).status).toBe(400)
        const lock = await call("POST", "/api/v1/years/2023/lock", { token: "admin", body: { reason: "2023 report published" } })
        expect([lock.status, lock.body.action, lock.body.actor]).toEqual([201, "lock", "yrd-office"])
        const refused = await call("POST", "/api/v1/observations", { token: "suzhou", body: { observations: [area("320509", 31, { revision: 1 })] } })
        expect(refused.status).toBe(409)
        // the lock is stamped 1 ms after the write before it, made at the same clock time: stamps follow commit order
        // the lock's stamp follows the last write's (stamps only increase), a few milliseconds into the day
        expect(refused.body.error.message).toMatch(/2023 is locked \(published\) since 2025-03-02T00:00:00\.0\d\dZ by yrd-office \("2023 report published"\)/)
        expect((await call("GET", "/api/v1/years")).body).toEqual({ locked: [2023] })
        expect((await call("POST", "/api/v1/years/2023/unlock", { token: "admin", body: { reason: "Wujiang correction" } })).status).toBe(201)
        const ok = await call("POST", "/api/v1/observations", { token: "suzhou", body: { observations: [area("320509", 31, { revision: 1 })] } })
        expect(ok.status).toBe(201)
        expect((await call("GET", "/api/v1/years/2023")).body.events.map((e: any) => e.action)).toEqual(["lock", "unlock"])
      })
    })

    describe("targets", () => {
      it("lists the targets for an indicator in a region, including those for every region", async () => {
        const res = await call("GET", "/api/v1/targets?indicator=ecology.redline-area-km2&region=DEMO-ZONE")
        expect(res.body.targets.map((t: any) => [t.value, t.dueYear, t.binding])).toEqual([[143.32, 2035, true]])
        expect((await call("GET", "/api/v1/targets?indicator=beauty.growth&region=320500")).body.targets.map((t: any) => t.scope)).toEqual(["*"])
        expect((await call("GET", "/api/v1/targets?region=999")).status).toBe(404)
      })
    })

  })
}

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs these API tests on PostgreSQL", () => {}))

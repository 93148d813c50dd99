/**
 * The audit log: every write, lock, unlock, token creation and revocation is recorded with who, what and when,
 * in the same transaction as the change; admins read it with GET /api/v1/audit; nothing can change it.
 */
import { Database, ObservationStore } from "@tijian/core"
import { Effect, Schema } from "effect"
import { readdirSync, readFileSync, statSync } from "node:fs"
import { join } from "node:path"
import { sql } from "kysely"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { type AuditEntry, CLI_ACTOR } from "../src/audit/AuditLog.js"
import { withAuditedStore } from "../src/audit/auditedStore.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { AuditPage } from "../src/routes/audit.js"
import { runOrThrow } from "../src/runtime.js"
import { AUDIT_APPEND_ONLY } from "../src/storage/migrations.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { HARNESS_NOW, type Harness, makeHarness } from "./reliability/harness.js"

const area = (region: string, year: number, value: number, extra: Record<string, unknown> = {}) => ({
  indicator: "ecology.redline-area-km2",
  region,
  year,
  value,
  source: "land survey",
  ...extra,
})

const srcFiles = (dir: string): Array<string> =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    return statSync(path).isDirectory() ? srcFiles(path) : path.endsWith(".ts") ? [path] : []
  })

for (const backend of BACKENDS) {
  describe(`audit log (${backend.name})`, () => {
    let h: Harness
    const audit = async (query = "") => {
      const res = await h.call("GET", `/api/v1/audit${query}`, { token: "admin" })
      expect(res.status).toBe(200)
      // the Schema the OpenAPI document can use names every field
      expect(() => Schema.decodeUnknownSync(AuditPage, { onExcessProperty: "error" })(res.json)).not.toThrow()
      return res.json as { entries: Array<AuditEntry>; next: number | null }
    }

    beforeAll(async () => {
      h = await makeHarness(backend)
    })
    afterAll(() => h.dispose())

    it("records the harness's token creations and the revocation, by the local CLI, without secret or hash", async () => {
      const { entries } = await audit()
      expect(entries.map((e) => [e.seq, e.action, e.targets, e.actor])).toEqual([
        [1, "token.create", [h.tokenIds.admin], CLI_ACTOR],
        [2, "token.create", [h.tokenIds.reviewer], CLI_ACTOR],
        [3, "token.create", [h.tokenIds.suzhouJs], CLI_ACTOR],
        [4, "token.create", [h.tokenIds.suzhouAh], CLI_ACTOR],
        [5, "token.create", [h.tokenIds.revoked], CLI_ACTOR],
        [6, "token.revoke", [h.tokenIds.revoked], CLI_ACTOR],
        [7, "token.create", [h.tokenIds.expired], CLI_ACTOR],
        [8, "token.create", [h.tokenIds.jiangsuApprover], CLI_ACTOR],
      ])
      expect(entries[2]!.details).toEqual({ role: "agency", agency: "suzhou-bureau", region: "320500", plugins: null, expiresAt: null })
      expect([entries[5]!.at, entries[6]!.details.expiresAt]).toEqual(["2025-01-15T00:00:00.000Z", "2025-02-01T00:00:00.000Z"])
      const text = JSON.stringify(entries)
      const db = (await runOrThrow(h.runtime, Database.Database)).db as any
      const hashes: Array<{ secret_sha256: string }> = await db.selectFrom("api_tokens").select("secret_sha256").execute()
      for (const { secret_sha256 } of hashes) expect(text).not.toContain(secret_sha256)
      for (const token of Object.values(h.tokens)) expect(text).not.toContain(token.slice("tj_0123456789abcdef_".length))
    })

    it("records a JSON write, a PUT revision and a CSV import with token, agency, revision ids, counts and time", async () => {
      // the harness clock stands still, so the store stamps each write 1 ms after the one before (commit order)
      const first = (await audit()).entries.filter((e) => e.action === "observations.write" || e.action.startsWith("year.")).length
      const stamp = (k: number) => new Date(HARNESS_NOW.getTime() + first + k).toISOString()
      const after = (await audit()).entries.at(-1)!.seq
      expect((await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [area("320500", 2023, 12.5), area("320509", 2023, 30)] } })).status).toBe(201)
      const put = await h.call("PUT", "/api/v1/observations/ecology.redline-area-km2/320500/2023", {
        token: "admin",
        body: { value: 12.75 },
        headers: { "if-match": '"1"' },
      })
      expect(put.status).toBe(200)
      const csv = "indicator,region,year,value\necology.redline-area-km2,320509,2022,29.5\necology.redline-area-km2,320509,2023,30\n"
      const imported = await h.call("POST", "/api/v1/observations/import", { token: "suzhouJs", body: csv, headers: { "content-type": "text/csv" } })
      expect([imported.status, imported.json.stored.length, imported.json.unchanged]).toEqual([201, 1, 1])
      const { entries } = await audit(`?after=${after}`)
      expect(entries.map((e) => [e.action, e.actor, e.targets, e.count, e.details, e.at])).toEqual([
        [
          "observations.write",
          { tokenId: h.tokenIds.suzhouJs, agency: "suzhou-bureau", role: "agency" },
          ["ecology.redline-area-km2/320500/2023/r1", "ecology.redline-area-km2/320509/2023/r1"],
          2,
          { unchanged: 0 },
          stamp(0),
        ],
        ["observations.write", { tokenId: h.tokenIds.admin, agency: "yrd-office", role: "admin" }, ["ecology.redline-area-km2/320500/2023/r2"], 1, { unchanged: 0 }, stamp(1)],
        ["observations.write", { tokenId: h.tokenIds.suzhouJs, agency: "suzhou-bureau", role: "agency" }, ["ecology.redline-area-km2/320509/2022/r1"], 1, { unchanged: 1 }, stamp(2)],
      ])
    })

    it("records lock and unlock with their reasons; records nothing for refused or empty writes", async () => {
      const before = (await audit()).entries.length
      expect((await h.call("POST", "/api/v1/years/2021/lock", { token: "admin", body: { reason: "2021 report published" } })).status).toBe(201)
      expect((await h.call("POST", "/api/v1/years/2021/lock", { token: "admin", body: { reason: "again" } })).status).toBe(409)
      expect((await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [area("320500", 2021, 1)] } })).status).toBe(409)
      expect((await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [area("341300", 2020, 1)] } })).status).toBe(403)
      expect((await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [area("320500", 2020, -1)] } })).status).toBe(422)
      expect((await h.call("POST", "/api/v1/observations", { token: "suzhouJs", body: { observations: [area("320509", 2023, 30)] } })).json.unchanged).toBe(1)
      expect((await h.call("POST", "/api/v1/years/2021/unlock", { token: "admin", body: { reason: "Wujiang correction" } })).status).toBe(201)
      const entries = (await audit()).entries.slice(before)
      expect(entries.map((e) => [e.action, e.targets, e.count, e.details, e.actor.agency])).toEqual([
        ["year.lock", ["year/2021"], 1, { reason: "2021 report published", seq: 1 }, "yrd-office"],
        ["year.unlock", ["year/2021"], 1, { reason: "Wujiang correction", seq: 2 }, "yrd-office"],
      ])
    })

    it("pages with after and limit, and filters by action, agency and token", async () => {
      const all = (await audit()).entries
      const first = await audit("?limit=4")
      expect([first.entries.map((e) => e.seq), first.next]).toEqual([[1, 2, 3, 4], 4])
      const rest = await audit(`?after=4&limit=${all.length}`)
      expect([rest.entries.map((e) => e.seq), rest.next]).toEqual([all.slice(4).map((e) => e.seq), null])
      expect((await audit("?action=year.lock")).entries.map((e) => e.targets)).toEqual([["year/2021"]])
      expect((await audit("?agency=suzhou-bureau")).entries).toHaveLength(2)
      expect((await audit(`?token=${h.tokenIds.admin}`)).entries.map((e) => e.action)).toEqual(["observations.write", "year.lock", "year.unlock"])
      const bad = await h.call("GET", "/api/v1/audit?limit=0", { token: "admin" })
      expect([bad.status, bad.json.error.message]).toEqual([400, 'limit must be a whole number from 1 to 1000, not "0"'])
      expect((await h.call("GET", "/api/v1/audit?action=drop", { token: "admin" })).status).toBe(400)
    })

    it("is readable by admins only", async () => {
      expect((await h.call("GET", "/api/v1/audit")).status).toBe(401)
      for (const token of ["reviewer", "suzhouJs"] as const) expect((await h.call("GET", "/api/v1/audit", { token })).status).toBe(403)
      expect((await h.call("GET", "/api/v1/audit", { token: "revoked" })).status).toBe(401)
    })

    it("cannot be changed through the API: every other method on /audit is a 404, and the content is unchanged", async () => {
      const before = await h.contentHash()
      for (const method of ["POST", "PUT", "PATCH", "DELETE"]) {
        for (const path of ["/api/v1/audit", "/api/v1/audit/1"]) {
          const res = await h.call(method, path, { token: "admin", body: { action: "token.create" } })
          expect([method, path, res.status]).toEqual([method, path, 404])
        }
      }
      expect(await h.contentHash()).toEqual(before)
    })

    it("cannot be changed in the database either: UPDATE, DELETE are refused by triggers", async () => {
      const db = (await runOrThrow(h.runtime, Database.Database)).db as any
      await expect(db.updateTable("audit_log").set({ actor_agency: "someone-else" }).where("seq", "=", 1).execute()).rejects.toThrow(AUDIT_APPEND_ONLY)
      await expect(db.deleteFrom("audit_log").where("seq", "=", 1).execute()).rejects.toThrow(AUDIT_APPEND_ONLY)
      if (backend.name === "PostgreSQL") await expect(sql`TRUNCATE audit_log`.execute(db)).rejects.toThrow(AUDIT_APPEND_ONLY)
      expect((await audit("?limit=1")).entries[0]!.actor).toEqual(CLI_ACTOR)
    })

    it("commits with the change or not at all: a failing audit insert rolls the write back", async () => {
      const revisions = () => runOrThrow(h.runtime, Effect.flatMap(ObservationStore.ObservationStore, (s) => s.countRevisions()))
      const before = await revisions()
      const broken = () => ({ at: HARNESS_NOW.toISOString(), action: "observations.write" as const, actor: { tokenId: null, agency: null as unknown as string, role: null }, targets: [], count: 1 })
      const row = { ...area("320500", 2019, 9), agency: "yrd-office" }
      await expect(runOrThrow(h.runtime, withAuditedStore(broken, (s) => s.append([row], HARNESS_NOW.toISOString())))).rejects.toThrow()
      expect(await revisions()).toBe(before)
      await expect(runOrThrow(h.runtime, withAuditedStore(broken, (s) => s.lockYear(2019, { actor: "x", reason: "y", at: HARNESS_NOW.toISOString() })))).rejects.toThrow()
      expect((await h.call("GET", "/api/v1/years/2019")).json.locked).toBe(false)
    })

    it("a token made for someone records that actor", async () => {
      const actor = { tokenId: h.tokenIds.admin, agency: "yrd-office", role: "admin" }
      const made = await runOrThrow(h.runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "reviewer", agency: "panel-2" }, HARNESS_NOW.toISOString(), actor)))
      const last = (await audit("?action=token.create")).entries.at(-1)!
      expect([last.targets, last.actor]).toEqual([[made.info.id], actor])
    })

    it("records an edition's publication with its as-of time and hash; a refused publication records nothing", async () => {
      const published = await h.call("POST", "/api/v1/reports/320500/2023/publish", { token: "admin" })
      expect(published.status).toBe(201)
      expect((await h.call("POST", "/api/v1/reports/320500/2023/publish", { token: "admin" })).status).toBe(409)
      expect((await h.call("POST", "/api/v1/reports/320500/2023/publish", { token: "suzhouJs" })).status).toBe(403)
      const entries = (await audit("?action=edition.publish")).entries
      expect(entries.map((e) => [e.targets, e.count, e.details, e.actor.agency, e.at])).toEqual([
        [["320500/2023/editions/1"], 1, { asOf: published.json.asOf, contentHash: published.json.contentHash }, "yrd-office", published.json.publishedAt],
      ])
    })
  })
}

describe("the server's code", () => {
  it("has no path that updates or deletes audit entries", () => {
    const offenders = srcFiles(join(import.meta.dirname, "../src")).filter((f) =>
      /(updateTable|deleteFrom)\(\s*["']audit_log["']|(UPDATE|DELETE FROM|TRUNCATE)\s+audit_log/i.test(readFileSync(f, "utf8").replace(/CREATE TRIGGER[\s\S]*?ON audit_log/g, "")),
    )
    expect(offenders).toEqual([])
  })
})

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs the audit tests on PostgreSQL", () => {}))

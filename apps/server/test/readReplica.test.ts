/**
 * A read-only instance over a PostgreSQL streaming replica (issue #20, item 5; docs/scaling.md): the primary takes the
 * writes, a hot standby (`.ci/postgres.sh replica`) replays them, and a server started on it with `TIJIAN_READ_ONLY`
 * serves the same bytes as the primary for a report pinned to an as-of time and for a published edition; its live
 * report follows the primary once the replica has replayed; every write is answered 503 naming the primary, and
 * nothing reaches the database. A server started on the standby without `TIJIAN_READ_ONLY` stops at once, saying how
 * to start it.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import pg from "pg"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freshPostgresDatabase, postgresAvailability } from "@tijian/core/testing"
import { cliInProcess } from "./support/cliInProcess.js"
import { ServerExited, type ServerProcess, startServerProcess, stopServerProcess } from "./support/serverProcess.js"

const primary = postgresAvailability()
const replicaAdminUrl = process.env.TIJIAN_TEST_PG_REPLICA_URL || undefined
if (primary.run && !replicaAdminUrl && process.env.CI) {
  throw new Error("TIJIAN_TEST_PG_REPLICA_URL is not set in CI: the read-replica suite must run (see .ci/run: `bash .ci/postgres.sh replica`)")
}
const skipped = !primary.run ? primary.reason : !replicaAdminUrl ? "read-replica suite skipped: set TIJIAN_TEST_PG_REPLICA_URL (`bash .ci/postgres.sh replica` after `start`)" : undefined

/** The same database on another server: `url`'s path on `admin`'s host and port. */
const onServer = (admin: string, url: string) => {
  const out = new URL(admin)
  out.pathname = new URL(url).pathname
  return out.toString()
}

const one = async <A>(url: string, text: string): Promise<A> => {
  const client = new pg.Client({ connectionString: url })
  await client.connect()
  try {
    return (await client.query(text)).rows[0] as A
  } finally {
    await client.end()
  }
}

/** Waits until the replica has replayed everything the primary had written when called (at most 30 s). */
const caughtUp = async (primaryUrl: string, replicaUrl: string) => {
  const { lsn } = await one<{ lsn: string }>(primaryUrl, "select pg_current_wal_lsn()::text as lsn")
  for (let i = 0; i < 300; i++) {
    const { done } = await one<{ done: boolean }>(replicaUrl, `select pg_last_wal_replay_lsn() >= '${lsn}'::pg_lsn as done`)
    if (done) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`the replica did not replay up to ${lsn} within 30 s`)
}

const get = async (base: string, path: string) => {
  const r = await fetch(`${base}${path}`)
  return { status: r.status, etag: r.headers.get("etag"), body: await r.text() }
}

const redlineOf = (report: string) =>
  JSON.parse(report)
    .sections.flatMap((s: { evaluations: ReadonlyArray<unknown> }) => s.evaluations)
    .find((e: { indicator: string }) => e.indicator === "ecology.redline-area-km2").value

if (skipped) describe("a read-only instance on a PostgreSQL replica", () => it.skip(skipped, () => {}))
else
  describe("a read-only instance on a PostgreSQL replica", () => {
    let dir: string
    let database: string
    let replicaDatabase: string
    let a: ServerProcess | undefined
    let b: ServerProcess | undefined
    let admin: string
    const post = (base: string, path: string, body: unknown) =>
      fetch(`${base}${path}`, { method: "POST", headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" }, body: JSON.stringify(body) })

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "tijian-replica-"))
      database = await freshPostgresDatabase((primary as { url: string }).url)
      replicaDatabase = onServer(replicaAdminUrl!, database)
      a = await startServerProcess(database, dir)
      const cli = cliInProcess(() => ({ env: { DATABASE_URL: database, TIJIAN_CONFIG: "" }, cwd: dir }))
      const made = await cli("tokens", "create", "--role", "admin", "--agency", "yrd-office")
      expect(made.code).toBe(0)
      admin = made.lastLine.trim()
      await caughtUp(database, replicaDatabase)
      b = await startServerProcess(replicaDatabase, dir, { TIJIAN_READ_ONLY: "true", TIJIAN_PRIMARY_URL: a.url })
    }, 180_000)
    afterAll(async () => {
      await Promise.all([stopServerProcess(a), stopServerProcess(b)])
      rmSync(dir, { recursive: true, force: true })
    })

    it("serves the primary's bytes for an as-of report and an edition, and follows its writes", async () => {
      const write = await post(a!.url, "/api/v1/observations", {
        observations: [{ indicator: "ecology.redline-area-km2", region: "320509", year: 2023, value: 30.25, source: "survey" }],
      })
      expect(write.status).toBe(201)
      const asOf = ((await write.json()) as { submittedAt: string }).submittedAt
      const published = await post(a!.url, "/api/v1/reports/320509/2023/publish", {})
      expect(published.status).toBe(201)
      await caughtUp(database, replicaDatabase)

      for (const path of [
        `/api/v1/reports/320509/2023?asOf=${asOf}`,
        `/api/v1/reports/DEMO-ZONE/2023.md?lang=zh&asOf=${asOf}`,
        `/reports/320509/2023?lang=en&asOf=${asOf}`,
        "/api/v1/reports/320509/2023/editions/1",
        "/api/v1/reports/320509/2023/editions",
        "/api/v1/reports/320509/2023", // live: the replica has replayed the write, so the same latest change
      ]) {
        const [fromA, fromB] = await Promise.all([get(a!.url, path), get(b!.url, path)])
        expect([path, fromA.status, fromB.status]).toEqual([path, 200, 200])
        expect(fromB.etag).toBe(fromA.etag)
        expect(fromB.body).toBe(fromA.body)
      }
      expect(redlineOf((await get(b!.url, "/api/v1/reports/320509/2023")).body)).toBe(30.25)

      // a revision on the primary: the replica's kept report follows once replayed, the as-of report does not move
      const before = await get(b!.url, `/api/v1/reports/320509/2023?asOf=${asOf}`)
      const revised = await post(a!.url, "/api/v1/observations", {
        observations: [{ indicator: "ecology.redline-area-km2", region: "320509", year: 2023, value: 30.5, source: "survey", revision: 1 }],
      })
      expect(revised.status).toBe(201)
      await caughtUp(database, replicaDatabase)
      expect(redlineOf((await get(b!.url, "/api/v1/reports/320509/2023")).body)).toBe(30.5)
      expect((await get(b!.url, `/api/v1/reports/320509/2023?asOf=${asOf}`)).body).toBe(before.body)
    }, 120_000)

    it("answers every write 503 naming the primary, and stores nothing", async () => {
      const count = async () => Number((await one<{ n: string }>(database, "select count(*) as n from observations")).n)
      const stored = await count()
      const refused = await post(b!.url, "/api/v1/observations", {
        observations: [{ indicator: "ecology.redline-area-km2", region: "310118", year: 2023, value: 12, source: "survey" }],
      })
      expect(refused.status).toBe(503)
      const body = (await refused.json()) as { error: { code: string; message: string; details: { primaryUrl: string } } }
      expect(body.error.code).toBe("read-only")
      expect(body.error.details.primaryUrl).toBe(a!.url)
      expect(body.error.message).toContain(`send POST /api/v1/observations to the primary instance at ${a!.url}`)
      // an edition, a year lock, without a token: the same answer, before anything is read
      expect((await post(b!.url, "/api/v1/reports/320509/2023/publish", {})).status).toBe(503)
      expect((await fetch(`${b!.url}/api/v1/observations`, { method: "DELETE" })).status).toBe(503)
      await caughtUp(database, replicaDatabase)
      expect(await count()).toBe(stored)
      // reads go on: health and readiness (the replica's schema is current)
      expect((await get(b!.url, "/api/v1/ready")).status).toBe(200)
    }, 60_000)

    it("refuses to start on the standby without TIJIAN_READ_ONLY, saying how", async () => {
      const started = await startServerProcess(replicaDatabase, dir).then(
        async (s) => {
          await stopServerProcess(s)
          return undefined
        },
        (e: unknown) => e,
      )
      expect(started).toBeInstanceOf(ServerExited)
      const { code, output } = started as ServerExited
      expect(code).not.toBe(0)
      expect(output).toContain("is a read-only standby (a replica): set TIJIAN_READ_ONLY=true")
      expect(output).not.toMatch(/\bat [A-Za-z]+ \(|node_modules/) // a message, not a stack trace
    }, 90_000)
  })

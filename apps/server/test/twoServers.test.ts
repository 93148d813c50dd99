/**
 * Several instances on one PostgreSQL (issue #20, item 5; docs/scaling.md): two server processes over the same
 * database serve byte-identical reports (same ETag) for the same as-of time, and each sees the other's writes at
 * once through the write clock (no cache to invalidate between them). PostgreSQL only: SQLite is one process's file.
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freshPostgresDatabase, postgresAvailability } from "@tijian/core/testing"
import { cliInProcess } from "./support/cliInProcess.js"
import { type ServerProcess as Instance, startServerProcess as start, stopServerProcess as stop } from "./support/serverProcess.js"

const pg = postgresAvailability()

if (!pg.run) describe("two servers on one PostgreSQL", () => it.skip(pg.reason, () => {}))
else
  describe("two servers on one PostgreSQL", () => {
    let dir: string
    let database: string
    let a: Instance | undefined
    let b: Instance | undefined
    let admin: string
    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), "tijian-two-"))
      database = await freshPostgresDatabase(pg.url)
      a = await start(database, dir)
      b = await start(database, dir)
      const cli = cliInProcess(() => ({ env: { DATABASE_URL: database, TIJIAN_CONFIG: "" }, cwd: dir }))
      const made = await cli("tokens", "create", "--role", "admin", "--agency", "yrd-office")
      expect(made.code).toBe(0)
      admin = made.lastLine.trim()
    }, 120_000)
    afterAll(async () => {
      await Promise.all([stop(a), stop(b)])
      rmSync(dir, { recursive: true, force: true })
    })

    const get = async (base: string, path: string) => {
      const r = await fetch(`${base}${path}`)
      return { status: r.status, etag: r.headers.get("etag"), body: await r.text() }
    }

    it("serves byte-identical reports for the same as-of, and each sees the other's write at once", async () => {
      const write = await fetch(`${a!.url}/api/v1/observations`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: JSON.stringify({ observations: [{ indicator: "ecology.redline-area-km2", region: "320509", year: 2023, value: 30.25, source: "survey" }] }),
      })
      expect(write.status).toBe(201)
      const asOf = ((await write.json()) as { submittedAt: string }).submittedAt
      // the live report on B already has A's value (B read the write clock; nothing to invalidate)
      const live = JSON.parse((await get(b!.url, "/api/v1/reports/320509/2023")).body)
      const redline = live.sections.flatMap((s: any) => s.evaluations).find((e: any) => e.indicator === "ecology.redline-area-km2")
      expect(redline.value).toBe(30.25)
      for (const path of [`/api/v1/reports/320509/2023?asOf=${asOf}`, `/api/v1/reports/DEMO-ZONE/2023.md?lang=zh&asOf=${asOf}`, `/reports/320509/2023?lang=en&asOf=${asOf}`]) {
        const [fromA, fromB] = await Promise.all([get(a!.url, path), get(b!.url, path)])
        expect([fromA.status, fromB.status]).toEqual([200, 200])
        expect(fromB.etag).toBe(fromA.etag)
        expect(fromB.body).toBe(fromA.body)
      }
      // a later write through B: A's next live report has it, and the as-of report above is unchanged on both
      const before = await get(a!.url, `/api/v1/reports/320509/2023?asOf=${asOf}`)
      const second = await fetch(`${b!.url}/api/v1/observations`, {
        method: "POST",
        headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
        body: JSON.stringify({ observations: [{ indicator: "ecology.redline-area-km2", region: "320509", year: 2023, value: 30.5, source: "survey", revision: 1 }] }),
      })
      expect(second.status).toBe(201)
      const liveA = JSON.parse((await get(a!.url, "/api/v1/reports/320509/2023")).body)
      expect(liveA.sections.flatMap((s: any) => s.evaluations).find((e: any) => e.indicator === "ecology.redline-area-km2").value).toBe(30.5)
      expect((await get(b!.url, `/api/v1/reports/320509/2023?asOf=${asOf}`)).body).toBe(before.body)
    }, 60_000)
  })

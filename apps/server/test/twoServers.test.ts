/**
 * Several instances on one PostgreSQL (issue #20, item 5; docs/scaling.md): two server processes over the same
 * database serve byte-identical reports (same ETag) for the same as-of time, and each sees the other's writes at
 * once through the write clock (no cache to invalidate between them). PostgreSQL only: SQLite is one process's file.
 */
import { type ChildProcess, spawn } from "node:child_process"
import { createRequire } from "node:module"
import { pathToFileURL } from "node:url"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { freshPostgresDatabase, postgresAvailability } from "@tijian/core/testing"
import { cliInProcess } from "./support/cliInProcess.js"

const pg = postgresAvailability()
const root = join(import.meta.dirname, "..")

interface Instance {
  readonly child: ChildProcess
  readonly url: string
}

/** Starts `pnpm start`'s entry point on a free port over `database`; resolves with its address once it listens. */
const start = (database: string, cwd: string): Promise<Instance> =>
  new Promise((resolve, reject) => {
    // tsx resolved from this package, not from the instance's own (empty) folder
    const child = spawn(process.execPath, ["--import", pathToFileURL(createRequire(import.meta.url).resolve("tsx")).href, join(root, "src/main.ts")], {
      cwd,
      env: { ...process.env, TIJIAN_CONFIG: "", PORT: "0", HOST: "127.0.0.1", DATABASE_URL: database, TIJIAN_ACCESS_LOG: "false" },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    const timer = setTimeout(() => reject(new Error(`no server within 60 s: ${out}`)), 60_000)
    const onData = (d: unknown) => {
      out += String(d)
      const listening = /tijian listening on (http:\/\/\S+)/.exec(out)
      if (listening) {
        clearTimeout(timer)
        resolve({ child, url: listening[1]! })
      }
    }
    child.stdout.on("data", onData)
    child.stderr.on("data", onData)
    child.once("exit", (code) => reject(new Error(`the server exited (${code}): ${out}`)))
  })

const stop = (i: Instance | undefined) =>
  new Promise<void>((done) => {
    if (!i || i.child.exitCode !== null) return done()
    i.child.once("exit", () => done())
    i.child.kill("SIGTERM")
  })

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

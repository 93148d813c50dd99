/**
 * Crash safety (slow: `pnpm test:slow`): a server in its own process is killed with SIGKILL while it imports a
 * 1,000,000-row CSV — in the middle of the upload, in the middle of the database transaction, and right after
 * it answered 201 — then restarted. Each time the database holds all of the rows or none (and an audit entry
 * exactly when it holds them all), passes its integrity check (SQLite) or reads back whole (PostgreSQL), and
 * takes new writes. Runs on SQLite and, with TIJIAN_TEST_PG_URL, on PostgreSQL.
 */
import { Database } from "@tijian/core"
import { freshPostgresDatabase, postgresAvailability } from "@tijian/core/testing"
import SqliteDatabase from "better-sqlite3"
import { ManagedRuntime } from "effect"
import { type Kysely, sql } from "kysely"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync, statSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, describe, expect, it } from "vitest"

const ROWS = Number(process.env.TIJIAN_CRASH_ROWS ?? 1_000_000)
const INDICATORS = ["beauty.carbon-reduction", "beauty.pollution-reduction", "beauty.green-expansion", "beauty.growth"]
const REGIONS = 2000
const here = import.meta.dirname
const dir = mkdtempSync(join(tmpdir(), "tijian-crash-"))
const figures = { crashes: 0, restarts: 0, rowsChecked: 0 }

/** Row `n` of the file: 4 indicators x 2,000 generated regions x as many years from 1950 as it takes. */
const row = (n: number) => {
  const indicator = INDICATORS[n % INDICATORS.length]!
  const region = `R${String(Math.floor(n / INDICATORS.length) % REGIONS).padStart(4, "0")}`
  const year = 1950 + Math.floor(n / (INDICATORS.length * REGIONS))
  // a made-up series jumps from year to year: the note confirms each value (else the outlier check asks for one)
  return `${indicator},${region},${year},${((n * 7919) % 10000) / 100},crash test,synthetic series\n`
}

/** The CSV as a stream, made as it is sent; `sent` counts the bytes handed over so far. */
const csvStream = () => {
  const state = { sent: 0, done: false }
  let n = 0
  const encoder = new TextEncoder()
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (n >= ROWS) {
          state.done = true
          return controller.close()
        }
        let text = n === 0 ? "indicator,region,year,value,source,note\n" : ""
        for (const end = Math.min(ROWS, n + 5000); n < end; n++) text += row(n)
        const bytes = encoder.encode(text)
        state.sent += bytes.byteLength
        controller.enqueue(bytes)
      },
    },
    { highWaterMark: 0 },
  )
  return { stream, state }
}

interface Server {
  readonly child: ChildProcess
  readonly url: string
  readonly token: string
}

const start = (database: string): Promise<Server> =>
  new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(here, "crashServer.ts")], {
      cwd: join(here, "../.."),
      env: { ...process.env, TIJIAN_DB: database, TIJIAN_CRASH_REGIONS: String(REGIONS) },
      stdio: ["ignore", "pipe", "inherit"],
    })
    let out = ""
    child.stdout.on("data", (d) => {
      out += String(d)
      const m = /READY (\S+) (\S+)/.exec(out)
      if (m) resolve({ child, url: m[1]!, token: m[2]! })
    })
    child.on("exit", (code, signal) => reject(new Error(`crash server exited (${code ?? signal}) before it was ready: ${out}`)))
  })

const kill9 = async (server: Server) => {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return
  const exited = new Promise((resolve) => server.child.once("exit", resolve))
  server.child.kill("SIGKILL")
  await exited
  figures.crashes++
}

/** Starts the import; resolves with the status (or the network error once the server is gone). */
const upload = (server: Server) => {
  const { stream, state } = csvStream()
  const response = fetch(`${server.url}/api/v1/observations/import`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "text/csv" },
    body: stream,
    duplex: "half",
  }).then(
    async (res) => {
      await res.body?.cancel() // the 201 lists a million revisions; only the status matters here
      return res.status
    },
    (e: unknown) => `network error: ${e instanceof Error ? e.message : String(e)}`,
  )
  return { response, state }
}

const until = async (condition: () => boolean | Promise<boolean>, timeoutMs: number) => {
  const end = Date.now() + timeoutMs
  while (Date.now() < end) {
    if (await condition()) return true
    await new Promise((r) => setTimeout(r, 20))
  }
  return false
}

/** A backend: where its database lives, what it counts, and when its import is inside the write transaction. */
interface Backend {
  readonly name: string
  readonly fresh: () => Promise<string>
  /** Row count of the generated regions, audit entries of a whole import, and whether the data read back whole. */
  readonly inspect: (database: string) => Promise<{ rows: number; audited: number; healthy: boolean; detail: string }>
  /** True while the import's rows are being inserted (the transaction is open). */
  readonly writing: (database: string) => Promise<boolean>
}

const sqlite: Backend = {
  name: "SQLite",
  fresh: async () => join(dir, `crash-${Math.random().toString(36).slice(2)}.sqlite`),
  inspect: async (file) => {
    const db = new SqliteDatabase(file)
    try {
      const check = db.pragma("integrity_check") as Array<{ integrity_check: string }>
      const rows = (db.prepare("select count(*) as n from observations where region like 'R%'").get() as { n: number }).n
      const audited = (db.prepare("select count(*) as n from audit_log where action = 'observations.write' and count = ?").get(ROWS) as { n: number }).n
      const sum = (db.prepare("select count(*) as n, sum(value) as s from observations").get() as { n: number; s: number | null })
      return { rows, audited, healthy: check.length === 1 && check[0]!.integrity_check === "ok", detail: `integrity_check ${JSON.stringify(check)}; ${sum.n} revisions` }
    } finally {
      db.close()
    }
  },
  writing: async (file) => {
    try {
      // the insert has begun once pages spill into the write-ahead log (a few MB; it is small before)
      return statSync(`${file}-wal`).size > 4 * 1024 * 1024
    } catch {
      return false
    }
  },
}

/** Runs `use` over a Kysely connection to a PostgreSQL database (through core's layer; the server has no pg dependency). */
const withPostgres = async <A>(url: string, use: (db: Kysely<any>) => Promise<A>): Promise<A> => {
  const runtime = ManagedRuntime.make(Database.layerFromUrl(url))
  try {
    return await use((await runtime.runPromise(Database.Database)).db)
  } finally {
    await runtime.dispose()
  }
}

const pgAvailability = postgresAvailability()
const postgres: Backend | undefined = pgAvailability.run
  ? {
      name: "PostgreSQL",
      fresh: () => freshPostgresDatabase(pgAvailability.url),
      inspect: (url) =>
        withPostgres(url, async (db) => {
          const count = async (q: any) => Number((await q.select((eb: any) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n)
          const rows = await count(db.selectFrom("observations").where("region", "like", "R%"))
          const audited = await count(db.selectFrom("audit_log").where("action", "=", "observations.write").where("count", "=", ROWS))
          // reading every row back checks the heap and the primary key index both answer
          const scan = (await sql<{ n: string; k: string }>`select count(*) as n, count(distinct (indicator, region, year, revision)) as k from observations`.execute(db)).rows[0]!
          const byIndex = await count(db.selectFrom("observations").where("indicator", "=", INDICATORS[0]!).where("region", "=", "R0001"))
          const expectedByIndex = rows === 0 ? 0 : Math.ceil(ROWS / (INDICATORS.length * REGIONS))
          return { rows, audited, healthy: Number(scan.n) === Number(scan.k) && byIndex === expectedByIndex, detail: `${scan.n} revisions, ${scan.k} distinct keys, ${byIndex} by index` }
        }),
      writing: (url) =>
        withPostgres(url, async (db) => {
          const name = new URL(url).pathname.slice(1)
          const r = await sql<{ n: string }>`select count(*) as n from pg_stat_activity where datname = ${name} and query ilike 'insert into "observations"%'`.execute(db)
          return Number(r.rows[0]!.n) > 0
        }),
    }
  : undefined

/** After a crash: all rows or none, audited exactly when all, a sound database; then a restarted server works. */
const checkAfterCrash = async (backend: Backend, database: string, allowed: ReadonlyArray<number>) => {
  const seen = await backend.inspect(database)
  figures.rowsChecked += seen.rows
  expect(allowed, `rows after the crash (${seen.detail})`).toContain(seen.rows)
  expect([seen.rows, seen.audited]).toEqual([seen.rows, seen.rows === ROWS ? 1 : 0])
  expect(seen.healthy, seen.detail).toBe(true)
  const server = await start(database)
  figures.restarts++
  try {
    expect((await fetch(`${server.url}/api/v1/health`)).status).toBe(200)
    const write = await fetch(`${server.url}/api/v1/observations`, {
      method: "POST",
      headers: { authorization: `Bearer ${server.token}`, "content-type": "application/json" },
      body: JSON.stringify({ observations: [{ indicator: "beauty.growth", region: "320500", year: 2030 + figures.restarts, value: 50 }] }),
    })
    expect(write.status).toBe(201)
    expect((await fetch(`${server.url}/api/v1/reports/320500/2022`)).status).toBe(200)
  } finally {
    await kill9(server)
    figures.crashes--
  }
  return seen.rows
}

for (const backend of [sqlite, ...(postgres ? [postgres] : [])]) {
  describe(`kill -9 during a ${ROWS.toLocaleString("en")}-row import (${backend.name})`, () => {
    it("in the middle of the upload: nothing stored", async () => {
      const database = await backend.fresh()
      const server = await start(database)
      const { response, state } = upload(server)
      // about 40 % of the file (a row is about 55 bytes)
      expect(await until(() => state.sent > ROWS * 55 * 0.4, 120_000)).toBe(true)
      await kill9(server)
      expect(String(await response)).toMatch(/network error/)
      expect(await checkAfterCrash(backend, database, [0])).toBe(0)
    }, 300_000)

    it("in the middle of the write transaction: all or nothing", async () => {
      const database = await backend.fresh()
      const server = await start(database)
      const { response, state } = upload(server)
      let answered: number | string | undefined
      void response.then((r) => (answered = r))
      const inside = await until(async () => answered !== undefined || (state.done && (await backend.writing(database))), 600_000)
      expect(inside).toBe(true)
      const before = answered
      await kill9(server)
      const rows = await checkAfterCrash(backend, database, before === 201 ? [ROWS] : [0, ROWS])
      console.info(`${backend.name}: killed ${before === undefined ? "inside the write transaction" : `after the answer ${before}`}; ${rows.toLocaleString("en")} rows after restart`)
    }, 900_000)

    it("right after the 201: every row is there", async () => {
      const database = await backend.fresh()
      const server = await start(database)
      const { response } = upload(server)
      expect(await response).toBe(201)
      await kill9(server)
      expect(await checkAfterCrash(backend, database, [ROWS])).toBe(ROWS)
    }, 900_000)
  })
}

afterAll(() => {
  rmSync(dir, { recursive: true, force: true })
  console.info(
    `crash safety: ${figures.crashes} kill -9 survived, ${figures.restarts} restarts, ${figures.rowsChecked.toLocaleString("en")} rows found after crashes, 0 lost or partial`,
  )
})

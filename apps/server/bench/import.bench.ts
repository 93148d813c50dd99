/**
 * Import at national scale: N observations (default 1,000,000; `TIJIAN_BENCH_IMPORT_ROWS` to change) as one CSV
 * through the server's import path — HTTP on loopback to a server in its own process, parse, validate, store.
 * Baseline: raw prepared INSERTs of the same rows in one transaction into the same table (tijian's migrated
 * schema, with its indexes): better-sqlite3 one row per statement; on PostgreSQL (when `TIJIAN_BENCH_PG_URL` or
 * `TIJIAN_TEST_PG_URL` is set) `pg` with 1,000-row statements. Also the server's peak RSS during the import
 * (VmHWM). Goals: ratio >= 0.4, peak RSS < 300 MB.
 */
import { Database } from "@tijian/core"
import SqliteDatabase from "better-sqlite3"
import { Effect, Layer } from "effect"
import pg from "pg"
import { type ChildProcess, spawn } from "node:child_process"
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const ROWS = Number(process.env.TIJIAN_BENCH_IMPORT_ROWS ?? 1_000_000)
const PG_URL = process.env.TIJIAN_BENCH_PG_URL ?? process.env.TIJIAN_TEST_PG_URL
/** 4 indicators x 10,000 regions x 25 years = 1,000,000 distinct cells. */
const REGIONS = 10_000
const YEARS = 25
const STAMP = "2025-01-01T00:00:00.000Z"
const here = fileURLToPath(new URL(".", import.meta.url))

type Row = readonly [string, string, number, number]

/** Generates the CSV: beauty base indicators x regions x years, deterministic values. */
const generate = () => {
  const indicators = ["beauty.carbon-reduction", "beauty.pollution-reduction", "beauty.green-expansion", "beauty.growth"]
  const regionCodes = Array.from({ length: REGIONS }, (_, i) => `R${String(i).padStart(5, "0")}`)
  // a made-up series jumps from year to year: the note confirms each value (else the outlier check asks for one)
  const lines = ["indicator,region,year,value,source,note"]
  const rows: Array<Row> = []
  let n = 0
  outer: for (let year = 2000; year < 2000 + YEARS; year++)
    for (const region of regionCodes)
      for (const indicator of indicators) {
        if (n >= ROWS) break outer
        const value = ((n * 7919) % 10000) / 100
        lines.push(`${indicator},${region},${year},${value},bench,synthetic series`)
        rows.push([indicator, region, year, value])
        n++
      }
  return { csv: lines.join("\n") + "\n", rows }
}

const peakRssMb = (pid: number) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
  return m ? Number(m[1]) / 1024 : Number.NaN
}

interface State {
  readonly dir: string
  /** The server started (untimed) for the next run. */
  server?: { url: string; token: string }
  /** The database file or URL prepared (untimed) for the next baseline run. */
  rawDatabase?: string
  readonly csv: string
  readonly rows: ReadonlyArray<Row>
  /** An empty SQLite file with tijian's schema, copied for each baseline run. */
  readonly template: string
  child?: ChildProcess
  run: number
}

/** A fresh database for one run: a new SQLite file, or a new PostgreSQL database on the server `PG_URL` names. */
const freshDatabase = async (state: State, backend: "sqlite" | "postgres", prefix: string): Promise<string> => {
  const n = state.run++
  if (backend === "sqlite") return join(state.dir, `${prefix}-${n}.sqlite`)
  const name = `tijian_bench_${prefix}_${process.pid}_${n}`
  const admin = new pg.Client({ connectionString: PG_URL })
  await admin.connect()
  await admin.query(`drop database if exists ${name}`)
  await admin.query(`create database ${name}`)
  await admin.end()
  const url = new URL(PG_URL!)
  url.pathname = `/${name}`
  return url.toString()
}

const startServer = async (state: State, database: string) => {
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "importServer.ts")], {
    env: { ...process.env, TIJIAN_DB: database, PORT: "0", TIJIAN_BENCH_REGIONS: String(REGIONS) },
    stdio: ["ignore", "pipe", "inherit"],
  })
  state.child = child
  return new Promise<{ url: string; token: string }>((resolve, reject) => {
    let out = ""
    child.stdout.on("data", (d) => {
      out += String(d)
      const m = /READY (\S+) (\S+)/.exec(out)
      if (m) resolve({ url: m[1]!, token: m[2]! })
    })
    child.on("exit", (code) => reject(new Error(`bench server exited ${code}`)))
  })
}

/** Starts a server on a fresh database (untimed, before each run). */
const prepareServer = (backend: "sqlite" | "postgres") => async (state: State) => {
  state.server = await startServer(state, await freshDatabase(state, backend, "server"))
}

/** Posts the CSV to the prepared server; the figures of the import. */
const importOnce = async (state: State) => {
  const server = state.server!
  const started = performance.now()
  const res = await fetch(`${server.url}/api/v1/observations/import`, {
    method: "POST",
    headers: { authorization: `Bearer ${server.token}`, "content-type": "text/csv" },
    body: state.csv,
  })
  const body = (await res.json()) as { count?: number; stored?: Array<unknown>; error?: { message: string } }
  const seconds = (performance.now() - started) / 1000
  const rss = peakRssMb(state.child!.pid!)
  state.child!.kill("SIGTERM")
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${body.error?.message}`)
  if (body.count !== ROWS) throw new Error(`stored ${body.count} of ${ROWS} rows`)
  return { figures: { stored: body.count, listed: body.stored!.length, rowsPerSecond: ROWS / seconds, serverPeakRssMb: rss } }
}

const setup = async (): Promise<State> => {
  const { csv, rows } = generate()
  const dir = mkdtempSync(join(tmpdir(), "tijian-bench-import-"))
  const template = join(dir, "template.sqlite")
  await Effect.runPromise(Effect.scoped(Layer.build(Database.layerSqlite({ filename: template }))))
  return { dir, csv, rows, template, run: 0 }
}

const teardown = (state: State) => {
  state.child?.kill("SIGKILL")
  rmSync(state.dir, { recursive: true, force: true })
}

const GOAL = "ratio >= 0.4; server peak RSS < 300 MB"

const sqliteCase = {
  name: `POST /observations/import, ${ROWS.toLocaleString("en")}-row CSV, SQLite (fresh database each run)`,
  runs: 2,
  setup,
  prepare: prepareServer("sqlite"),
  run: importOnce,
  baseline: {
    name: "better-sqlite3 prepared INSERTs in one transaction, same table and indexes",
    prepare: (state: State) => {
      state.rawDatabase = join(state.dir, `raw-${state.run++}.sqlite`)
      copyFileSync(state.template, state.rawDatabase)
    },
    run: (state: State) => {
      const db = new SqliteDatabase(state.rawDatabase)
      db.pragma("journal_mode = WAL")
      const insert = db.prepare(
        `insert into observations (indicator, region, year, revision, value, agency, submitted_at, source, note, status) values (?, ?, ?, 1, ?, 'bench', '${STAMP}', 'bench', null, 'final')`,
      )
      db.transaction(() => {
        for (const r of state.rows) insert.run(r[0], r[1], r[2], r[3])
      })()
      db.close()
    },
  },
  teardown,
  goal: GOAL,
}

const postgresCase = {
  name: `POST /observations/import, ${ROWS.toLocaleString("en")}-row CSV, PostgreSQL (fresh database each run)`,
  runs: 2,
  setup,
  prepare: prepareServer("postgres"),
  run: importOnce,
  baseline: {
    name: "pg multi-row INSERTs (1,000 rows each) in one transaction, same table and indexes",
    prepare: async (state: State) => {
      state.rawDatabase = await freshDatabase(state, "postgres", "raw")
      await Effect.runPromise(Effect.scoped(Layer.build(Database.layerPostgres({ url: state.rawDatabase }))))
    },
    run: async (state: State) => {
      const client = new pg.Client({ connectionString: state.rawDatabase! })
      await client.connect()
      await client.query("begin")
      for (let start = 0; start < state.rows.length; start += 1000) {
        const part = state.rows.slice(start, start + 1000)
        const values = part.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, 1, $${i * 4 + 4}, 'bench', '${STAMP}', 'bench', null, 'final')`)
        await client.query(
          `insert into observations (indicator, region, year, revision, value, agency, submitted_at, source, note, status) values ${values.join(", ")}`,
          part.flat(),
        )
      }
      await client.query("commit")
      await client.end()
    },
  },
  teardown,
  goal: GOAL,
}

export default {
  name: `server: import ${ROWS.toLocaleString("en")} observations over HTTP`,
  cases: PG_URL ? [sqliteCase, postgresCase] : [sqliteCase],
}

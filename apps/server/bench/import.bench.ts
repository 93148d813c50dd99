/**
 * Import at national scale: N observations (default 1,000,000; `TIJIAN_BENCH_IMPORT_ROWS` to change) as one CSV
 * through the server's import path — HTTP on loopback to a server in its own process, parse, validate, store.
 * Baseline: raw better-sqlite3 prepared INSERTs of the same rows in one transaction. Also the server's peak RSS
 * during the import (VmHWM). Goals: ratio >= 0.4, peak RSS < 300 MB.
 */
import SqliteDatabase from "better-sqlite3"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, readFileSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const ROWS = Number(process.env.TIJIAN_BENCH_IMPORT_ROWS ?? 1_000_000)
/** 4 indicators x 10,000 regions x 25 years = 1,000,000 distinct cells. */
const REGIONS = 10_000
const YEARS = 25
const here = fileURLToPath(new URL(".", import.meta.url))

/** Generates the CSV: beauty base indicators x regions x years, deterministic values. */
const generate = () => {
  const indicators = ["beauty.carbon-reduction", "beauty.pollution-reduction", "beauty.green-expansion", "beauty.growth"]
  const regionCodes = Array.from({ length: REGIONS }, (_, i) => `R${String(i).padStart(5, "0")}`)
  const lines = ["indicator,region,year,value,source"]
  const rows: Array<[string, string, number, number]> = []
  let n = 0
  outer: for (let year = 2000; year < 2000 + YEARS; year++)
    for (const region of regionCodes)
      for (const indicator of indicators) {
        if (n >= ROWS) break outer
        const value = ((n * 7919) % 10000) / 100
        lines.push(`${indicator},${region},${year},${value},bench`)
        rows.push([indicator, region, year, value])
        n++
      }
  return { csv: lines.join("\n") + "\n", rows, regionCodes }
}

const peakRssMb = (pid: number) => {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))
  return m ? Number(m[1]) / 1024 : Number.NaN
}

interface State {
  readonly dir: string
  readonly csv: string
  readonly rows: ReadonlyArray<[string, string, number, number]>
  child?: ChildProcess
  url?: string
  token?: string
  run: number
}

const startServer = async (state: State) => {
  const db = join(state.dir, `server-${state.run++}.sqlite`)
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "importServer.ts")], {
    env: { ...process.env, TIJIAN_DB: db, PORT: "0", TIJIAN_BENCH_REGIONS: String(REGIONS) },
    stdio: ["ignore", "pipe", "inherit"],
  })
  const ready = await new Promise<{ url: string; token: string }>((resolve, reject) => {
    let out = ""
    child.stdout!.on("data", (d) => {
      out += String(d)
      const m = /READY (\S+) (\S+)/.exec(out)
      if (m) resolve({ url: m[1]!, token: m[2]! })
    })
    child.on("exit", (code) => reject(new Error(`bench server exited ${code}`)))
  })
  state.child = child
  state.url = ready.url
  state.token = ready.token
}

export default {
  name: `server: import ${ROWS.toLocaleString("en")} observations over HTTP`,
  cases: [
    {
      name: `POST /observations/import, ${ROWS.toLocaleString("en")}-row CSV (fresh database each run)`,
      runs: 2,
      setup: (): State => {
        const { csv, rows } = generate()
        return { dir: mkdtempSync(join(tmpdir(), "tijian-bench-import-")), csv, rows, run: 0 }
      },
      run: async (state: State) => {
        await startServer(state)
        const started = performance.now()
        const res = await fetch(`${state.url}/api/v1/observations/import`, {
          method: "POST",
          headers: { authorization: `Bearer ${state.token}`, "content-type": "text/csv" },
          body: state.csv,
        })
        const body = (await res.json()) as { stored?: Array<unknown>; error?: { message: string } }
        const seconds = (performance.now() - started) / 1000
        const rss = peakRssMb(state.child!.pid!)
        state.child!.kill("SIGTERM")
        if (res.status !== 201) throw new Error(`import failed: ${res.status} ${body.error?.message}`)
        if (body.stored!.length !== ROWS) throw new Error(`stored ${body.stored!.length} of ${ROWS} rows`)
        return { figures: { stored: body.stored!.length, rowsPerSecond: ROWS / seconds, serverPeakRssMb: rss } }
      },
      baseline: {
        name: "better-sqlite3 prepared INSERTs in one transaction",
        run: (state: State) => {
          const db = new SqliteDatabase(join(state.dir, `raw-${state.run++}.sqlite`))
          db.exec(
            "create table observations (indicator text, region text, year integer, revision integer, value real, agency text, submitted_at text, source text, note text, status text, primary key (indicator, region, year, revision))",
          )
          const insert = db.prepare("insert into observations values (?, ?, ?, 1, ?, 'bench', '2025-01-01T00:00:00.000Z', 'bench', null, 'final')")
          db.transaction(() => {
            for (const r of state.rows) insert.run(r[0], r[1], r[2], r[3])
          })()
          db.close()
        },
      },
      teardown: (state: State) => {
        state.child?.kill("SIGKILL")
        rmSync(state.dir, { recursive: true, force: true })
      },
      goal: "ratio >= 0.4; server peak RSS < 300 MB",
    },
  ],
}

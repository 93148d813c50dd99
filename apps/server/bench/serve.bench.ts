/**
 * Serving reports: 10 connections for `TIJIAN_BENCH_SERVE_SECONDS` (default 10) s with autocannon on 127.0.0.1,
 * against a published edition's JSON and HTML page and the live report page of YRD 2022 (HTML, zh, warm: rendered
 * once since the last write, then served from the app's cache after reading the write clock), each beside a
 * baseline route returning a constant of the same size from the same process and app setup. Goals: >= 0.8 of the
 * baseline's req/s and p99 under 10 ms. (The live page without the cache: `render.bench.ts`.)
 *
 * The case and its baseline take turns in `SLICES` slices of equal length, so a load elsewhere on the machine
 * falls on both alike; req/s is all responses over all slices' time, p99 is over every response's latency.
 */
import autocannon from "autocannon"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const SECONDS = Number(process.env.TIJIAN_BENCH_SERVE_SECONDS ?? 10)
const here = fileURLToPath(new URL(".", import.meta.url))

/** What the bench server serves for one case: the path measured, its baseline's path, the body's size. */
interface ServedCase {
  readonly path: string
  readonly baseline: string
  readonly bytes: number
}

interface State {
  readonly dir: string
  readonly child: ChildProcess
  readonly url: string
  readonly cases: Readonly<Record<string, ServedCase>>
}

/** How many turns the case and its baseline take each. */
const SLICES = 5

/** Responses and their latencies (ms) over some slices of load. */
interface Load {
  readonly latenciesMs: Array<number>
  seconds: number
}

const loadSlice = async (url: string, into: Load) => {
  const r = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({ url, connections: 10, duration: SECONDS / SLICES }, (error, result) => (error ? reject(error) : resolve(result)))
    instance.on("response", (_client: unknown, _status: number, _bytes: number, ms: number) => into.latenciesMs.push(ms))
  })
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`)
  into.seconds += r.duration
}

const figuresOf = (l: Load) => {
  const sorted = [...l.latenciesMs].sort((a, b) => a - b)
  return { reqPerSec: sorted.length / l.seconds, p99Ms: sorted[Math.ceil(sorted.length * 0.99) - 1] ?? Number.NaN }
}

/** Loads `baselineUrl` and `url` in turns; their req/s and p99. */
const loadInTurns = async (baselineUrl: string, url: string) => {
  const baseline: Load = { latenciesMs: [], seconds: 0 }
  const measured: Load = { latenciesMs: [], seconds: 0 }
  for (let i = 0; i < SLICES; i++) {
    await loadSlice(baselineUrl, baseline)
    await loadSlice(url, measured)
  }
  return { baseline: figuresOf(baseline), measured: figuresOf(measured) }
}

const setup = async (): Promise<State> => {
  const dir = mkdtempSync(join(tmpdir(), "tijian-bench-serve-"))
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "serveServer.ts")], {
    env: { ...process.env, TIJIAN_DB: join(dir, "serve.sqlite") },
    stdio: ["ignore", "pipe", "inherit"],
  })
  const ready = await new Promise<{ url: string; cases: Record<string, ServedCase> }>((resolve, reject) => {
    let out = ""
    child.stdout.on("data", (d) => {
      out += String(d)
      const m = /READY (\S+) (\S+)\n/.exec(out)
      if (m) resolve({ url: m[1]!, cases: JSON.parse(m[2]!) as Record<string, ServedCase> })
    })
    child.on("exit", (code) => reject(new Error(`bench server exited ${code}`)))
  })
  return { dir, child, ...ready }
}

const teardown = (s: State) => {
  s.child.kill("SIGKILL")
  rmSync(s.dir, { recursive: true, force: true })
}

const GOAL = "ratio (req/s vs constant of the same size) >= 0.8, p99 < 10 ms"

/** One case: `served` names what the bench server serves (see serveServer.ts); without a goal it is for comparison. */
const serveCase = (name: string, served: "json" | "edition-html" | "live-html" | "indicators" | "observations", goal?: string) => ({
  name: `${name}: 10 connections x ${SECONDS} s (${SLICES} turns with the baseline)`,
  runs: 1,
  setup,
  run: async (s: State) => {
    const target = s.cases[served]!
    const { baseline, measured } = await loadInTurns(`${s.url}${target.baseline}`, `${s.url}${target.path}`)
    return {
      figures: {
        reqPerSec: measured.reqPerSec,
        p99Ms: measured.p99Ms,
        baselineReqPerSec: baseline.reqPerSec,
        baselineP99Ms: baseline.p99Ms,
        ratio: measured.reqPerSec / baseline.reqPerSec,
        bodyBytes: target.bytes,
      },
    }
  },
  teardown,
  ...(goal ? { goal } : {}),
})

export default {
  name: "server: serve a published report edition",
  cases: [
    serveCase("GET edition JSON (/api/v1/reports/YRD/2022/editions/1)", "json", GOAL),
    serveCase("GET edition page HTML (/reports/YRD/2022/editions/1)", "edition-html", GOAL),
    serveCase("GET live report page HTML, zh, warm (/reports/YRD/2022, from the page cache)", "live-html", GOAL),
    // for comparison: JSON built per request and encoded through the endpoint's response Schema
    serveCase("GET /api/v1/indicators (registry, encoded through its Schema)", "indicators"),
    serveCase("GET /api/v1/observations (every current value, read and encoded through its Schema)", "observations"),
  ],
}

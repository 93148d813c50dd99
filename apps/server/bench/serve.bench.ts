/**
 * Serving a published report edition: 10 connections for `TIJIAN_BENCH_SERVE_SECONDS` (default 10) s with
 * autocannon on 127.0.0.1, against the edition's JSON and the report page, beside a baseline route returning a
 * constant of the same size from the same process and app setup. Goals: >= 0.8 of the baseline's req/s and
 * p99 under 10 ms.
 */
import autocannon from "autocannon"
import { type ChildProcess, spawn } from "node:child_process"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const SECONDS = Number(process.env.TIJIAN_BENCH_SERVE_SECONDS ?? 10)
const here = fileURLToPath(new URL(".", import.meta.url))

interface State {
  readonly dir: string
  readonly child: ChildProcess
  readonly url: string
  readonly bytes: number
}

const load = async (url: string) => {
  const r = await autocannon({ url, connections: 10, duration: SECONDS })
  if (r.non2xx > 0 || r.errors > 0) throw new Error(`${url}: ${r.non2xx} non-2xx, ${r.errors} errors`)
  return { reqPerSec: r.requests.average, p99Ms: r.latency.p99 }
}

const setup = async (): Promise<State> => {
  const dir = mkdtempSync(join(tmpdir(), "tijian-bench-serve-"))
  const child = spawn(process.execPath, ["--import", "tsx", join(here, "serveServer.ts")], {
    env: { ...process.env, TIJIAN_DB: join(dir, "serve.sqlite") },
    stdio: ["ignore", "pipe", "inherit"],
  })
  const ready = await new Promise<{ url: string; bytes: number }>((resolve, reject) => {
    let out = ""
    child.stdout!.on("data", (d) => {
      out += String(d)
      const m = /READY (\S+) (\d+)/.exec(out)
      if (m) resolve({ url: m[1]!, bytes: Number(m[2]) })
    })
    child.on("exit", (code) => reject(new Error(`bench server exited ${code}`)))
  })
  return { dir, child, ...ready }
}

const teardown = (s: State) => {
  s.child.kill("SIGKILL")
  rmSync(s.dir, { recursive: true, force: true })
}

const serveCase = (name: string, path: string) => ({
  name: `${name}: 10 connections x ${SECONDS} s`,
  runs: 1,
  setup,
  run: async (s: State) => {
    const baseline = await load(`${s.url}/bench/constant.json`)
    const measured = await load(`${s.url}${path}`)
    return {
      figures: {
        reqPerSec: measured.reqPerSec,
        p99Ms: measured.p99Ms,
        baselineReqPerSec: baseline.reqPerSec,
        baselineP99Ms: baseline.p99Ms,
        ratio: measured.reqPerSec / baseline.reqPerSec,
        bodyBytes: s.bytes,
      },
    }
  },
  teardown,
  goal: "ratio (req/s vs constant of the same size) >= 0.8, p99 < 10 ms",
})

export default {
  name: "server: serve a published report edition",
  cases: [
    serveCase("GET edition JSON (/api/v1/reports/YRD/2022/editions/1)", "/api/v1/reports/YRD/2022/editions/1"),
    serveCase("GET report page HTML (/reports/YRD/2022)", "/reports/YRD/2022"),
  ],
}

/**
 * The national overview through the app, in process (`app.request`): `GET /api/v1/overview/{indicator}/{year}` for all
 * 2,978 counties of China over the national data set of core's benchmarks (10 indicators x 20 years, 595,000 values),
 * warm (every county's report kept by the first request: its time is printed as `firstMs`), encoded, hashed for its
 * ETag and read as bytes. Baseline: `GET /api/v1/health`, a constant route through the same app and middleware.
 * Goal: the overview's median under 200 ms.
 */
import { Effect } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { ObservationStore } from "@tijian/core"
import { AS_OF, chunks, counties, ids, plugin, regions, YEAR } from "../../../packages/core/bench/nationalData.js"
import { makeApp } from "../src/app.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"

interface State {
  readonly dir: string
  readonly runtime: AppRuntime
  readonly app: ReturnType<typeof makeApp>
  readonly firstMs: number
}

const OVERVIEW = `/api/v1/overview/${ids[1]!}/${YEAR}`

const fetchOk = async (app: State["app"], path: string) => {
  const res = await app.request(path)
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (await res.arrayBuffer()).byteLength
}

export default {
  name: "server: the national overview",
  cases: [
    {
      name: `GET ${OVERVIEW} (${counties.length.toLocaleString("en-US")} counties), warm`,
      runs: 20,
      goal: "median < 200 ms",
      setup: async (): Promise<State> => {
        const dir = mkdtempSync(join(tmpdir(), "tijian-bench-overview-"))
        const runtime = makeRuntime({ filename: join(dir, "overview.sqlite"), plugins: [plugin], regions })
        await runOrThrow(runtime, Effect.flatMap(ObservationStore.ObservationStore, (s) => s.appendChunks(chunks(), AS_OF, { keep: 0 })))
        const app = makeApp(runtime, { settings: { rateLimit: { requests: 0, windowSeconds: 60 } } })
        const start = performance.now()
        await fetchOk(app, OVERVIEW)
        return { dir, runtime, app, firstMs: performance.now() - start }
      },
      run: async (s: State) => ({ figures: { bodyBytes: await fetchOk(s.app, OVERVIEW), firstMs: Math.round(s.firstMs) } }),
      baseline: { name: "GET /api/v1/health (a constant route)", run: async (s: State) => void (await fetchOk(s.app, "/api/v1/health")) },
      teardown: async (s: State) => {
        await s.runtime.dispose()
        rmSync(s.dir, { recursive: true, force: true })
      },
    },
  ],
}

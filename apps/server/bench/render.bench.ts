/**
 * Rendering the live report of YRD 2022 without the page cache (every request renders: the work a request does
 * after any write; evaluations are not kept warm either): the HTML page in Chinese through the app, in process (evaluate the report and each input's
 * revisions, build the view, render, hash). Baseline: the same report as JSON (evaluation only, no rendering),
 * so the ratio says what rendering adds. Goal: the page's median under 100 ms. The process is warm (the first
 * render, JIT and all, is printed as `firstMs`).
 */
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { performance } from "node:perf_hooks"
import { makeApp } from "../src/app.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeBodyCache } from "../src/routes/BodyCache.js"
import { type AppRuntime, makeRuntime } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

interface State {
  readonly dir: string
  readonly runtime: AppRuntime
  readonly app: ReturnType<typeof makeApp>
  readonly firstMs: number
}

const PAGE = "/reports/YRD/2022?lang=zh"
const JSON_REPORT = "/api/v1/reports/YRD/2022"

const fetchOk = async (app: State["app"], path: string) => {
  const res = await app.request(path)
  if (res.status !== 200 || res.headers.get("x-cache") !== "miss") throw new Error(`${path}: ${res.status} ${res.headers.get("x-cache")}`)
  return (await res.arrayBuffer()).byteLength
}

export default {
  name: "server: render a live report without the cache",
  cases: [
    {
      name: "render YRD 2022 page (HTML, zh), cache off",
      runs: 15,
      goal: "median < 100 ms",
      setup: async (): Promise<State> => {
        const dir = mkdtempSync(join(tmpdir(), "tijian-bench-render-"))
        const runtime = makeRuntime({ filename: join(dir, "render.sqlite"), plugins: builtinPlugins, warmReports: 0 })
        await runtime.runPromise(seedReferenceData("2024-01-01T00:00:00.000Z"))
        // a budget of 0 keeps nothing: every request renders
        const app = makeApp(runtime, { bodyCache: makeBodyCache(0), settings: { rateLimit: { requests: 0, windowSeconds: 60 } } })
        const start = performance.now()
        await fetchOk(app, PAGE)
        const firstMs = performance.now() - start
        for (let i = 0; i < 5; i++) await fetchOk(app, PAGE)
        return { dir, runtime, app, firstMs }
      },
      run: async (s: State) => ({ figures: { bodyBytes: await fetchOk(s.app, PAGE), firstMs: s.firstMs } }),
      baseline: { name: "evaluate YRD 2022 (JSON, no rendering)", run: async (s: State) => void (await fetchOk(s.app, JSON_REPORT)) },
      teardown: async (s: State) => {
        await s.runtime.dispose()
        rmSync(s.dir, { recursive: true, force: true })
      },
    },
  ],
}

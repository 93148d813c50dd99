/**
 * Budgets that end the work, measured from outside on a server in its own process: a calculator that hogs memory
 * and never looks at its abort signal is stopped when its time budget is spent (503 calculator-timeout), the
 * server answers /health all along, memory returns and the CPU goes idle; a second heavy run while the only slot
 * is taken gets 429 with Retry-After.
 */
import { fileURLToPath } from "node:url"
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { cpuSeconds, eventually, type ProbeServer, rssMb, startProbeServer, watch } from "./probe.js"

/** A third-party plugin (plain ESM, as `definePlugin` returns a plain object) with a well-behaved and a hostile calculator. */
const SPIN_PLUGIN = `
import { Effect, Schema } from "effect"
const text = (s) => ({ zh: s, en: s })
export default {
  id: "spin",
  version: "1.0.0",
  coreVersion: "^0.1.0",
  name: text("spin"),
  indicators: [{ id: "spin.value", kind: "observed", name: text("value"), unit: text("units"), direction: "higher-is-better", decimals: 0 }],
  calculators: [
    { id: "spin.quick", name: text("quick"), description: text("answers 42"), inputs: [], params: Schema.Struct({}), produces: ["spin.value"],
      run: ({ region, year }) => Effect.succeed({ values: [{ indicator: "spin.value", region, year, value: 42 }] }) },
    { id: "spin.hog", name: text("hog"), description: text("holds 400 MiB and loops without looking at its signal"), inputs: [], params: Schema.Struct({}), produces: ["spin.value"],
      run: () => Effect.sync(() => { const hog = []; for (let i = 0; ; i++) { hog[i % 400] = new Float64Array(1 << 17).fill(i) } }) },
  ],
}
`

const BUDGET_S = 2

let dir: string
let server: ProbeServer

const run = async (calculator: string) => {
  const form = new FormData()
  form.append("region", "320500")
  form.append("year", "2024")
  const res = await fetch(`${server.url}/api/v1/calculators/${calculator}/runs`, { method: "POST", headers: { authorization: `Bearer ${server.token}` }, body: form })
  return { status: res.status, retryAfter: res.headers.get("retry-after"), body: (await res.json()) as any }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tijian-budgets-"))
  const plugin = join(dir, "node_modules", "tijian-plugin-spin")
  mkdirSync(plugin, { recursive: true })
  writeFileSync(join(plugin, "package.json"), JSON.stringify({ name: "tijian-plugin-spin", version: "1.0.0", type: "module", exports: "./index.js" }))
  writeFileSync(join(plugin, "index.js"), SPIN_PLUGIN)
  // The plugin's own dependency, as installing it would provide.
  symlinkSync(realpathSync(join(fileURLToPath(new URL("../..", import.meta.url)), "node_modules", "effect")), join(dir, "node_modules", "effect"))
  server = await startProbeServer(dir, {
    TIJIAN_DB: join(dir, "t.sqlite"),
    TIJIAN_PLUGINS: "beauty,rail,ecology,demo-zone,tijian-plugin-spin",
    TIJIAN_CALCULATOR_TIMEOUT_SECONDS: String(BUDGET_S),
    TIJIAN_CALCULATOR_MAX_JOBS: "1",
  })
}, 90_000)

afterAll(async () => {
  await server?.stop()
  rmSync(dir, { recursive: true, force: true })
})

describe("a calculator run is a worker thread under a budget", () => {
  it("runs a plugin package's calculator in its thread: 42", async () => {
    const res = await run("spin.quick")
    expect([res.status, res.body.values.map((v: any) => [v.indicator, v.region, v.year, v.value])]).toEqual([200, [["spin.value", "320500", 2024, 42]]])
  }, 60_000)

  it("stops a hog at its budget: 503 calculator-timeout, /health answered throughout, memory back, CPU idle; 429 while the slot is taken", async () => {
    const before = rssMb(server.pid)
    const watching = watch(server)
    const started = performance.now()
    const hog = run("spin.hog")
    await new Promise((r) => setTimeout(r, 500))
    const second = await run("spin.quick")
    const answer = await hog
    const seconds = (performance.now() - started) / 1000
    const seen = await watching.stop()

    expect([second.status, second.body.error.code, second.retryAfter]).toEqual([429, "too-many-calculator-runs", "5"])
    expect([answer.status, answer.body.error.code]).toEqual([503, "calculator-timeout"])
    expect(answer.body.error.message).toBe(
      `spin.hog did not finish within its time budget of ${BUDGET_S} s and was stopped; nothing was stored. Try smaller inputs, or raise calculatorTimeoutSeconds (TIJIAN_CALCULATOR_TIMEOUT_SECONDS)`,
    )
    // The answer comes at the budget, not minutes later (2 s plus a thread's start-up at most).
    expect(seconds).toBeGreaterThanOrEqual(BUDGET_S)
    expect(seconds).toBeLessThan(BUDGET_S + 4)
    // The hog really held memory (400 arrays of 1 MiB), and the main thread kept answering.
    expect(seen.peakRssMb - before).toBeGreaterThan(200)
    expect(seen.failed).toBe(0)
    expect(seen.answers).toBeGreaterThan(10)
    expect(seen.slowestMs).toBeLessThan(500)
    // Memory returns to within 50 MB of where it started, and the thread no longer burns CPU.
    expect(await eventually(() => rssMb(server.pid) - before < 50, 10_000)).toBe(true)
    const cpu = cpuSeconds(server.pid)
    await new Promise((r) => setTimeout(r, 1000))
    expect(cpuSeconds(server.pid) - cpu).toBeLessThan(0.2)
    console.log(
      `budget: 503 after ${seconds.toFixed(2)} s; RSS ${before.toFixed(0)} -> peak ${seen.peakRssMb.toFixed(0)} -> ${rssMb(server.pid).toFixed(0)} MiB; ` +
        `${seen.answers} health answers, slowest ${seen.slowestMs.toFixed(1)} ms`,
    )

    // The slot is free again, on a fresh thread.
    expect((await run("spin.quick")).status).toBe(200)
  }, 60_000)
})

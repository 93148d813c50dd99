/**
 * A graceful stop, from outside, both ways the server starts: `pnpm start` (sources, through tsx) and the build
 * (`node apps/server/dist/main.js`, which `pnpm build` makes; built here first, turbo's cache making that quick
 * when nothing changed). A slow request is in flight when SIGTERM arrives — built, a calculator run of an
 * installed plugin package in a worker thread; from sources (pnpm runs from the repository, where that package is
 * not installed), a write whose body arrives slowly — and completes with its value; the process exits 0 within a few seconds with no pnpm error
 * line, and the port is closed. The idle resident memory of each start (2 s after it is ready, before any
 * request) is printed for the README.
 */
import { type ChildProcess, execFile, spawn } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { dirname, join } from "node:path"
import { fileURLToPath } from "node:url"
import { promisify } from "node:util"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeRuntime, runOrThrow } from "../src/runtime.js"

const serverDir = join(dirname(fileURLToPath(import.meta.url)), "..")
const repoDir = join(serverDir, "..", "..")

/** A third-party plugin whose calculator takes 2 s and answers 42. */
const SLOW_PLUGIN = `
import { Effect, Schema } from "effect"
const text = (s) => ({ zh: s, en: s })
export default {
  id: "slow", version: "1.0.0", coreVersion: "^0.1.0", name: text("slow"),
  indicators: [{ id: "slow.value", kind: "observed", name: text("value"), unit: text("units"), direction: "higher-is-better", decimals: 0 }],
  calculators: [{ id: "slow.wait", name: text("wait"), description: text("waits 2 s, answers 42"), inputs: [], params: Schema.Struct({}), produces: ["slow.value"],
    run: ({ region, year }) => Effect.as(Effect.sleep(2000), { values: [{ indicator: "slow.value", region, year, value: 42 }] }) }],
}
`

let dir: string
let token: string

/** The pids of `pid` and every process under it. */
const processTree = (pid: number): ReadonlyArray<number> => {
  const children = new Map<number, Array<number>>()
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, "utf8").split(") ")[1]!.split(" ")[1])
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)])
    } catch {
      // the process ended while we looked
    }
  }
  const all = [pid]
  for (let i = 0; i < all.length; i++) all.push(...(children.get(all[i]!) ?? []))
  return all
}

/** Resident memory of the server (the tree's `node` process that runs main), in MiB. */
const serverRssMb = (pid: number): number => {
  const node = processTree(pid).find((p) => {
    try {
      return /src\/main\.ts|dist\/main\.js/.test(readFileSync(`/proc/${p}/cmdline`, "utf8"))
    } catch {
      return false
    }
  })
  const status = node === undefined ? "" : readFileSync(`/proc/${node}/status`, "utf8")
  return Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1]) / 1024
}

interface Started {
  readonly child: ChildProcess
  readonly url: string
  readonly output: () => string
  readonly exited: Promise<{ readonly code: number | null; readonly signal: NodeJS.Signals | null }>
}

const start = (command: string, args: ReadonlyArray<string>, cwd: string, plugins: string): Promise<Started> =>
  new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...process.env, INIT_CWD: cwd, TIJIAN_CONFIG: "", PORT: "0", HOST: "127.0.0.1", TIJIAN_DB: join(dir, "t.sqlite"), TIJIAN_PLUGINS: plugins },
      stdio: ["ignore", "pipe", "pipe"],
    })
    let out = ""
    child.stdout.on("data", (d) => (out += String(d)))
    child.stderr.on("data", (d) => (out += String(d)))
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => child.once("exit", (code, signal) => done({ code, signal })))
    const timer = setTimeout(() => reject(new Error(`no server within 60 s: ${out}`)), 60_000)
    const onData = () => {
      const listening = /tijian listening on (http:\/\/\S+)/.exec(out)
      if (!listening) return
      clearTimeout(timer)
      child.stdout.off("data", onData)
      resolve({ child, url: listening[1]!, output: () => out, exited })
    }
    child.stdout.on("data", onData)
    void exited.then(({ code }) => reject(new Error(`exited (${code}) before listening: ${out}`)))
  })

const runSlow = async (url: string) => {
  const form = new FormData()
  form.append("region", "320500")
  form.append("year", "2024")
  const res = await fetch(`${url}/api/v1/calculators/slow.wait/runs`, { method: "POST", headers: { authorization: `Bearer ${token}` }, body: form })
  return { status: res.status, values: ((await res.json()) as { values?: Array<{ value: number }> }).values?.map((v) => v.value) }
}

let writes = 0

/** A write whose JSON body arrives in two halves 1.5 s apart: a request in flight that needs no plugin package. */
const writeSlowly = async (url: string) => {
  const year = 2020 + writes++
  const body = new TextEncoder().encode(JSON.stringify({ observations: [{ indicator: "ecology.redline-area-km2", region: "320509", year, value: 30.25, source: "survey" }] }))
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      controller.enqueue(body.slice(0, 40))
      await new Promise((r) => setTimeout(r, 1500))
      controller.enqueue(body.slice(40))
      controller.close()
    },
  })
  const res = await fetch(`${url}/api/v1/observations`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    body: stream,
    duplex: "half",
  })
  return { status: res.status, values: ((await res.json()) as { stored?: Array<{ value: number }> }).stored?.map((v) => v.value) }
}

/** Starts, measures idle memory, stops with SIGTERM during a slow request (`slow`); what was seen. */
const stopDuringSlowRequest = async (server: Started, slow: (url: string) => Promise<{ status: number; values: ReadonlyArray<number> | undefined }>) => {
  const ready = await fetch(`${server.url}/api/v1/ready`)
  expect(ready.status).toBe(200)
  await new Promise((r) => setTimeout(r, 2000))
  const idleRssMb = serverRssMb(server.child.pid!)
  // a first request warms up (a calculator run waits for its thread to load: seconds on a busy machine)
  expect((await slow(server.url)).status).toBeLessThan(300)
  const run = slow(server.url)
  await new Promise((r) => setTimeout(r, 700))
  const signalled = performance.now()
  server.child.kill("SIGTERM")
  const answer = await run
  const exit = await server.exited
  const stopSeconds = (performance.now() - signalled) / 1000
  const portClosed = await fetch(`${server.url}/api/v1/health`).then(
    () => false,
    () => true,
  )
  return { idleRssMb, answer, exit, stopSeconds, portClosed, output: server.output() }
}

beforeAll(async () => {
  // the build: turbo replays it from its cache when nothing changed
  await promisify(execFile)("pnpm", ["turbo", "run", "build", "--filter=@tijian/server...", "--output-logs=errors-only"], { cwd: repoDir, env: { ...process.env, TURBO_TELEMETRY_DISABLED: "1" } })
  expect(existsSync(join(serverDir, "dist", "main.js"))).toBe(true)
  dir = mkdtempSync(join(tmpdir(), "tijian-shutdown-"))
  const plugin = join(dir, "node_modules", "tijian-plugin-slow")
  mkdirSync(plugin, { recursive: true })
  writeFileSync(join(plugin, "package.json"), JSON.stringify({ name: "tijian-plugin-slow", version: "1.0.0", type: "module", exports: "./index.js" }))
  writeFileSync(join(plugin, "index.js"), SLOW_PLUGIN)
  // The plugin's own dependency, as installing it would provide.
  symlinkSync(realpathSync(join(serverDir, "node_modules", "effect")), join(dir, "node_modules", "effect"))
  const runtime = makeRuntime({ filename: join(dir, "t.sqlite"), plugins: builtinPlugins })
  token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, new Date().toISOString())))).token
  await runtime.dispose()
}, 300_000)

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true })
})

const check = (name: string, seen: Awaited<ReturnType<typeof stopDuringSlowRequest>>, status: number, values: ReadonlyArray<number>, route: string) => {
  console.log(`${name}: idle RSS ${seen.idleRssMb.toFixed(0)} MiB, stopped ${seen.stopSeconds.toFixed(1)} s after SIGTERM`)
  expect([seen.answer.status, seen.answer.values]).toEqual([status, values])
  expect(seen.exit).toEqual({ code: 0, signal: null })
  expect(seen.stopSeconds).toBeLessThan(5)
  expect(seen.portClosed).toBe(true)
  expect(seen.output).toContain("SIGTERM received: closing")
  expect(seen.output).toContain("tijian stopped")
  expect(seen.output).not.toContain("ERR_PNPM")
  expect(seen.output).not.toContain("ELIFECYCLE")
  expect(seen.output).toContain(`"route":"${route}","status":${status}`)
  expect(seen.idleRssMb).toBeGreaterThan(20)
}

describe("SIGTERM stops the server gracefully", () => {
  // pnpm runs scripts from the repository, where the test's plugin package is not installed: a slow write instead
  it("pnpm start (sources): a write in flight is stored (201), exit 0 within 5 s without a pnpm error, port closed", async () => {
    const server = await start("pnpm", ["--silent", "start"], repoDir, "beauty,rail,ecology,demo-zone")
    check("pnpm start (sources)", await stopDuringSlowRequest(server, writeSlowly), 201, [30.25], "/api/v1/observations")
  }, 90_000)

  it("node apps/server/dist/main.js (build): a calculator run in flight (plugin package, worker thread) completes (42), exit 0 within 5 s, port closed", async () => {
    const server = await start(process.execPath, [join(serverDir, "dist", "main.js")], dir, "rail,ecology,tijian-plugin-slow")
    check("node apps/server/dist/main.js (build)", await stopDuringSlowRequest(server, runSlow), 200, [42], "/api/v1/calculators/:id/runs")
  }, 90_000)
})

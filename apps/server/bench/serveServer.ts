/**
 * The server the serve benchmark talks to: the seeded YRD database with the 2022 report published as edition 1,
 * plus, in the same process and app, baseline routes returning a constant body of the same size as each body
 * measured (pre-encoded bytes, the fastest a constant can be served): `/bench/constant/json` (the edition's JSON), `/bench/constant/edition-html` (the edition's page),
 * `/bench/constant/live-html` (the live report page, zh). Prints `READY <url> <cases>` once it listens, `<cases>`
 * being JSON `{ name: { path, baseline, bytes } }`.
 */
import { serve } from "@hono/node-server"
import { Editions, Engine } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import type { AddressInfo } from "node:net"
import { makeApp } from "../src/app.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeRuntime } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

/** The paths measured, by name. */
const SERVE_PATHS = {
  json: "/api/v1/reports/YRD/2022/editions/1",
  "edition-html": "/reports/YRD/2022/editions/1",
  "live-html": "/reports/YRD/2022",
  // JSON answers encoded through their endpoint's Schema on every request (endpoint/mount.ts)
  indicators: "/api/v1/indicators",
  observations: "/api/v1/observations",
} as const

const runtime = makeRuntime({ filename: process.env.TIJIAN_DB!, plugins: builtinPlugins })
const at = "2024-02-20T00:00:00.000Z"
await runtime.runPromise(seedReferenceData("2024-01-01T00:00:00.000Z"))
await runtime.runPromise(
  Effect.gen(function* () {
    const report = yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: "YRD", year: 2022, asOf: at }))
    yield* Effect.flatMap(Editions.Editions, (e) => e.publish(report, "bench", at))
  }),
)
// no rate limit: the benchmark is one client hammering on purpose
const app = makeApp(runtime, { settings: { rateLimit: { requests: 1_000_000_000, windowSeconds: 60 } } })
const root = new Hono()
const cases: Record<string, { path: string; baseline: string; bytes: number }> = {}
for (const [name, path] of Object.entries(SERVE_PATHS)) {
  // One request each, to learn the body and its type; it also renders the edition page and the live page into
  // the app's cache, as the first request of a real visitor would.
  const res = await app.request(path)
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  const type = res.headers.get("content-type")!
  // The same bytes with every digit a 7, encoded once like the cached bodies.
  const constant = new TextEncoder().encode((await res.text()).replace(/[0-9]/g, "7"))
  const baseline = `/bench/constant/${name}`
  root.get(baseline, (c) => c.body(constant, 200, { "content-type": type }))
  cases[name] = { path, baseline, bytes: constant.byteLength }
}
root.route("/", app)
serve({ fetch: root.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  process.stdout.write(`READY http://127.0.0.1:${info.port} ${JSON.stringify(cases)}\n`)
})
process.on("SIGTERM", () => void runtime.dispose().then(() => process.exit(0)))

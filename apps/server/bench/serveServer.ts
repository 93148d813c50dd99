/**
 * The server the serve benchmark talks to: the seeded YRD database with the 2022 report published as edition 1,
 * plus, in the same process and app, a baseline route returning a constant body of the same size.
 * Prints `READY <url> <bytes>` once it listens.
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

const runtime = makeRuntime({ filename: process.env.TIJIAN_DB!, plugins: builtinPlugins })
const at = "2024-02-20T00:00:00.000Z"
await runtime.runPromise(seedReferenceData("2024-01-01T00:00:00.000Z"))
const json = await runtime.runPromise(
  Effect.gen(function* () {
    const report = yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope: "YRD", year: 2022, asOf: at }))
    const editions = yield* Editions.Editions
    yield* editions.publish(report, "bench", at)
    return (yield* editions.get("YRD", 2022, 1)).json
  }),
)
const constant = json.replace(/[0-9]/g, "7")
const root = new Hono()
root.get("/bench/constant.json", (c) => c.body(constant, 200, { "content-type": "application/json; charset=utf-8" }))
// no rate limit: the benchmark is one client hammering on purpose
root.route("/", makeApp(runtime, { settings: { rateLimit: { requests: 1_000_000_000, windowSeconds: 60 } } }))
serve({ fetch: root.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  process.stdout.write(`READY http://127.0.0.1:${info.port} ${Buffer.byteLength(json)}\n`)
})
process.on("SIGTERM", () => void runtime.dispose().then(() => process.exit(0)))

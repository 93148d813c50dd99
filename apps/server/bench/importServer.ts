/**
 * The server the import benchmark talks to: the built-in plugins plus `TIJIAN_BENCH_REGIONS` generated regions
 * (R00000, R00001, ...), an admin token, and `READY <url> <token>` on stdout once it listens.
 */
import { serve } from "@hono/node-server"
import { RegionSet, yrdRegions } from "@tijian/core"
import { Effect } from "effect"
import type { AddressInfo } from "node:net"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeRuntime } from "../src/runtime.js"

const yrd = yrdRegions()
const count = Number(process.env.TIJIAN_BENCH_REGIONS ?? 10000)
const regions = RegionSet.unsafeMake(
  [...yrd.regions, ...Array.from({ length: count }, (_, i) => ({ code: `R${String(i).padStart(5, "0")}`, level: "city" as const, parent: "YRD", nameZh: `区${i}`, nameEn: `Region ${i}` }))],
  yrd.groups,
)
const runtime = makeRuntime({ filename: process.env.TIJIAN_DB!, plugins: builtinPlugins, regions })
const { token } = await runtime.runPromise(Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "bench" }, new Date().toISOString())))
const app = makeApp(runtime, { settings: { maxBodyBytes: 1024 * 1024 * 1024 } })
const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  process.stdout.write(`READY http://127.0.0.1:${info.port} ${token}\n`)
})
process.on("SIGTERM", () => {
  server.close()
  void runtime.dispose().then(() => process.exit(0))
})

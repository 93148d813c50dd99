/**
 * The server the crash test kills: the built-in plugins over `TIJIAN_CRASH_REGIONS` generated regions (R0000,
 * R0001, ...) besides the YRD ones, on the database `TIJIAN_DB` (a SQLite file or a PostgreSQL URL), bodies up
 * to 1 GiB. Prints `READY <url> <admin token>` once it listens; it is meant to be stopped with kill -9.
 */
import { serve } from "@hono/node-server"
import { RegionSet, yrdRegions } from "@tijian/core"
import { Effect } from "effect"
import type { AddressInfo } from "node:net"
import { makeApp } from "../../src/app.js"
import { TokenStore } from "../../src/auth/TokenStore.js"
import { builtinPlugins } from "../../src/plugins.js"
import { makeRuntime } from "../../src/runtime.js"

const yrd = yrdRegions()
const count = Number(process.env.TIJIAN_CRASH_REGIONS ?? 2000)
const generated = Array.from({ length: count }, (_, i) => ({
  code: `R${String(i).padStart(4, "0")}`,
  level: "city" as const,
  parent: "YRD",
  nameZh: `区${i}`,
  nameEn: `Region ${i}`,
}))
const runtime = makeRuntime({ filename: process.env.TIJIAN_DB!, plugins: builtinPlugins, regions: RegionSet.unsafeMake([...yrd.regions, ...generated], yrd.groups) })
const { token } = await runtime.runPromise(Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "crash-test" }, new Date().toISOString())))
const app = makeApp(runtime, { settings: { maxBodyBytes: 1024 * 1024 * 1024 } })
serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
  process.stdout.write(`READY http://127.0.0.1:${info.port} ${token}\n`)
})

/**
 * The CSV import over real HTTP on loopback, where the server reads Node's request stream itself (at most 8 MiB
 * ahead of the checking): a 9 MB file of 200,000 rows streams in and is stored whole; a body over the limit
 * sent without Content-Length gets its 413 (the response still reaches the client); a bad row near the end is
 * a 422 naming it; a header without a needed column stops the reading at once; nothing is stored by a refused
 * import.
 */
import { serve } from "@hono/node-server"
import { ObservationStore, RegionSet, yrdRegions } from "@tijian/core"
import { Effect } from "effect"
import { mkdtemp, rm } from "node:fs/promises"
import type { AddressInfo } from "node:net"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"

const REGIONS = 2000
const MAX_BODY = 16 * 1024 * 1024
const INDICATORS = ["beauty.carbon-reduction", "beauty.pollution-reduction", "beauty.green-expansion", "beauty.growth"]

/** `rows` lines: 4 indicators x 2,000 regions per year from 2000, values n mod 100. */
const csvOf = (rows: number, bad?: number) => {
  const lines = ["indicator,region,year,value,source"]
  for (let n = 0; n < rows; n++) {
    const region = `R${String(Math.floor(n / 4) % REGIONS).padStart(4, "0")}`
    const year = 2000 + Math.floor(n / (4 * REGIONS))
    lines.push(`${INDICATORS[n % 4]},${region},${year},${n === bad ? "12.5 km2" : n % 100},survey`)
  }
  return lines.join("\n") + "\n"
}

describe("CSV import over HTTP on loopback", () => {
  let dir = ""
  let runtime: AppRuntime
  let url = ""
  let token = ""
  let close = () => {}
  const count = () => runOrThrow(runtime, Effect.flatMap(ObservationStore.ObservationStore, (s) => s.countRevisions()))
  const post = (body: string | ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    fetch(`${url}/api/v1/observations/import`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/csv", ...headers },
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    })

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), "tijian-import-http-"))
    const yrd = yrdRegions()
    const generated = Array.from({ length: REGIONS }, (_, i) => ({ code: `R${String(i).padStart(4, "0")}`, level: "city" as const, parent: "YRD", nameZh: `区${i}`, nameEn: `Region ${i}` }))
    runtime = makeRuntime({ filename: join(dir, "t.sqlite"), plugins: builtinPlugins, regions: RegionSet.unsafeMake([...yrd.regions, ...generated], yrd.groups) })
    token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2025-01-01T00:00:00.000Z")))).token
    const app = makeApp(runtime, { settings: { maxBodyBytes: MAX_BODY, rateLimit: { requests: 0, windowSeconds: 60 } } })
    await new Promise<void>((resolve) => {
      const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info: AddressInfo) => {
        url = `http://127.0.0.1:${info.port}`
        resolve()
      })
      close = () => server.close()
    })
  })
  afterAll(async () => {
    close()
    await runtime.dispose()
    await rm(dir, { recursive: true, force: true })
  })

  it("refuses a bad row near the end of a 9 MB file with a 422 naming it; nothing is stored", async () => {
    const res = await post(csvOf(200_000, 199_990))
    const body = (await res.json()) as { error: { message: string; details: Array<{ row: number; field: string; message: string }> } }
    expect(res.status).toBe(422)
    // data row n is spreadsheet row n + 2 (the header is row 1)
    expect(body.error.details).toHaveLength(1)
    expect(body.error.details[0]).toMatchObject({ row: 199_992, field: "value" })
    expect(body.error.details[0]!.message).toMatch(/^"12\.5 km2" has a unit \("km2"\); write the number alone: 12\.5/)
    expect(await count()).toBe(0)
  }, 60_000)

  it("answers a 9 MB file whose header lacks a column with a 422 without reading on; the next import works", async () => {
    const res = await post(csvOf(200_000).replace("indicator,region,year,value,source", "indicator,region,year,amount,source"))
    expect(res.status).toBe(422)
    expect(((await res.json()) as { error: { details: Array<{ row: number; field: string }> } }).error.details.map((p) => [p.row, p.field])).toEqual([[1, "value"]])
    const next = await post("indicator,region,year,value\nbeauty.growth,R0001,2040,1\n")
    expect([next.status, ((await next.json()) as { count: number }).count]).toEqual([201, 1])
    expect(await count()).toBe(1)
  }, 60_000)

  it("stores a 9 MB file of 200,000 rows whole, listing the first 1,000 revisions and counting all", async () => {
    const csv = csvOf(200_000)
    expect(csv.length).toBeGreaterThan(8 * 1024 * 1024)
    const res = await post(csv)
    const body = (await res.json()) as { count: number; unchanged: number; stored: Array<{ id: string }>; submittedAt: string }
    expect([res.status, body.count, body.unchanged, body.stored.length]).toEqual([201, 200_000, 0, 1000])
    expect(body.stored[0]!.id).toBe("beauty.carbon-reduction/R0000/2000/r1")
    expect(await count()).toBe(200_001)
    // the same file again changes nothing
    const again = (await (await post(csv)).json()) as { count: number; unchanged: number }
    expect([again.count, again.unchanged]).toEqual([0, 200_000])
  }, 60_000)

  it("answers a body over the limit sent without Content-Length with a 413 the client receives; nothing is stored", async () => {
    const before = await count()
    const line = new TextEncoder().encode(`${"beauty.growth,R0001,2030,1,".padEnd(1023, "x")}\n`)
    let sent = 0
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode("indicator,region,year,value,source\n"))
        // 24 MiB in all, over the 16 MiB limit, unless the server stops reading first
        if (sent >= 24 * 1024) return controller.close()
        sent++
        controller.enqueue(line)
      },
    })
    const res = await post(stream)
    expect(res.status).toBe(413)
    expect(((await res.json()) as { error: { message: string } }).error.message).toContain("the body exceeds this server's limit of 16 MiB")
    expect(await count()).toBe(before)
  }, 60_000)
})

/**
 * The live report served from the app's body cache: a second request is a hit, any write (through this app, or
 * through another process on the same database) is visible on the very next request, each format and language
 * is its own entry, ETag and If-None-Match give 304s, and the byte budget holds. No timing here: speed is in
 * `pnpm bench serve`.
 */
import { Effect } from "effect"
import { mkdtempSync, rmSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeBodyCache } from "../src/routes/BodyCache.js"
import { noneMatchHits } from "../src/routes/conditional.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

// The seeded YRD 2022 green expansion index is 80.98 (Journal of Urban Planning), revision 1.
const greenRow = (value: string) => `<a href="#ind-beauty.green-expansion">Green expansion index</a></th><td class="num">${value}</td>`

type App = ReturnType<typeof makeApp>

const get = async (app: App, path: string, headers: Record<string, string> = {}, method = "GET") => {
  const res = await app.request(path, { method, headers })
  return { status: res.status, headers: res.headers, text: await res.text(), cache: res.headers.get("x-cache"), etag: res.headers.get("etag") }
}

let dir: string
let runtime: AppRuntime
// a second runtime on the same SQLite file: another server process, as far as the first app can tell
let other: AppRuntime
let admin = ""
let clock = new Date("2024-02-20T00:00:00.000Z")
const now = () => clock

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "tijian-live-cache-"))
  const file = join(dir, "live.sqlite")
  runtime = makeRuntime({ filename: file, plugins: builtinPlugins })
  await runOrThrow(runtime, seedReferenceData("2024-01-01T00:00:00.000Z"))
  admin = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2024-01-01T00:00:00.000Z")))).token
  other = makeRuntime({ filename: file, plugins: builtinPlugins })
})

afterAll(async () => {
  await runtime.dispose()
  await other.dispose()
  rmSync(dir, { recursive: true, force: true })
})

const writeGreen = (app: App, value: number, revision: number) =>
  app.request("/api/v1/observations", {
    method: "POST",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    body: JSON.stringify({ observations: [{ indicator: "beauty.green-expansion", region: "YRD", year: 2022, value, revision }] }),
  })

const adminPost = (app: App, path: string, body?: unknown) =>
  app.request(path, {
    method: "POST",
    headers: { authorization: `Bearer ${admin}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

describe("the live report from the cache", () => {
  it("renders the first request, serves the same bytes from memory to the second, in every format and language apart", async () => {
    const cache = makeBodyCache()
    const app = makeApp(runtime, { now, bodyCache: cache })
    const paths = ["/reports/YRD/2022?lang=en", "/reports/YRD/2022?lang=zh", "/api/v1/reports/YRD/2022.md?lang=en", "/api/v1/reports/YRD/2022.csv?lang=zh", "/api/v1/reports/YRD/2022"]
    const first = await Promise.all(paths.map((p) => get(app, p)))
    expect(first.map((r) => [r.status, r.cache])).toEqual(paths.map(() => [200, "miss"]))
    expect(cache.size()).toBe(5)
    expect(new Set(first.map((r) => r.etag)).size).toBe(5)
    const second = await Promise.all(paths.map((p) => get(app, p)))
    expect(second.map((r) => r.cache)).toEqual(paths.map(() => "hit"))
    expect(second.map((r) => r.text)).toEqual(first.map((r) => r.text))
    expect(second.map((r) => r.headers.get("content-type"))).toEqual([
      "text/html; charset=utf-8",
      "text/html; charset=utf-8",
      "text/markdown; charset=utf-8",
      "text/csv; charset=utf-8; header=present",
      "application/json; charset=utf-8",
    ])
    expect(second[3]!.headers.get("content-disposition")).toBe('attachment; filename="YRD-2022-zh.csv"')
    expect(second[0]!.text).toContain(greenRow("80.98"))
    expect(JSON.parse(second[4]!.text).scope.code).toBe("YRD")
    // the same page asked for another way is the same bytes: the page never echoes the request's own path or query
    const viaApi = await get(app, "/api/v1/reports/YRD/2022.html?lang=en&utm=x")
    expect(viaApi.text).toBe(first[0]!.text)
    expect(viaApi.text).toContain('<a href="/reports/YRD/2022?lang=zh" lang="zh-CN"')
    expect(viaApi.text).not.toContain("utm")
  })

  it("shows a value written through the API on the next request after the 201, and a lock and an unlock too", async () => {
    const app = makeApp(runtime, { now })
    expect((await get(app, "/reports/YRD/2022?lang=en")).text).toContain(greenRow("80.98"))
    expect((await get(app, "/reports/YRD/2022?lang=en")).cache).toBe("hit")
    clock = new Date("2024-03-01T08:30:00.000Z")
    expect((await writeGreen(app, 81.5, 1)).status).toBe(201)
    const after = await get(app, "/reports/YRD/2022?lang=en")
    expect([after.cache, after.text.includes(greenRow("81.50"))]).toEqual(["miss", true])
    expect(after.text).toContain("<dd>2024-03-01 08:30 UTC</dd>")

    clock = new Date("2024-03-02T09:15:00.000Z")
    expect((await adminPost(app, "/api/v1/years/2022/lock", { reason: "published" })).status).toBe(201)
    const locked = await get(app, "/api/v1/reports/YRD/2022")
    expect(locked.cache).toBe("miss")
    expect(JSON.parse(locked.text).provenance.asOf).toBe("2024-03-02T09:15:00.000Z")
    const lockedPage = await get(app, "/reports/YRD/2022?lang=en")
    expect(lockedPage.text).toContain("<dd>2024-03-02 09:15 UTC</dd>")
    expect(lockedPage.etag).not.toBe(after.etag)

    clock = new Date("2024-03-03T10:00:00.000Z")
    expect((await adminPost(app, "/api/v1/years/2022/unlock", { reason: "correction" })).status).toBe(201)
    expect(JSON.parse((await get(app, "/api/v1/reports/YRD/2022")).text).provenance.asOf).toBe("2024-03-03T10:00:00.000Z")
  })

  it("sees a write by another process on the same database (the write clock), and a publish through this app (its write count)", async () => {
    const app = makeApp(runtime, { now })
    const elsewhere = makeApp(other, { now })
    const before = await get(app, "/reports/YRD/2022?lang=en")
    const revision = JSON.parse((await get(app, "/api/v1/observations?indicator=beauty.green-expansion&region=YRD&year=2022")).text).observations[0].revision as number
    clock = new Date("2024-04-01T00:00:00.000Z")
    expect((await writeGreen(elsewhere, 82.25, revision)).status).toBe(201)
    const after = await get(app, "/reports/YRD/2022?lang=en")
    expect(after.cache).toBe("miss")
    expect(after.text).toContain(greenRow("82.25"))
    expect(before.text).not.toContain(greenRow("82.25"))
    expect((await get(app, "/reports/YRD/2022?lang=en")).cache).toBe("hit")
    // publishing an edition moves no write clock; this app counted the request
    expect((await adminPost(app, "/api/v1/reports/YRD/2022/publish")).status).toBe(201)
    expect((await get(app, "/reports/YRD/2022?lang=en")).cache).toBe("miss")
    // a read is not a write
    expect((await get(app, "/reports/YRD/2022?lang=en")).cache).toBe("hit")
    // a refused write stored nothing: it empties no cache (else anyone could, with unauthenticated POSTs)
    expect((await app.request("/api/v1/reports/YRD/2022/publish", { method: "POST" })).status).toBe(401)
    expect((await writeGreen(app, 1e9, 99)).status).toBe(422)
    expect((await get(app, "/reports/YRD/2022?lang=en")).cache).toBe("hit")
  })

  it("keeps a page as of a past time across later writes, and renders one as of a later time anew", async () => {
    const app = makeApp(runtime, { now })
    const elsewhere = makeApp(other, { now })
    const past = "/reports/YRD/2022?lang=en&asOf=2024-02-21"
    const future = "/reports/YRD/2022?lang=en&asOf=2099-01-01"
    const pastPage = await get(app, past)
    expect(pastPage.text).toContain(greenRow("80.98"))
    expect(pastPage.text).toContain('<a href="/reports/YRD/2022?lang=zh&amp;asOf=2024-02-21" lang="zh-CN"')
    await get(app, future)
    const revision = JSON.parse((await get(app, "/api/v1/observations?indicator=beauty.green-expansion&region=YRD&year=2022")).text).observations[0].revision as number
    clock = new Date("2024-05-01T00:00:00.000Z")
    expect((await writeGreen(elsewhere, 83, revision)).status).toBe(201)
    const pastAgain = await get(app, past)
    expect([pastAgain.cache, pastAgain.text]).toEqual(["hit", pastPage.text])
    const futureAgain = await get(app, future)
    expect(futureAgain.cache).toBe("miss")
    expect(futureAgain.text).toContain(greenRow("83.00"))
  })
})

describe("ETag, If-None-Match and HEAD on the live report", () => {
  it("answers 304 to the page's own tag, weak or strong, alone or listed, and to *; 200 to anything else", async () => {
    const app = makeApp(runtime, { now })
    const page = await get(app, "/reports/YRD/2022?lang=en")
    const etag = page.etag!
    expect(etag).toMatch(/^"[0-9a-f]{64}"$/)
    expect(page.headers.get("cache-control")).toBe("no-cache")
    expect(page.headers.get("vary")).toBe("Accept, Accept-Language")
    const status = async (inm: string) => (await get(app, "/reports/YRD/2022?lang=en", { "if-none-match": inm })).status
    expect(await status(etag)).toBe(304)
    expect(await status(`W/${etag}`)).toBe(304)
    expect(await status(`"nope", ${etag}`)).toBe(304)
    expect(await status("*")).toBe(304)
    expect(await status('"nope"')).toBe(200)
    expect(await status("garbage")).toBe(200)
    expect(await status(etag.slice(1, -1))).toBe(200) // unquoted: not a tag
    expect(await status(`w/${etag}`)).toBe(200) // W/ is case-sensitive
    // the tag of one language is not the tag of the other
    expect((await get(app, "/reports/YRD/2022?lang=zh", { "if-none-match": etag })).status).toBe(200)
    const notModified = await get(app, "/reports/YRD/2022?lang=en", { "if-none-match": etag })
    expect([notModified.text, notModified.etag, notModified.headers.get("cache-control")]).toEqual(["", etag, "no-cache"])
  })

  it("answers HEAD with the GET's headers and no body, and 304 to a matching tag", async () => {
    const app = makeApp(runtime, { now })
    const page = await get(app, "/reports/YRD/2022?lang=en")
    const head = await get(app, "/reports/YRD/2022?lang=en", {}, "HEAD")
    expect([head.status, head.text, head.etag, head.headers.get("content-type")]).toEqual([200, "", page.etag, "text/html; charset=utf-8"])
    expect((await get(app, "/reports/YRD/2022?lang=en", { "if-none-match": page.etag! }, "HEAD")).status).toBe(304)
  })

  it("checks the token before the cache when reads need one", async () => {
    const closed = makeApp(runtime, { now, settings: { readsNeedToken: true } })
    expect((await get(closed, "/reports/YRD/2022?lang=en", { authorization: `Bearer ${admin}` })).status).toBe(200)
    expect((await get(closed, "/reports/YRD/2022?lang=en")).status).toBe(401)
  })

  it("says what is wrong with a bad asOf or lang, with a 400, cached or not", async () => {
    const app = makeApp(runtime, { now })
    expect((await get(app, "/reports/YRD/2022?lang=en")).status).toBe(200)
    const badAsOf = await get(app, "/reports/YRD/2022?lang=en&asOf=yesterday")
    expect([badAsOf.status, JSON.parse(badAsOf.text).error.message]).toEqual([400, expect.stringContaining('not "yesterday"')])
    expect((await get(app, "/reports/YRD/2022?lang=fr")).status).toBe(400)
    expect((await get(app, "/reports/NOWHERE/2022?lang=en")).status).toBe(404)
  })
})

describe("the byte budget", () => {
  it("never holds more than its budget: the least recently used page goes, a page larger than the budget is served and not kept", async () => {
    const probe = makeApp(runtime, { now })
    const en = (await get(probe, "/reports/YRD/2022?lang=en")).text
    const enBytes = new TextEncoder().encode(en).byteLength
    // room for the English page and the Markdown, not for a second page as well
    const cache = makeBodyCache(enBytes + 60_000)
    const app = makeApp(runtime, { now, bodyCache: cache })
    const seen: Array<string | null> = []
    for (const path of ["/reports/YRD/2022?lang=en", "/api/v1/reports/YRD/2022.md?lang=en", "/reports/YRD/2022?lang=zh", "/reports/YRD/2022?lang=en"]) {
      const res = await get(app, path)
      expect(res.status).toBe(200)
      seen.push(res.cache)
      expect(cache.bytes()).toBeGreaterThan(0)
      expect(cache.bytes()).toBeLessThanOrEqual(cache.maxBytes)
    }
    // the zh page pushed out the en page (least recently used), so en rendered again, and pushed zh out in turn
    expect(seen).toEqual(["miss", "miss", "miss", "miss"])
    expect((await get(app, "/reports/YRD/2022?lang=en")).cache).toBe("hit")
    expect((await get(app, "/reports/YRD/2022?lang=zh")).cache).toBe("miss")
    expect(cache.bytes()).toBeLessThanOrEqual(cache.maxBytes)

    const tiny = makeBodyCache(1000)
    const small = makeApp(runtime, { now, bodyCache: tiny })
    expect((await get(small, "/reports/YRD/2022?lang=en")).text).toBe(en)
    expect([tiny.size(), tiny.bytes()]).toEqual([0, 0])
    expect((await get(small, "/reports/YRD/2022?lang=en")).cache).toBe("miss")
  })
})

describe("the body cache", () => {
  const body = (text: string) => ({ bytes: new TextEncoder().encode(text), etag: `"${text}"` })

  it("drops the least recently used bodies to stay within its bytes (body bytes plus key length)", async () => {
    const loads: Array<string> = []
    const cache = makeBodyCache(3 * (10 + 1))
    const get = (key: string) =>
      cache.get(key, async () => {
        loads.push(key)
        return body(key.repeat(10))
      })
    await get("a")
    await get("b")
    await get("c")
    expect(cache.bytes()).toBe(33)
    await get("a") // a is now the most recent
    await get("d") // drops b
    await get("a")
    await get("b") // drops c
    expect(loads).toEqual(["a", "b", "c", "d", "b"])
    expect([cache.size(), cache.bytes()]).toEqual([3, 33])
  })

  it("shares one load between requests for the same key at the same time, and caches no failure", async () => {
    const cache = makeBodyCache()
    let loads = 0
    const load = async () => {
      loads++
      await new Promise((r) => setTimeout(r, 5))
      return body("x")
    }
    const got = await Promise.all([cache.get("k", load), cache.get("k", load), cache.get("k", load)])
    expect(loads).toBe(1)
    expect(got.map((g) => g.cache)).toEqual(["miss", "miss", "miss"])
    expect((await cache.get("k", load)).cache).toBe("hit")
    await expect(cache.get("x", () => Promise.reject(new Error("no edition 7")))).rejects.toThrow("no edition 7")
    await expect(cache.get("y", () => { throw new Error("thrown at once") })).rejects.toThrow("thrown at once")
    expect(cache.size()).toBe(1)
  })

  it("matches strong, weak, listed and * tags; not garbage", () => {
    expect(noneMatchHits('"abc"', '"abc"')).toBe(true)
    expect(noneMatchHits('W/"abc"', '"abc"')).toBe(true)
    expect(noneMatchHits('"x", "abc"', '"abc"')).toBe(true)
    expect(noneMatchHits("*", '"abc"')).toBe(true)
    expect(noneMatchHits('"abd"', '"abc"')).toBe(false)
    expect(noneMatchHits("abc", '"abc"')).toBe(false)
    expect(noneMatchHits(undefined, '"abc"')).toBe(false)
  })
})

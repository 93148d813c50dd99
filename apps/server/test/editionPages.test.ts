import { Effect } from "effect"
import { createHash } from "node:crypto"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { seedReferenceData } from "../src/seed.js"

import { BACKENDS, postgresSkipped } from "./backends.js"

// The seeded YRD 2022 green expansion index is 80.98 (Journal of Urban Planning); the diagnosis lists it among
// the largest gaps (19.02 short of 100), so its row reads as below on the page.
const greenRow = (value: string) => `<a href="#ind-beauty.green-expansion">Green expansion index</a></th><td class="num">${value}</td>`
const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

for (const backend of BACKENDS) {
  describe(backend.name, () => {
    let clock = new Date("2024-02-20T00:00:00.000Z")
    let runtime: AppRuntime
    let app: ReturnType<typeof makeApp>
    let admin = ""

    const get = async (target: ReturnType<typeof makeApp>, path: string, headers: Record<string, string> = {}) => {
      const res = await target.request(path, { headers })
      return { status: res.status, headers: res.headers, text: await res.text() }
    }
    const post = (path: string) => app.request(path, { method: "POST", headers: { authorization: `Bearer ${admin}` } })

    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: builtinPlugins })
      await runOrThrow(runtime, seedReferenceData("2024-01-01T00:00:00.000Z"))
      admin = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "admin", agency: "yrd-office" }, "2024-01-01T00:00:00.000Z")))).token
      app = makeApp(runtime, { now: () => clock })
      expect((await post("/api/v1/reports/YRD/2022/publish")).status).toBe(201)
    })
    afterAll(() => runtime.dispose())

    describe("GET /reports/{scope}/{year}/editions/{edition} (the page of a published edition)", () => {
      it("renders edition 1's values and says which edition it is and when it was published, in en and zh", async () => {
        const en = await get(app, "/reports/YRD/2022/editions/1?lang=en")
        expect(en.status).toBe(200)
        expect(en.headers.get("content-type")).toBe("text/html; charset=utf-8")
        expect(en.text).toContain(greenRow("80.98"))
        expect(en.text).toContain("<dt>Edition</dt><dd>edition 1, published 2024-02-20 00:00 UTC by yrd-office; it never changes · ")
        expect(en.text).toContain('<a href="/reports/YRD/2022?lang=en">See the current report</a>')
        expect(en.text).toContain('<a href="/api/v1/reports/YRD/2022/editions/1" type="application/json">JSON</a>')
        expect(en.text).not.toMatch(/<script/i)
        const zh = await get(app, "/reports/YRD/2022/editions/1", { "accept-language": "zh-CN" })
        expect(zh.text).toContain('<html lang="zh-CN">')
        expect(zh.text).toContain("<dt>版次</dt><dd>第 1 版，2024-02-20 00:00 UTC 由 yrd-office 发布，发布后不再改变 · ")
        expect(zh.text).toContain('<td class="num">80.98</td>')
      })

      it("serves the same bytes every time, also from a fresh app, with the SHA-256 of the bytes as ETag; the latest edition's page is revalidated", async () => {
        const first = await get(app, "/reports/YRD/2022/editions/1?lang=en")
        const second = await get(app, "/reports/YRD/2022/editions/1?lang=en")
        const cold = await get(makeApp(runtime, { now: () => new Date("2030-01-01T00:00:00.000Z") }), "/reports/YRD/2022/editions/1?lang=en")
        expect(second.text).toBe(first.text)
        expect(cold.text).toBe(first.text)
        expect(first.headers.get("etag")).toBe(`"${sha256(first.text)}"`)
        // the latest edition's page will say "superseded" once a later edition is published: revalidate, not immutable
        expect(first.headers.get("cache-control")).toBe("no-cache")
        expect((await get(app, "/api/v1/reports/YRD/2022/editions/1")).headers.get("cache-control")).toBe("public, max-age=31536000, immutable")
        expect(first.headers.get("vary")).toBe("Accept, Accept-Language")
        expect(first.headers.get("content-security-policy")).toContain("default-src 'none'")
      })

      it("links to itself in the other language without echoing the request's query into the cached page", async () => {
        const page = await get(app, "/reports/YRD/2022/editions/1?lang=en&utm=%3Cx%3E")
        expect(page.text).toContain('<a href="/reports/YRD/2022/editions/1?lang=zh" lang="zh-CN" hreflang="zh-CN"')
        expect(page.text).not.toContain("utm")
        expect(page.text).toBe((await get(app, "/reports/YRD/2022/editions/1?lang=en")).text)
      })

      it("answers a matching If-None-Match with 304 and no body, another with 200", async () => {
        const page = await get(app, "/reports/YRD/2022/editions/1?lang=en")
        const etag = page.headers.get("etag")!
        const again = await get(app, "/reports/YRD/2022/editions/1?lang=en", { "if-none-match": etag })
        expect([again.status, again.text, again.headers.get("etag")]).toEqual([304, "", etag])
        expect((await get(app, "/reports/YRD/2022/editions/1?lang=en", { "if-none-match": `W/${etag}` })).status).toBe(304)
        // the zh page is other bytes: the en page's ETag does not match it
        expect((await get(app, "/reports/YRD/2022/editions/1?lang=zh", { "if-none-match": etag })).status).toBe(200)
        const json = await get(app, "/api/v1/reports/YRD/2022/editions/1")
        expect((await get(app, "/api/v1/reports/YRD/2022/editions/1", { "if-none-match": json.headers.get("etag")! })).status).toBe(304)
      })

      it("answers 404 for an edition not published, naming it and where the list is", async () => {
        for (const path of ["/reports/YRD/2022/editions/7", "/api/v1/reports/YRD/2022/editions/7?format=html"]) {
          const res = await get(app, path)
          expect(res.status, path).toBe(404)
          expect(JSON.parse(res.text), path).toEqual({ error: { code: "not-found", message: "YRD 2022 has no edition 7; see .../editions for the list" } })
        }
        expect(JSON.parse((await get(app, "/reports/YRD/2022/editions/x")).text).error.message).toBe('an edition is a number from 1 (see .../editions), not "x"')
      })

      it("negotiates on the API route: JSON by default, the page for Accept: text/html or ?format=html, Markdown and CSV, 406 for an image", async () => {
        const json = await get(app, "/api/v1/reports/YRD/2022/editions/1")
        expect(json.headers.get("content-type")).toBe("application/json; charset=utf-8")
        expect(json.headers.get("etag")).toBe(`"${JSON.parse(json.text).provenance.contentHash}"`)
        const page = await get(app, "/reports/YRD/2022/editions/1?lang=en")
        expect((await get(app, "/api/v1/reports/YRD/2022/editions/1?lang=en", { accept: "text/html" })).text).toBe(page.text)
        expect((await get(app, "/api/v1/reports/YRD/2022/editions/1?format=html&lang=en")).text).toBe(page.text)
        expect((await get(app, "/reports/YRD/2022/editions/1", { accept: "application/json" })).text).toBe(json.text)
        const md = await get(app, "/api/v1/reports/YRD/2022/editions/1?lang=en", { accept: "text/markdown" })
        expect(md.status).toBe(200)
        expect(md.headers.get("content-type")).toBe("text/markdown; charset=utf-8")
        expect(md.text).toBe((await get(app, "/reports/YRD/2022/editions/1.md?lang=en")).text)
        expect((await get(app, "/api/v1/reports/YRD/2022/editions/1?format=csv")).status).toBe(200)
        const png = await get(app, "/api/v1/reports/YRD/2022/editions/1", { accept: "image/png" })
        expect(png.status).toBe(406)
        expect(JSON.parse(png.text).error.details).toEqual({ formats: ["json", "html", "md", "csv"] })
        expect((await get(app, "/api/v1/reports/YRD/2022/editions/1?format=pdf")).status).toBe(400)
      })

      it("needs a token when reads do", async () => {
        const locked = makeApp(runtime, { settings: { readsNeedToken: true } })
        expect((await get(locked, "/reports/YRD/2022/editions/1")).status).toBe(401)
        expect((await get(locked, "/reports/YRD/2022/editions/1", { authorization: `Bearer ${admin}` })).status).toBe(200)
      })

      it("shows a revised value in edition 2 while edition 1 still shows the value it was published with", async () => {
        clock = new Date("2024-03-01T00:00:00.000Z")
        const before = await get(app, "/reports/YRD/2022/editions/1?lang=en")
        const revise = await app.request("/api/v1/observations/beauty.green-expansion/YRD/2022", {
          method: "PUT",
          headers: { authorization: `Bearer ${admin}`, "content-type": "application/json", "if-match": '"1"' },
          body: JSON.stringify({ value: 81.5, note: "revised survey" }),
        })
        expect(revise.status).toBe(200)
        expect((await post("/api/v1/reports/YRD/2022/publish")).status).toBe(201)
        const second = await get(app, "/reports/YRD/2022/editions/2?lang=en")
        expect(second.text).toContain(greenRow("81.50"))
        expect(second.text).toContain("<dt>Edition</dt><dd>edition 2, published 2024-03-01 00:00 UTC by yrd-office")
        const first = await get(app, "/reports/YRD/2022/editions/1?lang=en")
        // edition 1 is the same page but for its notice, which now names edition 2
        const notice = /<p class="notice [^"]*" role="note">[\s\S]*?<\/p>\n/
        expect(first.text.replace(notice, "")).toBe(before.text.replace(notice, ""))
        expect(before.text).toContain('<p class="notice latest" role="note">')
        expect(first.text).toContain("<strong>Superseded by edition 2, published 2024-03-01 00:00 UTC.</strong>")
        expect(first.text).toContain(greenRow("80.98"))
        // and not only from the cache: a fresh app renders edition 1 from its stored JSON the same way
        expect((await get(makeApp(runtime), "/reports/YRD/2022/editions/1?lang=en")).text).toBe(first.text)
        // the live page moved on
        expect((await get(app, "/reports/YRD/2022?lang=en")).text).toContain(greenRow("81.50"))
      })
    })
  })
}

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs the edition page tests on PostgreSQL", () => {}))

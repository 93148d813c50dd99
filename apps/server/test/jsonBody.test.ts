/**
 * JSON bodies as real clients send them: declared charsets honoured (ISO-8859-1 accents stored as sent, GB18030
 * Chinese too), unknown charsets 415, bytes invalid in the declared charset 400, a BOM dropped, and nesting bounded
 * (a 4,000-deep body of 8 KB was a 500: stack overflow while formatting the 422).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { jsonDepth, MAX_JSON_DEPTH } from "../src/jsonBody.js"
import { BACKENDS } from "./backends.js"
import { type Harness, makeHarness } from "./reliability/harness.js"

const row = (source: string, year = 2020) => ({ indicator: "ecology.redline-area-km2", region: "320509", year, value: 12.5, source })

describe("jsonDepth", () => {
  it("counts nesting on the text, ignoring brackets in strings, and stops past the limit", () => {
    expect(jsonDepth("1", 64)).toBe(0)
    expect(jsonDepth('{"a": [1, [2]]}', 64)).toBe(3)
    expect(jsonDepth('{"a": "[[[[\\"[["}', 64)).toBe(1)
    expect(jsonDepth("[".repeat(4000), 64)).toBe(65)
  })
})

describe("JSON bodies", () => {
  let h: Harness
  beforeAll(async () => {
    h = await makeHarness(BACKENDS[0]!)
  })
  afterAll(() => h.dispose())

  const post = (body: Uint8Array | string, type: string) => h.call("POST", "/api/v1/observations", { token: "admin", body, headers: { "content-type": type } })
  const stored = async (year: number) => (await h.call("GET", `/api/v1/observations/ecology.redline-area-km2/320509/${year}`)).json.source

  it("stores ISO-8859-1 accents as sent when the charset says so", async () => {
    const text = JSON.stringify({ observations: [row("Relevé écologique", 2020)] })
    const latin1 = Uint8Array.from([...text].map((ch) => ch.charCodeAt(0))) // é is one byte, 0xE9
    expect(latin1.length).toBe(text.length)
    const res = await post(latin1, "application/json; charset=iso-8859-1")
    expect(res.status, res.text).toBe(201)
    expect(await stored(2020)).toBe("Relevé écologique")
  })

  it("stores GB18030 Chinese as sent; a BOM is dropped", async () => {
    // 苏州 in GB18030 (= GBK for these): CB D5 D6 DD
    const head = new TextEncoder().encode(JSON.stringify({ observations: [row("@@", 2021)] }).replace("@@", ""))
    const at = new TextDecoder().decode(head).indexOf('"source":"') + '"source":"'.length
    const body = Uint8Array.from([...head.slice(0, at), 0xcb, 0xd5, 0xd6, 0xdd, ...head.slice(at)])
    expect((await post(body, "application/json;charset=GB18030")).status).toBe(201)
    expect(await stored(2021)).toBe("苏州")
    const bom = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(JSON.stringify({ observations: [row("带BOM", 2022)] }))])
    expect((await post(bom, "application/json")).status).toBe(201)
    expect(await stored(2022)).toBe("带BOM")
  })

  it("refuses an unknown charset with 415 and bytes that are not UTF-8 with 400; nothing stored", async () => {
    const unknown = await post(JSON.stringify({ observations: [row("x", 2023)] }), "application/json; charset=klingon")
    expect([unknown.status, unknown.json.error.code, unknown.json.error.message]).toEqual([
      415,
      "unsupported-media-type",
      'charset "klingon" is not one this server can decode; send the JSON as UTF-8 (Content-Type: application/json; charset=utf-8)',
    ])
    const latin1 = Uint8Array.from([...JSON.stringify({ observations: [row("Relevé", 2023)] })].map((ch) => ch.charCodeAt(0)))
    const wrong = await post(latin1, "application/json")
    expect([wrong.status, wrong.json.error.message]).toEqual([400, expect.stringMatching(/^the body is not valid UTF-8 \(near character \d+\); save it as UTF-8/)])
    expect((await h.call("GET", "/api/v1/observations/ecology.redline-area-km2/320509/2023")).status).toBe(404)
  })

  it(`answers deep nesting with 400 (at most ${MAX_JSON_DEPTH} levels), never a 500`, async () => {
    for (const depth of [65, 4000, 100_000]) {
      const res = await post(`{"observations": [${"[".repeat(depth)}${"]".repeat(depth)}]}`, "application/json")
      expect([depth, res.status, res.json.error.message]).toEqual([
        depth,
        400,
        `the JSON nests arrays and objects more than ${MAX_JSON_DEPTH} deep; this API's bodies nest at most a few levels`,
      ])
    }
    // a deep value inside a string is text, not nesting
    const res = await post(JSON.stringify({ observations: [row("[".repeat(500), 2024)] }), "application/json")
    expect(res.status).toBe(201)
  })
})

describe("a refused JSON write of many bad rows", () => {
  let h: Harness
  beforeAll(async () => {
    h = await makeHarness(BACKENDS[0]!)
  })
  afterAll(() => h.dispose())

  it("200,000 duplicate rows: the first 1,000 problems listed, all counted, a bounded answer", async () => {
    const cell = { indicator: "ecology.redline-area-km2", region: "320509", year: 2020, value: 12.5 }
    const res = await h.call("POST", "/api/v1/observations", { token: "admin", body: { observations: Array.from({ length: 200_000 }, () => cell) } })
    expect([res.status, res.json.error.message, res.json.error.details.length]).toEqual([
      422,
      "the same value is given twice: 199999 problem(s) in 199999 row(s) (the first 1,000 are listed); nothing was stored",
      1000,
    ])
    expect(res.json.error.details[0]).toEqual({ index: 1, field: "indicator", message: "ecology.redline-area-km2 for 320509 in 2020 is already given at index 0" })
    expect(res.text.length).toBeLessThan(200_000) // it was 25 MB
  }, 60_000)

  it("100,000 rows of the wrong shape: decoded row by row, the first 1,000 listed", async () => {
    const res = await h.call("POST", "/api/v1/observations", { token: "admin", body: { observations: Array.from({ length: 100_000 }, () => ({ indicator: 1 })) } })
    expect([res.status, res.json.error.details.length]).toEqual([422, 1000])
    // each row lacks region, year and value, and its indicator is not text: 4 problems a row
    expect(res.json.error.message).toBe("400000 problem(s) in 100000 row(s) (the first 1,000 are listed) of the JSON; nothing was stored")
    expect(res.json.error.details.slice(0, 4).map((p: any) => [p.index, p.field])).toEqual([
      [0, "indicator"],
      [0, "region"],
      [0, "year"],
      [0, "value"],
    ])
  }, 60_000)
})

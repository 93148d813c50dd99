/**
 * Breakdowns over HTTP (issue #21): `POST /observations` rows with `dimensions`, the 422s of unknown codes,
 * duplicates, missing totals and breakdowns that do not add up, and `GET /observations/breakdowns` answering each
 * breakdown with its codes labelled, while `GET /observations` keeps answering totals only.
 */
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { mobility } from "./support/mobilityPlugin.js"

const at = new Date("2025-03-01T00:00:00.000Z")
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let token = ""

const post = async (observations: ReadonlyArray<object>) => {
  const res = await app.request("/api/v1/observations", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify({ observations }) })
  return { status: res.status, body: (await res.json()) as any }
}
const get = async (path: string) => (await app.request(path)).json() as Promise<any>

const cell = { indicator: "mob.green-share", region: "320500", year: 2022, source: "Suzhou travel survey 2022" }
const byMode = (mode: string, value: number, extra: object = {}) => ({ ...cell, value, dimensions: { mode }, ...extra })

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs on PostgreSQL", () => {}))

for (const backend of BACKENDS) {
  describe(`breakdowns over HTTP (${backend.name})`, () => {
    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: [...builtinPlugins, mobility] })
      app = makeApp(runtime, { now: () => at })
      token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "agency", agency: "suzhou-transport", region: "320500" }, "2025-01-01T00:00:00.000Z")))).token
    })
    afterAll(() => runtime.dispose())

    it("refuses unknown codes and dimensions with a suggestion, a breakdown given twice, and one without its total (422, nothing stored)", async () => {
      const unknown = await post([{ ...cell, value: 0.7 }, byMode("metor", 0.3), { ...cell, value: 0.3, dimensions: { mod: "metro" } }])
      expect(unknown.status).toBe(422)
      expect(unknown.body.error.details).toEqual([
        { index: 1, field: "dimensions.mode", message: 'unknown mode code "metor"; did you mean "metro"? (the codes of mode: metro, bus, bike)' },
        { index: 2, field: "dimensions.mod", message: 'mob.green-share has no dimension "mod"; did you mean "mode"? (it declares mode)' },
      ])
      const twice = await post([{ ...cell, value: 0.7 }, byMode("metro", 0.3), byMode("metro", 0.31)])
      expect([twice.status, twice.body.error.details]).toEqual([422, [{ index: 2, field: "dimensions", message: "mob.green-share (mode=metro) for 320500 in 2022 is already given at index 1" }]])
      const orphan = await post([byMode("metro", 0.3)])
      expect([orphan.status, orphan.body.error.details]).toEqual([
        422,
        [{ index: 0, field: "dimensions", message: "mob.green-share (mode=metro) for 320500 in 2022 is a breakdown without its total: register the total first, or in the same write" }],
      ])
      const notCode = await post([{ ...cell, value: 0.7, dimensions: { mode: 3 } }])
      expect([notCode.status, notCode.body.error.details[0].field]).toEqual([422, "dimensions.mode"])
      // not an object at all: one problem saying what the field holds, not the schema's internals
      const notObject = await post([{ ...cell, value: 0.7, dimensions: "metro" }])
      expect([notObject.status, notObject.body.error.details]).toEqual([
        422,
        [{ index: 0, field: "dimensions", message: 'dimensions must be an object of codes by dimension id, e.g. {"mode": "metro"} (leave it out for the total)' }],
      ])
      expect((await get("/api/v1/observations?indicator=mob.green-share")).observations).toEqual([])
    })

    it("refuses breakdowns that do not add up, naming the rows and the sum against the total", async () => {
      const res = await post([{ ...cell, value: 0.7 }, byMode("metro", 0.3), byMode("bus", 0.25), byMode("bike", 0.1)])
      expect(res.status).toBe(422)
      expect(res.body.error.details).toEqual([
        { index: 0, field: "dimensions.mode", message: "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 0, 1, 2, 3)" },
      ])
      expect(res.body.error.message).toContain("nothing was stored")
    })

    it("stores a total with its breakdowns; GET /observations answers the total, GET /observations/breakdowns each breakdown labelled", async () => {
      const res = await post([{ ...cell, value: 0.7 }, byMode("metro", 0.3), byMode("bus", 0.25), byMode("bike", 0.15)])
      expect(res.status).toBe(201)
      expect(res.body.count).toBe(4)
      expect(res.body.stored.map((o: any) => [o.id, o.breakdown ?? null, o.dimensions ?? null])).toEqual([
        ["mob.green-share/320500/2022/r1", null, null],
        ["mob.green-share/320500/2022/mode=metro/r1", "mode=metro", { mode: "metro" }],
        ["mob.green-share/320500/2022/mode=bus/r1", "mode=bus", { mode: "bus" }],
        ["mob.green-share/320500/2022/mode=bike/r1", "mode=bike", { mode: "bike" }],
      ])
      expect((await get("/api/v1/observations?indicator=mob.green-share")).observations.map((o: any) => [o.id, o.value])).toEqual([["mob.green-share/320500/2022/r1", 0.7]])
      const { breakdowns } = await get("/api/v1/observations/breakdowns?indicator=mob.green-share&region=320500&year=2022")
      expect(breakdowns.map((b: any) => [b.breakdown, b.value, b.revision])).toEqual([["mode=metro", 0.3, 1], ["mode=bus", 0.25, 1], ["mode=bike", 0.15, 1]])
      expect(breakdowns[0]).toMatchObject({
        id: "mob.green-share/320500/2022/mode=metro/r1",
        dimensions: { mode: "metro" },
        codes: [{ dimension: "mode", dimensionName: { zh: "方式", en: "mode" }, code: "metro", name: { zh: "地铁", en: "metro" } }],
        agency: "suzhou-transport",
        source: "Suzhou travel survey 2022",
      })
      // the indicator documents its dimensions
      expect((await get("/api/v1/indicators/mob.green-share")).dimensions[0].codes.map((c: any) => c.code)).toEqual(["metro", "bus", "bike"])
      // a revised breakdown names its revision; one that breaks the sum is refused
      const revised = await post([byMode("metro", 0.32, { revision: 1 }), byMode("bus", 0.23, { revision: 1 })])
      expect([revised.status, revised.body.stored.map((o: any) => o.id)]).toEqual([201, ["mob.green-share/320500/2022/mode=metro/r2", "mob.green-share/320500/2022/mode=bus/r2"]])
      const broken = await post([byMode("bike", 0.2, { revision: 1 })])
      expect([broken.status, broken.body.error.details[0].message]).toEqual([422, "metro 0.32 + bus 0.23 + bike 0.20 = 0.75, total 0.70: breakdowns must add up to the total within 0.1% (row 0)"])
    })

    it("refuses a CSV import that revises a total away from its stored breakdowns (0.32 + 0.23 + 0.15 = 0.70, not 0.80), naming the sheet's row", async () => {
      const csv = "indicator,region,year,value,source,revision\nmob.green-share,320500,2022,0.8,Suzhou travel survey 2022 (revised),1\n"
      const res = await app.request("/api/v1/observations/import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" }, body: csv })
      const body = (await res.json()) as any
      expect(res.status).toBe(422)
      expect(body.error.details).toEqual([{ row: 2, field: "mode", message: "metro 0.32 + bus 0.23 + bike 0.15 = 0.70, total 0.80: breakdowns must add up to the total within 0.1% (row 2)" }])
      // nothing stored: the total is still 0.70
      expect((await get("/api/v1/observations?indicator=mob.green-share")).observations.map((o: any) => o.value)).toEqual([0.7])
      // the same revision to 0.70 (its breakdowns' sum) goes in
      const same = await app.request("/api/v1/observations/import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "text/csv" }, body: csv.replace(",0.8,", ",0.7,") })
      expect(same.status).toBe(201)
    })
  })
}

/**
 * Breakdowns in exports (issue #21): the CSV export in the import's columns with a column per dimension (only when
 * an exported indicator declares one), each total before its breakdowns in declaration order, read back by the
 * import unchanged; SDMX-CSV with a MODE dimension, `_T` for totals and `_Z` where it does not apply.
 */
import { Database, ObservationStore, Registry } from "@tijian/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { observationPages } from "../src/export/observationPages.js"
import { observationsCsv } from "../src/export/observationsCsv.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { mobility } from "./support/mobilityPlugin.js"

const at = new Date("2025-03-01T00:00:00.000Z")
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let token = ""

const auth = () => ({ authorization: `Bearer ${token}` })
const post = async (observations: ReadonlyArray<object>) =>
  (await app.request("/api/v1/observations", { method: "POST", headers: { ...auth(), "content-type": "application/json" }, body: JSON.stringify({ observations }) })).status
const importCsv = async (body: string) => {
  const res = await app.request("/api/v1/observations/import", { method: "POST", headers: { ...auth(), "content-type": "text/csv" }, body })
  return { status: res.status, body: (await res.json()) as any }
}
const text = async (path: string) => {
  const res = await app.request(path, { headers: auth() })
  // the bytes as sent, the byte order mark kept
  return { status: res.status, type: res.headers.get("content-type"), text: new TextDecoder("utf-8", { ignoreBOM: true }).decode(await res.arrayBuffer()) }
}

const cell = { region: "320500", year: 2022, source: "Suzhou travel survey 2022" }
const green = (value: number, mode?: string) => ({ ...cell, indicator: "mob.green-share", value, ...(mode ? { dimensions: { mode } } : {}) })
const TAIL = "Suzhou travel survey 2022,,,,,,final,1"

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs on PostgreSQL", () => {}))

for (const backend of BACKENDS) {
  describe(`breakdowns in exports (${backend.name})`, () => {
    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: [...builtinPlugins, mobility] })
      app = makeApp(runtime, { now: () => at })
      token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "agency", agency: "suzhou-transport", region: "320500" }, "2025-01-01T00:00:00.000Z")))).token
      // 0.70 = metro 0.30 + bus 0.25 + bike 0.15, given bike first; 12.5 million trips without dimensions
      expect(await post([green(0.7), green(0.15, "bike"), green(0.3, "metro"), green(0.25, "bus"), { ...cell, indicator: "mob.trips", value: 12.5 }])).toBe(201)
    })
    afterAll(() => runtime.dispose())

    it("writes a mode column, each total before its breakdowns in declaration order (metro, bus, bike)", async () => {
      const res = await text("/api/v1/export/observations.csv?indicator=mob.green-share,mob.trips")
      expect([res.status, res.type]).toEqual([200, "text/csv; charset=utf-8; header=present"])
      expect(res.text.split("\r\n")).toEqual([
        "\uFEFFindicator,region,year,mode,value,source,note,source_zh,source_en,note_zh,note_en,status,revision",
        `mob.green-share,320500,2022,,0.7,${TAIL}`,
        `mob.green-share,320500,2022,metro,0.3,${TAIL}`,
        `mob.green-share,320500,2022,bus,0.25,${TAIL}`,
        `mob.green-share,320500,2022,bike,0.15,${TAIL}`,
        `mob.trips,320500,2022,,12.5,${TAIL}`,
        "",
      ])
    })

    it("has no dimension column when no exported indicator declares one", async () => {
      const res = await text("/api/v1/export/observations.csv?indicator=mob.trips")
      expect(res.text).toBe(`\uFEFFindicator,region,year,value,source,note,source_zh,source_en,note_zh,note_en,status,revision\r\nmob.trips,320500,2022,12.5,${TAIL}\r\n`)
      expect((await text("/api/v1/export/observations.csv?indicator=mob.nope")).status).toBe(404)
    })

    it("writes the same text when a cell's rows fall on two pages (pages of 3 rows)", async () => {
      const { db, asOf, registry } = await runOrThrow(
        runtime,
        Effect.gen(function* () {
          const { db } = yield* Database.Database
          const asOf = yield* ObservationStore.asOfOrLatest(yield* ObservationStore.ObservationStore, undefined)
          return { db, asOf, registry: yield* Registry.Registry }
        }),
      )
      const ids = ["mob.green-share", "mob.trips"]
      const pages = observationPages(db, { asOf, breakdowns: true, indicators: ids, pageRows: 3 })
      let csv = ""
      for await (const chunk of observationsCsv(pages, ids.map((id) => registry.indicator(id)!), registry.indicator)) csv += chunk
      expect("\uFEFF" + csv).toBe((await text("/api/v1/export/observations.csv?indicator=mob.green-share,mob.trips")).text)
    })

    it("imports back unchanged; an edited breakdown pair goes in as new revisions", async () => {
      const exported = (await text("/api/v1/export/observations.csv?indicator=mob.green-share,mob.trips")).text
      const again = await importCsv(exported)
      expect([again.status, again.body.count, again.body.unchanged]).toEqual([201, 0, 5])
      // metro 0.30 -> 0.32 and bus 0.25 -> 0.23: still 0.70 in all
      const edited = await importCsv(exported.replace(",metro,0.3,", ",metro,0.32,").replace(",bus,0.25,", ",bus,0.23,"))
      expect([edited.status, edited.body.count, edited.body.stored.map((o: any) => o.id)]).toEqual([
        201,
        2,
        ["mob.green-share/320500/2022/mode=metro/r2", "mob.green-share/320500/2022/mode=bus/r2"],
      ])
    })

    it("writes SDMX-CSV with a MODE dimension: _T for the total, codes upper-cased, _Z for trips", async () => {
      const res = await text("/api/v1/export/sdmx.csv?indicator=mob.green-share,mob.trips&region=320500")
      expect(res.text.split("\r\n")).toEqual([
        "DATAFLOW,REF_AREA,INDICATOR,MODE,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS",
        "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_GREEN-SHARE,_T,2022,0.7,SHARE_OF_TRIPS,A",
        "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_GREEN-SHARE,METRO,2022,0.32,SHARE_OF_TRIPS,A",
        "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_GREEN-SHARE,BUS,2022,0.23,SHARE_OF_TRIPS,A",
        "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_GREEN-SHARE,BIKE,2022,0.15,SHARE_OF_TRIPS,A",
        "TIJIAN:DF_PLAN_MONITORING(1.0),320500,MOB_TRIPS,_Z,2022,12.5,MILLION_TRIPS,A",
        "",
      ])
      // without dimensioned indicators: the seven columns as before
      expect((await text("/api/v1/export/sdmx.csv?indicator=mob.trips")).text.split("\r\n")[0]).toBe("DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS")
    })
  })
}

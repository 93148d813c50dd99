/**
 * Breakdowns in imported files (issue #21): a CSV or Excel column per dimension (headed by its id, any case), an
 * empty cell for the total; 422s naming the file's row and column for an unknown code, a code in a column the
 * row's indicator does not declare, a column no indicator of the file declares, a breakdown given twice, one
 * without its total and breakdowns that do not add up; nothing stored on any of them.
 */
import { Registry } from "@tijian/core"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { BACKENDS, postgresSkipped } from "./backends.js"
import { mobility } from "./support/mobilityPlugin.js"

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
const at = new Date("2025-03-01T00:00:00.000Z")
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
const tokens = { suzhou: "", admin: "" }

const send = async (body: string | Uint8Array, type = "text/csv", token = tokens.suzhou) => {
  const res = await app.request("/api/v1/observations/import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": type }, body })
  return { status: res.status, body: (await res.json()) as any }
}
const get = async (path: string) => (await app.request(path)).json() as Promise<any>
const details = (r: { body: any }) => r.body.error.details.map((d: any) => [d.row, d.field, d.message])
const stored = async (indicator: string) => (await get(`/api/v1/observations?indicator=${indicator}`)).observations.length
const breakdownsOf = async (query: string) => (await get(`/api/v1/observations/breakdowns?${query}`)).breakdowns.map((b: any) => [b.region, b.year, b.breakdown, b.value])

const HEADER = "indicator,region,year,mode,value,source"
const csv = (...rows: ReadonlyArray<string>) => [HEADER, ...rows].join("\n") + "\n"
const green = (mode: string, value: number, region = "320500", year = 2022) => `mob.green-share,${region},${year},${mode},${value},survey`

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs on PostgreSQL", () => {}))

for (const backend of BACKENDS) {
  describe(`breakdowns in imported files (${backend.name})`, () => {
    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: [...builtinPlugins, mobility] })
      app = makeApp(runtime, { now: () => at })
      const create = (spec: Parameters<TokenStore["Type"]["create"]>[0]) => runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec, "2025-01-01T00:00:00.000Z")))
      tokens.suzhou = (await create({ role: "agency", agency: "suzhou-transport", region: "320500" })).token
      tokens.admin = (await create({ role: "admin", agency: "yrd-office" })).token
    })
    afterAll(() => runtime.dispose())

    it("refuses an unknown code (did you mean), a code its indicator does not declare, and a near-miss header, naming row and column", async () => {
      const wrong = await send(
        csv(green("", 0.7), green("metor", 0.3), "mob.trips,320500,2022,bus,12.5,survey", green("bus", 0.25)) +
          "mob.commute-minutes,320500,2022,,38.5,survey\n",
      )
      expect(wrong.status).toBe(422)
      expect(details(wrong)).toEqual([
        [3, "mode", 'unknown mode code "metor"; did you mean "metro"? (the codes of mode: metro, bus, bike)'],
        [4, "mode", "mob.trips is not broken down by mode (it declares no dimensions); leave the mode cell empty in its rows"],
      ])
      expect(wrong.body.error.message).toContain("2 problem(s) in 2 row(s) of the file; nothing was stored")
      // a misspelt indicator: one problem per row, its breakdowns not taken for its total given twice
      const typo = await send(csv("mob.gren-share,320500,2022,,0.7,survey", "mob.gren-share,320500,2022,metro,0.3,survey"))
      expect(details(typo).map((d: Array<unknown>) => d.slice(0, 2))).toEqual([[2, "indicator"], [3, "indicator"]])
      const purpose = await send("indicator,region,year,purpose,value\nmob.green-share,320500,2022,work,0.7\n")
      expect(details(purpose)).toEqual([
        [1, "purpose", 'the column "purpose" holds codes (the first in row 2) but no indicator of this file is broken down by purpose; clear the column, or give rows of an indicator that declares it'],
        [2, "purpose", "mob.green-share is not broken down by purpose (it declares mode); leave the purpose cell empty in its rows"],
      ])
      // the header is read before the rows: it names every dimension registered (the built-in plugins' city and
      // redline-type, then mode and purpose of the test plugin)
      const near = await send("indicator,region,year,Modes,value\nmob.green-share,320500,2022,,0.7\n")
      expect(details(near)).toEqual([
        [1, "Modes", 'the column "Modes" (column D) is not a dimension; did you mean "mode"? Head a dimension\'s column with its id (city, redline-type, mode, purpose), or rename a helper column so it is not mistaken for one'],
      ])
      expect([await stored("mob.green-share"), await stored("mob.trips"), await stored("mob.commute-minutes")]).toEqual([0, 0, 0])
    })

    it("refuses a cell far longer than any code without quoting it back", async () => {
      const res = await send(csv(green("", 0.7), green("m".repeat(100_000), 0.3)))
      expect(details(res)).toEqual([[3, "mode", "the mode cell holds 100,000 characters, not a code (the codes of mode: metro, bus, bike)"]])
    })

    it("refuses a dimension column with codes that no indicator of the file declares, at the header and in each row", async () => {
      const res = await send("indicator,region,year,mode,value\nmob.trips,320500,2022,,12.5\nmob.trips,320500,2023,metro,3.5\n")
      expect(details(res)).toEqual([
        [1, "mode", 'the column "mode" holds codes (the first in row 3) but no indicator of this file is broken down by mode; clear the column, or give rows of an indicator that declares it'],
        [3, "mode", "mob.trips is not broken down by mode (it declares no dimensions); leave the mode cell empty in its rows"],
      ])
    })

    it("names the file's rows for a breakdown given twice, one without its total and breakdowns that do not add up", async () => {
      const twice = await send(csv(green("", 0.7), green("metro", 0.3), green("bus", 0.25), green("metro", 0.31)))
      expect(details(twice)).toEqual([[5, "dimensions", "mob.green-share (mode=metro) for 320500 in 2022 is already given in row 3; keep one of the two rows"]])
      const orphan = await send(csv(green("metro", 0.3, "320500", 2021)))
      expect(details(orphan)).toEqual([
        [2, "dimensions", "mob.green-share (mode=metro) for 320500 in 2021 is a breakdown without its total: register the total first, or in the same write"],
      ])
      // 0.30 + 0.25 + 0.10 = 0.65, not 0.70: the four rows of the file, 2 to 5, named
      const sum = await send(csv("mob.trips,320500,2022,,12.5,survey", green("", 0.7), green("metro", 0.3), green("bus", 0.25), green("bike", 0.1)))
      expect(details(sum)).toEqual([[3, "mode", "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 3, 4, 5, 6)"]])
      expect([await stored("mob.green-share"), await stored("mob.trips")]).toEqual([0, 0])
    })

    it("stores totals and breakdowns from a CSV with a BOM and a `Mode` header; the same file again changes nothing", async () => {
      const file = "\uFEFFindicator,region,year,Mode,value,source\n" +
        [green("", 0.7), green("metro", 0.3), green("bus", 0.25), green("bike", 0.15)].join("\n") +
        "\nmob.trips,320500,2022,,12.5,survey\n"
      const res = await send(file)
      expect([res.status, res.body.count]).toEqual([201, 5])
      expect(res.body.stored.map((o: any) => o.id)).toEqual([
        "mob.green-share/320500/2022/r1",
        "mob.green-share/320500/2022/mode=metro/r1",
        "mob.green-share/320500/2022/mode=bus/r1",
        "mob.green-share/320500/2022/mode=bike/r1",
        "mob.trips/320500/2022/r1",
      ])
      expect(await breakdownsOf("indicator=mob.green-share&region=320500&year=2022")).toEqual([
        ["320500", 2022, "mode=metro", 0.3],
        ["320500", 2022, "mode=bus", 0.25],
        ["320500", 2022, "mode=bike", 0.15],
      ])
      const again = await send(file)
      expect([again.status, again.body.count, again.body.unchanged]).toEqual([201, 0, 5])
      // a revised breakdown that breaks the sum with the stored ones: 0.30 + 0.25 + 0.20 = 0.75, not 0.70
      const revised = await send("indicator,region,year,mode,value,revision\nmob.green-share,320500,2022,bike,0.2,1\n")
      expect(details(revised)).toEqual([[2, "mode", "metro 0.30 + bus 0.25 + bike 0.20 = 0.75, total 0.70: breakdowns must add up to the total within 0.1% (row 2)"]])
    })

    it("reads an .xlsx whose list validation was bypassed: the wrong code is refused naming row and column, the right one stored", async () => {
      const workbook = new ExcelJS.Workbook()
      const sheet = workbook.addWorksheet("observations")
      sheet.addRows([
        ["indicator", "region", "year", "purpose", "value"],
        ["mob.commute-minutes", "320500", 2023, null, 38.5],
        ["mob.commute-minutes", "320500", 2023, "Work", 41.2],
        ["mob.commute-minutes", "320500", 2023, "shcool", 25],
      ])
      const bytes = async () => new Uint8Array(await workbook.xlsx.writeBuffer())
      const res = await send(await bytes(), XLSX)
      expect(details(res)).toEqual([
        [3, "purpose", 'unknown purpose code "Work"; did you mean "work"? (the codes of purpose: work, school)'],
        [4, "purpose", 'unknown purpose code "shcool"; did you mean "school"? (the codes of purpose: work, school)'],
      ])
      sheet.getCell("D3").value = "work"
      sheet.getCell("D4").value = "school"
      const ok = await send(await bytes(), XLSX)
      expect([ok.status, ok.body.count]).toEqual([201, 3])
      // not additive: 41.2 and 25 minutes are no parts of 38.5
      expect(await breakdownsOf("indicator=mob.commute-minutes&region=320500&year=2023")).toEqual([
        ["320500", 2023, "purpose=work", 41.2],
        ["320500", 2023, "purpose=school", 25],
      ])
    })

    it("checks 5,000 breakdown rows, naming the one wrong code in row 4,321, and stores them once it is fixed", async () => {
      const registry = await runOrThrow(runtime, Registry.Registry)
      const regions = registry.regions.regions.filter((r) => r.level === "city" || r.level === "county").slice(0, 25).map((r) => r.code)
      expect(regions.length).toBe(25)
      const rows: Array<string> = []
      // 25 regions x 50 years = 1,250 cells, each a total 0.70 and metro 0.30 + bus 0.25 + bike 0.15: 5,000 rows
      for (const region of regions) {
        for (let year = 1975; year < 2025; year++) rows.push(green("", 0.7, region, year), green("metro", 0.3, region, year), green("bus", 0.25, region, year), green("bike", 0.15, region, year))
      }
      expect(rows.length).toBe(5000)
      const wrong = [...rows]
      // row 4,321 of the file is rows[4,319], a bike row (4,319 = 4 x 1,079 + 3)
      wrong[4321 - 2] = wrong[4321 - 2]!.replace(",bike,", ",buss,")
      const refused = await send(csv(...wrong), "text/csv", tokens.admin)
      expect(refused.status).toBe(422)
      expect(details(refused)).toEqual([[4321, "mode", 'unknown mode code "buss"; did you mean "bus"? (the codes of mode: metro, bus, bike)']])
      expect(await stored("mob.green-share")).toBe(1) // the 2022 total of 320500 from before; nothing of this file
      const started = performance.now()
      const ok = await send(csv(...rows.filter((r) => !r.includes(",320500,2022,"))), "text/csv", tokens.admin)
      const ms = performance.now() - started
      expect([ok.status, ok.body.count]).toEqual([201, rows.filter((r) => !r.includes(",320500,2022,")).length])
      console.log(`${backend.name}: imported ${ok.body.count} rows with breakdowns in ${ms.toFixed(0)} ms`)
      expect(await breakdownsOf(`indicator=mob.green-share&region=${regions[24]}&year=2024`)).toEqual([
        [regions[24], 2024, "mode=metro", 0.3],
        [regions[24], 2024, "mode=bus", 0.25],
        [regions[24], 2024, "mode=bike", 0.15],
      ])
    })
  })
}

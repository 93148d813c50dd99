/**
 * The Excel template with dimensions (issue #21): a column per dimension after `year`, a row per code after each
 * total, a protected "dimensions" sheet with the code lists, list validations drawing on it (messages in zh and en),
 * and a template filled in by program going back through the import and coming back pre-filled.
 */
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
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let token = ""

const download = async () => {
  const res = await app.request("/api/v1/templates/320500/2022.xlsx", { headers: { authorization: `Bearer ${token}` } })
  expect(res.status).toBe(200)
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await res.arrayBuffer())
  return workbook
}
const upload = async (workbook: ExcelJS.Workbook) => {
  const body = new Uint8Array(await workbook.xlsx.writeBuffer())
  const res = await app.request("/api/v1/observations/import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": XLSX }, body })
  return { status: res.status, body: (await res.json()) as any }
}
/** The rows of a sheet from row 2, the first `width` cells each (empty cells as null). */
const rowsOf = (sheet: ExcelJS.Worksheet, width: number) => {
  const rows: Array<Array<unknown>> = []
  sheet.eachRow((row, n) => {
    if (n > 1 && row.getCell(1).value !== null) rows.push(Array.from({ length: width }, (_, i) => row.getCell(i + 1).value ?? null))
  })
  return rows
}

if (postgresSkipped) describe.skip(postgresSkipped, () => it("runs on PostgreSQL", () => {}))

for (const backend of BACKENDS) {
  describe(`the template with dimensions (${backend.name})`, () => {
    beforeAll(async () => {
      runtime = makeRuntime({ filename: await backend.database(), plugins: [...builtinPlugins, mobility] })
      app = makeApp(runtime, { now: () => new Date("2025-03-01T00:00:00.000Z") })
      const spec = { role: "agency", agency: "suzhou-transport", region: "320500", plugins: ["mob"] } as const
      token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec, "2025-01-01T00:00:00.000Z")))).token
    })
    afterAll(() => runtime.dispose())

    it("has mode and purpose columns, a row per code after each total, and the code lists in a protected sheet", async () => {
      const workbook = await download()
      expect(workbook.worksheets.map((s) => s.name)).toEqual(["observations", "indicators", "dimensions"])
      const sheet = workbook.getWorksheet("observations")!
      expect(sheet.getRow(1).values).toEqual([undefined, "indicator", "region", "year", "mode", "purpose", "value", "source", "note", "source_zh", "source_en", "note_zh", "note_en", "revision"])
      expect(rowsOf(sheet, 6)).toEqual([
        ["mob.green-share", "320500", 2022, null, null, null],
        ["mob.green-share", "320500", 2022, "metro", null, null],
        ["mob.green-share", "320500", 2022, "bus", null, null],
        ["mob.green-share", "320500", 2022, "bike", null, null],
        ["mob.commute-minutes", "320500", 2022, null, null, null],
        ["mob.commute-minutes", "320500", 2022, null, "work", null],
        ["mob.commute-minutes", "320500", 2022, null, "school", null],
        ["mob.trips", "320500", 2022, null, null, null],
      ])
      const dimensions = workbook.getWorksheet("dimensions")!
      expect(dimensions.getRow(1).values).toEqual([undefined, "dimension", "code", "name_zh", "name_en", "additive", "indicators"])
      expect(rowsOf(dimensions, 6)).toEqual([
        ["mode", "metro", "地铁", "metro", "yes", "mob.green-share"],
        ["mode", "bus", "公交", "bus", "yes", "mob.green-share"],
        ["mode", "bike", "自行车", "bike", "yes", "mob.green-share"],
        ["purpose", "work", "上班", "work", "no", "mob.commute-minutes"],
        ["purpose", "school", "上学", "school", "no", "mob.commute-minutes"],
      ])
      expect((dimensions as unknown as { sheetProtection?: unknown }).sheetProtection).toMatchObject({ sheet: true })
    })

    it("lets Excel take only listed codes in the dimension cells, with a message in zh and en, also in rows added below", async () => {
      const sheet = (await download()).getWorksheet("observations")!
      expect(sheet.getCell("D3").dataValidation).toMatchObject({ type: "list", formulae: ["dimensions!$B$2:$B$4"], allowBlank: true, showErrorMessage: true, errorTitle: "Unknown code / 代码无效" })
      expect(sheet.getCell("D3").dataValidation.error).toBe('mode takes a code listed in sheet "dimensions", or nothing for the total / mode 须填写 "dimensions" 表所列代码，总计留空')
      expect(sheet.getCell("E7").dataValidation).toMatchObject({ type: "list", formulae: ["dimensions!$B$5:$B$6"] })
      // 8 rows given, validated down to row 9 + 200 spare rows
      expect([sheet.getCell("D209").dataValidation?.type, sheet.getCell("D210").dataValidation?.type]).toEqual(["list", undefined])
    })

    it("goes back filled in (0.70 = 0.30 + 0.25 + 0.15; school left empty) and comes back pre-filled; sent again it changes nothing", async () => {
      const workbook = await download()
      const sheet = workbook.getWorksheet("observations")!
      const values = [0.7, 0.3, 0.25, 0.15, 38.5, 41.2, null, 12.5]
      values.forEach((v, i) => {
        if (v === null) return
        sheet.getCell(i + 2, 6).value = v
        sheet.getCell(i + 2, 7).value = "Suzhou travel survey 2022"
      })
      const filled = await upload(workbook)
      expect([filled.status, filled.body.count]).toEqual([201, 7])
      expect(filled.body.stored.map((o: any) => o.id)).toEqual([
        "mob.green-share/320500/2022/r1",
        "mob.green-share/320500/2022/mode=metro/r1",
        "mob.green-share/320500/2022/mode=bus/r1",
        "mob.green-share/320500/2022/mode=bike/r1",
        "mob.commute-minutes/320500/2022/r1",
        "mob.commute-minutes/320500/2022/purpose=work/r1",
        "mob.trips/320500/2022/r1",
      ])
      const again = await download()
      const rows = rowsOf(again.getWorksheet("observations")!, 13)
      expect(rows.map((r) => [r[3], r[4], r[5], r[12]])).toEqual([
        [null, null, 0.7, 1],
        ["metro", null, 0.3, 1],
        ["bus", null, 0.25, 1],
        ["bike", null, 0.15, 1],
        [null, null, 38.5, 1],
        [null, "work", 41.2, 1],
        [null, "school", null, null],
        [null, null, 12.5, 1],
      ])
      const unchanged = await upload(again)
      expect([unchanged.status, unchanged.body.count, unchanged.body.unchanged]).toEqual([201, 0, 7])
    })
  })
}

import { Registry } from "@tijian/core"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
let clock = new Date("2025-03-01T00:00:00.000Z")
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let registry: Registry.RegistryService
const tokens: Record<string, string> = {}

const tokenFor = async (name: string, spec: Parameters<TokenStore["Type"]["create"]>[0]) => {
  const { token } = await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec, "2025-01-01T00:00:00.000Z")))
  tokens[name] = token
}

const auth = (token?: string): Record<string, string> => (token ? { authorization: `Bearer ${tokens[token]}` } : {})

/** GET a template; the workbook when it is one, else the JSON error. */
const download = async (token: string | undefined, path: string) => {
  const res = await app.request(`/api/v1/templates/${path}`, { headers: auth(token) })
  if (res.headers.get("content-type") !== XLSX) return { res, workbook: undefined, error: ((await res.json()) as any).error }
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(await res.arrayBuffer())
  return { res, workbook, error: undefined }
}

const upload = async (token: string, workbook: ExcelJS.Workbook) => {
  const res = await app.request("/api/v1/observations/import", {
    method: "POST",
    headers: { ...auth(token), "content-type": XLSX },
    body: new Uint8Array(await workbook.xlsx.writeBuffer()),
  })
  return { status: res.status, body: (await res.json()) as any }
}

/** The observations sheet's header, lower-case, with its column numbers (1-based). */
const headerOf = (workbook: ExcelJS.Workbook): ReadonlyArray<string> =>
  (workbook.getWorksheet("observations")!.getRow(1).values as Array<unknown>).map((v) => String(v ?? ""))

/** The dimension columns of a template: those between year and value (one per dimension of its indicators). */
const dimensionColumns = (workbook: ExcelJS.Workbook): ReadonlyArray<string> => {
  const header = headerOf(workbook)
  return header.slice(header.indexOf("year") + 1, header.indexOf("value"))
}

/** Whether a sheet row is a total (every dimension cell empty), not a breakdown row. */
const isTotal = (workbook: ExcelJS.Workbook, row: ExcelJS.Row): boolean => {
  const header = headerOf(workbook)
  return dimensionColumns(workbook).every((d) => (row.getCell(header.indexOf(d)).value ?? null) === null)
}

/**
 * The total rows of the observations sheet as [indicator, region, year, value, source, note, revision], or the
 * named columns.
 */
const rowsOf = (workbook: ExcelJS.Workbook, columns = ["indicator", "region", "year", "value", "source", "note", "revision"]) => {
  const rows: Array<Array<unknown>> = []
  const sheet = workbook.getWorksheet("observations")!
  const header = headerOf(workbook)
  sheet.eachRow((row, n) => {
    if (n > 1 && isTotal(workbook, row)) rows.push(columns.map((c) => row.getCell(header.indexOf(c)).value ?? null))
  })
  return rows
}

/** The sheet row number of an indicator's total. */
const rowOf = (workbook: ExcelJS.Workbook, indicator: string): number => {
  let found = 0
  workbook.getWorksheet("observations")!.eachRow((row, n) => {
    if (n > 1 && row.getCell(1).value === indicator && isTotal(workbook, row)) found = n
  })
  return found
}

/** A named cell of an indicator's total row in the observations sheet. */
const cellOf = (workbook: ExcelJS.Workbook, indicator: string, column: string) =>
  workbook.getWorksheet("observations")!.getRow(rowOf(workbook, indicator)).getCell(headerOf(workbook).indexOf(column))

/** The value cell of an indicator's total row in the observations sheet. */
const valueCell = (workbook: ExcelJS.Workbook, indicator: string) => cellOf(workbook, indicator, "value")

/** The ids a template lists: observed and reported indicators (not derived), in registry order. */
const registrable = (plugins?: ReadonlyArray<string>) =>
  registry.indicators.filter((i) => i.kind !== "derived" && (!plugins || plugins.includes(i.plugin))).map((i) => i.id)

beforeAll(async () => {
  runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  app = makeApp(runtime, { now: () => clock })
  registry = await runOrThrow(runtime, Registry.Registry)
  await tokenFor("admin", { role: "admin", agency: "yrd-office" })
  await tokenFor("suzhou", { role: "agency", agency: "suzhou-bureau", region: "320500" })
  await tokenFor("beautyOnly", { role: "agency", agency: "suzhou-stats", region: "320500", plugins: ["beauty"] })
  await tokenFor("reviewer", { role: "reviewer", agency: "expert-panel" })
  // last year's growth index of Suzhou, shown in the indicators sheet
  const res = await app.request("/api/v1/observations", {
    method: "POST",
    headers: { ...auth("suzhou"), "content-type": "application/json" },
    body: JSON.stringify({ observations: [{ indicator: "beauty.growth", region: "320500", year: 2022, value: 68.5, source: "2022 yearbook" }] }),
  })
  expect(res.status).toBe(201)
})

afterAll(() => runtime.dispose())

describe("GET /templates/{region}/{year}.xlsx", () => {
  it("gives the Suzhou agency a workbook with one row per registrable indicator", async () => {
    const { res, workbook } = await download("suzhou", "320500/2023.xlsx")
    expect([res.status, res.headers.get("content-disposition")]).toEqual([200, 'attachment; filename="tijian-320500-2023.xlsx"'])
    // a dimensions sheet, as the template's indicators include breakdowns (the rail plugin's one-hour share by city,
    // the ecology plugin's redline area by type, the demonstration zone's green travel share by mode)
    expect(workbook!.worksheets.map((s) => s.name)).toEqual(["observations", "indicators", "dimensions"])
    const sheet = workbook!.getWorksheet("observations")!
    expect(sheet.getRow(1).values).toEqual([
      undefined, "indicator", "region", "year", ...dimensionColumns(workbook!), "value", "source", "note", "source_zh", "source_en", "note_zh", "note_en", "revision",
    ])
    expect(dimensionColumns(workbook!)).toEqual(["city", "redline-type", "mode"])
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 })
    const ids = registrable()
    expect(ids).toContain("beauty.growth")
    expect(ids).not.toContain("beauty.composite") // derived: computed, not registered
    expect(rowsOf(workbook!)).toEqual(ids.map((id) => [id, "320500", 2023, null, null, null, null]))
  })

  it("checks the value cells against the indicator's range and shows the unit", async () => {
    const { workbook } = await download("suzhou", "320500/2023.xlsx")
    expect(valueCell(workbook!, "beauty.growth").dataValidation).toMatchObject({
      type: "decimal",
      operator: "between",
      formulae: [0, 100],
      allowBlank: true,
      showInputMessage: true,
      prompt: "Growth index / 增长指数: index 0-100 (指数（0-100）); valid: 0 to 100; 2 decimals",
    })
    expect(valueCell(workbook!, "ecology.redline-area-km2").dataValidation).toMatchObject({
      type: "decimal",
      operator: "greaterThanOrEqual",
      formulae: [0],
      prompt: "Ecological protection redline area / 生态保护红线面积: km² (平方千米); valid: at least 0; 2 decimals",
    })
  })

  it("lists the indicators for reference, with last year's value for the region", async () => {
    const { workbook } = await download("suzhou", "320500/2023.xlsx")
    const sheet = workbook!.getWorksheet("indicators")!
    expect(sheet.getRow(1).values).toEqual([undefined, "id", "name_zh", "name_en", "unit_zh", "unit_en", "min", "max", "decimals", "value_2022"])
    const rows: Array<unknown> = []
    sheet.eachRow((row, n) => {
      if (n > 1) rows.push(row.getCell(1).value)
      if (row.getCell(1).value === "beauty.growth") {
        expect(row.values).toEqual([undefined, "beauty.growth", "增长指数", "Growth index", "指数（0-100）", "index 0-100", 0, 100, 2, 68.5])
      }
    })
    expect(rows).toEqual(registrable())
    expect((sheet as unknown as { sheetProtection?: unknown }).sheetProtection).toMatchObject({ sheet: true }) // read-only reference
  })

  it("lists only the token's plugins when it has a plugin list", async () => {
    const { workbook } = await download("beautyOnly", "320500/2023.xlsx")
    expect(rowsOf(workbook!).map((r) => r[0])).toEqual(registrable(["beauty"]))
  })

  it("round-trips: fill in, upload, download with revision 1, revise, upload -> revision 2", async () => {
    const blank = (await download("suzhou", "320500/2023.xlsx")).workbook!
    valueCell(blank, "beauty.growth").value = 71.25
    valueCell(blank, "ecology.redline-area-km2").value = 12.5
    const first = await upload("suzhou", blank)
    expect(first.status).toBe(201)
    expect(first.body.stored.map((o: any) => [o.id, o.value])).toEqual([
      ["beauty.growth/320500/2023/r1", 71.25],
      ["ecology.redline-area-km2/320500/2023/r1", 12.5],
    ])
    expect(first.body.unchanged).toBe(0) // the rows left blank are skipped

    clock = new Date("2025-03-02T00:00:00.000Z")
    const filled = (await download("suzhou", "320500/2023.xlsx")).workbook!
    const rows = rowsOf(filled)
    expect(rows[registrable().indexOf("beauty.growth")]).toEqual(["beauty.growth", "320500", 2023, 71.25, "registered via the tijian API", null, 1])
    expect(rows[registrable().indexOf("ecology.redline-area-km2")]).toEqual(["ecology.redline-area-km2", "320500", 2023, 12.5, "registered via the tijian API", null, 1])

    valueCell(filled, "beauty.growth").value = 72
    const revised = await upload("suzhou", filled)
    expect(revised.status).toBe(201)
    expect(revised.body.stored.map((o: any) => [o.id, o.value, o.etag])).toEqual([["beauty.growth/320500/2023/r2", 72, '"2"']])
    expect(revised.body.unchanged).toBe(1) // the redline area, sent back as it is

    const twice = await upload("suzhou", filled)
    expect([twice.status, twice.body.stored.length, twice.body.unchanged]).toEqual([201, 0, 2])

    // the source and note per language: a note in English is a change; the next template shows them
    cellOf(filled, "ecology.redline-area-km2", "source_zh").value = "苏州市生态环境局红线台账"
    cellOf(filled, "ecology.redline-area-km2", "source_en").value = "Suzhou ecology bureau redline register"
    cellOf(filled, "ecology.redline-area-km2", "note_en").value = "surveyed 2023"
    const bilingual = await upload("suzhou", filled)
    expect(bilingual.status).toBe(201)
    expect(bilingual.body.stored.map((o: any) => [o.id, o.source, o.sourceZh, o.sourceEn, o.note, o.noteZh, o.noteEn])).toEqual([
      ["ecology.redline-area-km2/320500/2023/r2", "registered via the tijian API", "苏州市生态环境局红线台账", "Suzhou ecology bureau redline register", "surveyed 2023", null, "surveyed 2023"],
    ])
    const again = (await download("suzhou", "320500/2023.xlsx")).workbook!
    expect(rowsOf(again, ["source_zh", "source_en", "note_zh", "note_en", "revision"])[registrable().indexOf("ecology.redline-area-km2")]).toEqual([
      "苏州市生态环境局红线台账", "Suzhou ecology bureau redline register", null, "surveyed 2023", 2,
    ])

    valueCell(filled, "beauty.growth").value = 73 // still says revision 1, but the cell is at revision 2 now
    const stale = await upload("suzhou", filled)
    expect(stale.status).toBe(409)
    expect(stale.body.error.message).toBe(
      `row ${rowOf(filled, "beauty.growth")}: beauty.growth for 320500 in 2023 is at revision 2, not 1; read it again and resend your change ` +
        "against revision 2 (a fresh template, GET /api/v1/templates/320500/2023.xlsx, has the current revisions)",
    )
    const history = await app.request("/api/v1/observations/beauty.growth/320500/2023/history")
    expect(((await history.json()) as any).revisions.map((r: any) => [r.revision, r.value])).toEqual([[1, 71.25], [2, 72]])
  })

  it("writes formula-like text with a guarding apostrophe that the import removes again", async () => {
    const notes = { "beauty.growth": '=HYPERLINK("http://example.org","click")', "ecology.redline-area-km2": "'=1 kept as typed" }
    const res = await app.request("/api/v1/observations", {
      method: "POST",
      headers: { ...auth("suzhou"), "content-type": "application/json" },
      body: JSON.stringify({
        observations: [
          { indicator: "beauty.growth", region: "320500", year: 2024, value: 70.5, source: "-5% survey", note: notes["beauty.growth"] },
          { indicator: "ecology.redline-area-km2", region: "320500", year: 2024, value: 12, note: notes["ecology.redline-area-km2"] },
        ],
      }),
    })
    expect(res.status).toBe(201)
    const template = (await download("suzhou", "320500/2024.xlsx")).workbook!
    const row = (id: string) => rowsOf(template).find((r) => r[0] === id)
    // the value is a number, not text: never guarded
    expect(row("beauty.growth")).toEqual(["beauty.growth", "320500", 2024, 70.5, "'-5% survey", "'=HYPERLINK(\"http://example.org\",\"click\")", 1])
    expect(row("ecology.redline-area-km2")).toEqual(["ecology.redline-area-km2", "320500", 2024, 12, "registered via the tijian API", "''=1 kept as typed", 1])
    const back = await upload("suzhou", template)
    expect([back.status, back.body.stored.length, back.body.unchanged]).toEqual([201, 0, 2]) // the same notes and sources
    const stored = await (await app.request("/api/v1/observations?region=320500&year=2024")).json()
    expect((stored as any).observations.map((o: any) => [o.indicator, o.source, o.note]).sort()).toEqual([
      ["beauty.growth", "-5% survey", notes["beauty.growth"]],
      ["ecology.redline-area-km2", "registered via the tijian API", notes["ecology.redline-area-km2"]],
    ])
  })

  it("gives districts within the scope, and admins any region or group", async () => {
    expect((await download("suzhou", "320509/2023.xlsx")).res.status).toBe(200)
    const { res } = await download("admin", "DEMO-ZONE/2023.xlsx")
    expect([res.status, res.headers.get("content-disposition")]).toEqual([200, 'attachment; filename="tijian-DEMO-ZONE-2023.xlsx"'])
  })

  it("answers 403 outside the scope, 404 for an unknown region, 400 for a bad year or file, 401/403 without an agency token", async () => {
    const outside = await download("suzhou", "341300/2023.xlsx")
    expect([outside.res.status, outside.error.message]).toEqual([
      403,
      "this token writes 320500 (Suzhou (Jiangsu)) and the regions within it, not 341300 (Suzhou (Anhui)); ask for the template of a region this token writes",
    ])
    const unknown = await download("suzhou", "999999/2023.xlsx")
    expect([unknown.res.status, unknown.error.code]).toEqual([404, "not-found"])
    const year = await download("suzhou", "320500/20x3.xlsx")
    expect([year.res.status, year.error.message]).toEqual([400, 'year must be a whole year between 1949 and 2100, not "20x3"'])
    const csv = await download("suzhou", "320500/2023.csv")
    expect([csv.res.status, csv.error.message]).toEqual([
      400,
      "templates are .xlsx workbooks: GET /api/v1/templates/320500/<year>.xlsx, e.g. /api/v1/templates/320500/2023.xlsx",
    ])
    expect((await download(undefined, "320500/2023.xlsx")).res.status).toBe(401)
    expect((await download("reviewer", "320500/2023.xlsx")).res.status).toBe(403)
  })
})

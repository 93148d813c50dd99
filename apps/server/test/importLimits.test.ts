import { DEFAULT_INPUT_LIMITS, type InputLimits } from "@tijian/core"
import { Effect } from "effect"
import { afterAll, beforeAll, describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { TokenStore } from "../src/auth/TokenStore.js"
import { builtinPlugins } from "../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../src/runtime.js"
import { dataRow, HEADER_ROW, inline, sheetXml, xlsxFile } from "./support/xlsxFile.js"

const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
const SMALL: InputLimits = { ...DEFAULT_INPUT_LIMITS, maxRows: 100, maxEntries: 8, maxUnpackedBytes: 1024 * 1024 }
let runtime: AppRuntime
let app: ReturnType<typeof makeApp>
let token: string

beforeAll(async () => {
  runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  app = makeApp(runtime, { now: () => new Date("2025-03-01T00:00:00.000Z"), settings: { inputLimits: SMALL } })
  token = (await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create({ role: "agency", agency: "suzhou-bureau", region: "320500" }, "2025-01-01T00:00:00.000Z")))).token
})

afterAll(() => runtime.dispose())

const upload = async (body: string | Uint8Array, type = XLSX, on = app) => {
  const res = await on.request("/api/v1/observations/import", {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body,
  })
  return { status: res.status, error: ((await res.json()) as any).error }
}

const stored = async () => ((await (await app.request("/api/v1/observations")).json()) as any).observations.length

/** The sheet XML of `n` valid rows of Suzhou's growth index, one year each from 1950 on, after the header. */
const growthRows = (n: number) => HEADER_ROW + Array.from({ length: n }, (_, i) => dataRow(i + 2, "beauty.growth", "320500", 1950 + i, 60)).join("")

const raise = (setting: string) => `split the input, or raise inputLimits.${setting} in tijian.config.json (docs/security.md)`

describe("POST /observations/import within the input limits", () => {
  it("stores a workbook at the row limit, and answers 413 one row over it; nothing is stored", async () => {
    const atLimit = await upload(xlsxFile({ sheets: [{ name: "observations", xml: sheetXml(growthRows(99)) }] })) // + header = 100 rows
    expect(atLimit.status).toBe(201)
    expect(await stored()).toBe(99)
    const over = await upload(xlsxFile({ sheets: [{ name: "observations", xml: sheetXml(growthRows(100)) }] }))
    expect([over.status, over.error.code, over.error.message]).toEqual([
      413,
      "payload-too-large",
      `the sheet "observations" holds more than 100 rows (limit maxRows = 100); ${raise("maxRows")}`,
    ])
    expect(await stored()).toBe(99)
  })

  it("answers 413 for a CSV over the row limit, blank lines included; nothing is stored", async () => {
    const lines = ["indicator,region,year,value", ...Array.from({ length: 90 }, (_, i) => `beauty.growth,320500,${1950 + i},70`), ...Array(20).fill("")]
    const res = await upload(`${lines.join("\n")}\n`, "text/csv")
    expect([res.status, res.error.message]).toEqual([
      413,
      `the CSV file holds more than 100 rows (limit maxRows = 100); ${raise("maxRows")}`,
    ])
    expect(await stored()).toBe(99)
  })

  it("answers 413 for a workbook with more members than maxEntries, before reading any", async () => {
    const extra = Array.from({ length: 5 }, (_, i) => ({ name: `xl/media/image${i}.png`, data: "x" }))
    const res = await upload(xlsxFile({ sheets: [{ name: "observations", xml: sheetXml(growthRows(1)) }], extra }))
    expect([res.status, res.error.message]).toEqual([
      413,
      `the workbook holds 9 archive members (limit maxEntries = 8); ${raise("maxEntries")}`,
    ])
  })

  it("answers 413 for a zip bomb: a sheet that unpacks past maxUnpackedBytes, whatever size it declares", async () => {
    // 2 MiB of empty rows packs to a few kilobytes
    const bomb = sheetXml(HEADER_ROW + "<row/>".repeat(350_000))
    const honest = await upload(xlsxFile({ sheets: [{ name: "observations", xml: bomb }] }))
    const message = `the workbook holds more than 1 MiB unpacked bytes (limit maxUnpackedBytes = 1 MiB); ${raise("maxUnpackedMb")}`
    expect([honest.status, honest.error.message]).toEqual([413, message])
    // a member that declares less than it holds is stopped where it passes what it declared
    const lying = await upload(xlsxFile({ sheets: [{ name: "observations", xml: bomb, declaredSize: 1000 }] }))
    expect([lying.status, lying.error.code, lying.error.message]).toEqual([400, "bad-request", expect.stringContaining("the workbook cannot be read (xl/worksheets/sheet1.xml: too many bytes")])
    expect(await stored()).toBe(99)
  })

  it("answers 413 soon for a sheet holding a huge run of spaces (64 MiB packed in a few dozen kilobytes)", async () => {
    const spaces = " ".repeat(64 * 1024 * 1024)
    const bytes = xlsxFile({ sheets: [{ name: "observations", xml: sheetXml(`<row r="1">${inline("A1", spaces)}</row>`) }] })
    expect(bytes.byteLength).toBeLessThan(200_000)
    // with the default limits: 64 MiB is within maxUnpackedBytes, the run is not
    const started = performance.now()
    const res = await upload(bytes, XLSX, makeApp(runtime))
    expect(performance.now() - started).toBeLessThan(5000) // refused after its first MiB, not after 64 (generous: shared CI cores)
    expect([res.status, res.error.code, res.error.message]).toEqual([
      413,
      "payload-too-large",
      "xl/worksheets/sheet1.xml holds more than 1 MiB of text or markup without a break (Excel writes at most 32,767 characters in a cell): " +
        "this is not a workbook Excel saved; open it in Excel and save it again; nothing was stored",
    ])
  })

  it("names the spreadsheet rows of problems, counting blank and missing rows", async () => {
    const xml = sheetXml(HEADER_ROW + `<row r="2"/>` + dataRow(4, "beauty.growth", "320500", 2030, 70) + dataRow(7, "beauty.growth", "320500", 2031, "12,5"))
    const bytes = xlsxFile({ sheets: [{ name: "observations", xml: xml.replace('<c r="D7"><v>12,5</v></c>', inline("D7", "12,5")) }] })
    const res = await upload(bytes)
    expect([res.status, res.error.details]).toEqual([422, [{ row: 7, field: "value", message: '"12,5" uses a decimal comma; write 12.5 with a decimal point' }]])
  })
})

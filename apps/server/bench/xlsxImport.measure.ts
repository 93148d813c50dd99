/**
 * Measures the import of a large workbook (issue #23): N rows (default 1,000,000; `TIJIAN_MEASURE_ROWS`) whose
 * notes are N distinct shared strings, read and checked through `importSheet` (every row is a duplicate of an
 * earlier cell after the first 150, so the answer is a 422 and nothing is stored: the reading is what is measured).
 * Prints the time, the peak RSS of the process and the longest event-loop block (what a health check waits).
 * Not a test: run each reader in its own process, e.g.
 *
 *   pnpm tsx apps/server/bench/xlsxImport.measure.ts generate /tmp/big.xlsx
 *   pnpm tsx apps/server/bench/xlsxImport.measure.ts stream /tmp/big.xlsx    # this reader
 *   pnpm tsx apps/server/bench/xlsxImport.measure.ts exceljs /tmp/big.xlsx   # ExcelJS loading the whole workbook, as before
 *
 * `stream-read` and `exceljs-read` only read the rows (the reader's own cost, without the checks); `generate-spaces`
 * writes the second probe of the issue, a sheet of 1 GiB of spaces in one cell (about 1 MB zipped).
 */
import { readFileSync, writeFileSync } from "node:fs"
import { monitorEventLoopDelay } from "node:perf_hooks"
import { crc32, createDeflateRaw } from "node:zlib"
import { DEFAULT_INPUT_LIMITS, type InputLimits, Registry } from "@tijian/core"
import { Effect } from "effect"
import ExcelJS from "exceljs"
import type { Principal } from "../src/auth/Principal.js"
import { importSheet } from "../src/import/importSheet.js"
import { type Cell, isBlank, type Sheet, type SheetRow } from "../src/import/sheet.js"
import { readXlsx } from "../src/import/xlsxSheet.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeRuntime } from "../src/runtime.js"
import { sharedStringsXml, sheetXml, xlsxFile } from "../test/support/xlsxFile.js"

const ROWS = Number(process.env.TIJIAN_MEASURE_ROWS ?? 1_000_000) // for generate
const [mode, path = "/tmp/tijian-big.xlsx"] = process.argv.slice(2)
/** The limits of the streaming reader: the defaults, with `TIJIAN_MEASURE_UNPACKED_MB` to raise maxUnpackedBytes. */
const LIMITS: InputLimits = {
  ...DEFAULT_INPUT_LIMITS,
  maxUnpackedBytes: Number(process.env.TIJIAN_MEASURE_UNPACKED_MB ?? 512) * 1024 * 1024,
}

/** A sheet with one inline string of 1 GiB of spaces (issue #23's second probe), deflated as it is made. */
const generateSpaces = async () => {
  const head = Buffer.from(`<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>`)
  const tail = Buffer.from("</t></is></c></row></sheetData></worksheet>")
  const spaces = Buffer.alloc(1024 * 1024, " ")
  const deflate = createDeflateRaw({ level: 9 })
  const out: Array<Buffer> = []
  deflate.on("data", (b: Buffer) => out.push(b))
  const done = new Promise((resolve) => deflate.on("end", resolve))
  let crc = crc32(head)
  let size = head.byteLength
  deflate.write(head)
  for (let i = 0; i < 1024; i++) {
    crc = crc32(spaces, crc)
    size += spaces.byteLength
    if (!deflate.write(spaces)) await new Promise((resolve) => deflate.once("drain", resolve))
  }
  crc = crc32(tail, crc)
  size += tail.byteLength
  deflate.end(tail)
  await done
  const bytes = xlsxFile({ sheets: [{ name: "observations", xml: { packed: Buffer.concat(out), crc, size } }] })
  writeFileSync(path, bytes)
  console.log(`${path}: 1 GiB of spaces in one cell, ${(bytes.byteLength / 1024).toFixed(0)} KB`)
}

const generate = () => {
  const strings = ["indicator", "region", "year", "value", "note", "beauty.growth", "320500"].map((s) => `<t>${s}</t>`)
  const s = (col: string, row: number, index: number) => `<c r="${col}${row}" t="s"><v>${index}</v></c>`
  const rows = [`<row r="1">${[0, 1, 2, 3, 4].map((i) => s("ABCDE"[i]!, 1, i)).join("")}</row>`]
  for (let i = 0; i < ROWS; i++) {
    const r = i + 2
    strings.push(`<t>note ${i} from the statistical yearbook</t>`)
    rows.push(`<row r="${r}">${s("A", r, 5)}${s("B", r, 6)}<c r="C${r}"><v>${1950 + (i % 150)}</v></c><c r="D${r}"><v>${(i % 1000) / 10}</v></c>${s("E", r, strings.length - 1)}</row>`)
  }
  const bytes = xlsxFile({ sheets: [{ name: "observations", xml: sheetXml(rows.join("")) }], sharedStrings: sharedStringsXml(strings) })
  writeFileSync(path, bytes)
  console.log(`${path}: ${ROWS.toLocaleString("en-US")} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB`)
}

/** The reader before issue #23: ExcelJS loads the workbook whole, then every row is built in memory. */
const readWithExcelJs = async (bytes: Uint8Array): Promise<Sheet> => {
  const workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  const sheet = workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === "observations") ?? workbook.worksheets[0]!
  let header: SheetRow | undefined
  const rows: Array<SheetRow> = []
  sheet.eachRow({ includeEmpty: false }, (excelRow, row) => {
    const cells: Array<Cell> = []
    for (let column = 1; column <= excelRow.cellCount; column++) {
      const v = excelRow.getCell(column).value
      cells.push(typeof v === "number" || typeof v === "string" ? v : undefined)
    }
    if (cells.every(isBlank)) return
    if (header === undefined) header = { row, cells }
    else rows.push({ row, cells })
  })
  async function* batches() {
    for (let i = 0; i < rows.length; i += 2000) yield rows.slice(i, i + 2000)
  }
  return { format: "xlsx", header, rows: batches(), close: async () => {} }
}

/** Only reads the rows (no checks, nothing kept): the reader's own cost. */
const readOnly = (sheet: Sheet) =>
  Effect.promise(async () => {
    let n = 0
    for await (const batch of sheet.rows) n += batch.length
    return { count: n }
  })

const measure = async (read: (bytes: Uint8Array) => Promise<Sheet>, importing = true) => {
  const runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
  const principal: Principal = { tokenId: "t", role: "agency", agency: "suzhou-bureau", region: "320500", plugins: null }
  await runtime.runPromise(Registry.Registry) // builds the runtime (migrations, registry) before the clock starts
  const bytes = new Uint8Array(readFileSync(path))
  global.gc?.()
  const rssBefore = process.memoryUsage().rss
  const delay = monitorEventLoopDelay({ resolution: 10 })
  // a health check every 50 ms: the longest wait for one is the longest block of the event loop
  let lastTick = performance.now()
  let longestGap = 0
  const ticker = setInterval(() => {
    const now = performance.now()
    longestGap = Math.max(longestGap, now - lastTick - 50)
    if (process.env.TIJIAN_MEASURE_GAPS && now - lastTick - 50 > 100) console.log(`blocked ${Math.round(now - lastTick - 50)} ms at ${((now - started) / 1000).toFixed(1)} s`)
    lastTick = now
  }, 50)
  delay.enable()
  const started = performance.now()
  const outcome = await runtime.runPromise(
    Effect.tryPromise({ try: () => read(bytes), catch: (e) => e }).pipe(
      Effect.flatMap((sheet) => (importing ? importSheet(principal, sheet, "2025-03-01T00:00:00.000Z") : readOnly(sheet))),
      Effect.match({ onFailure: (e) => `${(e as { _tag?: string })._tag}: ${(e as Error).message.slice(0, 80)}`, onSuccess: (r) => `${importing ? "stored" : "read"} ${r.count}` }),
    ),
  )
  const seconds = (performance.now() - started) / 1000
  delay.disable()
  clearInterval(ticker)
  const peakMb = process.resourceUsage().maxRSS / 1024
  console.log(
    JSON.stringify({
      mode,
      seconds: Number(seconds.toFixed(2)),
      peakRssMb: Math.round(peakMb),
      rssBeforeMb: Math.round(rssBefore / 1024 / 1024),
      maxEventLoopBlockMs: Math.round(Math.max(delay.max / 1e6, longestGap)),
      outcome,
    }),
  )
  await runtime.dispose()
}

if (mode === "generate") generate()
else if (mode === "generate-spaces") await generateSpaces()
else if (mode === "stream") await measure((bytes) => readXlsx(bytes, LIMITS))
else if (mode === "exceljs") await measure(readWithExcelJs)
else if (mode === "stream-read") await measure((bytes) => readXlsx(bytes, LIMITS), false)
else if (mode === "exceljs-read") await measure(readWithExcelJs, false)
else console.error("usage: xlsxImport.measure.ts generate|generate-spaces|stream|exceljs|stream-read|exceljs-read [file.xlsx]")

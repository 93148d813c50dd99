/**
 * The rows of a worksheet part as it inflates, in batches, each cell as Excel shows it: a number, a shared or
 * inline string (a rich text as its runs' text), TRUE or FALSE, an error such as #N/A, a formula's saved result,
 * a date-formatted number as its day (2023-05-01); Excel's own row numbers. Rows are counted against `maxRows`
 * as they are read, and the event loop is given a turn after every batch.
 */
import { type InputLimits, inputTooLarge } from "@tijian/core"
import { setImmediate } from "node:timers/promises"
import type { Cell, SheetRow } from "./sheet.js"
import type { WorkbookParts } from "./workbookParts.js"
import { xmlPartParser } from "./xmlParts.js"
import { unreadableWorkbook, type ZipParts } from "./zipParts.js"

/** A batch ends after this many rows, or this many cells (a row may hold up to 16,384). */
const BATCH_ROWS = 2000
const BATCH_CELLS = 100_000

/** Excel's last column, XFD. */
const MAX_COLUMNS = 16_384

/** The 0-based column of a cell reference such as `AB12`, or -1 when it has no letters. */
const columnOf = (ref: string): number => {
  let column = 0
  let i = 0
  for (; i < ref.length; i++) {
    const code = ref.charCodeAt(i)
    if (code < 65 || code > 90) break
    column = column * 26 + (code - 64)
    if (column > MAX_COLUMNS) return MAX_COLUMNS
  }
  return i === 0 ? -1 : column - 1
}

/** A serial day number as the ISO date Excel shows for it. */
const dayOf = (serial: number, date1904: boolean) =>
  new Date(Math.round((serial - 25569 + (date1904 ? 1462 : 0)) * 86_400_000)).toISOString().slice(0, 10)

/** A cell's saved value (`<v>` or inline text) as the import reads it, by the cell's type `t` and style `s`. */
const cellValue = (parts: WorkbookParts, type: string | undefined, style: number, text: string | undefined): Cell => {
  if (text === undefined) return undefined
  switch (type) {
    case "s":
      return parts.sharedStrings[Number(text)]
    case "str":
    case "inlineStr":
    case "e":
      return text
    case "b":
      return text.trim() === "1" || text.trim().toLowerCase() === "true" ? "TRUE" : "FALSE"
    case "d": {
      const date = new Date(text)
      return Number.isNaN(date.getTime()) ? text : date.toISOString().slice(0, 10)
    }
    default: {
      if (text.trim() === "") return undefined
      const n = Number.parseFloat(text)
      return parts.dateStyles.has(style) && Number.isFinite(n) ? dayOf(n, parts.date1904) : n
    }
  }
}

/**
 * The rows of the workbook's sheet `parts.sheetPart`, blank ones included, in batches. Fails with a
 * `too-large` `CalculatorError` past `maxRows` rows (or the zip and XML limits), with a 400 on a damaged sheet.
 *
 * @example
 * for await (const batch of sheetXmlRows(zip, parts, DEFAULT_INPUT_LIMITS)) batch
 * // [{ row: 1, cells: ["indicator", "region", "year", "value"] }, { row: 2, cells: ["beauty.growth", "320500", 2023, 71.5] }]
 */
export async function* sheetXmlRows(zip: ZipParts, parts: WorkbookParts, limits: InputLimits): AsyncGenerator<ReadonlyArray<SheetRow>> {
  const file = `the sheet "${parts.sheetName}"`
  let pending: Array<SheetRow> = []
  let pendingCells = 0
  let rowsRead = 0
  let rowNumber = 0
  let cells: Array<Cell> | undefined
  // the cell being read
  let column = -1
  let type: string | undefined
  let style = 0
  let text: Array<string> | undefined
  let inValue = false
  let inInline = 0
  let inPhonetic = 0
  let inText = 0
  const parser = xmlPartParser(parts.sheetPart, {
    open: (name, a) => {
      if (name === "row") {
        if (++rowsRead > limits.maxRows) throw inputTooLarge({ file, limit: "maxRows", limits, atLeast: true })
        const r = a.r === undefined ? rowNumber + 1 : Number(a.r)
        if (!Number.isInteger(r) || r <= rowNumber) throw unreadableWorkbook(`${parts.sheetPart}: row ${a.r} is out of order`)
        rowNumber = r
        cells = []
        column = -1
      } else if (name === "c" && cells) {
        const at = a.r === undefined ? -1 : columnOf(a.r)
        column = at === -1 ? column + 1 : at
        if (column >= MAX_COLUMNS) throw unreadableWorkbook(`${parts.sheetPart}: cell ${a.r ?? ""} is beyond Excel's last column XFD`)
        type = a.t
        style = a.s === undefined ? 0 : Number(a.s)
        text = undefined
      } else if (name === "v") {
        inValue = true
        text = []
      } else if (name === "is") {
        inInline++
        text = []
      } else if (name === "t") inText++
      else if (name === "rPh") inPhonetic++
    },
    close: (name) => {
      if (name === "v") inValue = false
      else if (name === "is") inInline--
      else if (name === "t") inText--
      else if (name === "rPh") inPhonetic--
      else if (name === "c" && cells) {
        const value = cellValue(parts, type, style, text?.join(""))
        if (value !== undefined) cells[column] = value
      } else if (name === "row" && cells) {
        pending.push({ row: rowNumber, cells: Array.from(cells) })
        pendingCells += cells.length
        cells = undefined
      }
    },
    text: (t) => {
      if (inValue || (inInline > 0 && inText > 0 && inPhonetic === 0)) text?.push(t)
    },
  })
  for await (const chunk of zip.text(parts.sheetPart)) {
    parser.write(chunk)
    if (pending.length >= BATCH_ROWS || pendingCells >= BATCH_CELLS) {
      const batches = pending
      pending = []
      pendingCells = 0
      for (let i = 0; i < batches.length; i += BATCH_ROWS) {
        yield batches.slice(i, i + BATCH_ROWS)
        // a turn for the other requests (a health check) between batches
        await setImmediate()
      }
    }
  }
  parser.end()
  if (pending.length > 0) yield pending
}

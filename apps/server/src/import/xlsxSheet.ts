/**
 * Reading an .xlsx workbook into a `Sheet`: the sheet named "observations" if there is one, else the first
 * sheet; the cells' values as Excel shows them (a formula's result, a rich text's text), with Excel's own row
 * numbers.
 */
import ExcelJS from "exceljs"
import { BadRequest } from "../errors.js"
import { type Cell, inBatches, isBlank, OBSERVATIONS_SHEET, type Sheet, type SheetRow } from "./sheet.js"

const startsWith = (bytes: Uint8Array, prefix: ReadonlyArray<number>) => prefix.every((b, i) => bytes[i] === b)
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0]

/** A cell's value as text or a number, as Excel displays it. */
const cellOf = (value: ExcelJS.CellValue): Cell => {
  if (value === null || value === undefined) return undefined
  if (typeof value === "number" || typeof value === "string") return value
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE"
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  if ("error" in value) return value.error
  if ("richText" in value) return value.richText.map((t) => t.text).join("")
  if ("hyperlink" in value) return value.text
  if ("result" in value) return cellOf(value.result)
  return undefined // a formula saved without its result
}

/** Refuses bytes that are not an .xlsx workbook, saying what they look like. */
const checkIsXlsx = (bytes: Uint8Array) => {
  if (startsWith(bytes, ZIP)) return
  throw new BadRequest({
    message: startsWith(bytes, OLE)
      ? "this is an old-format .xls workbook (or a password-protected one), which is not read: open it in Excel and save it " +
        'as "Excel Workbook (*.xlsx)" without a password, or as CSV UTF-8 sent with Content-Type: text/csv; nothing was stored'
      : "the body is not an .xlsx workbook (an .xlsx file is a zip archive starting with PK): send a workbook saved by Excel as " +
        ".xlsx, or a CSV file with Content-Type: text/csv; nothing was stored",
  })
}

/**
 * Reads a workbook's observations sheet. Bytes that are not a readable .xlsx workbook are a 400.
 *
 * @example
 * await readXlsx(bytes) // { format: "xlsx", header: { row: 1, cells: ["indicator", ...] }, rows: [{ row: 2, cells: [...] }, ...] }
 */
export const readXlsx = async (bytes: Uint8Array): Promise<Sheet> => {
  checkIsXlsx(bytes)
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer)
  } catch (e) {
    throw new BadRequest({
      message: `the workbook cannot be read (${e instanceof Error ? e.message : String(e)}): open it in Excel and save it again as .xlsx; nothing was stored`,
    })
  }
  const sheet =
    workbook.worksheets.find((ws) => ws.name.trim().toLowerCase() === OBSERVATIONS_SHEET) ?? workbook.worksheets[0]
  if (!sheet) throw new BadRequest({ message: `the workbook has no sheet; put the values on a sheet named "${OBSERVATIONS_SHEET}"` })
  let header: SheetRow | undefined
  const rows: Array<SheetRow> = []
  sheet.eachRow({ includeEmpty: false }, (excelRow, row) => {
    const cells: Array<Cell> = []
    for (let column = 1; column <= excelRow.cellCount; column++) cells.push(cellOf(excelRow.getCell(column).value))
    if (cells.every(isBlank)) return
    if (header === undefined) header = { row, cells }
    else rows.push({ row, cells })
  })
  return { format: "xlsx", header, rows: inBatches(rows), close: async () => {} }
}

/**
 * Reading an .xlsx workbook into a `Sheet`: the sheet named "observations" if there is one, else the first
 * sheet; the cells' values as Excel shows them (a formula's result, a rich text's text), with Excel's own row
 * numbers. The workbook is streamed: its parts inflate and parse a chunk at a time and its rows are checked in
 * batches as they are read, within the input limits (members, unpacked bytes, rows).
 */
import { DEFAULT_INPUT_LIMITS, type InputLimits } from "@tijian/core"
import { BadRequest } from "../errors.js"
import { type Sheet, sheetFromRows } from "./sheet.js"
import { sheetXmlRows } from "./sheetXmlRows.js"
import { readWorkbookParts } from "./workbookParts.js"
import { openZipParts } from "./zipParts.js"

const startsWith = (bytes: Uint8Array, prefix: ReadonlyArray<number>) => prefix.every((b, i) => bytes[i] === b)
const ZIP = [0x50, 0x4b, 0x03, 0x04]
const OLE = [0xd0, 0xcf, 0x11, 0xe0]

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
 * Reads a workbook's observations sheet: resolves once its header row is read. Bytes that are not a readable
 * .xlsx workbook are a 400; a workbook over `limits` a `too-large` `CalculatorError` (413), when the reading
 * gets there.
 *
 * @example
 * const sheet = await readXlsx(bytes)
 * sheet.header // { row: 1, cells: ["indicator", "region", "year", "value", ...] }
 * for await (const batch of sheet.rows) batch // [{ row: 2, cells: ["beauty.growth", "320500", 2023, 71.5] }, ...]
 */
export const readXlsx = async (bytes: Uint8Array, limits: InputLimits = DEFAULT_INPUT_LIMITS): Promise<Sheet> => {
  checkIsXlsx(bytes)
  const zip = await openZipParts(bytes, "the workbook", limits)
  try {
    const parts = await readWorkbookParts(zip, limits)
    const rows = sheetXmlRows(zip, parts, limits)
    return await sheetFromRows("xlsx", rows, async () => {
      await rows.return(undefined)
      zip.close()
    })
  } catch (e) {
    zip.close()
    throw e
  }
}

/**
 * What a workbook's small parts say about its cells, read before the sheet: which part holds the sheet the import
 * reads (the one named "observations" if there is one, else the first), the shared strings its cells point to, which
 * cell styles show a number as a date, and whether dates count from 1904.
 */
import { type InputLimits, inputTooLarge } from "@tijian/core"
import { BadRequest } from "../errors.js"
import { OBSERVATIONS_SHEET } from "./sheet.js"
import { xmlPartParser, type XmlHandlers } from "./xmlParts.js"
import { unreadableWorkbook, type ZipParts } from "./zipParts.js"

/** What the sheet's cells need from the rest of the workbook. */
export interface WorkbookParts {
  /** The name of the sheet read, as written in the workbook. */
  readonly sheetName: string
  /** The archive member that holds that sheet, e.g. `xl/worksheets/sheet2.xml`. */
  readonly sheetPart: string
  /** The shared strings, by index (a rich text as its runs' text joined). */
  readonly sharedStrings: ReadonlyArray<string>
  /** The indexes of the cell styles (`s="3"`) whose number format shows a date or a time. */
  readonly dateStyles: ReadonlySet<number>
  /** Whether serial day 0 is 1904-01-01 (a Mac workbook's option) rather than 1899-12-30. */
  readonly date1904: boolean
}

/** Parses a part of the archive with `handlers`; an absent part is read as empty when `optional`. */
export const parsePart = async (zip: ZipParts, part: string, handlers: XmlHandlers, optional = false) => {
  if (optional && !zip.has(part)) return
  const parser = xmlPartParser(part, handlers)
  for await (const chunk of zip.text(part)) parser.write(chunk)
  parser.end()
}

/** A relationship's target as an archive member name, resolved against the folder of the part that names it. */
const resolveTarget = (folder: string, target: string) => {
  const parts = (target.startsWith("/") ? target.slice(1) : `${folder}${target}`).split("/")
  const out: Array<string> = []
  for (const p of parts) {
    if (p === "..") out.pop()
    else if (p !== "." && p !== "") out.push(p)
  }
  return out.join("/")
}

/** Excel's built-in number formats that show dates or times (the ones ExcelJS read as dates, and the Chinese ones). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 45, 46, 47, 50, 51, 52, 53, 54, 55, 56, 57, 58])

/** Whether a custom number format shows a date or time: a y, m, d, h, s or b outside quotes and brackets. */
const isDateFormat = (code: string) => /[ymdhMsb]/.test(code.replace(/\[[^\]]*]/g, "").replace(/"[^"]*"/g, ""))

/** The workbook's sheets in order, where their relationships point, and the 1904 flag. */
const readWorkbook = async (zip: ZipParts) => {
  const sheets: Array<{ name: string; id: string }> = []
  let date1904 = false
  await parsePart(zip, "xl/workbook.xml", {
    open: (name, a) => {
      if (name === "sheet") sheets.push({ name: a.name ?? "", id: a["r:id"] ?? "" })
      if (name === "workbookPr") date1904 = a.date1904 === "1" || a.date1904 === "true"
    },
  })
  const targets = new Map<string, string>()
  const byType = new Map<string, string>()
  await parsePart(zip, "xl/_rels/workbook.xml.rels", {
    open: (name, a) => {
      if (name !== "Relationship" || a.Target === undefined) return
      const target = resolveTarget("xl/", a.Target)
      targets.set(a.Id ?? "", target)
      byType.set((a.Type ?? "").slice((a.Type ?? "").lastIndexOf("/") + 1), target)
    },
  })
  return { sheets, date1904, targets, byType }
}

/** The shared strings, within `maxUnpackedBytes` of memory (two bytes a character, and a little for each string). */
const readSharedStrings = async (zip: ZipParts, part: string | undefined, limits: InputLimits) => {
  const strings: Array<string> = []
  if (part === undefined) return strings
  let current: Array<string> | undefined
  let inText = 0
  let inPhonetic = 0
  let held = 0
  await parsePart(
    zip,
    part,
    {
      open: (name) => {
        if (name === "si") current = []
        else if (name === "t") inText++
        else if (name === "rPh") inPhonetic++
      },
      close: (name) => {
        if (name === "t") inText--
        else if (name === "rPh") inPhonetic--
        else if (name === "si" && current) {
          const s = current.join("")
          held += 2 * s.length + 16
          if (held > limits.maxUnpackedBytes) throw inputTooLarge({ file: part, limit: "maxUnpackedBytes", limits, atLeast: true })
          strings.push(s)
          current = undefined
        }
      },
      // the phonetic guide (rPh) of East Asian text is not shown in the cell
      text: (t) => void (inText > 0 && inPhonetic === 0 && current?.push(t)),
    },
    true,
  )
  return strings
}

/** The cell styles whose number format is a date. */
const readDateStyles = async (zip: ZipParts, part: string | undefined) => {
  const custom = new Map<number, string>()
  const styles = new Set<number>()
  if (part === undefined) return styles
  let inCellXfs = false
  let index = 0
  await parsePart(
    zip,
    part,
    {
      open: (name, a) => {
        if (name === "numFmt") custom.set(Number(a.numFmtId), a.formatCode ?? "")
        else if (name === "cellXfs") inCellXfs = true
        else if (name === "xf" && inCellXfs) {
          const id = Number(a.numFmtId ?? 0)
          const code = custom.get(id)
          if (code !== undefined ? isDateFormat(code) : BUILTIN_DATE_FORMATS.has(id)) styles.add(index)
          index++
        }
      },
      close: (name) => void (name === "cellXfs" && (inCellXfs = false)),
    },
    true,
  )
  return styles
}

/**
 * Reads the parts around the sheet the import reads. A workbook without a sheet is a 400 asking for one.
 *
 * @example
 * await readWorkbookParts(zip, DEFAULT_INPUT_LIMITS)
 * // { sheetName: "observations", sheetPart: "xl/worksheets/sheet1.xml", sharedStrings: ["indicator", ...], dateStyles: Set {}, date1904: false }
 */
export const readWorkbookParts = async (zip: ZipParts, limits: InputLimits): Promise<WorkbookParts> => {
  const { sheets, date1904, targets, byType } = await readWorkbook(zip)
  const sheet = sheets.find((s) => s.name.trim().toLowerCase() === OBSERVATIONS_SHEET) ?? sheets[0]
  if (!sheet) throw new BadRequest({ message: `the workbook has no sheet; put the values on a sheet named "${OBSERVATIONS_SHEET}"` })
  const sheetPart = targets.get(sheet.id)
  if (sheetPart === undefined || !zip.has(sheetPart)) throw unreadableWorkbook(`the sheet "${sheet.name}" has no part in the archive`)
  const sharedStrings = await readSharedStrings(zip, byType.get("sharedStrings"), limits)
  const dateStyles = await readDateStyles(zip, byType.get("styles"))
  return { sheetName: sheet.name, sheetPart, sharedStrings, dateStyles, date1904 }
}

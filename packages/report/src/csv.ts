/**
 * CSV (RFC 4180): fields quoted when they hold a comma, quote or line break; CRLF line ends. Fields that
 * a spreadsheet would run as a formula are guarded with a leading `'` (`guardFormula`, the OWASP advice against
 * CSV injection). Numbers are written with `.` and no grouping.
 */
import { roundTo } from "@tijian/core"
import { guardFormula } from "./formulaGuard.js"

/** A CSV cell: text, a number, a boolean, or empty. */
export type CsvCell = string | number | boolean | null | undefined

/** One field, quoted and guarded as needed. */
export const csvField = (cell: CsvCell): string => {
  if (cell === null || cell === undefined) return ""
  if (typeof cell === "boolean") return cell ? "true" : "false"
  if (typeof cell === "number") return Number.isFinite(cell) ? String(cell) : ""
  const guarded = guardFormula(cell)
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded
}

/**
 * A whole CSV document: the header, then the rows, each line ended by CRLF.
 *
 * @example
 * csvDocument(["a", "b"], [[1, "x,y"]]) // 'a,b\r\n1,"x,y"\r\n'
 */
export const csvDocument = (header: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string =>
  [header, ...rows].map((r) => `${r.map(csvField).join(",")}\r\n`).join("")

/**
 * A number rounded to `decimals` places and written with exactly that many (no grouping), or empty.
 *
 * @example
 * fixedCell(80.89750000000001, 2) // "80.90"
 */
export const fixedCell = (value: number | null | undefined, decimals: number): string =>
  value === null || value === undefined || !Number.isFinite(value) ? "" : roundTo(value, decimals).toFixed(decimals)

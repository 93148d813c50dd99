/**
 * From a file's rows to rows to write: the header row names the columns (trimmed, any letter case, in any
 * order; unknown columns are ignored), each data row is read cell by cell, and every problem is collected
 * with its spreadsheet row and column name. Sources and notes (each language's too) lose the one apostrophe that guards
 * formula-like text (`unguardFormula`: `'=1` is read as `=1`, `''=1` as `'=1`). A row that names a cell but leaves value, sources, notes, status
 * and revision empty (a template row not filled in) is skipped, as are blank rows.
 */
import type { DimensionCodes, Indicator } from "@tijian/core"
import { unguardFormula } from "@tijian/report"
import { readRevision, readStatus, readValue, readYear } from "./cells.js"
import { DimensionCells, dimensionHeader } from "./dimensionColumns.js"
import type { FileProblem, NumberedRow } from "./rowProblems.js"
import {
  type Cell,
  cellText,
  columnLetter,
  headerName,
  type ImportColumn,
  isBlank,
  LANGUAGE_COLUMNS,
  OPTIONAL_COLUMNS,
  REQUIRED_COLUMNS,
  type Sheet,
  type SheetRow,
} from "./sheet.js"

/**
 * A data row that could be read as a whole, with the columns whose cells could not be read (`failed`: an import
 * column or a dimension id) and its breakdown key (`""` for a total, undefined when a dimension cell failed).
 */
export interface ReadRow extends NumberedRow {
  readonly failed: ReadonlySet<string>
  readonly breakdown: string | undefined
}

/** The rows of a file and every problem found reading them (empty when the file reads cleanly). */
export interface SheetRows {
  readonly rows: ReadonlyArray<ReadRow>
  readonly problems: ReadonlyArray<FileProblem>
}

const ALL_COLUMNS: ReadonlyArray<ImportColumn> = [...REQUIRED_COLUMNS, ...OPTIONAL_COLUMNS, ...LANGUAGE_COLUMNS]
const COLUMNS_HELP = `the columns ${REQUIRED_COLUMNS.join(", ")} (optional: ${OPTIONAL_COLUMNS.join(", ")})`

/** How many header names a message quotes, and how long each may be. */
const FOUND_SHOWN = 20
const clip = (text: string) => (text.length > 60 ? `${text.slice(0, 60)}…` : text)

/** The column of each known header name, or the problems of the header row. */
const readHeader = (
  sheet: Pick<Sheet, "format" | "header">,
  dimensionIds: ReadonlyArray<string>,
): { columns: ReadonlyMap<ImportColumn, number>; dimensions: DimensionCells; width: number } | { problems: Array<FileProblem> } => {
  const header = sheet.header
  if (!header) return { problems: [{ row: 1, field: "row", message: `the file is empty; its first row must be the header with ${COLUMNS_HELP}` }] }
  const columns = new Map<ImportColumn, number>()
  const problems: Array<FileProblem> = []
  header.cells.forEach((cell, index) => {
    const name = headerName(cell) as ImportColumn
    if (!ALL_COLUMNS.includes(name)) return
    const prior = columns.get(name)
    if (prior === undefined) columns.set(name, index)
    else {
      problems.push({
        row: header.row,
        field: name,
        message: `the column "${name}" appears twice in the header (columns ${columnLetter(prior)} and ${columnLetter(index)}); keep one`,
      })
    }
  })
  const named = header.cells.filter((c) => !isBlank(c))
  // a header of a million cells is named by its first few, each cut short
  const shown = named.slice(0, FOUND_SHOWN).map((c) => `"${clip(cellText(c))}"`)
  const found = named.length > FOUND_SHOWN ? [...shown, `and ${(named.length - FOUND_SHOWN).toLocaleString("en-US")} more`] : shown
  const only = header.cells.length === 1 ? cellText(header.cells[0]) : ""
  const separator = sheet.format === "csv" ? [";", "\t"].find((s) => only.includes(s)) : undefined
  const separatorHint = separator
    ? `; the header looks separated by ${separator === ";" ? "semicolons" : "tabs"}, not commas: save the file as CSV UTF-8 (comma-separated)`
    : ""
  for (const name of REQUIRED_COLUMNS) {
    if (columns.has(name)) continue
    problems.push({
      row: header.row,
      field: name,
      message: `the header row has no "${name}" column; the file needs ${COLUMNS_HELP}; columns found: ${found.join(", ") || "none"}${separatorHint}`,
    })
  }
  const dimensions = dimensionHeader(header, dimensionIds, ALL_COLUMNS)
  if ("problems" in dimensions) problems.push(...dimensions.problems)
  if (problems.length > 0 || "problems" in dimensions) return { problems }
  let width = header.cells.length
  while (width > 0 && isBlank(header.cells[width - 1])) width--
  return { columns, dimensions: new DimensionCells(dimensions.columns, header.row), width }
}

/**
 * The problem of a row with cells beyond the header's columns, or undefined. In a CSV any extra cell counts,
 * even an empty one: `...,60,5,survey,` is a value 60,5 split in two that shifted source into note. In a
 * workbook only a filled cell counts (an empty cell may just carry a format).
 */
const extraCells = (sheet: Pick<Sheet, "format" | "header">, r: SheetRow, width: number): FileProblem | undefined => {
  if (sheet.format === "csv") {
    const columns = sheet.header?.cells.length ?? width
    if (r.cells.length <= columns) return undefined
    return {
      row: r.row,
      field: "row",
      message:
        `this row has ${r.cells.length} cells but the header has ${columns} columns: a comma in a cell that is not in double quotes ` +
        `(a decimal comma as in 12,5, or a thousands separator as in 1,234) splits the cell in two; write 12.5 or 1234, ` +
        `or enclose the cell in double quotes`,
    }
  }
  let last = r.cells.length - 1
  while (last >= 0 && isBlank(r.cells[last])) last--
  if (last < width) return undefined
  const message = `column ${columnLetter(last)} has a value but no name in the header row (row ${sheet.header?.row ?? 1}); name the column or clear the cell`
  return { row: r.row, field: "row", message }
}

/** Reads a batch of data rows: the rows that could be read as a whole, and every problem found in them. */
export type ReadBatch = (batch: ReadonlyArray<SheetRow>) => SheetRows

const NO_FAILURES: ReadonlySet<string> = new Set()

/**
 * The reader of a file's data rows, or the problems of its header row. `indicatorOf` looks up the indicator a
 * row names, to make value hints precise and read its dimension cells; `dimensionIds` are the dimensions some
 * registered indicator declares (the headers read as dimension columns, see `dimensionColumns.ts`). Once every
 * batch is read, `finish` gives the problems of the file as a whole.
 *
 * @example
 * const reader = rowReader({ format: "csv", header: { row: 1, cells: ["indicator", "region", "year", "value"] } }, registry.indicator)
 * "read" in reader && reader.read([{ row: 2, cells: ["beauty.growth", "320500", "2023", "12,5"] }])
 * // problems: [{ row: 2, field: "value", message: '"12,5" uses a decimal comma; write 12.5 with a decimal point' }]
 */
export const rowReader = (
  sheet: Pick<Sheet, "format" | "header">,
  indicatorOf: (id: string) => Indicator | undefined,
  dimensionIds: ReadonlyArray<string> = [],
): { readonly problems: ReadonlyArray<FileProblem> } | { readonly read: ReadBatch; readonly finish: () => ReadonlyArray<FileProblem> } => {
  const header = readHeader(sheet, dimensionIds)
  if ("problems" in header) return { problems: header.problems }
  const { columns, dimensions, width } = header
  const at = (name: ImportColumn) => columns.get(name) ?? -1
  const [iIndicator, iRegion, iYear, iValue, iSource, iNote, iStatus, iRevision, iSourceZh, iSourceEn, iNoteZh, iNoteEn] = ALL_COLUMNS.map(at)
  const texts = [iSourceZh!, iSourceEn!, iNoteZh!, iNoteEn!]
  const filled = [iValue!, iSource!, iNote!, iStatus!, iRevision!, ...texts].filter((index) => index !== -1)
  const read: ReadBatch = (batch) => {
    const rows: Array<ReadRow> = []
    const problems: Array<FileProblem> = []
    // the row being read, and the columns of it that failed, seen by two helpers made once per batch
    let r: SheetRow = { row: 0, cells: [] }
    let failed = NO_FAILURES
    const cell = (index: number): Cell => (index === -1 ? undefined : r.cells[index])
    const fail = (field: string, message: string) => {
      if (failed === NO_FAILURES) failed = new Set()
      ;(failed as Set<string>).add(field)
      problems.push({ row: r.row, field, message })
    }
    for (r of batch) {
      const extra = extraCells(sheet, r, width)
      if (extra) {
        problems.push(extra)
        continue
      }
      // a row naming a cell but giving nothing for it (a template row not filled in) is skipped
      let unfilled = true
      for (const index of filled) if (!isBlank(r.cells[index])) unfilled = false
      if (unfilled) continue
      failed = NO_FAILURES
      const indicator = cellText(cell(iIndicator!))
      if (indicator === "") fail("indicator", "indicator is empty; write an indicator id such as beauty.growth (GET /api/v1/indicators lists them)")
      const region = cellText(cell(iRegion!))
      if (region === "") fail("region", "region is empty; write the region code, e.g. 320500 for Suzhou (Jiangsu)")
      const year = readYear(cell(iYear!))
      if (!year.ok) fail("year", year.problem)
      const known = indicatorOf(indicator)
      const codes = dimensions.read(r.row, cell, known, fail)
      const value = readValue(cell(iValue!), known)
      if (!value.ok) fail("value", value.problem)
      const status = readStatus(cell(iStatus!))
      if (!status.ok) fail("status", status.problem)
      const revision = readRevision(cell(iRevision!))
      if (!revision.ok) fail("revision", revision.problem)
      // a template writes formula-like text guarded by an apostrophe; the text is what was before the guard
      const source = unguardFormula(cellText(cell(iSource!)))
      const note = unguardFormula(cellText(cell(iNote!)))
      const [sourceZh, sourceEn, noteZh, noteEn] = texts.map((index) => unguardFormula(cellText(cell(index))) || undefined)
      rows.push({
        row: r.row,
        failed,
        breakdown: codes.breakdown,
        data: {
          indicator,
          region,
          year: year.ok ? year.value : Number.NaN,
          value: value.ok ? value.value : Number.NaN,
          source: source === "" ? undefined : source,
          note: note === "" ? undefined : note,
          sourceZh,
          sourceEn,
          noteZh,
          noteEn,
          status: status.ok ? status.value : undefined,
          revision: revision.ok ? revision.value : undefined,
          ...withCodes(codes.dimensions),
        },
      })
    }
    return { rows, problems }
  }
  return { read, finish: () => dimensions.unclaimed() }
}

const withCodes = (dimensions: DimensionCodes | undefined) => (dimensions === undefined ? {} : { dimensions })

/**
 * What an uploaded file is read into before its values are checked: the header row and the data rows, each cell
 * as text or a number, each row with its spreadsheet row number (the header is row 1, as Excel shows it).
 * Also the column names shared by the import and the template.
 */

/** One cell as read: CSV cells are text; workbook cells are text or numbers. `undefined` is an empty cell. */
export type Cell = string | number | undefined

/** One row of a file with its spreadsheet row number (1-based, counting blank rows, as Excel shows it). */
export interface SheetRow {
  readonly row: number
  readonly cells: ReadonlyArray<Cell>
}

/**
 * A file being read: the first non-blank row is the header; the data rows follow in batches as they are read
 * (a CSV is checked while it streams in; reading may still fail part-way, e.g. at a byte that is not UTF-8).
 * `format` tunes the hints of messages.
 */
export interface Sheet {
  readonly format: "csv" | "xlsx"
  readonly header: SheetRow | undefined
  readonly rows: AsyncIterable<ReadonlyArray<SheetRow>>
  /** Stops reading the rest of the file (e.g. after a header that cannot be used); nothing when already read. */
  readonly close: () => Promise<void>
}

/**
 * A sheet from the numbered rows of a file, blank ones included, as they are read: resolves once the first
 * non-blank row (the header) is read; the data rows follow in batches without the blank ones. `close` stops the
 * reading of the rest.
 *
 * @example
 * const sheet = await sheetFromRows("csv", rows, async () => {})
 * sheet.header // { row: 1, cells: ["indicator", "region", "year", "value"] }
 */
export const sheetFromRows = async (
  format: Sheet["format"],
  batches: AsyncIterator<ReadonlyArray<SheetRow>>,
  close: () => Promise<void>,
): Promise<Sheet> => {
  let header: SheetRow | undefined
  let first: Array<SheetRow> = []
  while (header === undefined) {
    const batch = await batches.next()
    if (batch.done) return { format, header: undefined, rows: (async function* () {})(), close }
    for (const r of batch.value) {
      if (r.cells.every(isBlank)) continue
      if (header === undefined) header = r
      else first.push(r)
    }
  }
  async function* rows(): AsyncGenerator<ReadonlyArray<SheetRow>> {
    if (first.length > 0) yield first
    first = []
    for (;;) {
      const batch = await batches.next()
      if (batch.done) return
      const filled = batch.value.filter((r) => !r.cells.every(isBlank))
      if (filled.length > 0) yield filled
    }
  }
  return { format, header, rows: rows(), close }
}

/** Columns every file must have (header names are compared trimmed and case-insensitively). */
export const REQUIRED_COLUMNS = ["indicator", "region", "year", "value"] as const

/** Columns a file may have; absent or empty cells mean: default source, no note, final, a new cell. */
export const OPTIONAL_COLUMNS = ["source", "note", "status", "revision"] as const

/** Optional columns with the source and note per language, beside or instead of `source` and `note`. */
export const LANGUAGE_COLUMNS = ["source_zh", "source_en", "note_zh", "note_en"] as const

/** A column the import reads. Other columns (e.g. a helper column with names) are ignored. */
export type ImportColumn = (typeof REQUIRED_COLUMNS)[number] | (typeof OPTIONAL_COLUMNS)[number] | (typeof LANGUAGE_COLUMNS)[number]

/** The columns of the template's "observations" sheet, in order. */
export const TEMPLATE_COLUMNS = [
  "indicator",
  "region",
  "year",
  "value",
  "source",
  "note",
  "source_zh",
  "source_en",
  "note_zh",
  "note_en",
  "revision",
] as const

/** The sheet of a workbook the import reads when present (else the first sheet). */
export const OBSERVATIONS_SHEET = "observations"

/** The content type of an .xlsx workbook. */
export const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

/** Whether a cell holds nothing (absent, or only spaces). */
export const isBlank = (cell: Cell): boolean => cell === undefined || (typeof cell === "string" && cell.trim() === "")

/** A cell as trimmed text ("" when blank). */
export const cellText = (cell: Cell): string => (cell === undefined ? "" : String(cell).trim())

/** Excel's name of a column: 0 -> A, 25 -> Z, 26 -> AA. */
export const columnLetter = (index: number): string =>
  (index >= 26 ? columnLetter(Math.floor(index / 26) - 1) : "") + String.fromCharCode(65 + (index % 26))

/** A header cell as the name of a column: trimmed, in lower case, without a byte order mark. */
export const headerName = (cell: Cell): string => cellText(cell).replace(/^\uFEFF/, "").toLowerCase()

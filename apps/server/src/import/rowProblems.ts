/**
 * Problems of an uploaded file, located as a person finds them in Excel: `{ row, field, message }` with the
 * spreadsheet row number (header = row 1).
 */
import { InvalidObservations, type RowProblem } from "@tijian/core"
import { Forbidden } from "../errors.js"
import type { IncomingRow } from "../writes.js"

/** One problem of a file: the spreadsheet row (header = 1), the column, and what is wrong and how to fix it. */
export interface FileProblem {
  readonly row: number
  /** The column (`value`, `year`, ...), or `row` for the row as a whole (e.g. more cells than the header). */
  readonly field: string
  readonly message: string
}

/** A parsed row of a file with its spreadsheet row number. */
export interface NumberedRow {
  readonly row: number
  readonly data: IncomingRow
}

const byRow = (problems: ReadonlyArray<FileProblem>): Array<FileProblem> =>
  problems.map((p, i) => ({ p, i })).sort((a, b) => a.p.row - b.p.row || a.i - b.i).map(({ p }) => p)

const rowCount = (problems: ReadonlyArray<FileProblem>) => new Set(problems.map((p) => p.row)).size

/** How many problems a file has in all, and in how many rows, when only some are listed. */
export interface Totals {
  readonly total: number
  readonly rows: number
}

const listedNote = (problems: ReadonlyArray<FileProblem>, totals?: Totals) =>
  totals && totals.total > problems.length ? `; the first ${problems.length.toLocaleString("en-US")} are listed` : ""

/**
 * The 422 for a file with invalid rows: core's `InvalidObservations` whose problems are `{ row, field, message }`
 * (sorted by row) instead of batch indices.
 *
 * @example
 * invalidFile([{ row: 502, field: "value", message: '"12,5" uses a decimal comma; write 12.5' }])
 * // 422 { error: { code: "invalid-observations", message: "1 problem(s) in 1 row(s) of the file; ...", details: [{ row: 502, ... }] } }
 */
export const invalidFile = (problems: ReadonlyArray<FileProblem>, totals?: Totals): InvalidObservations =>
  new InvalidObservations(
    {
      message:
        `${totals?.total ?? problems.length} problem(s) in ${totals?.rows ?? rowCount(problems)} row(s) of the file; nothing was stored ` +
        `(rows are numbered as in Excel: the header is row 1)${listedNote(problems, totals)}`,
      // the HTTP body shows `problems` as they are: rows of a file, not indices of a batch
      problems: byRow(problems) as unknown as ReadonlyArray<RowProblem>,
    },
    { disableValidation: true },
  )

/** The 403 for rows of a file outside the token's scope, each named by its spreadsheet row. */
export const forbiddenRows = (problems: ReadonlyArray<FileProblem>, totals?: Totals): Forbidden =>
  new Forbidden({
    message: `${totals?.rows ?? rowCount(problems)} row(s) of the file are outside this token's scope; nothing was stored${listedNote(problems, totals)}`,
    details: byRow(problems),
  })

/** Batch-index problems as file problems: index `i` is `rows[i]`. */
export const toFileProblems = (problems: ReadonlyArray<RowProblem>, rows: ReadonlyArray<NumberedRow>): Array<FileProblem> =>
  problems.map((p) => ({
    row: rows[p.index]?.row ?? p.index,
    field: p.field,
    message: p.message.replace(/at index (\d+)$/, (_, i: string) => `in row ${rows[Number(i)]?.row ?? i}`),
  }))

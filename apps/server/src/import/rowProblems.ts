/**
 * Problems of an uploaded file, located as a person finds them in Excel: `{ row, field, message }` with the
 * spreadsheet row number (header = row 1). Also renumbers the errors of the shared write path, which count rows
 * of a batch from 0, to spreadsheet rows.
 */
import { InvalidObservations, type RowProblem, WriteConflict } from "@tijian/core"
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

/**
 * The 422 for a file with invalid rows: core's `InvalidObservations` whose problems are `{ row, field, message }`
 * (sorted by row) instead of batch indices.
 *
 * @example
 * invalidFile([{ row: 502, field: "value", message: '"12,5" uses a decimal comma; write 12.5' }])
 * // 422 { error: { code: "invalid-observations", message: "1 problem(s) in 1 row(s) of the file; ...", details: [{ row: 502, ... }] } }
 */
export const invalidFile = (problems: ReadonlyArray<FileProblem>): InvalidObservations =>
  new InvalidObservations(
    {
      message:
        `${problems.length} problem(s) in ${rowCount(problems)} row(s) of the file; nothing was stored ` +
        `(rows are numbered as in Excel: the header is row 1)`,
      // the HTTP body shows `problems` as they are: rows of a file, not indices of a batch
      problems: byRow(problems) as unknown as ReadonlyArray<RowProblem>,
    },
    { disableValidation: true },
  )

/** The 403 for rows of a file outside the token's scope, each named by its spreadsheet row. */
export const forbiddenRows = (problems: ReadonlyArray<FileProblem>): Forbidden =>
  new Forbidden({
    message: `${rowCount(problems)} row(s) of the file are outside this token's scope; nothing was stored`,
    details: byRow(problems),
  })

/** Batch-index problems as file problems: index `i` is `rows[i]`. */
export const toFileProblems = (problems: ReadonlyArray<RowProblem>, rows: ReadonlyArray<NumberedRow>): Array<FileProblem> =>
  problems.map((p) => ({
    row: rows[p.index]?.row ?? p.index,
    field: p.field,
    message: p.message.replace(/at index (\d+)$/, (_, i: string) => `in row ${rows[Number(i)]?.row ?? i}`),
  }))

/**
 * Renumbers an error of `writeRows(principal, rows.map((r) => r.data), at)` to spreadsheet rows. A write
 * conflict names the row by its cell (stale revision) or year (locked year); anything else passes unchanged.
 */
export const renumberWriteError = <E>(error: E, rows: ReadonlyArray<NumberedRow>): E | InvalidObservations | Forbidden | WriteConflict => {
  if (error instanceof InvalidObservations) return invalidFile(toFileProblems(error.problems, rows))
  if (error instanceof Forbidden && Array.isArray(error.details)) return forbiddenRows(toFileProblems(error.details as Array<RowProblem>, rows))
  if (error instanceof WriteConflict) {
    const rest = /^row \d+: ([\s\S]*)$/.exec(error.message)?.[1]
    if (rest === undefined) return error
    const cell = /^(\S+) for (\S+) in (\d+) is at revision/.exec(rest)
    const locked = /^(\d+) is locked/.exec(rest)
    const found = cell
      ? rows.find((r) => r.data.indicator === cell[1] && r.data.region === cell[2] && r.data.year === Number(cell[3]))
      : locked
        ? rows.find((r) => r.data.year === Number(locked[1]))
        : undefined
    if (!found) return error
    const hint = cell ? ` (a fresh template, GET /api/v1/templates/${found.data.region}/${found.data.year}.xlsx, has the current revisions)` : ""
    return new WriteConflict({ reason: error.reason, message: `row ${found.row}: ${rest}${hint}` })
  }
  return error
}

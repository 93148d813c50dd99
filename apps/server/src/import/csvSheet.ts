/**
 * Reading a CSV file into a `Sheet`, streamed through csv-parse: RFC 4180 quoting (a cell with commas, quotes
 * or line breaks in double quotes), rows of any length (checked against the header later), blank lines kept in
 * the row numbering so that rows are numbered as Excel shows them.
 */
import { Readable } from "node:stream"
import { pipeline } from "node:stream/promises"
import { CsvError, parse } from "csv-parse"
import { invalidFile } from "./rowProblems.js"
import { isBlank, type Sheet, type SheetRow } from "./sheet.js"

/**
 * Reads CSV text (given in chunks, already decoded) into a sheet. A file csv-parse cannot read (an unclosed
 * quote, a quote inside an unquoted cell) is a 422 naming the row and line. Errors of the text source (a body
 * too large, bytes that are not UTF-8) pass through unchanged.
 *
 * @example
 * await readCsv(["indicator,region,year,value\n", "beauty.growth,320500,2023,71.5\n"])
 * // { format: "csv", header: { row: 1, cells: ["indicator", ...] }, rows: [{ row: 2, cells: ["beauty.growth", "320500", "2023", "71.5"] }] }
 */
export const readCsv = async (text: AsyncIterable<string> | Iterable<string>): Promise<Sheet> => {
  let header: SheetRow | undefined
  const rows: Array<SheetRow> = []
  let row = 0
  try {
    await pipeline(
      Readable.from(text),
      parse({ relax_column_count: true, skip_empty_lines: false, trim: true, bom: true }),
      async (records: AsyncIterable<Array<string>>) => {
        for await (const cells of records) {
          row++
          if (cells.every(isBlank)) continue
          if (header === undefined) header = { row, cells }
          else rows.push({ row, cells })
        }
      },
    )
  } catch (e) {
    if (!(e instanceof CsvError)) throw e
    // csv-parse counts the records read before the one it failed on
    const before = typeof e.records === "number" ? e.records : row
    throw invalidFile([
      {
        row: before + 1,
        field: "row",
        message:
          `the CSV cannot be read: ${e.message}. A cell that contains a comma, a double quote or ` +
          `a line break must be enclosed in double quotes, with each double quote inside it written twice ("")`,
      },
    ])
  }
  return { format: "csv", header, rows }
}

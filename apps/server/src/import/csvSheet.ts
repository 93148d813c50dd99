/**
 * Reading a CSV file into a `Sheet` as it streams in: RFC 4180 quoting (a cell with commas, quotes or line breaks
 * in double quotes), rows of any length (checked against the header later), blank lines kept in the row
 * numbering so that rows are numbered as Excel shows them. The header is read first; the data rows follow in
 * batches while the caller checks them, so a large file is never held whole.
 */
import { CsvSyntaxError, csvRecords } from "./csvRecords.js"
import { invalidFile } from "./rowProblems.js"
import { isBlank, type Sheet, type SheetRow } from "./sheet.js"

/** A CSV that cannot be parsed, as the 422 naming its row. */
const unreadable = (e: CsvSyntaxError) =>
  invalidFile([
    {
      row: e.record,
      field: "row",
      message:
        `the CSV cannot be read: ${e.message}. A cell that contains a comma, a double quote or ` +
        `a line break must be enclosed in double quotes, with each double quote inside it written twice ("")`,
    },
  ])

/**
 * Reads CSV text (given in chunks, already decoded) as a sheet: resolves once the header row is read. A file
 * that cannot be parsed (an unclosed quote, a quote inside an unquoted cell) fails with a 422 naming the row,
 * when the reading gets there. Errors of the text source (a body too large, bytes that are not UTF-8) pass
 * through unchanged.
 *
 * @example
 * const sheet = await readCsv(["indicator,region,year,value\n", "beauty.growth,320500,2023,71.5\n"])
 * sheet.header // { row: 1, cells: ["indicator", "region", "year", "value"] }
 * for await (const batch of sheet.rows) batch // [{ row: 2, cells: ["beauty.growth", "320500", "2023", "71.5"] }]
 */
export const readCsv = async (text: AsyncIterable<string> | Iterable<string>): Promise<Sheet> => {
  const records = csvRecords(text)[Symbol.asyncIterator]()
  const next = async () => {
    try {
      return await records.next()
    } catch (e) {
      throw e instanceof CsvSyntaxError ? unreadable(e) : e
    }
  }
  let row = 0
  let header: SheetRow | undefined
  let first: Array<SheetRow> = []
  while (header === undefined) {
    const batch = await next()
    if (batch.done) return { format: "csv", header: undefined, rows: (async function* () {})(), close: async () => {} }
    for (const cells of batch.value) {
      row++
      if (cells.every(isBlank)) continue
      if (header === undefined) header = { row, cells }
      else first.push({ row, cells })
    }
  }
  async function* rows(): AsyncGenerator<ReadonlyArray<SheetRow>> {
    if (first.length > 0) yield first
    first = []
    for (;;) {
      const batch = await next()
      if (batch.done) return
      const out: Array<SheetRow> = []
      for (const cells of batch.value) {
        row++
        if (!cells.every(isBlank)) out.push({ row, cells })
      }
      if (out.length > 0) yield out
    }
  }
  // closing the records closes the text source under them, and so stops reading the upload
  return { format: "csv", header, rows: rows(), close: async () => void (await records.return?.(undefined)) }
}

/**
 * Reading a CSV file into a `Sheet` as it streams in: RFC 4180 quoting (a cell with commas, quotes or line breaks
 * in double quotes), rows of any length (checked against the header later), blank lines kept in the row
 * numbering so that rows are numbered as Excel shows them. The header is read first; the data rows follow in
 * batches while the caller checks them, so a large file is never held whole.
 */
import { DEFAULT_INPUT_LIMITS, type InputLimits, inputTooLarge } from "@tijian/core"
import { CsvSyntaxError, csvRecords } from "./csvRecords.js"
import { invalidFile } from "./rowProblems.js"
import { type Sheet, sheetFromRows, type SheetRow } from "./sheet.js"

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
 * and one of more than `limits.maxRows` rows (blank lines included) with a `too-large` `CalculatorError` (413),
 * when the reading gets there. Errors of the text source (a body too large, bytes that are not UTF-8) pass
 * through unchanged.
 *
 * @example
 * const sheet = await readCsv(["indicator,region,year,value\n", "beauty.growth,320500,2023,71.5\n"])
 * sheet.header // { row: 1, cells: ["indicator", "region", "year", "value"] }
 * for await (const batch of sheet.rows) batch // [{ row: 2, cells: ["beauty.growth", "320500", "2023", "71.5"] }]
 */
export const readCsv = async (text: AsyncIterable<string> | Iterable<string>, limits: InputLimits = DEFAULT_INPUT_LIMITS): Promise<Sheet> => {
  const records = csvRecords(text)[Symbol.asyncIterator]()
  async function* numbered(): AsyncGenerator<ReadonlyArray<SheetRow>> {
    let row = 0
    for (;;) {
      let batch: IteratorResult<ReadonlyArray<ReadonlyArray<string>>>
      try {
        batch = await records.next()
      } catch (e) {
        throw e instanceof CsvSyntaxError ? unreadable(e) : e
      }
      if (batch.done) return
      if (row + batch.value.length > limits.maxRows) throw inputTooLarge({ file: "the CSV file", limit: "maxRows", limits, atLeast: true })
      yield batch.value.map((cells) => ({ row: ++row, cells }))
    }
  }
  // closing the records closes the text source under them, and so stops reading the upload
  return sheetFromRows("csv", numbered(), async () => void (await records.return?.(undefined)))
}

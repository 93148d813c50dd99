/**
 * Streaming CSV tables (csv-parse's stream API): the header is read first, then rows one at a time, each with its
 * line number, so every problem can name the row. Large files are never held in memory; a table stops at `maxRows`
 * data rows, and the abort signal is checked every 4,096 rows.
 */
import type { Readable } from "node:stream"
import { inputTooLarge } from "@tijian/core/plugin"
import { CsvError, parse } from "csv-parse"
import { inputError } from "../problems.js"
import { type ReadOptions, throwIfAborted } from "../readOptions.js"

/** One data row: its line number (the header is row 1) and its raw values. */
export interface CsvRow {
  readonly row: number
  readonly values: ReadonlyArray<string>
}

/** An open CSV table. */
export interface CsvTable {
  /** The name problems use, e.g. `gtfs/stop_times.txt`. */
  readonly file: string
  readonly columns: ReadonlyArray<string>
  /** The index of a column, or -1 when absent. */
  readonly column: (name: string) => number
  /** The data rows, streamed; fails past `maxRows` rows or once the signal is aborted. */
  readonly rows: () => AsyncGenerator<CsvRow>
}

/** A trimmed cell, "" when the column is absent or the row short. */
export const cell = (row: CsvRow, index: number): string => (index < 0 ? "" : (row.values[index] ?? "").trim())

const fail = (file: string, e: unknown, line?: number): never => {
  if (e instanceof CsvError) throw inputError({ file, row: (e as CsvError & { lines?: number }).lines ?? line, message: `malformed CSV: ${e.message}` })
  if (e instanceof Error && "_tag" in e) throw e
  throw inputError({ file, ...(line !== undefined ? { row: line } : {}), message: `cannot be read: ${(e as Error).message}` })
}

/**
 * Opens a CSV stream: reads the header and checks that every `required` column is there (else a problem at row 1
 * naming the column). A byte-order mark and blank lines are ignored; short rows read as empty cells.
 */
export const openCsv = async (stream: Readable, file: string, required: ReadonlyArray<string>, options: ReadOptions): Promise<CsvTable> => {
  const { limits, signal } = options
  throwIfAborted(signal)
  const parser = stream.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }))
  stream.on("error", (e) => parser.destroy(e))
  const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<{ record: Array<string>; info: { lines: number } }>
  let first: IteratorResult<{ record: Array<string>; info: { lines: number } }>
  try {
    first = await iterator.next()
  } catch (e) {
    return fail(file, e, 1)
  }
  if (first.done) throw inputError({ file, row: 1, message: "the file is empty: a header row is needed" })
  const columns = first.value.record.map((c) => c.trim())
  const index = new Map(columns.map((c, i) => [c, i]))
  for (const name of required) {
    if (!index.has(name)) {
      throw inputError({ file, row: 1, field: name, message: `required column "${name}" is missing; the header has: ${columns.join(", ")}` })
    }
  }
  return {
    file,
    columns,
    column: (name) => index.get(name) ?? -1,
    rows: async function* () {
      let line = first.value.info.lines
      let count = 0
      try {
        for (;;) {
          const next = await iterator.next()
          if (next.done) return
          line = next.value.info.lines
          if (++count > limits.maxRows) throw inputTooLarge({ file, limit: "maxRows", limits, atLeast: true })
          if ((count & 4095) === 0) throwIfAborted(signal)
          yield { row: line, values: next.value.record }
        }
      } catch (e) {
        fail(file, e, line + 1)
      } finally {
        parser.destroy()
        stream.destroy()
      }
    },
  }
}

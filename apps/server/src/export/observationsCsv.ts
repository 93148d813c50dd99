/**
 * The current observations as CSV in the import's columns (`GET /export/observations.csv`), so that an export
 * sent back to `POST /observations/import` changes nothing: `indicator, region, year`, then one column per
 * dimension (issue #21) when some exported indicator declares dimensions (empty for a total), then `value, source,
 * note, source_zh, source_en, note_zh, note_en, status, revision`. Each cell's total comes first, then its
 * breakdowns in the declaration order of the codes. Written a page at a time (`observationPages`), never held whole.
 */
import { codesOfBreakdown, type Indicator } from "@tijian/core"
import { csvField, type CsvCell } from "@tijian/report"
import { withBreakdownsInOrder } from "./breakdownOrder.js"
import type { ExportedObservation } from "./observationPages.js"
import { dimensionIdsOf } from "../import/dimensionColumns.js"

/** The columns before the dimension columns. */
const KEY_COLUMNS = ["indicator", "region", "year"] as const

/** The columns after the dimension columns. */
const VALUE_COLUMNS = ["value", "source", "note", "source_zh", "source_en", "note_zh", "note_en", "status", "revision"] as const

/**
 * The header of an export of `indicators`: a dimension column only for the dimensions they declare.
 *
 * @example
 * observationsCsvHeader([greenShare]) // ["indicator", "region", "year", "mode", "value", ..., "revision"]
 */
export const observationsCsvHeader = (indicators: ReadonlyArray<Indicator>): Array<string> => [...KEY_COLUMNS, ...dimensionIdsOf(indicators), ...VALUE_COLUMNS]

const line = (cells: ReadonlyArray<CsvCell>) => `${cells.map(csvField).join(",")}\r\n`

/** One value as a CSV line under `dimensions` (the dimension columns). */
const valueLine = (o: ExportedObservation, dimensions: ReadonlyArray<string>) => {
  const codes = codesOfBreakdown(o.breakdown)
  return line([
    o.indicator,
    o.region,
    o.year,
    ...dimensions.map((d) => codes[d]),
    o.value,
    o.source,
    o.note,
    o.sourceZh,
    o.sourceEn,
    o.noteZh,
    o.noteEn,
    o.status,
    o.revision,
  ])
}

const sameCell = (a: ExportedObservation, b: ExportedObservation) => a.indicator === b.indicator && a.region === b.region && a.year === b.year

/**
 * The CSV text of `pages` (current values, totals and breakdowns in primary-key order), a chunk per page: the
 * header first; each cell's rows reordered total first, then breakdowns as declared (a cell split over two pages
 * is held until its last row).
 *
 * @example
 * for await (const text of observationsCsv(observationPages(db, { asOf, breakdowns: true }), indicators, registry.indicator)) write(text)
 */
export async function* observationsCsv(
  pages: AsyncIterable<ReadonlyArray<ExportedObservation>>,
  indicators: ReadonlyArray<Indicator>,
  indicatorOf: (id: string) => Indicator | undefined,
): AsyncGenerator<string> {
  const header = observationsCsvHeader(indicators)
  const dimensions = header.slice(KEY_COLUMNS.length, header.length - VALUE_COLUMNS.length)
  yield line(header)
  let cell: Array<ExportedObservation> = []
  const flush = () => {
    const text = withBreakdownsInOrder(cell.filter((o) => o.breakdown === ""), cell.filter((o) => o.breakdown !== ""), indicatorOf)
      .map((o) => valueLine(o, dimensions))
      .join("")
    cell = []
    return text
  }
  for await (const page of pages) {
    let text = ""
    for (const o of page) {
      if (cell.length > 0 && !sameCell(cell[0]!, o)) text += flush()
      cell.push(o)
    }
    if (text !== "") yield text
  }
  if (cell.length > 0) yield flush()
}

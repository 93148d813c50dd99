/**
 * The dimension columns of an imported file (issue #21): a column per dimension, headed by the dimension's id
 * (`mode`, any letter case, as the other headers), holding the row's code; an empty cell means the total. A header
 * names a dimension when some registered indicator declares it; other unknown headers stay helper columns, ignored,
 * unless one is a near miss of a dimension id (`modes`, `redline_type`), which is refused with a "did you mean". A code in a column
 * the row's indicator does not declare is refused naming the dimensions it declares; a column with codes that no
 * indicator of the file declares is refused at the header. Unknown codes are core's to find (`validateValues`).
 */
import { breakdownKey, type DimensionCodes, type Indicator, MAX_BREAKDOWN_LENGTH } from "@tijian/core"
import type { FileProblem } from "./rowProblems.js"
import { type Cell, cellText, columnLetter, headerName, isBlank, type SheetRow } from "./sheet.js"

/** A dimension column: the dimension id it is headed by, and where it is. */
interface DimensionColumn {
  readonly id: string
  readonly index: number
}

/** The loose form of a name: `_` and spaces as `-`, no plural `s` (`Redline_Types` -> `redline-type`). */
const loose = (name: string) => name.replace(/[\s_]+/g, "-").replace(/s$/, "")

/**
 * The dimension id a header misspells by case, plural or separator, or undefined. Not an edit distance: a helper
 * column `name` is not a misspelt `mode`.
 */
const nearMiss = (name: string, dimensionIds: ReadonlyArray<string>): string | undefined => dimensionIds.find((id) => loose(id) === loose(name))

/** The dimension ids some indicator declares, in the order first declared. */
export const dimensionIdsOf = (indicators: ReadonlyArray<Indicator>): Array<string> => [
  ...new Set(indicators.flatMap((i) => (i.dimensions ?? []).map((d) => d.id))),
]

/**
 * The dimension columns of a header row, or the problems of its dimension headers: a dimension named twice, a
 * header that is a near miss of a dimension id. `taken` are the names of the import's own columns.
 *
 * @example
 * dimensionHeader({ row: 1, cells: ["indicator", "region", "year", "Mode", "value"] }, ["mode"], [...])
 * // { columns: [{ id: "mode", index: 3 }] }
 */
export const dimensionHeader = (
  header: SheetRow,
  dimensionIds: ReadonlyArray<string>,
  taken: ReadonlyArray<string>,
): { readonly columns: ReadonlyArray<DimensionColumn> } | { readonly problems: ReadonlyArray<FileProblem> } => {
  const columns: Array<DimensionColumn> = []
  const problems: Array<FileProblem> = []
  header.cells.forEach((cell, index) => {
    const name = headerName(cell)
    if (name === "" || taken.includes(name)) return
    if (dimensionIds.includes(name)) {
      const prior = columns.find((c) => c.id === name)
      if (prior === undefined) columns.push({ id: name, index })
      else {
        const message = `the dimension column "${name}" appears twice in the header (columns ${columnLetter(prior.index)} and ${columnLetter(index)}); keep one`
        problems.push({ row: header.row, field: name, message })
      }
      return
    }
    const near = nearMiss(name, dimensionIds)
    if (near !== undefined) {
      const message =
        `the column "${cellText(cell)}" (column ${columnLetter(index)}) is not a dimension; did you mean "${near}"? ` +
        `Head a dimension's column with its id (${dimensionIds.join(", ")}), or rename a helper column so it is not mistaken for one`
      problems.push({ row: header.row, field: cellText(cell), message })
    }
  })
  return problems.length > 0 ? { problems } : { columns }
}

/** Reads the codes of a row's dimension cells; remembers which columns hold codes, to check the file once read. */
export class DimensionCells {
  /** The first row with a code in each dimension column. */
  private readonly firstFilled = new Map<string, number>()
  /** The dimensions some indicator of the file declares, or in whose column an unknown indicator has a code (refused for its indicator). */
  private readonly declared = new Set<string>()

  constructor(
    private readonly columns: ReadonlyArray<DimensionColumn>,
    private readonly headerRow: number,
  ) {}

  /**
   * The codes of a row (in the indicator's declaration order, undefined for a total) and its breakdown key
   * (undefined when a dimension cell could not be read: the row is no total, nor any known breakdown).
   * `fail` is told of each code in a column its indicator does not declare. An unknown indicator's codes are
   * kept as they are (the indicator is refused anyway).
   */
  read(
    row: number,
    cellAt: (index: number) => Cell,
    indicator: Indicator | undefined,
    fail: (field: string, message: string) => void,
  ): { readonly dimensions: DimensionCodes | undefined; readonly breakdown: string | undefined } {
    for (const d of indicator?.dimensions ?? []) this.declared.add(d.id)
    if (this.columns.length === 0) return { dimensions: undefined, breakdown: "" }
    const codes: Record<string, string> = {}
    let unreadable = false
    for (const column of this.columns) {
      const cell = cellAt(column.index)
      if (isBlank(cell)) continue
      if (!this.firstFilled.has(column.id)) this.firstFilled.set(column.id, row)
      if (!indicator) this.declared.add(column.id)
      const dimension = indicator?.dimensions?.find((d) => d.id === column.id)
      if (indicator && !dimension) {
        const declares = indicator.dimensions?.length ? `it declares ${indicator.dimensions.map((d) => d.id).join(", ")}` : "it declares no dimensions"
        fail(column.id, `${indicator.id} is not broken down by ${column.id} (${declares}); leave the ${column.id} cell empty in its rows`)
        unreadable = true
        continue
      }
      const code = cellText(cell)
      // no code is that long: say so without quoting it (or comparing it with every code)
      if (code.length > MAX_BREAKDOWN_LENGTH) {
        const listed = dimension ? ` (the codes of ${column.id}: ${dimension.codes.map((c) => c.code).join(", ")})` : ""
        fail(column.id, `the ${column.id} cell holds ${code.length.toLocaleString("en-US")} characters, not a code${listed}`)
        unreadable = true
        continue
      }
      codes[column.id] = code
    }
    if (unreadable) return { dimensions: undefined, breakdown: undefined }
    if (Object.keys(codes).length === 0) return { dimensions: undefined, breakdown: "" }
    if (!indicator?.dimensions) {
      // an unknown indicator (refused anyway): its codes as given, so that its rows are not taken for its total
      return { dimensions: codes, breakdown: Object.entries(codes).map(([d, c]) => `${d}=${c}`).join(";") }
    }
    const ordered = Object.fromEntries(indicator.dimensions.filter((d) => codes[d.id] !== undefined).map((d) => [d.id, codes[d.id]!]))
    return { dimensions: ordered, breakdown: breakdownKey(indicator.dimensions, ordered) }
  }

  /** The problems of the file as a whole, once every row is read: a dimension column with codes no indicator of the file declares. */
  unclaimed(): Array<FileProblem> {
    return [...this.firstFilled]
      .filter(([id]) => !this.declared.has(id))
      .map(([id, row]) => ({
        row: this.headerRow,
        field: id,
        message: `the column "${id}" holds codes (the first in row ${row}) but no indicator of this file is broken down by ${id}; clear the column, or give rows of an indicator that declares it`,
      }))
  }
}

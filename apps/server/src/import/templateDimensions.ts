/**
 * The dimensions in the Excel template (issue #21): the rows an indicator with dimensions gets (its total, then one
 * row per code of each dimension, in declaration order, and any other breakdown already stored), the protected
 * reference sheet "dimensions" (each dimension's code list: dimension, code, name_zh, name_en, additive, the
 * indicators declaring it), and the list validation of a dimension column drawn from that sheet, so that Excel
 * refuses a code not in the list (the import checks again: validation is easily bypassed).
 */
import { breakdownKey, codesOfBreakdown, type DimensionCodes, type Indicator } from "@tijian/core"
import type ExcelJS from "exceljs"

/** The sheet with the code lists. */
export const DIMENSIONS_SHEET = "dimensions"

/** Rows below the template's own in which a dimension cell is still validated (for breakdown rows added by hand). */
export const VALIDATED_SPARE_ROWS = 200

/**
 * The breakdowns an indicator's template rows give, the total first (`{}`), then each code of each dimension, then
 * the `stored` breakdown keys not among them.
 *
 * @example
 * templateBreakdowns(greenShare, []) // [{}, { mode: "metro" }, { mode: "bus" }, { mode: "bike" }]
 */
export const templateBreakdowns = (indicator: Indicator, stored: ReadonlyArray<string>): Array<DimensionCodes> => {
  const single = (indicator.dimensions ?? []).flatMap((d) => d.codes.map((c) => ({ [d.id]: c.code })))
  const listed = new Set(single.map((codes) => breakdownKey(indicator.dimensions, codes)))
  return [{}, ...single, ...stored.filter((key) => key !== "" && !listed.has(key)).map(codesOfBreakdown)]
}

/** One code of the reference: a dimension id with a code of it, and what the indicators declaring it say. */
interface ListedCode {
  readonly dimension: string
  readonly code: string
  readonly nameZh: string
  readonly nameEn: string
  readonly additive: Set<string>
  readonly indicators: Array<string>
}

/**
 * Adds the protected "dimensions" sheet (nothing when no indicator declares dimensions) and answers, for each
 * dimension id, the range of its codes there (`dimensions!$B$2:$B$4`), for the list validation.
 */
export const addDimensionsSheet = async (workbook: ExcelJS.Workbook, indicators: ReadonlyArray<Indicator>): Promise<Map<string, string>> => {
  const codes = new Map<string, ListedCode>()
  for (const indicator of indicators) {
    for (const d of indicator.dimensions ?? []) {
      for (const c of d.codes) {
        const key = `${d.id}\u0000${c.code}`
        const listed = codes.get(key) ?? { dimension: d.id, code: c.code, nameZh: c.name.zh, nameEn: c.name.en, additive: new Set<string>(), indicators: [] }
        listed.additive.add(d.additive ? "yes" : "no")
        listed.indicators.push(indicator.id)
        codes.set(key, listed)
      }
    }
  }
  const ranges = new Map<string, string>()
  if (codes.size === 0) return ranges
  const sheet = workbook.addWorksheet(DIMENSIONS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = [
    { header: "dimension", key: "dimension", width: 16 },
    { header: "code", key: "code", width: 16 },
    { header: "name_zh", key: "nameZh", width: 16 },
    { header: "name_en", key: "nameEn", width: 24 },
    { header: "additive", key: "additive", width: 10 },
    { header: "indicators", key: "indicators", width: 48 },
  ]
  sheet.getRow(1).font = { bold: true }
  // grouped by dimension, so that each dimension's codes are one range
  const byDimension = [...codes.values()].sort((a, b) => (a.dimension === b.dimension ? 0 : a.dimension < b.dimension ? -1 : 1))
  byDimension.forEach((c, i) => {
    sheet.addRow({ ...c, additive: [...c.additive].join("/"), indicators: c.indicators.join(", ") })
    const row = i + 2
    const first = ranges.get(c.dimension)?.match(/\$B\$(\d+):/)?.[1] ?? String(row)
    ranges.set(c.dimension, `${DIMENSIONS_SHEET}!$B$${first}:$B$${row}`)
  })
  await sheet.protect("", { selectLockedCells: true, selectUnlockedCells: true })
  return ranges
}

/** The list validation of a dimension's cell: a code of `range`, or empty (the total); a wrong code is refused with a message in zh and en. */
export const dimensionValidation = (dimension: string, range: string): ExcelJS.DataValidation => ({
  type: "list",
  formulae: [range],
  allowBlank: true,
  showInputMessage: true,
  promptTitle: `${dimension} / 维度`,
  prompt: `A code of ${dimension} (sheet "${DIMENSIONS_SHEET}"); empty for the total / 填写 ${dimension} 的代码（见 "${DIMENSIONS_SHEET}" 表），总计留空`,
  showErrorMessage: true,
  errorStyle: "stop",
  errorTitle: "Unknown code / 代码无效",
  error: `${dimension} takes a code listed in sheet "${DIMENSIONS_SHEET}", or nothing for the total / ${dimension} 须填写 "${DIMENSIONS_SHEET}" 表所列代码，总计留空`,
})

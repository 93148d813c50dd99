/**
 * The Excel template an agency fills in: sheet "observations" (the import's columns, with the source and note
 * also per language in `source_zh`, `source_en`, `note_zh`, `note_en`; one row per indicator it
 * registers for one region and year, pre-filled with the current value and revision so that sending it back
 * revises exactly what changed) and sheet "indicators" (a protected reference: names, units, valid ranges,
 * decimals, last year's value). The value cells check their range and show the unit as an input message. Text
 * that a spreadsheet would run as a formula (a note starting with `=`) is written guarded by an apostrophe
 * (`guardFormula`), which the import removes again.
 *
 * With indicators that declare dimensions (issue #21) the observations sheet has a column per dimension after
 * `year` (headed by its id, empty for a total), a row per breakdown (see `templateDimensions.ts`), and a third,
 * protected sheet "dimensions" with the code lists that the dimension cells' list validation draws on.
 */
import { breakdownKey, type DimensionCodes, type Indicator, type StoredObservation } from "@tijian/core"
import { guardFormula } from "@tijian/report"
import ExcelJS from "exceljs"
import { dimensionIdsOf } from "./dimensionColumns.js"
import { OBSERVATIONS_SHEET, TEMPLATE_COLUMNS } from "./sheet.js"
import { addDimensionsSheet, dimensionValidation, templateBreakdowns, VALIDATED_SPARE_ROWS } from "./templateDimensions.js"

/** What a template is made of. */
export interface TemplateInput {
  readonly region: string
  readonly year: number
  /** The registrable indicators, in the order of the rows. */
  readonly indicators: ReadonlyArray<Indicator>
  /** The current value of each indicator (by id) for the region and year, where there is one. */
  readonly current: ReadonlyMap<string, StoredObservation>
  /** Each indicator's current value for the year before. */
  readonly lastYear: ReadonlyMap<string, StoredObservation>
  /** The current breakdowns of the region and year (issue #21), if any. */
  readonly breakdowns?: ReadonlyArray<StoredObservation>
}

/** The sheet with the reference of the indicators. */
export const INDICATORS_SHEET = "indicators"

/** The file name of a template, e.g. `tijian-320500-2023.xlsx`. */
export const templateFileName = (region: string, year: number) => `tijian-${region.replace(/[^A-Za-z0-9-]/g, "_")}-${year}.xlsx`

const WIDTHS: Record<(typeof TEMPLATE_COLUMNS)[number], number> = {
  indicator: 42,
  region: 10,
  year: 8,
  value: 14,
  source: 36,
  note: 36,
  source_zh: 30,
  source_en: 36,
  note_zh: 30,
  note_en: 36,
  revision: 10,
}

const rangeText = ({ range }: Indicator) =>
  range?.min !== undefined && range.max !== undefined
    ? `${range.min} to ${range.max}`
    : range?.min !== undefined
      ? `at least ${range.min}`
      : range?.max !== undefined
        ? `at most ${range.max}`
        : "any number"

/** The data validation of a value cell: a decimal within the indicator's range (any number without one). */
const valueValidation = (indicator: Indicator, address: string): ExcelJS.DataValidation => {
  const { min, max } = indicator.range ?? {}
  const rule: Pick<ExcelJS.DataValidation, "type" | "operator" | "formulae"> =
    min !== undefined && max !== undefined
      ? { type: "decimal", operator: "between", formulae: [min, max] }
      : min !== undefined
        ? { type: "decimal", operator: "greaterThanOrEqual", formulae: [min] }
        : max !== undefined
          ? { type: "decimal", operator: "lessThanOrEqual", formulae: [max] }
          : { type: "custom", formulae: [`ISNUMBER(${address})`] }
  const unit = `${indicator.unit.en} (${indicator.unit.zh})`
  return {
    ...rule,
    allowBlank: true,
    showInputMessage: true,
    promptTitle: "Unit / 单位",
    prompt: `${indicator.name.en} / ${indicator.name.zh}: ${unit}; valid: ${rangeText(indicator)}; ${indicator.decimals} decimals`.slice(0, 255),
    showErrorMessage: true,
    errorTitle: "Not a valid value",
    error: `${indicator.id} must be a number, ${rangeText(indicator)}, in ${indicator.unit.en}`.slice(0, 255),
  }
}

/** A text cell as written: guarded against being run as a formula. */
const textCell = (text: string | null | undefined) => (text === null || text === undefined ? undefined : guardFormula(text))

const numberFormat = (decimals: number) => (decimals === 0 ? "0" : `0.${"0".repeat(decimals)}`)

/** The observations sheet and its dimension columns (ids), each with its column number. */
const addObservationsSheet = (workbook: ExcelJS.Workbook, input: TemplateInput) => {
  const sheet = workbook.addWorksheet(OBSERVATIONS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] })
  const dimensions = dimensionIdsOf(input.indicators)
  const [indicatorColumn, regionColumn, yearColumn, ...rest] = TEMPLATE_COLUMNS.map((key) => ({ header: key, key, width: WIDTHS[key] }))
  sheet.columns = [indicatorColumn!, regionColumn!, yearColumn!, ...dimensions.map((id) => ({ header: id, key: `dimension:${id}`, width: 14 })), ...rest]
  sheet.getRow(1).font = { bold: true }
  const stored = new Map((input.breakdowns ?? []).map((b) => [`${b.indicator}\u0000${b.breakdown ?? ""}`, b]))
  const storedKeys = (id: string) => (input.breakdowns ?? []).filter((b) => b.indicator === id).map((b) => b.breakdown ?? "")
  for (const indicator of input.indicators) {
    for (const codes of templateBreakdowns(indicator, storedKeys(indicator.id))) addValueRow(sheet, input, indicator, codes, stored)
  }
  return { sheet, dimensions: dimensions.map((id, i) => ({ id, column: 4 + i })) }
}

/** One row of the observations sheet: an indicator's total (`codes` empty) or breakdown, with its current value. */
const addValueRow = (sheet: ExcelJS.Worksheet, input: TemplateInput, indicator: Indicator, codes: DimensionCodes, stored: ReadonlyMap<string, StoredObservation>) => {
  const key = breakdownKey(indicator.dimensions, codes)
  const current = key === "" ? input.current.get(indicator.id) : stored.get(`${indicator.id}\u0000${key}`)
  const row = sheet.addRow({
    indicator: textCell(indicator.id),
    region: textCell(input.region),
    year: input.year,
    ...Object.fromEntries(Object.entries(codes).map(([d, c]) => [`dimension:${d}`, textCell(c)])),
    value: current?.value,
    source: textCell(current?.source),
    note: textCell(current?.note),
    source_zh: textCell(current?.sourceZh),
    source_en: textCell(current?.sourceEn),
    note_zh: textCell(current?.noteZh),
    note_en: textCell(current?.noteEn),
    revision: current?.revision,
  })
  const value = row.getCell("value")
  value.dataValidation = valueValidation(indicator, value.address)
  value.numFmt = numberFormat(indicator.decimals)
}

const addIndicatorsSheet = async (workbook: ExcelJS.Workbook, input: TemplateInput) => {
  const sheet = workbook.addWorksheet(INDICATORS_SHEET, { views: [{ state: "frozen", ySplit: 1 }] })
  sheet.columns = [
    { header: "id", key: "id", width: 42 },
    { header: "name_zh", key: "nameZh", width: 24 },
    { header: "name_en", key: "nameEn", width: 40 },
    { header: "unit_zh", key: "unitZh", width: 16 },
    { header: "unit_en", key: "unitEn", width: 24 },
    { header: "min", key: "min", width: 8 },
    { header: "max", key: "max", width: 8 },
    { header: "decimals", key: "decimals", width: 9 },
    { header: `value_${input.year - 1}`, key: "lastYear", width: 14 },
  ]
  sheet.getRow(1).font = { bold: true }
  for (const indicator of input.indicators) {
    sheet.addRow({
      id: textCell(indicator.id),
      nameZh: textCell(indicator.name.zh),
      nameEn: textCell(indicator.name.en),
      unitZh: textCell(indicator.unit.zh),
      unitEn: textCell(indicator.unit.en),
      min: indicator.range?.min,
      max: indicator.range?.max,
      decimals: indicator.decimals,
      lastYear: input.lastYear.get(indicator.id)?.value,
    })
  }
  // a reference: protected (no password) so that it is not edited by mistake
  await sheet.protect("", { selectLockedCells: true, selectUnlockedCells: true })
}

/**
 * The template workbook as .xlsx bytes.
 *
 * @example
 * await templateWorkbook({ region: "320500", year: 2023, indicators, current, lastYear })
 * // sheet "observations": indicator | region | year | value | source | note | source_zh | source_en | note_zh | note_en | revision,
 * // then one row per indicator
 */
export const templateWorkbook = async (input: TemplateInput): Promise<Uint8Array<ArrayBuffer>> => {
  const workbook = new ExcelJS.Workbook()
  workbook.creator = "tijian"
  const observations = addObservationsSheet(workbook, input)
  await addIndicatorsSheet(workbook, input)
  const ranges = await addDimensionsSheet(workbook, input.indicators)
  // every dimension cell of the rows given, and of rows added below them, takes a code of its list
  const last = observations.sheet.rowCount + VALIDATED_SPARE_ROWS
  for (const { id, column } of observations.dimensions) {
    const validation = dimensionValidation(id, ranges.get(id)!)
    for (let row = 2; row <= last; row++) observations.sheet.getCell(row, column).dataValidation = validation
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/**
 * Observations as SDMX-CSV 1.0 (the CSV format of the SDMX RESTful API, version 1.0: one row per
 * observation, the first column `DATAFLOW` holding `AGENCY:FLOW(VERSION)`, then dimensions, `OBS_VALUE`,
 * then attributes), for statistical offices.
 *
 * Dimensions: `REF_AREA` (the region or group code: GB/T 2260 where one exists), `INDICATOR` and
 * `TIME_PERIOD` (the year). `INDICATOR` rather than SDMX's `SERIES` because each row is one of the plan's
 * monitoring indicators, as in the UN SDG and World Bank flows. SDMX ids allow only `A-Z a-z 0-9 _ @ $ -`, so
 * an indicator id becomes a code by upper-casing it and writing `.` as `_` (`beauty.composite-reported` ->
 * `BEAUTY_COMPOSITE-REPORTED`; reversible, as indicator ids contain no `_`). Attributes: `UNIT_MEASURE`, a
 * code made the same way from the English unit (`km²` -> `KM2`; 0..1 ratios are `SHARE`, not per cent), and
 * `OBS_STATUS` from SDMX's CL_OBS_STATUS (`A` normal value for final figures, `P` provisional).
 *
 * Breakdowns (issue #21): each dimension an exported indicator declares is one more SDMX dimension, a column
 * headed by its id upper-cased (`mode` -> `MODE`), after `INDICATOR` and before `TIME_PERIOD` (the time dimension
 * stays last, as in SDMX data structures). Its cells hold the breakdown's code made an SDMX id as indicator ids are
 * (`metro` -> `METRO`, `.` as `_`), and the generic codes of SDMX's "Guidelines for the Creation and Management of
 * SDMX Code Lists" (the cross-domain code lists): `_T` "Total" in a total's row (and in a breakdown's row for the
 * dimensions it is not broken down by), `_Z` "Not applicable" in the rows of an indicator that does not declare the
 * dimension. Without dimensioned indicators the columns are the seven above, unchanged.
 *
 * Follows the SDMX-CSV 1.0 field guide (https://github.com/sdmx-twg/sdmx-csv/blob/v1.0/data-message/docs/sdmx-csv-field-guide.md);
 * docs/exports.md has an example.
 */
import type { Dimension, Indicator, StoredObservation } from "@tijian/core"
import { csvDocument } from "./csv.js"

/** The dataflow every row belongs to. */
export const SDMX_DATAFLOW = "TIJIAN:DF_PLAN_MONITORING(1.0)"

/** The columns, in order, when no exported indicator declares dimensions (else see `sdmxColumns`). */
export const SDMX_COLUMNS = ["DATAFLOW", "REF_AREA", "INDICATOR", "TIME_PERIOD", "OBS_VALUE", "UNIT_MEASURE", "OBS_STATUS"] as const

/**
 * The SDMX code of an indicator id.
 *
 * @example
 * indicatorCode("beauty.composite-reported") // "BEAUTY_COMPOSITE-REPORTED"
 */
export const indicatorCode = (id: string): string => id.toUpperCase().replace(/\./g, "_")

const SUPERSCRIPTS: Readonly<Record<string, string>> = { "²": "2", "³": "3", "µ": "U", "μ": "U" }

/**
 * The SDMX code of a unit, from its English name: superscripts as digits, µ as U, every other run of
 * characters outside A-Z 0-9 as `_`.
 *
 * @example
 * unitCode("km²") // "KM2"
 * unitCode("µg/m³") // "UG_M3"
 * unitCode("index 0-100") // "INDEX_0_100"
 */
export const unitCode = (unitEn: string): string =>
  unitEn
    .replace(/[²³µμ]/g, (c) => SUPERSCRIPTS[c] ?? c)
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "") || "NONE"

/** SDMX's generic code for a total (cross-domain code lists). */
export const SDMX_TOTAL = "_T"

/** SDMX's generic code for "not applicable": a dimension the row's indicator does not declare. */
export const SDMX_NOT_APPLICABLE = "_Z"

/**
 * The SDMX code of a dimension code (or the column of a dimension id): upper-cased, `.` as `_`.
 *
 * @example
 * dimensionCode("metro") // "METRO"
 * dimensionCode("redline-type") // "REDLINE-TYPE"
 */
export const dimensionCode = (code: string): string => code.toUpperCase().replace(/\./g, "_")

/** The SDMX observation status of a stored value. */
export const obsStatus = (status: StoredObservation["status"]): "A" | "P" => (status === "final" ? "A" : "P")

/**
 * Observations as SDMX-CSV text. `indicator` finds each observation's definition (for its unit and dimensions);
 * values are written at full precision, in the indicator's stored unit. Breakdowns (observations with
 * `dimensions`) are rows like totals, in the order given.
 *
 * @example
 * sdmxCsv([{ indicator: "ecology.sewage-discharge", region: "YRD", year: 2022, value: 13.6, status: "final", ... }], lookup)
 * // "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\r\n
 * //  TIJIAN:DF_PLAN_MONITORING(1.0),YRD,ECOLOGY_SEWAGE-DISCHARGE,2022,13.6,BILLION_TONNES,A\r\n"
 */
export const sdmxCsv = (observations: ReadonlyArray<StoredObservation>, indicator: (id: string) => Indicator | undefined): string => {
  const dimensions = dimensionIdsOf(observations, indicator)
  const [dataflow, area, series, ...rest] = SDMX_COLUMNS
  return csvDocument(
    [dataflow, area, series, ...dimensions.map(dimensionCode), ...rest],
    observations.map((o) => {
      const declared = indicator(o.indicator)?.dimensions
      return [
        SDMX_DATAFLOW,
        o.region,
        indicatorCode(o.indicator),
        ...dimensions.map((id) => dimensionCell(declared, o, id)),
        String(o.year),
        o.value,
        unitCode(indicator(o.indicator)?.unit.en ?? ""),
        obsStatus(o.status),
      ]
    }),
  )
}

/** The dimension ids the indicators of `observations` declare, in the order first met. */
const dimensionIdsOf = (observations: ReadonlyArray<StoredObservation>, indicator: (id: string) => Indicator | undefined): Array<string> => {
  const ids = new Set<string>()
  const seen = new Set<string>()
  for (const o of observations) {
    if (seen.has(o.indicator)) continue
    seen.add(o.indicator)
    for (const d of indicator(o.indicator)?.dimensions ?? []) ids.add(d.id)
  }
  return [...ids]
}

/** A row's cell of dimension `id`: the breakdown's code, `_T` for a total, `_Z` when the indicator does not declare it. */
const dimensionCell = (declared: ReadonlyArray<Dimension> | undefined, o: StoredObservation, id: string): string => {
  if (!declared?.some((d) => d.id === id)) return SDMX_NOT_APPLICABLE
  const code = o.dimensions?.[id]
  return code === undefined ? SDMX_TOTAL : dimensionCode(code)
}

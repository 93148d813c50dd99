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
 */
import type { Indicator, StoredObservation } from "@tijian/core"
import { csvDocument } from "./csv.js"

/** The dataflow every row belongs to. */
export const SDMX_DATAFLOW = "TIJIAN:DF_PLAN_MONITORING(1.0)"

/** The columns, in order. */
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

/** The SDMX observation status of a stored value. */
export const obsStatus = (status: StoredObservation["status"]): "A" | "P" => (status === "final" ? "A" : "P")

/**
 * Observations as SDMX-CSV text. `indicator` finds each observation's definition (for its unit); values are
 * written at full precision, in the indicator's stored unit.
 *
 * @example
 * sdmxCsv([{ indicator: "ecology.sewage-discharge", region: "YRD", year: 2022, value: 13.6, status: "final", ... }], lookup)
 * // "DATAFLOW,REF_AREA,INDICATOR,TIME_PERIOD,OBS_VALUE,UNIT_MEASURE,OBS_STATUS\r\n
 * //  TIJIAN:DF_PLAN_MONITORING(1.0),YRD,ECOLOGY_SEWAGE-DISCHARGE,2022,13.6,BILLION_TONNES,A\r\n"
 */
export const sdmxCsv = (observations: ReadonlyArray<StoredObservation>, indicator: (id: string) => Indicator | undefined): string =>
  csvDocument(
    SDMX_COLUMNS,
    observations.map((o) => [
      SDMX_DATAFLOW,
      o.region,
      indicatorCode(o.indicator),
      String(o.year),
      o.value,
      unitCode(indicator(o.indicator)?.unit.en ?? ""),
      obsStatus(o.status),
    ]),
  )

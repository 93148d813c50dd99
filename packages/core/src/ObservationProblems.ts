/**
 * The problems of a batch of observations, found before anything is stored: indicator known and registrable,
 * region known, year and value valid and in range, agency given. Pure: `registerObservations` and the in-memory
 * evaluation of plugin tests share them.
 */
import type { RowProblem } from "./Errors.js"
import type { NewObservation } from "./Observation.js"
import type { RegistryService } from "./Registry.js"
import { replacementOf } from "./internal/retiredIndicators.js"
import { closest } from "./internal/suggest.js"
import type { DimensionCodes } from "./Dimension.js"
import type { IndicatorDefinition } from "./Indicator.js"

/** Years accepted for observations. */
export const YEAR_RANGE = { min: 1949, max: 2100 } as const

/**
 * Every problem with a batch, as `{ index, field, message }` (index 0-based in the batch). Empty = valid.
 *
 * @example
 * validateObservations(registry, [{ indicator: "beauty.growth", region: "320500", year: 2022, value: 120, ... }])
 * // [{ index: 0, field: "value", message: "120 is outside the valid range 0..100 of beauty.growth (index 0-100)" }]
 */
export const validateObservations = (registry: RegistryService, rows: ReadonlyArray<NewObservation>): Array<RowProblem> => {
  const problems = validateValues(registry, rows)
  rows.forEach((row, index) => {
    if (!row.agency) problems.push({ index, field: "agency", message: "agency is empty: every value records who registered it" })
  })
  return problems.sort((a, b) => a.index - b.index)
}

/** The cell and value of an observation, as `validateValues` checks them. */
export interface CellValue {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  /** The codes of a breakdown by dimension (`{ mode: "metro" }`), absent for the total. */
  readonly dimensions?: DimensionCodes | undefined
}

/**
 * The problems of the cells and values of a batch, as `validateObservations` finds them, for rows whose agency
 * and source are given elsewhere (e.g. the token of an import): indicator known and registrable, region known,
 * year and value valid and in range.
 */
export const validateValues = (registry: RegistryService, rows: ReadonlyArray<CellValue>): Array<RowProblem> => {
  const problems: Array<RowProblem> = []
  // the candidates of "did you mean", gathered only when a row needs one
  let ids: ReadonlyArray<string> | undefined
  let codes: ReadonlyArray<string> | undefined
  rows.forEach((row, index) => {
    const indicator = registry.indicator(row.indicator)
    const replacement = indicator ? undefined : replacementOf(row.indicator)
    if (replacement !== undefined) {
      problems.push({
        index,
        field: "indicator",
        message: `indicator "${row.indicator}" is retired: the figure is registered once, as "${replacement}"${registry.indicator(replacement) ? "" : ` (enable the plugin "${replacement.split(".")[0]}")`}`,
      })
    } else if (!indicator) {
      ids ??= registry.indicators.map((i) => i.id)
      const hint = closest(row.indicator, ids)
      problems.push({
        index,
        field: "indicator",
        message: `unknown indicator "${row.indicator}"${hint ? `; did you mean "${hint}"?` : "; see GET /api/v1/indicators"}`,
      })
    } else if (indicator.kind === "derived") {
      problems.push({
        index,
        field: "indicator",
        message: `${row.indicator} is derived (computed from ${(indicator.inputs ?? []).join(", ")}); register its inputs instead`,
      })
    }
    const retired = registry.regions.has(row.region) ? undefined : registry.regions.lineage.refusal(row.region, row.year)
    if (retired !== undefined) {
      problems.push({ index, field: "region", message: retired })
    } else if (!registry.regions.has(row.region) && !registry.regions.lineage.accepts(row.region, row.year)) {
      codes ??= [...registry.regions.regions.map((r) => r.code), ...registry.regions.groups.map((g) => g.code)]
      const hint = closest(row.region, codes)
      problems.push({
        index,
        field: "region",
        message: `unknown region code "${row.region}"${hint ? `; did you mean "${hint}"?` : ""} (regions are identified by GB/T 2260 code, e.g. 320500)`,
      })
    }
    if (indicator && row.dimensions !== undefined) problems.push(...dimensionProblems(indicator, row.dimensions, index))
    if (!Number.isInteger(row.year) || row.year < YEAR_RANGE.min || row.year > YEAR_RANGE.max) {
      problems.push({ index, field: "year", message: `year ${row.year} must be a whole year between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}` })
    }
    if (typeof row.value !== "number" || !Number.isFinite(row.value)) {
      problems.push({ index, field: "value", message: `value ${String(row.value)} is not a finite number` })
    } else if (indicator?.range) {
      const { min, max } = indicator.range
      if ((min !== undefined && row.value < min) || (max !== undefined && row.value > max)) {
        problems.push({
          index,
          field: "value",
          message: `${row.value} is outside the valid range ${min ?? "-∞"}..${max ?? "∞"} of ${indicator.id} (${indicator.unit.en})`,
        })
      }
    }
  })
  return problems
}

/**
 * The problems of a row's dimension codes (field `dimensions.<id>`): dimensions on an indicator that declares none,
 * a dimension it does not declare, a code not in the dimension's list, each with "did you mean" where one is close.
 *
 * @example
 * dimensionProblems(greenShare, { mode: "metr" }, 3)
 * // [{ index: 3, field: "dimensions.mode", message: 'unknown mode code "metr"; did you mean "metro"? (the codes of mode: metro, bus, bike)' }]
 */
export const dimensionProblems = (indicator: IndicatorDefinition, codes: DimensionCodes, index: number): Array<RowProblem> => {
  const declared = indicator.dimensions ?? []
  if (declared.length === 0 && Object.keys(codes).length > 0) {
    return [{ index, field: "dimensions", message: `${indicator.id} declares no dimensions: register its total without dimensions` }]
  }
  return Object.entries(codes).flatMap(([id, code]): Array<RowProblem> => {
    const field = `dimensions.${id}`
    const dimension = declared.find((d) => d.id === id)
    if (!dimension) {
      const hint = closest(id, declared.map((d) => d.id))
      return [{ index, field, message: `${indicator.id} has no dimension "${id}"${hint ? `; did you mean "${hint}"?` : ""} (it declares ${declared.map((d) => d.id).join(", ")})` }]
    }
    if (typeof code !== "string" || !dimension.codes.some((c) => c.code === code)) {
      const listed = dimension.codes.map((c) => c.code)
      const hint = typeof code === "string" ? closest(code, listed) : undefined
      return [{ index, field, message: `unknown ${id} code "${String(code)}"${hint ? `; did you mean "${hint}"?` : ""} (the codes of ${id}: ${listed.join(", ")})` }]
    }
    return []
  })
}

/** How many problems the message of a refused batch spells out (all are in `problems`). */
const PROBLEMS_IN_MESSAGE = 10

/**
 * The message of a refused batch: the count, then the problems themselves, so a failure printed on its own
 * (a test, a log line) says which rows are wrong and why.
 *
 * @example
 * refusalMessage([{ index: 4, field: "value", message: "101 is outside the valid range 0..100 of t.a (index)" }])
 * // "1 problem(s) in 1 row(s); nothing was stored: row 4, value: 101 is outside the valid range 0..100 of t.a (index)"
 */
export const refusalMessage = (problems: ReadonlyArray<RowProblem>): string => {
  const listed = problems.slice(0, PROBLEMS_IN_MESSAGE).map((p) => `row ${p.index}, ${p.field}: ${p.message}`)
  const more = problems.length > PROBLEMS_IN_MESSAGE ? `; and ${problems.length - PROBLEMS_IN_MESSAGE} more` : ""
  return `${problems.length} problem(s) in ${new Set(problems.map((p) => p.index)).size} row(s); nothing was stored: ${listed.join("; ")}${more}`
}

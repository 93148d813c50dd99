/**
 * The breakdowns of a write, checked against the registry and the stored values before anything is stored: each
 * given once, each with its total (stored, or in the same write), and for an additive dimension a complete
 * breakdown adding up to its total within the dimension's tolerance (a partial one of non-negative values not
 * exceeding it). A write-time refusal (a row problem of an `InvalidObservations`, nothing stored), except a sum of a
 * dimension of severity `warning`: stored, and reported as the failed rule `core.breakdown-sum`. Pure (no store):
 * `Breakdowns.checkBreakdowns` reads the stored values, `evaluatePlugins` checks a plugin test's rows alone.
 */
import { breakdownSumResult, type BreakdownSumResult, compareBreakdownSum, type StoredCells, type SumEntry, sumGroups } from "./BreakdownSum.js"
import { breakdownKey, isBreakdown, TOTAL_BREAKDOWN } from "./Dimension.js"
import type { RowProblem } from "./Errors.js"
import type { Indicator } from "./Indicator.js"
import { cellKey, type NewObservation } from "./Observation.js"
import type { RegistryService } from "./Registry.js"
import type { RuleSeverity } from "./ValidationRule.js"

export { BREAKDOWN_SUM_RULE, type BreakdownSumResult, type StoredCells } from "./BreakdownSum.js"

/**
 * The rows with their canonical breakdown keys filled in from their `dimensions` (in the indicator's declaration
 * order), as the store keys them. Validate the dimensions first (`validateObservations`).
 *
 * @example
 * withBreakdownKeys(registry, [{ indicator: "demo.green-share", dimensions: { mode: "metro" }, ... }])[0].breakdown // "mode=metro"
 */
export const withBreakdownKeys = <R extends NewObservation>(registry: RegistryService, rows: ReadonlyArray<R>): Array<R> =>
  rows.map((r) => (isBreakdown(r.dimensions) ? { ...r, breakdown: breakdownKey(registry.indicator(r.indicator)?.dimensions, r.dimensions) } : r))

const listRows = (rows: ReadonlyArray<number>) => (rows.length === 1 ? `row ${rows[0]}` : `rows ${rows.join(", ")}`)

/** A cell being checked: its indicator, region and year, and every breakdown key with its value after the write. */
interface CheckedCell {
  readonly indicator: Indicator
  readonly region: string
  readonly year: number
  readonly entries: Map<string, SumEntry>
  touched: boolean
}

/** A failed sum of one additive dimension: as a row problem (a refusal) and as a rule result (a warning). */
interface SumFinding {
  readonly severity: RuleSeverity
  readonly problem: RowProblem
  readonly result: BreakdownSumResult
}

/** The additive checks of one cell that the write touches (a part or the value broken down), as findings (each with its dimension's severity). */
const sumFindings = (cell: CheckedCell): Array<SumFinding> =>
  sumGroups(cell.indicator, cell.entries).flatMap(({ dimension, parentKey, parts }): Array<SumFinding> => {
    const parent = cell.entries.get(parentKey)
    const rows = [...parts.map((p) => p.entry.row), parent?.row].filter((r): r is number => r !== undefined).sort((a, b) => a - b)
    if (parent === undefined || rows.length === 0) return []
    const c = compareBreakdownSum(cell.indicator, dimension, parentKey, parent.value, parts)
    if (!c.failed) return []
    const message = `${c.message} (${listRows(rows)})`
    const at = { indicator: cell.indicator, dimension, region: cell.region, year: cell.year }
    return [
      {
        severity: dimension.severity ?? "error",
        problem: { index: rows[0]!, field: `dimensions.${dimension.id}`, message },
        result: breakdownSumResult(at, parentKey, parent, c.ordered, { state: "failed", left: c.sum, operator: c.operator, right: parent.value, tolerance: c.slack, message }),
      },
    ]
  })

/**
 * The checks of a write's breakdowns (rows with `breakdown` keys filled, see `withBreakdownKeys`) against the
 * values stored now: the refusals (a breakdown given twice, a breakdown without its total: whatever the
 * severity) and every failed sum of an additive dimension, with its severity. Rows of indicators without
 * dimensions are not looked at. Pure.
 */
const checkCells = (registry: RegistryService, rows: ReadonlyArray<NewObservation>, stored: StoredCells) => {
  const problems: Array<RowProblem> = []
  const cells = new Map<string, CheckedCell>()
  const cellOf = (c: { indicator: string; region: string; year: number }) => {
    const key = cellKey({ indicator: c.indicator, region: c.region, year: c.year })
    let cell = cells.get(key)
    const indicator = registry.indicator(c.indicator)
    if (!cell && indicator?.dimensions) cells.set(key, (cell = { indicator, region: c.region, year: c.year, entries: new Map(), touched: false }))
    return cell
  }
  for (const t of stored.totals) cellOf(t)?.entries.set(TOTAL_BREAKDOWN, { value: t.value })
  for (const b of stored.breakdowns) cellOf(b)?.entries.set(b.breakdown ?? TOTAL_BREAKDOWN, { value: b.value })
  const given = new Map<string, number>()
  rows.forEach((r, index) => {
    const cell = cellOf(r)
    if (!cell) return
    const key = r.breakdown ?? TOTAL_BREAKDOWN
    const prior = given.get(cellKey(r))
    if (key !== TOTAL_BREAKDOWN && prior !== undefined) {
      problems.push({ index, field: "dimensions", message: `${r.indicator} (${key}) for ${r.region} in ${r.year} is already given at row ${prior}; give each breakdown once` })
      return
    }
    given.set(cellKey(r), index)
    cell.entries.set(key, { value: r.value, row: index })
    cell.touched = true
  })
  rows.forEach((r, index) => {
    const cell = cellOf(r)
    if (cell && (r.breakdown ?? TOTAL_BREAKDOWN) !== TOTAL_BREAKDOWN && !cell.entries.has(TOTAL_BREAKDOWN)) {
      problems.push({ index, field: "dimensions", message: `${r.indicator} (${r.breakdown}) for ${r.region} in ${r.year} is a breakdown without its total: register the total first, or in the same write` })
    }
  })
  const sums = [...cells.values()].flatMap((cell) => (cell.touched && cell.entries.size > 1 ? sumFindings(cell) : []))
  return { problems, sums }
}

/**
 * The problems that refuse a write's breakdowns (rows with `breakdown` keys filled, see `withBreakdownKeys`)
 * against the values stored now: a breakdown given twice (both rows named), a breakdown without its total,
 * breakdowns of an additive dimension of severity `error` (the default) that do not add up to their total (the
 * rows named, the sum against the total). Sums of a `warning` dimension are `breakdownWarnings`. Rows of
 * indicators without dimensions are not looked at. Pure.
 *
 * @example
 * breakdownProblems(registry, rows, { totals: [], breakdowns: [] })
 * // [{ index: 0, field: "dimensions.mode", message: "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 0, 1, 2, 3)" }]
 */
export const breakdownProblems = (registry: RegistryService, rows: ReadonlyArray<NewObservation>, stored: StoredCells): Array<RowProblem> =>
  breakdownChecks(registry, rows, stored).problems

/**
 * The sums of a write's breakdowns that do not add up for an additive dimension of severity `warning`: stored all
 * the same, each reported as the failed built-in rule `core.breakdown-sum/<indicator>/<dimension>`. Pure.
 *
 * @example
 * breakdownWarnings(registry, rows, { totals: [], breakdowns: [] })
 * // [{ rule: "core.breakdown-sum/mob.green-share/mode", kind: "breakdown-sum", severity: "warning", state: "failed",
 * //    left: 0.65, operator: "==", right: 0.7, tolerance: 0.0007, cells: [...], message: "metro 0.30 + ... (rows 0, 1, 2, 3)" }]
 */
export const breakdownWarnings = (registry: RegistryService, rows: ReadonlyArray<NewObservation>, stored: StoredCells): Array<BreakdownSumResult> =>
  breakdownChecks(registry, rows, stored).warnings

/** `breakdownProblems` and `breakdownWarnings` from one pass over the cells. Pure. */
export const breakdownChecks = (
  registry: RegistryService,
  rows: ReadonlyArray<NewObservation>,
  stored: StoredCells,
): { readonly problems: Array<RowProblem>; readonly warnings: Array<BreakdownSumResult> } => {
  const { problems, sums } = checkCells(registry, rows, stored)
  return {
    problems: [...problems, ...sums.filter((s) => s.severity === "error").map((s) => s.problem)].sort((a, b) => a.index - b.index),
    warnings: sums.filter((s) => s.severity === "warning").map((s) => s.result),
  }
}

/**
 * The breakdowns of a write, checked against the registry and the stored values before anything is stored: each
 * given once, each with its total (stored, or in the same write), and for an additive dimension a complete
 * breakdown adding up to its total within the dimension's tolerance (a partial one of non-negative values not
 * exceeding it). A write-time refusal (a row problem of an `InvalidObservations`, nothing stored), except a sum of a
 * dimension of severity `warning`: stored, and reported as the failed rule `core.breakdown-sum`. Pure (no store):
 * `Breakdowns.checkBreakdowns` reads the stored values, `evaluatePlugins` checks a plugin test's rows alone.
 */
import { codesOfBreakdown, DEFAULT_ADDITIVE_TOLERANCE, type Dimension, breakdownKey, isBreakdown, TOTAL_BREAKDOWN } from "./Dimension.js"
import type { RowProblem } from "./Errors.js"
import type { Indicator, IndicatorDefinition } from "./Indicator.js"
import { cellKey, type NewObservation } from "./Observation.js"
import type { RegistryService } from "./Registry.js"
import type { RuleCell, RuleResult } from "./Validation.js"
import type { RuleSeverity } from "./ValidationRule.js"

/**
 * The rows with their canonical breakdown keys filled in from their `dimensions` (in the indicator's declaration
 * order), as the store keys them. Validate the dimensions first (`validateObservations`).
 *
 * @example
 * withBreakdownKeys(registry, [{ indicator: "demo.green-share", dimensions: { mode: "metro" }, ... }])[0].breakdown // "mode=metro"
 */
export const withBreakdownKeys = <R extends NewObservation>(registry: RegistryService, rows: ReadonlyArray<R>): Array<R> =>
  rows.map((r) => (isBreakdown(r.dimensions) ? { ...r, breakdown: breakdownKey(registry.indicator(r.indicator)?.dimensions, r.dimensions) } : r))

/** A value of a cell after the write: stored, or the row of the write that sets it. */
interface Entry {
  readonly value: number
  readonly row?: number
}

/** The values a write is checked against: the current totals and breakdowns of the cells it touches. */
export interface StoredCells {
  readonly totals: ReadonlyArray<{ readonly indicator: string; readonly region: string; readonly year: number; readonly value: number }>
  readonly breakdowns: ReadonlyArray<{ readonly indicator: string; readonly region: string; readonly year: number; readonly value: number; readonly breakdown?: string }>
}

const fixed = (x: number, decimals: number) => x.toFixed(Math.min(Math.max(decimals, 0), 12))
const percent = (ratio: number) => `${Number((ratio * 100).toPrecision(6))}%`
const listRows = (rows: ReadonlyArray<number>) => (rows.length === 1 ? `row ${rows[0]}` : `rows ${rows.join(", ")}`)

/** A cell being checked: its indicator, region and year, and every breakdown key with its value after the write. */
interface CheckedCell {
  readonly indicator: Indicator
  readonly region: string
  readonly year: number
  readonly entries: Map<string, Entry>
  touched: boolean
}

/** A failed sum of one additive dimension: as a row problem (a refusal) and as a rule result (a warning). */
interface SumFinding {
  readonly severity: RuleSeverity
  readonly problem: RowProblem
  readonly result: BreakdownSumResult
}

/**
 * The built-in `breakdown-sum` rule's failure at one cell, shaped as a validation rule's result (`RuleResult`):
 * left the breakdowns' sum, right the value they break down, `tolerance` the absolute slack, the cells read (the
 * write's own with their `row`), and the refusal's sentence.
 */
export type BreakdownSumResult = Omit<RuleResult, "cells"> & { readonly cells: ReadonlyArray<RuleCell & { readonly row?: number }> }

/** The name of the built-in rule an additive dimension's sum is reported under. */
export const BREAKDOWN_SUM_RULE = { id: "core.breakdown-sum", name: { zh: "分项之和等于总量", en: "Breakdowns add up to the total" } } as const

/** The additive checks of one cell, as findings (each with its dimension's severity). */
const sumFindings = (cell: CheckedCell): Array<SumFinding> => {
  const { indicator, entries } = cell
  const findings: Array<SumFinding> = []
  for (const d of (indicator.dimensions ?? []).filter((x) => x.additive)) {
    // the breakdowns by d, grouped by the key they break down (the total, or a breakdown by the other dimensions)
    const groups = new Map<string, Array<Part>>()
    for (const [key, entry] of entries) {
      const codes = codesOfBreakdown(key)
      const code = codes[d.id]
      if (code === undefined) continue
      const parent = breakdownKey(indicator.dimensions, Object.fromEntries(Object.entries(codes).filter(([id]) => id !== d.id)))
      groups.set(parent, [...(groups.get(parent) ?? []), { code, key, entry }])
    }
    for (const [parentKey, parts] of groups) {
      const parent = entries.get(parentKey)
      const rows = [...parts.map((p) => p.entry.row), parent?.row].filter((r): r is number => r !== undefined).sort((a, b) => a - b)
      if (parent === undefined || rows.length === 0) continue
      const failure = sumFailure(indicator, d, parentKey, parent.value, parts)
      if (!failure) continue
      const message = `${failure.message} (${listRows(rows)})`
      const severity = d.severity ?? "error"
      const at = { indicator: indicator.id, region: cell.region, year: cell.year }
      const cellOf = (key: string, entry: Entry): RuleCell & { row?: number } => ({
        ...at,
        value: entry.value,
        ...(key === TOTAL_BREAKDOWN ? {} : { breakdown: key }),
        ...(entry.row === undefined ? {} : { row: entry.row }),
      })
      findings.push({
        severity,
        problem: { index: rows[0]!, field: `dimensions.${d.id}`, message },
        result: {
          rule: `${BREAKDOWN_SUM_RULE.id}/${indicator.id}/${d.id}`,
          plugin: indicator.plugin,
          kind: "breakdown-sum",
          severity,
          name: BREAKDOWN_SUM_RULE.name,
          scope: cell.region,
          year: cell.year,
          state: "failed",
          left: failure.sum,
          operator: failure.operator,
          right: parent.value,
          tolerance: failure.slack,
          cells: [cellOf(parentKey, parent), ...failure.ordered.map((p) => cellOf(p.key, p.entry))],
          message,
        },
      })
    }
  }
  return findings
}

/** A breakdown by one dimension: its code, its full key and its value. */
interface Part {
  readonly code: string
  readonly key: string
  readonly entry: Entry
}

/**
 * Why `parts` (breakdowns by `d` of the value `parentValue`) do not add up, with their sum (in code order), how
 * they were compared (`==` for a complete breakdown, `<=` for a partial one) and the absolute slack; undefined
 * when they do.
 */
const sumFailure = (indicator: IndicatorDefinition, d: Dimension, parentKey: string, parentValue: number, parts: ReadonlyArray<Part>) => {
  const tolerance = d.tolerance ?? DEFAULT_ADDITIVE_TOLERANCE
  const ordered = d.codes.flatMap((c) => parts.filter((p) => p.code === c.code))
  const sum = ordered.reduce((s, p) => s + p.entry.value, 0)
  const terms = ordered.map((p) => `${p.code} ${fixed(p.entry.value, indicator.decimals)}`).join(" + ")
  const whole = parentKey === TOTAL_BREAKDOWN ? "total" : parentKey
  const slack = tolerance * Math.abs(parentValue)
  const complete = d.codes.every((c) => parts.some((p) => p.code === c.code))
  const within = `breakdowns must add up to the ${whole} within ${percent(tolerance)}`
  if (complete && Math.abs(sum - parentValue) > slack + 1e-12) {
    return { ordered, sum, slack, operator: "==" as const, message: `${terms} = ${fixed(sum, indicator.decimals)}, ${whole} ${fixed(parentValue, indicator.decimals)}: ${within}` }
  }
  if (!complete && parentValue >= 0 && parts.every((p) => p.entry.value >= 0) && sum - parentValue > slack + 1e-12) {
    const missing = d.codes.filter((c) => !parts.some((p) => p.code === c.code)).map((c) => c.code)
    const message = `${terms} = ${fixed(sum, indicator.decimals)} already exceeds the ${whole} ${fixed(parentValue, indicator.decimals)} without ${missing.join(", ")}: ${within}`
    return { ordered, sum, slack, operator: "<=" as const, message }
  }
  return undefined
}

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

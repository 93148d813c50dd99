/**
 * The breakdowns of a write, checked against the registry and the stored values before anything is stored: each
 * given once, each with its total (stored, or in the same write), and for an additive dimension a complete
 * breakdown adding up to its total within the dimension's tolerance (a partial one of non-negative values not
 * exceeding it). A write-time refusal: a row problem of an `InvalidObservations`, nothing stored. Pure (no store):
 * `Breakdowns.checkBreakdowns` reads the stored values, `evaluatePlugins` checks a plugin test's rows alone.
 */
import { codesOfBreakdown, DEFAULT_ADDITIVE_TOLERANCE, type Dimension, breakdownKey, isBreakdown, TOTAL_BREAKDOWN } from "./Dimension.js"
import type { RowProblem } from "./Errors.js"
import type { IndicatorDefinition } from "./Indicator.js"
import { cellKey, type NewObservation } from "./Observation.js"
import type { RegistryService } from "./Registry.js"

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

/** The additive checks of one cell (every breakdown key with its value after the write), as problems. */
const additiveProblems = (indicator: IndicatorDefinition, entries: ReadonlyMap<string, Entry>): Array<RowProblem> => {
  const problems: Array<RowProblem> = []
  for (const d of (indicator.dimensions ?? []).filter((x) => x.additive)) {
    // the breakdowns by d, grouped by the key they break down (the total, or a breakdown by the other dimensions)
    const groups = new Map<string, Array<{ code: string; entry: Entry }>>()
    for (const [key, entry] of entries) {
      const codes = codesOfBreakdown(key)
      const code = codes[d.id]
      if (code === undefined) continue
      const parent = breakdownKey(indicator.dimensions, Object.fromEntries(Object.entries(codes).filter(([id]) => id !== d.id)))
      groups.set(parent, [...(groups.get(parent) ?? []), { code, entry }])
    }
    for (const [parentKey, parts] of groups) {
      const parent = entries.get(parentKey)
      const rows = [...parts.map((p) => p.entry.row), parent?.row].filter((r): r is number => r !== undefined).sort((a, b) => a - b)
      if (parent === undefined || rows.length === 0) continue
      const problem = sumProblem(indicator, d, parentKey, parent.value, parts)
      if (problem) problems.push({ index: rows[0]!, field: `dimensions.${d.id}`, message: `${problem} (${listRows(rows)})` })
    }
  }
  return problems
}

/** Why `parts` (breakdowns by `d` of the value `parentValue`) do not add up, or undefined when they do. */
const sumProblem = (indicator: IndicatorDefinition, d: Dimension, parentKey: string, parentValue: number, parts: ReadonlyArray<{ code: string; entry: Entry }>): string | undefined => {
  const tolerance = d.tolerance ?? DEFAULT_ADDITIVE_TOLERANCE
  const ordered = d.codes.flatMap((c) => parts.filter((p) => p.code === c.code))
  const sum = ordered.reduce((s, p) => s + p.entry.value, 0)
  const terms = ordered.map((p) => `${p.code} ${fixed(p.entry.value, indicator.decimals)}`).join(" + ")
  const whole = parentKey === TOTAL_BREAKDOWN ? "total" : parentKey
  const slack = tolerance * Math.abs(parentValue) + 1e-12
  const complete = d.codes.every((c) => parts.some((p) => p.code === c.code))
  if (complete && Math.abs(sum - parentValue) > slack) {
    return `${terms} = ${fixed(sum, indicator.decimals)}, ${whole} ${fixed(parentValue, indicator.decimals)}: breakdowns must add up to the ${whole} within ${percent(tolerance)}`
  }
  if (!complete && parentValue >= 0 && parts.every((p) => p.entry.value >= 0) && sum - parentValue > slack) {
    const missing = d.codes.filter((c) => !parts.some((p) => p.code === c.code)).map((c) => c.code)
    return `${terms} = ${fixed(sum, indicator.decimals)} already exceeds the ${whole} ${fixed(parentValue, indicator.decimals)} without ${missing.join(", ")}: breakdowns must add up to the ${whole} within ${percent(tolerance)}`
  }
  return undefined
}

/**
 * The problems of a write's breakdowns (rows with `breakdown` keys filled, see `withBreakdownKeys`) against the
 * values stored now: a breakdown given twice (both rows named), a breakdown without its total, breakdowns of an
 * additive dimension that do not add up to their total (the rows named, the sum against the total). Rows of
 * indicators without dimensions are not looked at. Pure.
 *
 * @example
 * breakdownProblems(registry, rows, { totals: [], breakdowns: [] })
 * // [{ index: 2, field: "dimensions.mode", message: "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1% (rows 0, 1, 2, 3)" }]
 */
export const breakdownProblems = (registry: RegistryService, rows: ReadonlyArray<NewObservation>, stored: StoredCells): Array<RowProblem> => {
  const problems: Array<RowProblem> = []
  const cells = new Map<string, { indicator: IndicatorDefinition; entries: Map<string, Entry>; touched: boolean }>()
  const cellOf = (c: { indicator: string; region: string; year: number }) => {
    const key = cellKey({ indicator: c.indicator, region: c.region, year: c.year })
    let cell = cells.get(key)
    const indicator = registry.indicator(c.indicator)
    if (!cell && indicator?.dimensions) cells.set(key, (cell = { indicator, entries: new Map(), touched: false }))
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
  for (const cell of cells.values()) if (cell.touched && cell.entries.size > 1) problems.push(...additiveProblems(cell.indicator, cell.entries))
  return problems.sort((a, b) => a.index - b.index)
}


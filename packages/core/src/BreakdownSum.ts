/**
 * The built-in `breakdown-sum` rule (issue #21): an additive dimension's breakdowns against the value they break
 * down (the total, or a breakdown by the other dimensions). A complete breakdown (a value for every code) must
 * equal it within the dimension's tolerance; a partial one of non-negative values must not exceed it. Shaped as a
 * validation rule's result (`RuleResult`) with the dimension's severity. Pure: a write checks its rows over the
 * stored values (`BreakdownProblems.ts`); `breakdownSumResults` checks stored values alone (GET /validation, the
 * submission of a data set).
 */
import { codesOfBreakdown, DEFAULT_ADDITIVE_TOLERANCE, type Dimension, breakdownKey, TOTAL_BREAKDOWN } from "./Dimension.js"
import type { Indicator, IndicatorDefinition } from "./Indicator.js"
import { cellKey } from "./Observation.js"
import type { RegistryService } from "./Registry.js"
import type { RuleCell, RuleResult, RuleState } from "./Validation.js"
import type { RuleOperator } from "./ValidationRule.js"

/** A value of a cell: stored, or (on a write) the row of the write that sets it. */
export interface SumEntry {
  readonly value: number
  readonly row?: number
}

/** A breakdown by one dimension: its code, its full key and its value. */
export interface SumPart {
  readonly code: string
  readonly key: string
  readonly entry: SumEntry
}

/** The breakdowns by one additive dimension of one value: the key they break down and the parts. */
export interface SumGroup {
  readonly dimension: Dimension
  readonly parentKey: string
  readonly parts: ReadonlyArray<SumPart>
}

/**
 * The built-in `breakdown-sum` rule's result at one cell: left the breakdowns' sum, right the value they break
 * down, `tolerance` the absolute slack, the cells read (a write's own with their `row`), and a sentence.
 */
export type BreakdownSumResult = Omit<RuleResult, "cells"> & { readonly cells: ReadonlyArray<RuleCell & { readonly row?: number }> }

/** The name of the built-in rule an additive dimension's sum is reported under. */
export const BREAKDOWN_SUM_RULE = { id: "core.breakdown-sum", name: { zh: "分项之和等于总量", en: "Breakdowns add up to the total" } } as const

const fixed = (x: number, decimals: number) => x.toFixed(Math.min(Math.max(decimals, 0), 12))
const percent = (ratio: number) => `${Number((ratio * 100).toPrecision(6))}%`

/**
 * The breakdowns of a cell (every key with its value) grouped by additive dimension and by the key they break
 * down, in declaration order of the dimensions and first-seen order of the keys.
 */
export const sumGroups = (indicator: IndicatorDefinition, entries: ReadonlyMap<string, SumEntry>): Array<SumGroup> =>
  (indicator.dimensions ?? [])
    .filter((d) => d.additive)
    .flatMap((d) => {
      const groups = new Map<string, Array<SumPart>>()
      for (const [key, entry] of entries) {
        const codes = codesOfBreakdown(key)
        const code = codes[d.id]
        if (code === undefined) continue
        const parent = breakdownKey(indicator.dimensions, Object.fromEntries(Object.entries(codes).filter(([id]) => id !== d.id)))
        groups.set(parent, [...(groups.get(parent) ?? []), { code, key, entry }])
      }
      return [...groups].map(([parentKey, parts]) => ({ dimension: d, parentKey, parts }))
    })

/** The parts in the dimension's code order. */
const inCodeOrder = (d: Dimension, parts: ReadonlyArray<SumPart>): Array<SumPart> => d.codes.flatMap((c) => parts.filter((p) => p.code === c.code))

/** How a group's sum compares with the value it breaks down. */
export interface SumComparison {
  /** The parts in the dimension's code order. */
  readonly ordered: ReadonlyArray<SumPart>
  readonly sum: number
  /** The absolute slack: the tolerance times the value broken down. */
  readonly slack: number
  /** `==` for a complete breakdown, `<=` for a partial one. */
  readonly operator: RuleOperator
  readonly failed: boolean
  /** What was found, e.g. "metro 0.30 + bus 0.25 + bike 0.10 = 0.65, total 0.70: breakdowns must add up to the total within 0.1%". */
  readonly message: string
}

/**
 * `parts` (breakdowns by `d` of the value `parentValue`) against that value: a complete breakdown must equal it
 * within the dimension's tolerance; a partial one of non-negative values must not exceed it.
 *
 * @example
 * compareBreakdownSum(indicator, mode, "", 0.7, parts) // { sum: 0.65, slack: 0.0007, operator: "==", failed: true, message: "metro 0.30 + ... = 0.65, total 0.70: ..." }
 */
export const compareBreakdownSum = (indicator: IndicatorDefinition, d: Dimension, parentKey: string, parentValue: number, parts: ReadonlyArray<SumPart>): SumComparison => {
  const tolerance = d.tolerance ?? DEFAULT_ADDITIVE_TOLERANCE
  const ordered = inCodeOrder(d, parts)
  const sum = ordered.reduce((s, p) => s + p.entry.value, 0)
  const terms = `${ordered.map((p) => `${p.code} ${fixed(p.entry.value, indicator.decimals)}`).join(" + ")} = ${fixed(sum, indicator.decimals)}`
  const whole = parentKey === TOTAL_BREAKDOWN ? "total" : parentKey
  const wholeValue = `${whole} ${fixed(parentValue, indicator.decimals)}`
  const slack = tolerance * Math.abs(parentValue)
  const within = `breakdowns must add up to the ${whole} within ${percent(tolerance)}`
  const missing = d.codes.filter((c) => !parts.some((p) => p.code === c.code)).map((c) => c.code)
  if (missing.length === 0) {
    const failed = Math.abs(sum - parentValue) > slack + 1e-12
    const message = failed ? `${terms}, ${wholeValue}: ${within}` : `${terms}, ${wholeValue}: the breakdowns add up within ${percent(tolerance)}`
    return { ordered, sum, slack, operator: "==", failed, message }
  }
  const failed = parentValue >= 0 && parts.every((p) => p.entry.value >= 0) && sum - parentValue > slack + 1e-12
  const message = failed
    ? `${terms} already exceeds the ${wholeValue} without ${missing.join(", ")}: ${within}`
    : `${terms} does not exceed the ${wholeValue} (${missing.join(", ")} not given)`
  return { ordered, sum, slack, operator: "<=", failed, message }
}

/** Where a result is: the indicator and dimension checked, at a region and year. */
export interface SumAt {
  readonly indicator: Indicator
  readonly dimension: Dimension
  readonly region: string
  readonly year: number
}

/**
 * A `breakdown-sum` result: the value broken down first (value null when missing), then the parts (in code
 * order), each with its `breakdown` key (none for the total) and `row` when a write gave it.
 */
export const breakdownSumResult = (
  at: SumAt,
  parentKey: string,
  parent: SumEntry | undefined,
  ordered: ReadonlyArray<SumPart>,
  outcome: { readonly state: RuleState; readonly left: number | null; readonly operator: RuleOperator; readonly right: number | null; readonly tolerance: number; readonly message: string },
): BreakdownSumResult => {
  const severity = at.dimension.severity ?? "error"
  const cell = { indicator: at.indicator.id, region: at.region, year: at.year }
  const cellOf = (key: string, entry: SumEntry | undefined): RuleCell & { row?: number } => ({
    ...cell,
    value: entry?.value ?? null,
    ...(key === TOTAL_BREAKDOWN ? {} : { breakdown: key }),
    ...(entry?.row === undefined ? {} : { row: entry.row }),
  })
  return {
    rule: `${BREAKDOWN_SUM_RULE.id}/${at.indicator.id}/${at.dimension.id}`,
    plugin: at.indicator.plugin,
    kind: "breakdown-sum",
    severity,
    name: BREAKDOWN_SUM_RULE.name,
    scope: at.region,
    year: at.year,
    ...outcome,
    cells: [cellOf(parentKey, parent), ...ordered.map((p) => cellOf(p.key, p.entry))],
  }
}

/** Stored values: cells' totals and breakdowns (as `ObservationStore` `currentValues` and `breakdowns` read them). */
export interface StoredCells {
  readonly totals: ReadonlyArray<{ readonly indicator: string; readonly region: string; readonly year: number; readonly value: number }>
  readonly breakdowns: ReadonlyArray<{ readonly indicator: string; readonly region: string; readonly year: number; readonly value: number; readonly breakdown?: string }>
}

/**
 * Every `breakdown-sum` result of stored values: one per cell with breakdowns (of an indicator with an additive
 * dimension), dimension and key broken down, in the order the cells' breakdowns come: `passed`, `failed`, or
 * `not-applicable` when the value broken down is missing. Pure.
 *
 * @example
 * breakdownSumResults(registry, { totals: [{ ...cell, value: 0.7 }], breakdowns: [metro 0.3, bus 0.25, bike 0.1] })
 * // [{ rule: "core.breakdown-sum/mob-survey.green-share/mode", state: "failed", left: 0.65, operator: "==", right: 0.7, tolerance: 0.0007, ... }]
 */
export const breakdownSumResults = (registry: RegistryService, stored: StoredCells): Array<BreakdownSumResult> => {
  const cells = new Map<string, { indicator: Indicator; region: string; year: number; entries: Map<string, SumEntry> }>()
  for (const b of stored.breakdowns) {
    const indicator = registry.indicator(b.indicator)
    if (b.breakdown === undefined || b.breakdown === TOTAL_BREAKDOWN || !indicator?.dimensions?.some((d) => d.additive)) continue
    const key = cellKey({ indicator: b.indicator, region: b.region, year: b.year })
    const cell = cells.get(key) ?? { indicator, region: b.region, year: b.year, entries: new Map<string, SumEntry>() }
    cells.set(key, cell)
    cell.entries.set(b.breakdown, { value: b.value })
  }
  for (const t of stored.totals) cells.get(cellKey({ indicator: t.indicator, region: t.region, year: t.year }))?.entries.set(TOTAL_BREAKDOWN, { value: t.value })
  return [...cells.values()].flatMap(({ indicator, region, year, entries }) =>
    sumGroups(indicator, entries).map(({ dimension, parentKey, parts }) => {
      const at = { indicator, dimension, region, year }
      const where = `${indicator.id} for ${region} in ${year}`
      const parent = entries.get(parentKey)
      if (parent === undefined) {
        const ordered = inCodeOrder(dimension, parts)
        const whole = parentKey === TOTAL_BREAKDOWN ? "total" : parentKey
        const message = `${where}: no value of the ${whole} to check its ${dimension.id} breakdowns against`
        return breakdownSumResult(at, parentKey, undefined, ordered, {
          state: "not-applicable",
          left: ordered.reduce((s, p) => s + p.entry.value, 0),
          operator: dimension.codes.every((c) => parts.some((p) => p.code === c.code)) ? "==" : "<=",
          right: null,
          tolerance: 0,
          message,
        })
      }
      const c = compareBreakdownSum(indicator, dimension, parentKey, parent.value, parts)
      return breakdownSumResult(at, parentKey, parent, c.ordered, {
        state: c.failed ? "failed" : "passed",
        left: c.sum,
        operator: c.operator,
        right: parent.value,
        tolerance: c.slack,
        message: `${where}: ${c.message}`,
      })
    }),
  )
}

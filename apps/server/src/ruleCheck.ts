/**
 * Plugins' validation rules on the write path: the rule instances a write touches, evaluated against the values as
 * they would be after it (the write's rows over the stored current values, read in one batched query). Only rows of
 * indicators some rule reads are kept, so a million-row import of other indicators costs one set lookup a row.
 */
import {
  cellKey,
  type Database,
  evaluateRuleInstance,
  instanceCells,
  ObservationStore,
  Registry,
  type RuleInstance,
  type RuleResult,
  ruleInstancesTouching,
  type StorageError,
} from "@tijian/core"
import { Effect } from "effect"

/** A written cell with its value and where the caller gave it (a JSON row's index, a file's row). */
export interface WrittenCell {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  readonly row: number
}

/** A rule's result as a write reports it: each cell this write gives carries its `row`; the others are stored values. */
export type CheckedRule = Omit<RuleResult, "cells"> & {
  readonly cells: ReadonlyArray<RuleResult["cells"][number] & { readonly row?: number }>
}

/** A write's rule results that matter: failed errors (the write is refused), failed warnings, and rules that could not be evaluated. */
export interface RuleCheck {
  readonly errors: ReadonlyArray<CheckedRule>
  readonly warnings: ReadonlyArray<CheckedRule>
  /** Rules whose evaluation threw: reported, never blocking. */
  readonly broken: ReadonlyArray<CheckedRule>
  /**
   * When the write touched a rule: the write clock as read before the rules read stored values (null: nothing
   * written yet). The write must commit at that clock (`appendChunks`' `checkedAt`), or be checked again.
   */
  readonly checkedAt?: string | null
}

/** No rule touched. */
export const NO_RULES: RuleCheck = { errors: [], warnings: [], broken: [] }

/**
 * Checks the rules a write touches, reading the stored values its instances need in one query (the cells' indicators,
 * regions and years as `IN` lists; the cross product it may return is filtered by the lookup).
 *
 * @example
 * yield* checkRules([{ indicator: "demo-zone.permanent-basic-farmland-mu", region: "DEMO-ZONE", year: 2025, value: 800_000, row: 0 }])
 * // { errors: [{ rule: "demo-zone.farmland-within-cultivated-land", left: 800000, right: 766000, ... }], warnings: [], broken: [] }
 */
export const checkRules = (cells: Iterable<WrittenCell>): Effect.Effect<RuleCheck, StorageError, Registry.Registry | Database.Database> =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    if (registry.rules.length === 0) return NO_RULES
    const written = new Map<string, WrittenCell>()
    for (const c of cells) if (registry.rulesReading(c.indicator).length > 0) written.set(cellKey(c), c)
    if (written.size === 0) return NO_RULES
    const checkedAt = yield* Effect.flatMap(ObservationStore.make, (store) => store.lastChange())
    const results = yield* evaluateInstances(ruleInstancesTouching(registry, written.values()), written)
    return { ...sortResults(results), checkedAt }
  })

/** Failed errors, failed warnings and broken rules of a list of results. */
export const sortResults = (results: ReadonlyArray<CheckedRule>): RuleCheck => ({
  errors: results.filter((r) => r.state === "failed" && r.severity === "error"),
  warnings: results.filter((r) => r.state === "failed" && r.severity === "warning"),
  broken: results.filter((r) => r.state === "error"),
})

/**
 * Evaluates rule instances over the stored current values (as of `asOf` when given), with `written` cells over
 * them; the stored cells the instances need are read in one query.
 */
export const evaluateInstances = (
  instances: ReadonlyArray<RuleInstance>,
  written: ReadonlyMap<string, WrittenCell> = new Map(),
  asOf?: string,
): Effect.Effect<ReadonlyArray<CheckedRule>, StorageError, Registry.Registry | Database.Database> =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    const needed = instances.flatMap((i) => instanceCells(registry, i)).filter((c) => !written.has(cellKey(c)))
    const stored = new Map<string, number>()
    if (needed.length > 0) {
      const store = yield* ObservationStore.make
      const values = yield* store.currentValues({
        indicators: [...new Set(needed.map((c) => c.indicator))],
        regions: [...new Set(needed.map((c) => c.region))],
        years: [...new Set(needed.map((c) => c.year))],
        ...(asOf === undefined ? {} : { asOf }),
      })
      for (const v of values) stored.set(cellKey(v), v.value)
    }
    return instances.map((i): CheckedRule => {
      const result = evaluateRuleInstance(registry, i, (c) => written.get(cellKey(c))?.value ?? stored.get(cellKey(c)))
      return { ...result, cells: result.cells.map((c) => withRow(c, written.get(cellKey(c))?.row)) }
    })
  })

const withRow = <C extends object>(cell: C, row: number | undefined): C & { readonly row?: number } => (row === undefined ? cell : { ...cell, row })

/** The refusal's message: each failed rule's sentence, and where the rows are (`index` in JSON, `row` in a file). */
export const violationMessage = (errors: ReadonlyArray<CheckedRule>, rowWord: "index" | "row"): string => {
  const listed = errors.slice(0, 5).map((e) => {
    const rows = e.cells.flatMap((c) => (c.row === undefined ? [] : [c.row]))
    return `${e.message}${rows.length > 0 ? ` (${rowWord} ${rows.join(", ")})` : ""}`
  })
  const more = errors.length > listed.length ? `; and ${errors.length - listed.length} more` : ""
  return `${errors.length} validation rule(s) fail: ${listed.join("; ")}${more}; nothing was stored`
}

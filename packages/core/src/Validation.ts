/**
 * Evaluating validation rules (`ValidationRule.ts`): which rule instances (rule, scope, year) a set of cells
 * touches, which cells an instance reads, and its result from a lookup of values. Pure: the caller reads the
 * values (the server merges a write's rows over the stored values, in one batched read) and decides what a
 * failure does.
 */
import type { RegistryService } from "./Registry.js"
import type { I18nText } from "./Text.js"
import { expressionIndicators, type RuleExpression, type RuleOperator, type RuleSeverity, type ValidationRule } from "./ValidationRule.js"

/** A cell of the registry: one indicator for one region and year. */
export interface RuleCellKey {
  readonly indicator: string
  readonly region: string
  readonly year: number
}

/** A cell a rule read, with its value (null: no value registered); `breakdown` its key when it is a breakdown (absent: the total). */
export interface RuleCell extends RuleCellKey {
  readonly value: number | null
  readonly breakdown?: string
}

/**
 * How a rule came out: `passed`, `failed`, `not-applicable` (a value it needs is missing: see the cells with
 * `value: null`), or `error` (its evaluation threw or gave no finite number; never blocks a write).
 */
export type RuleState = "passed" | "failed" | "not-applicable" | "error"

/** One rule checked at one region or group and year. */
export interface RuleInstance {
  readonly rule: ValidationRule
  readonly scope: string
  readonly year: number
}

/**
 * A rule's result at one scope and year: both sides (for `members-sum`, left is the members' sum and right the
 * parent's value; null where not computed), the slack allowed, every cell read, and a sentence saying what happened.
 * Kind `breakdown-sum` is the built-in check of an additive dimension (`BreakdownProblems.ts`): left the
 * breakdowns' sum, right the value they break down.
 */
export interface RuleResult {
  readonly rule: string
  readonly plugin: string
  readonly kind: ValidationRule["kind"] | "breakdown-sum"
  readonly severity: RuleSeverity
  readonly name: I18nText
  readonly scope: string
  readonly year: number
  readonly state: RuleState
  readonly left: number | null
  readonly operator: RuleOperator
  readonly right: number | null
  readonly tolerance: number
  readonly cells: ReadonlyArray<RuleCell>
  readonly message: string
}

/** The codes whose values a `members-sum` adds up at `scope`: a group's members, or a region's child regions. */
export const membersOf = (registry: RegistryService, scope: string): ReadonlyArray<string> =>
  registry.regions.group(scope)?.members ?? registry.regions.children(scope).map((r) => r.code)

const allowedAt = (rule: ValidationRule, scope: string) => rule.scopes === undefined || rule.scopes.includes(scope)

const instanceKey = (i: RuleInstance) => `${i.rule.id}\u0000${i.scope}\u0000${i.year}`

/**
 * The rule instances that read any of `cells`: a `compare` rule at the cell's region, a `members-sum` at the cell's
 * region (as a parent), its parent region and every group it belongs to; only where the rule's `scopes` allow.
 * Each instance once, in the order first touched.
 *
 * @example
 * ruleInstancesTouching(registry, [{ indicator: "ecology.redline-area-km2", region: "320509", year: 2025 }])
 * // [{ rule: demo-zone.redline-members-sum, scope: "DEMO-ZONE", year: 2025 }]
 */
export const ruleInstancesTouching = (registry: RegistryService, cells: Iterable<RuleCellKey>): ReadonlyArray<RuleInstance> => {
  const out = new Map<string, RuleInstance>()
  const groupsOf = new Map<string, Array<string>>()
  for (const g of registry.regions.groups) for (const m of g.members) groupsOf.set(m, [...(groupsOf.get(m) ?? []), g.code])
  const add = (rule: ValidationRule, scope: string, year: number) => {
    if (!allowedAt(rule, scope)) return
    const instance = { rule, scope, year }
    const key = instanceKey(instance)
    if (!out.has(key)) out.set(key, instance)
  }
  for (const cell of cells) {
    for (const rule of registry.rulesReading(cell.indicator)) {
      if (rule.kind === "compare") {
        add(rule, cell.region, cell.year)
        continue
      }
      const parents = [cell.region, registry.regions.get(cell.region)?.parent, ...(groupsOf.get(cell.region) ?? [])]
      for (const p of parents) if (p !== undefined && membersOf(registry, p).length > 0) add(rule, p, cell.year)
    }
  }
  return [...out.values()]
}

/**
 * Every rule instance for a region or group and the regions in it (a group's members; a region's subtree) in a
 * year: each `compare` rule at every code, each `members-sum` at every code with members (where `scopes` allow).
 */
export const ruleInstancesFor = (registry: RegistryService, scope: string, year: number): ReadonlyArray<RuleInstance> =>
  codesWithin(registry, scope).flatMap((code) =>
    registry.rules
      .filter((rule) => allowedAt(rule, code) && (rule.kind === "compare" || membersOf(registry, code).length > 0))
      .map((rule) => ({ rule, scope: code, year })),
  )

/** The codes a validation of `scope` covers: a group and its members, or a region and its subtree. */
export const codesWithin = (registry: RegistryService, scope: string): ReadonlyArray<string> => {
  const group = registry.regions.group(scope)
  return group ? [scope, ...group.members] : registry.regions.subtree(scope)
}

/** The cells an instance reads: each indicator of a comparison at the scope; a `members-sum`'s parent, then members. */
export const instanceCells = (registry: RegistryService, instance: RuleInstance): ReadonlyArray<RuleCellKey> => {
  const { rule, scope, year } = instance
  if (rule.kind === "members-sum") return [scope, ...membersOf(registry, scope)].map((region) => ({ indicator: rule.indicator, region, year }))
  return [...new Set([...expressionIndicators(rule.left), ...expressionIndicators(rule.right)])].map((indicator) => ({ indicator, region: scope, year }))
}

const compareWith = (operator: RuleOperator, left: number, right: number, tolerance: number): boolean => {
  const eps = 1e-9 * Math.max(Math.abs(left), Math.abs(right), 1)
  const d = left - right
  switch (operator) {
    case "<=":
      return d <= tolerance + eps
    case "<":
      return d < tolerance - eps
    case ">=":
      return d >= -tolerance - eps
    case ">":
      return d > -tolerance + eps
    case "==":
      return Math.abs(d) <= tolerance + eps
  }
}

const valueOfExpression = (e: RuleExpression, value: (indicator: string) => number): number => {
  if (typeof e === "string") return value(e)
  if ("sum" in e) return e.sum.reduce((s, t) => s + (typeof t === "string" ? value(t) : value(t.indicator) * t.times), 0)
  return e.compute(Object.fromEntries(e.inputs.map((id) => [id, value(id)])))
}

const number = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 6 })

/**
 * The result of one instance, reading values through `valueOf` (undefined: none registered). Never throws: an
 * expression that throws or gives no finite number is an `error` result saying so.
 *
 * @example
 * // farmland 700,000 mu, cultivated land 650,000 mu: 700,000 <= 650,000 fails by 50,000 mu
 * evaluateRuleInstance(registry, { rule: farmlandRule, scope: "DEMO-ZONE", year: 2025 }, lookup).state // "failed"
 */
export const evaluateRuleInstance = (
  registry: RegistryService,
  instance: RuleInstance,
  valueOf: (cell: RuleCellKey) => number | undefined,
): RuleResult => {
  const { rule, scope, year } = instance
  const cells: ReadonlyArray<RuleCell> = instanceCells(registry, instance).map((c) => ({ ...c, value: valueOf(c) ?? null }))
  const isSum = rule.kind === "members-sum"
  const operator: RuleOperator = isSum ? "==" : rule.operator
  const base = { rule: rule.id, plugin: rule.plugin, kind: rule.kind, severity: rule.severity, name: rule.name, scope, year, operator, cells }
  const where = `rule ${rule.id} at ${scope} in ${year}`
  const missing = cells.filter((c) => c.value === null)
  if (missing.length > 0) {
    const names = missing.map((c) => `${c.indicator} for ${c.region}`).join(", ")
    return { ...base, state: "not-applicable", left: null, right: null, tolerance: 0, message: `${where} does not apply: no value of ${names}` }
  }
  const at = new Map(cells.map((c) => [`${c.indicator}\u0000${c.region}`, c.value!]))
  try {
    let left: number
    let right: number
    let tolerance: number
    if (isSum) {
      left = membersOf(registry, scope).reduce((s, m) => s + at.get(`${rule.indicator}\u0000${m}`)!, 0)
      right = at.get(`${rule.indicator}\u0000${scope}`)!
      tolerance = Math.max(rule.tolerance?.absolute ?? 0, (rule.tolerance?.relative ?? 0) * Math.abs(right))
    } else {
      const value = (indicator: string) => at.get(`${indicator}\u0000${scope}`)!
      left = valueOfExpression(rule.left, value)
      right = valueOfExpression(rule.right, value)
      tolerance = rule.tolerance ?? 0
    }
    if (!Number.isFinite(left) || !Number.isFinite(right)) {
      return { ...base, state: "error", left: null, right: null, tolerance, message: `${where} could not be evaluated: a side is ${Number.isFinite(left) ? right : left}, not a finite number` }
    }
    const passed = compareWith(operator, left, right, tolerance)
    const sides = isSum ? `the members' sum ${number(left)} against ${scope}'s ${number(right)}` : `${number(left)} ${operator} ${number(right)}`
    const slack = tolerance > 0 ? ` (tolerance ${number(tolerance)})` : ""
    const message = passed ? `${where} holds: ${sides}${slack}` : `${where} fails: ${sides}${slack}, a difference of ${number(left - right)}`
    return { ...base, state: passed ? "passed" : "failed", left, right, tolerance, message }
  } catch (e) {
    return { ...base, state: "error", left: null, right: null, tolerance: 0, message: `${where} could not be evaluated: ${e instanceof Error ? e.message : String(e)}` }
  }
}

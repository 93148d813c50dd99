/**
 * Validation rules: checks across values that a plugin declares beside its indicators (DHIS2's validation rules).
 * Two kinds:
 *
 * - `compare`: within one region and year, an expression of indicators against another (permanent basic farmland
 *   at most cultivated land, both in mu);
 * - `members-sum`: across the hierarchy, for an additive indicator, the members' sum against the parent's or the
 *   group's registered value within a tolerance (Qingpu + Wujiang + Jiashan redline area against the Zone's).
 *
 * A rule reads registered values only (not the engine's derived or aggregated ones). Its `severity` says what a
 * failure does: `error` refuses the write, `warning` stores it and reports the failure back.
 */
import type { I18nText } from "./Text.js"

/** What a failed rule does to a write: `error` refuses it, `warning` stores it and reports the failure. */
export type RuleSeverity = "error" | "warning"

/** An indicator times a factor (a unit conversion, a share): `{ indicator: "x.area-km2", times: 1500 }` is mu. */
export interface RuleTerm<Ref extends string = string> {
  readonly indicator: Ref
  readonly times: number
}

/**
 * One side of a comparison: an indicator's value, a sum of terms (each an indicator or an indicator times a
 * factor), or a function of named inputs (which may throw: the rule's result is then `error`, never a crash).
 *
 * @example
 * "demo-zone.permanent-basic-farmland-mu"
 * { sum: ["x.urban-land-km2", "x.rural-land-km2", { indicator: "x.other-land-mu", times: 1 / 1500 }] }
 * { inputs: ["x.a", "x.b"], compute: (v) => v["x.a"]! / v["x.b"]! }
 */
export type RuleExpression<Ref extends string = string> =
  | Ref
  | { readonly sum: ReadonlyArray<Ref | RuleTerm<Ref>> }
  | { readonly inputs: ReadonlyArray<Ref>; readonly compute: (values: Readonly<Record<string, number>>) => number }

/** How two sides are compared; `tolerance` (in the sides' unit) loosens each: `left <= right + tolerance`. */
export type RuleOperator = "<=" | "<" | ">=" | ">" | "=="

interface RuleBase {
  /** `<plugin>.<kebab-slug>`, unique across plugins. */
  readonly id: string
  readonly name: I18nText
  readonly description?: I18nText
  readonly severity: RuleSeverity
  /**
   * The region and group codes the rule is checked at (exactly, not their descendants). Without it: every
   * region and group (for `members-sum`, every one with members: a group, or a region with child regions).
   */
  readonly scopes?: ReadonlyArray<string>
}

/** Within one region and year: `left operator right`, each side an expression of indicators. */
export interface CompareRule<Ref extends string = string> extends RuleBase {
  readonly kind: "compare"
  readonly left: RuleExpression<Ref>
  readonly operator: RuleOperator
  readonly right: RuleExpression<Ref>
  /** Absolute slack in the sides' unit (default 0; a difference below 1e-9 of the larger side is always equal). */
  readonly tolerance?: number
}

/**
 * Across the hierarchy, for an indicator whose `aggregate` is `sum`: the sum of a group's members (or a region's
 * child regions) against the group's (region's) own registered value. They agree when
 * `|sum - parent| <= max(absolute, relative * |parent|)`.
 */
export interface MembersSumRule<Ref extends string = string> extends RuleBase {
  readonly kind: "members-sum"
  readonly indicator: Ref
  /** Default `{ absolute: 0 }` (with the 1e-9 relative slack every comparison has). */
  readonly tolerance?: { readonly absolute?: number; readonly relative?: number }
}

/**
 * A validation rule as a plugin declares it (`rules` in `definePlugin`, typed by its indicator ids and `uses`).
 *
 * @example
 * { id: "demo-zone.farmland-within-cultivated-land", kind: "compare", severity: "error",
 *   name: { zh: "永久基本农田不大于耕地", en: "Permanent basic farmland within cultivated land" },
 *   left: "demo-zone.permanent-basic-farmland-mu", operator: "<=", right: "demo-zone.cultivated-land-mu" }
 */
export type RuleDefinition<Ref extends string = string> = CompareRule<Ref> | MembersSumRule<Ref>

/** A rule as the registry holds it: with the plugin that declared it. */
export type ValidationRule = RuleDefinition & { readonly plugin: string }

/** The indicator ids an expression reads, in order, without repeats. */
export const expressionIndicators = (e: RuleExpression): ReadonlyArray<string> => {
  if (typeof e === "string") return [e]
  const ids = "sum" in e ? e.sum.map((t) => (typeof t === "string" ? t : t.indicator)) : e.inputs
  return [...new Set(ids)]
}

/** The indicator ids a rule reads. */
export const ruleIndicators = (rule: RuleDefinition): ReadonlyArray<string> =>
  rule.kind === "compare" ? [...new Set([...expressionIndicators(rule.left), ...expressionIndicators(rule.right)])] : [rule.indicator]

const OPERATORS: ReadonlyArray<RuleOperator> = ["<=", "<", ">=", ">", "=="]

/**
 * What is wrong with a rule's definition given the indicators that exist (unknown indicators, a `members-sum` of
 * an indicator that is not additive, a bad tolerance or operator), each as a sentence naming the plugin and rule.
 */
export const ruleDefinitionProblems = (
  plugin: string,
  rule: RuleDefinition,
  indicator: (id: string) => { readonly aggregate?: { readonly rule: string } | undefined } | undefined,
): ReadonlyArray<{ readonly reason: "unknown-indicator" | "invalid-definition"; readonly message: string }> => {
  const where = `rule "${rule.id}" of plugin "${plugin}"`
  const problems: Array<{ reason: "unknown-indicator" | "invalid-definition"; message: string }> = []
  for (const id of ruleIndicators(rule)) {
    if (!indicator(id)) problems.push({ reason: "unknown-indicator", message: `${where} names indicator "${id}", which no plugin declares` })
  }
  if (rule.severity !== "error" && rule.severity !== "warning") {
    problems.push({ reason: "invalid-definition", message: `${where} has severity "${String(rule.severity)}"; it must be "error" or "warning"` })
  }
  if (rule.kind === "compare") {
    if (!OPERATORS.includes(rule.operator)) problems.push({ reason: "invalid-definition", message: `${where} has operator "${rule.operator}"; use one of ${OPERATORS.join(" ")}` })
    if (rule.tolerance !== undefined && !(rule.tolerance >= 0 && Number.isFinite(rule.tolerance))) {
      problems.push({ reason: "invalid-definition", message: `${where} has tolerance ${rule.tolerance}; it must be a finite number >= 0` })
    }
    for (const side of [rule.left, rule.right]) {
      if (typeof side !== "string" && "sum" in side && side.sum.length === 0) problems.push({ reason: "invalid-definition", message: `${where} sums no terms` })
      if (typeof side !== "string" && "sum" in side) {
        for (const t of side.sum) {
          if (typeof t !== "string" && !Number.isFinite(t.times)) problems.push({ reason: "invalid-definition", message: `${where} multiplies "${t.indicator}" by ${t.times}; it must be finite` })
        }
      }
    }
  } else {
    const aggregate = indicator(rule.indicator)?.aggregate?.rule
    if (indicator(rule.indicator) && aggregate !== "sum") {
      problems.push({ reason: "invalid-definition", message: `${where} sums members of "${rule.indicator}", which is not additive (its aggregate is ${aggregate ?? "not declared"}; it must be "sum")` })
    }
    const { absolute = 0, relative = 0 } = rule.tolerance ?? {}
    if (!(absolute >= 0 && relative >= 0 && Number.isFinite(absolute) && Number.isFinite(relative))) {
      problems.push({ reason: "invalid-definition", message: `${where} has a negative or infinite tolerance` })
    }
  }
  return problems
}

/**
 * Plugins: a domain's indicators, targets and reference data, as one plain typed object.
 */
import type { Applicability } from "./Applicability.js"
import type { Calculator } from "./Calculator.js"
import type { CompositeDeclaration } from "./CompositeDeclaration.js"
import type { IndicatorDefinition } from "./Indicator.js"
import type { Evaluation, SectionExtras } from "./Report.js"
import type { TargetDefinition } from "./Target.js"
import type { RuleDefinition } from "./ValidationRule.js"
import type { I18nText } from "./Text.js"

/** A published or reference value that loads with a plugin (the seed of a fresh database). */
export interface ReferenceObservation<Ref extends string = string> {
  readonly indicator: Ref
  readonly region: string
  readonly year: number
  readonly value: number
  readonly source: string
  readonly note?: string
}

/** One member of a group with its values for the report's year (indicator id -> value; those without one left out). */
export interface MemberValues {
  readonly code: string
  readonly name: I18nText
  readonly values: Readonly<Record<string, number>>
}

/**
 * What a plugin's `reportSection` receives: the report's scope and year, the section's evaluations and, for a
 * group, its members' values of the plugin's indicators (each member evaluated as its own report would be; in the
 * group's member order; computed only when read); for a region, its children's when some plugin declares a composite
 * (YRD's provinces, ranked by the beauty composite), else none.
 */
export interface SectionContext {
  readonly scope: string
  readonly year: number
  readonly evaluations: ReadonlyArray<Evaluation>
  readonly members?: ReadonlyArray<MemberValues>
}

/**
 * A plugin. `uses` lists other plugins' indicator ids that this plugin's targets or inputs refer to
 * (declared so a typo is a compile error and a missing plugin is a registry error).
 */
export interface Plugin<Id extends string = string, Ind extends string = string, Ext extends string = string> {
  readonly id: Id
  readonly version: string
  /**
   * The `@tijian/core` versions this plugin works with, as a semver range (e.g. `"^0.1.0"`; see `CoreVersion`).
   * The registry refuses the plugin when the running core is outside it. Without one, any core is accepted.
   */
  readonly coreVersion?: string
  readonly name: I18nText
  readonly description?: I18nText
  readonly indicators: ReadonlyArray<IndicatorDefinition<Ind, Ind | Ext>>
  /**
   * The scopes the plugin's indicators are meant for (an indicator may add its own). Beyond these, an indicator
   * applies where a target names the scope (or a group or ancestor containing it) and wherever a value exists;
   * elsewhere the report lists it once as not reported for the scope.
   */
  readonly appliesTo?: Applicability
  readonly uses?: ReadonlyArray<Ext>
  readonly targets?: ReadonlyArray<TargetDefinition<Ind | Ext>>
  readonly referenceData?: { readonly observations: ReadonlyArray<ReferenceObservation<Ind | Ext>> }
  /** How this plugin's figures are computed and what it assumes, shown in the report's methodology notes. */
  readonly methodology?: I18nText
  /** Extra notes and tables for the plugin's report section, computed from its evaluations. Must be pure. */
  readonly reportSection?: (context: SectionContext) => SectionExtras
  /** Functions that compute this plugin's observations from domain datasets. Ids are `<plugin>.<slug>`. */
  readonly calculators?: ReadonlyArray<Calculator<Ind | Ext>>
  /**
   * Validation rules over the plugin's (and its `uses`') registered values: comparisons within a region and year,
   * members' sums against their parent. See `ValidationRule.ts`; ids are `<plugin>.<slug>`.
   */
  readonly rules?: ReadonlyArray<RuleDefinition<Ind | Ext>>
  /**
   * Composites of the plugin's indicators whose members' ranking (rank intervals, Sobol' indices of the method
   * choices) the API and CLI serve for a group; see `CompositeDeclaration`.
   */
  readonly composites?: ReadonlyArray<CompositeDeclaration<Ind | Ext>>
}

/**
 * Defines a plugin. An identity function whose `const` generics make the indicator ids literal types, so a
 * target or input naming an indicator the plugin neither declares nor `uses` fails to compile.
 *
 * @example
 * export const plugin = definePlugin({
 *   id: "demo", version: "0.1.0", coreVersion: "^0.1.0", name: { zh: "示例", en: "Demo" },
 *   indicators: [{ id: "demo.forest-cover", kind: "observed", direction: "higher-is-better", decimals: 1,
 *     unit: { zh: "%", en: "%" }, name: { zh: "森林覆盖率", en: "Forest cover" } }],
 *   targets: [{ indicator: "demo.forest-cover", scope: "DEMO-ZONE", kind: "at-least", value: 12,
 *     dueYear: 2035, binding: false, source: { zh: "总体规划", en: "Master plan" } }],
 * })
 */
export const definePlugin = <
  const Id extends string,
  const Ind extends `${Id}.${string}`,
  const Ext extends `${string}.${string}` = never,
>(plugin: {
  readonly id: Id
  readonly version: string
  readonly coreVersion?: string
  readonly name: I18nText
  readonly description?: I18nText
  readonly indicators: ReadonlyArray<IndicatorDefinition<Ind, NoInfer<Ind | Ext>>>
  readonly appliesTo?: Applicability
  readonly uses?: ReadonlyArray<Ext>
  readonly targets?: ReadonlyArray<TargetDefinition<NoInfer<Ind | Ext>>>
  readonly referenceData?: { readonly observations: ReadonlyArray<ReferenceObservation<NoInfer<Ind | Ext>>> }
  readonly methodology?: I18nText
  readonly reportSection?: (context: SectionContext) => SectionExtras
  readonly calculators?: ReadonlyArray<Calculator<NoInfer<Ind | Ext>>>
  readonly rules?: ReadonlyArray<RuleDefinition<NoInfer<Ind | Ext>>>
  readonly composites?: ReadonlyArray<CompositeDeclaration<NoInfer<Ind | Ext>>>
}): Plugin<Id, Ind, Ext> => plugin

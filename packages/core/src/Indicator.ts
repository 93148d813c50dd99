/**
 * Indicators: what is measured. An indicator id is `<plugin>.<kebab-slug>` (e.g. `beauty.composite`).
 */
import type { I18nText } from "./Text.js"
import type { Applicability } from "./Applicability.js"
import type { ProgressSettings } from "./Progress.js"

/**
 * Which way is better: up, down, inside a band given by the indicator's targets, or `neutral`: neither (e.g. a
 * population, which a plan forecasts but does not aim to raise or lower). A `neutral` indicator is judged only
 * against its targets and forecasts: no progress without a target, no regression.
 */
export type Direction = "higher-is-better" | "lower-is-better" | "band" | "neutral"

/**
 * - `observed`: registered by agencies;
 * - `derived`: computed by the engine from other indicators (`inputs` + a pure `compute`);
 *   an `observed` indicator may also declare `inputs` + `compute`, to be computed where not registered;
 * - `reported`: a published figure kept beside a derived one (`reports`), so a report shows both and the difference.
 */
export type IndicatorKind = "observed" | "derived" | "reported"

/**
 * A grade band: the first band (in declared order) whose bounds hold gives the grade. `min` is inclusive,
 * `max` exclusive. Example: `{ id: "excellent", min: 80, name: { zh: "优秀", en: "excellent" } }`.
 */
export interface GradeBand {
  readonly id: string
  readonly name: I18nText
  readonly min?: number
  readonly max?: number
}

/**
 * How a group's value is formed from its members' values when it is not registered directly.
 * `weighted-mean` weights each member by another indicator's value (e.g. population) for the same year.
 */
export type Aggregation<Ref extends string = string> = (
  | { readonly rule: "sum" }
  | { readonly rule: "mean" }
  | { readonly rule: "min" }
  | { readonly rule: "max" }
  | { readonly rule: "weighted-mean"; readonly weight: Ref }
) & {
  /**
   * The least coverage (0..1) at which the aggregate is judged against targets: the share of members with a value
   * (for a weighted mean, the share of the members' total weight). Below it the value is shown as partial and
   * not judged. Default: 1 for sums (a sum of some members understates the whole), 0.8 for every other rule.
   */
  readonly minCoverage?: number
}

/** The coverage an aggregate needs to be judged, by its rule's default or its own `minCoverage`. */
export const minCoverageOf = (rule: Aggregation): number => rule.minCoverage ?? (rule.rule === "sum" ? 1 : 0.8)

/** Where a derived value is computed: the region (or group) code and the year. */
export interface ComputeContext {
  readonly region: string
  readonly year: number
}

/**
 * The definition of one indicator, as a plugin declares it. Units go in `unit` (e.g. `{ zh: "平方千米",
 * en: "km²" }`); ratios are stored as 0..1 and declared with `format: "percent"`.
 */
export interface IndicatorDefinition<Id extends string = string, Ref extends string = string> {
  readonly id: Id
  readonly name: I18nText
  readonly description?: I18nText
  readonly unit: I18nText
  readonly direction: Direction
  /** Values outside are rejected at registration. Inclusive bounds. */
  readonly range?: { readonly min?: number; readonly max?: number }
  /** Decimal places shown and used for `equals` targets. */
  readonly decimals: number
  readonly format?: "number" | "percent"
  readonly grades?: ReadonlyArray<GradeBand>
  readonly kind: IndicatorKind
  /**
   * The indicators the computation reads, for the same region and year. Required for derived indicators; an
   * observed indicator may declare them too, and is then computed where no value is registered (where both
   * exist, the report shows the registered value, the computed one and their difference).
   */
  readonly inputs?: ReadonlyArray<Ref>
  /** A pure function of the present input values (keyed by indicator id). */
  readonly compute?: (inputs: Readonly<Record<string, number>>, context: ComputeContext) => number
  /**
   * The largest share of `inputs` that may be missing for the computation to run (0..1, default 0: all
   * present). The computation then receives only the present inputs; the report names the missing ones.
   */
  readonly maxMissingInputShare?: number
  /** Reported only: the derived indicator this published figure corresponds to. */
  readonly reports?: Ref
  /** How a group's value is formed when not registered directly. Without one, groups need direct values. */
  readonly aggregate?: Aggregation<Ref>
  /**
   * The scopes this indicator is meant for, beyond the plugin's own `appliesTo` (see `Applicability`). It also
   * applies wherever a target names the scope or a value exists.
   */
  readonly appliesTo?: Applicability
  /**
   * How progress is measured (docs/methods.md): the base year (default 2015) and thresholds that replace the
   * published ones (ratios 0.95 / 0.60 / 0 with a target; 1.5% / 0.5% / 0 a year without).
   */
  readonly progress?: ProgressSettings
}

/** An indicator as the registry holds it: its definition plus the plugin that declared it. */
export type Indicator = IndicatorDefinition & { readonly plugin: string }

/** The grade of a value under the indicator's bands, or undefined when it has none or none holds. */
export const gradeOf = (indicator: IndicatorDefinition, value: number): GradeBand | undefined =>
  indicator.grades?.find((b) => (b.min === undefined || value >= b.min) && (b.max === undefined || value < b.max))

/** Rounds a value to the indicator's decimals (half away from zero), for display and comparison. */
export const roundTo = (value: number, decimals: number): number => {
  const f = 10 ** decimals
  return (Math.sign(value) * Math.round(Math.abs(value) * f + Number.EPSILON * f)) / f
}

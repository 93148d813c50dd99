/**
 * Indicators: what is measured. An indicator id is `<plugin>.<kebab-slug>` (e.g. `beauty.composite`).
 */
import type { I18nText } from "./Text.js"
import type { Applicability } from "./Applicability.js"
import type { ProgressSettings } from "./Progress.js"
import type { Dimension } from "./Dimension.js"

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
 * What every indicator declares, whatever its kind: a helper that builds indicators of several kinds (a plugin's
 * `subIndex(...)`) can share it and add `kind` and its fields.
 */
export interface IndicatorBase<Id extends string = string, Ref extends string = string> {
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
  /**
   * The plausible year-on-year change of a value: its ratio to the previous registered value (per year of gap)
   * within `[minRatio, maxRatio]`. Outside it a write needs a `note` (a confirmed outlier). Without it, the
   * modified z-score of the series' log changes decides (`HistoryOutliers.ts`).
   */
  readonly plausibleChange?: { readonly minRatio: number; readonly maxRatio: number }
  /**
   * How values may be broken down (by mode, by redline type), in declaration order: a value registered with
   * `dimensions: { mode: "metro" }` is a breakdown of the cell's total (see `Dimension`). Evaluation and reports
   * read totals only. Not on derived indicators.
   */
  readonly dimensions?: ReadonlyArray<Dimension>
}

/**
 * The values a computation receives, by input indicator id: `v["x.area-km2"]` is a number, no `!` needed.
 *
 * @example
 * const share = (v: InputValues<"x.green-km2" | "x.area-km2">) => v["x.green-km2"] / v["x.area-km2"]
 */
export type InputValues<In extends string> = { readonly [K in In]: number }

/** Every input present: `maxMissingInputShare` omitted or 0 (the default), and `compute` reads each one. */
interface CompleteComputation<In extends string> {
  /** The indicators the computation reads, for the same region and year. */
  readonly inputs: ReadonlyArray<In>
  /** Omitted or 0: the computation runs only when every input is present. */
  readonly maxMissingInputShare?: 0
  /** A pure function of the input values (keyed by indicator id). */
  readonly compute: (inputs: InputValues<In>, context: ComputeContext) => number
}

/**
 * Some inputs may be missing: up to `maxMissingInputShare` of them (0..1). `compute` receives only the present
 * ones (the others are undefined); the report names the missing ones.
 */
interface PartialComputation<In extends string> {
  readonly inputs: ReadonlyArray<In>
  readonly maxMissingInputShare: number
  readonly compute: (inputs: Partial<InputValues<In>>, context: ComputeContext) => number
}

/** What a computed indicator declares: its inputs and a pure function of their values. */
export type Computation<In extends string> = CompleteComputation<In> | PartialComputation<In>

/** No computation: what an indicator without inputs leaves out. */
interface NoComputation {
  readonly inputs?: never
  readonly compute?: never
  readonly maxMissingInputShare?: never
}

/** Registered by agencies. */
export type ObservedIndicator<Id extends string = string, Ref extends string = string> = IndicatorBase<Id, Ref> & {
  readonly kind: "observed"
  readonly reports?: never
} & (
    | NoComputation
    /**
     * Also computed where nobody registered a value (where both exist, the report shows the registered value,
     * the computed one and their difference).
     */
    | Computation<Ref>
  )

/** Computed by the engine from other indicators of the same region and year, in dependency order. */
export type DerivedIndicator<Id extends string = string, Ref extends string = string> = IndicatorBase<Id, Ref> & {
  readonly kind: "derived"
  readonly reports?: never
} & Computation<Ref>

/** A published figure kept beside the derived indicator it `reports`, so a report shows both and the difference. */
export type ReportedIndicator<Id extends string = string, Ref extends string = string> = IndicatorBase<Id, Ref> &
  NoComputation & {
    readonly kind: "reported"
    /** The derived indicator this published figure corresponds to. */
    readonly reports: Ref
  }

/**
 * The definition of one indicator, as a plugin declares it, told apart by `kind`: a derived indicator without
 * `inputs` and `compute`, a reported one without `reports`, or a computation on a reported one does not compile.
 * `compute` receives its inputs typed by the ids the plugin declares and `uses`. Units go in `unit` (e.g.
 * `{ zh: "平方千米", en: "km²" }`); ratios are stored as 0..1 and declared with `format: "percent"`.
 *
 * @example
 * { id: "water.clean-sections", kind: "derived", inputs: ["water.sections", "water.clean-share"],
 *   compute: (v) => v["water.sections"] * v["water.clean-share"], ... }
 */
export type IndicatorDefinition<Id extends string = string, Ref extends string = string> =
  | ObservedIndicator<Id, Ref>
  | DerivedIndicator<Id, Ref>
  | ReportedIndicator<Id, Ref>

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

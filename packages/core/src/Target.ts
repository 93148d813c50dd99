/**
 * Targets: what a plan asks of an indicator, for a region or group, by a due year; the standards an indicator is
 * judged against side by side (3 + 1 + X); and a plan's forecasts, which are compared with reality, not pursued.
 */
import type { DimensionCodes } from "./Dimension.js"
import type { ProgressThresholds } from "./Progress.js"
import type { I18nText } from "./Text.js"

/**
 * - `at-least` / `at-most`: a floor or a ceiling (`value`);
 * - `band`: between `lo` and `hi` inclusive;
 * - `equals`: the value at the indicator's decimals;
 * - `no-decrease-from-baseline`: not below the value of `baselineYear` (a red line: area not reduced);
 * - `forecast`: what the plan expected the value to be in `dueYear` (not a goal): judged as plan vs reality.
 */
export type TargetKind = "at-least" | "at-most" | "band" | "equals" | "no-decrease-from-baseline" | "forecast"

/**
 * The standard a target stands for, when an indicator is judged against several side by side (the Demonstration
 * Zone's "3 + 1 + X": the local standards of its three jurisdictions, the national standard, benchmark regions):
 * - `national`: the national standard (the "1");
 * - `local`: the standard of one jurisdiction, `issuer` its region code (one of the "3", e.g. `310118` Qingpu);
 * - `plan`: the plan's own target;
 * - `benchmark`: a comparable region (the "X"), `region` its code: its own observed value in the same year is the
 *   value to reach, so a benchmark target declares no `value`.
 *
 * @example
 * { family: "local", issuer: "320509" } // Wujiang's own standard
 */
export type Standard =
  | { readonly family: "national" }
  | { readonly family: "local"; readonly issuer: string }
  | { readonly family: "plan" }
  | { readonly family: "benchmark"; readonly region: string }

/** The families of standards. */
export type StandardFamily = Standard["family"]

/** What every target declares. `scope` is a region or group code, or `"*"` for every region and group. */
interface TargetBase<Ref extends string> {
  /**
   * Stable id; defaults to `<indicator>@<scope>/<kind>/<dueYear>`, then `/<family>[:<region>]` for a standard, then
   * `/<dimension>=<code>` for a breakdown (`mob.green-share@320500/at-least/2035/mode=metro`).
   */
  readonly id?: string
  readonly indicator: Ref
  readonly scope: string
  readonly dueYear: number
  /**
   * The plan's own baseline year (e.g. 2020 for the Demonstration Zone plan); else the indicator's
   * `progress.baseYear`, else 2015. Progress is measured from the first value at or after it.
   */
  readonly baselineYear?: number
  /** The document the target comes from, e.g. "Demonstration Zone master plan 2021-2035". */
  readonly source: I18nText
  /**
   * The breakdown the target addresses (one code of one of the indicator's dimensions, e.g. `{ mode: "metro" }`);
   * absent: the total. Judged on the breakdown's own series, beside the total's targets, never counted with them.
   */
  readonly dimensions?: DimensionCodes
}

/** What a target that is a goal (not a forecast) declares beyond the base. */
interface GoalBase<Ref extends string> extends TargetBase<Ref> {
  /** Thresholds for this target's progress, over the indicator's `progress.thresholds` and the published ones. */
  readonly progressThresholds?: Partial<ProgressThresholds>
  /** `true`: a 约束性 (binding) target, a red line; `false`: 预期性 (expected). */
  readonly binding: boolean
}

/** A floor, a ceiling or an exact value: `value` in the indicator's unit. */
export interface ThresholdTarget<Ref extends string = string> extends GoalBase<Ref> {
  readonly kind: "at-least" | "at-most" | "equals"
  readonly value: number
  /** The standard this value is (national, local, the plan's); a benchmark has no value (see `BenchmarkTarget`). */
  readonly standard?: Exclude<Standard, { readonly family: "benchmark" }>
  readonly lo?: never
  readonly hi?: never
}

/**
 * A benchmark region's own observed value in the report year, as a floor or a ceiling: e.g. "at least what Suzhou
 * (320500) reaches". Judged only when the benchmark region has a registered value for the year.
 */
export interface BenchmarkTarget<Ref extends string = string> extends GoalBase<Ref> {
  readonly kind: "at-least" | "at-most"
  readonly standard: { readonly family: "benchmark"; readonly region: string }
  readonly value?: never
  readonly lo?: never
  readonly hi?: never
}

/** Between `lo` and `hi`, inclusive. */
export interface BandTarget<Ref extends string = string> extends GoalBase<Ref> {
  readonly kind: "band"
  readonly lo: number
  readonly hi: number
  readonly standard?: Exclude<Standard, { readonly family: "benchmark" }>
  readonly value?: never
}

/** A red line: not below the value of exactly `baselineYear` (area not reduced). */
export interface NoDecreaseTarget<Ref extends string = string> extends GoalBase<Ref> {
  readonly kind: "no-decrease-from-baseline"
  readonly baselineYear: number
  readonly standard?: Exclude<Standard, { readonly family: "benchmark" }>
  readonly value?: never
  readonly lo?: never
  readonly hi?: never
}

/**
 * A plan's forecast: the value it expected in `dueYear`, not a goal. `expects` says which way the plan saw the
 * value moving (`growth`: reality outruns it by reaching the value early; `decline`: by falling to it early).
 * Never binding; judged as plan vs reality (see `ForecastJudgement` in the report), not as progress.
 *
 * @example
 * { indicator: "population.urban-residents", scope: "330100", kind: "forecast", value: 9_500_000, dueYear: 2030,
 *   expects: "growth", madeIn: 2016, source: { zh: "杭州市城市总体规划", en: "Hangzhou city master plan" } }
 */
export interface ForecastTarget<Ref extends string = string> extends TargetBase<Ref> {
  readonly kind: "forecast"
  readonly value: number
  readonly expects: "growth" | "decline"
  /** The year the plan made the forecast (e.g. 2016), shown beside it. */
  readonly madeIn?: number
  /** A forecast is never binding (it may be omitted). */
  readonly binding?: false
  readonly progressThresholds?: never
  readonly standard?: never
  readonly lo?: never
  readonly hi?: never
}

/**
 * A target as a plugin declares it, told apart by `kind` (and, for a benchmark, by its standard), so a target
 * missing the field its kind needs, or carrying one it cannot use, does not compile.
 */
export type TargetDefinition<Ref extends string = string> =
  | ThresholdTarget<Ref>
  | BenchmarkTarget<Ref>
  | BandTarget<Ref>
  | NoDecreaseTarget<Ref>
  | ForecastTarget<Ref>

/** A target as the registry holds it: with its id and the plugin that declared it. */
export type Target = TargetDefinition & { readonly id: string; readonly plugin: string }

/** The id part of a standard: `national`, `plan`, `local:310118`, `benchmark:320500`. */
export const standardKey = (s: Standard): string =>
  s.family === "local" ? `local:${s.issuer}` : s.family === "benchmark" ? `benchmark:${s.region}` : s.family

/**
 * The breakdown key a target addresses (`""`: the total): its `dimensions` as `dimension=code` pairs, in dimension-id
 * order (a target addresses one dimension, so this is the indicator's canonical `breakdownKey`).
 *
 * @example
 * targetBreakdown({ ..., dimensions: { mode: "metro" } }) // "mode=metro"
 */
export const targetBreakdown = (t: Pick<TargetDefinition, "dimensions">): string =>
  Object.keys(t.dimensions ?? {})
    .sort()
    .map((id) => `${id}=${t.dimensions![id]}`)
    .join(";")

/** The default id of a target. */
export const targetId = (t: TargetDefinition): string => {
  if (t.id !== undefined) return t.id
  const breakdown = targetBreakdown(t)
  return `${t.indicator}@${t.scope}/${t.kind}/${t.dueYear}${t.standard ? `/${standardKey(t.standard)}` : ""}${breakdown === "" ? "" : `/${breakdown}`}`
}

/** Whether a target is binding (a forecast never is). */
export const isBinding = (t: TargetDefinition): boolean => t.binding === true

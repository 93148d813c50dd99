/**
 * Progress towards a target by the Statistics Canada / Open SDG method, as published (see docs/methods.md).
 *
 * Rates are compound annual growth rates, `CAGR = (y1/y0)^(1/(t1-t0)) - 1`, always: a base or target value of 0
 * is replaced by 0.001 (the method's exponential model is undefined at 0), and a series whose values are not all
 * of one sign cannot be assessed. `d` is +1 when higher is better, -1 when lower is better; `s` is -1 when the
 * base value is negative (the desired direction flips), else +1.
 *
 * With a target (value `yT` due in `tT`): `R = s·d·CAGR_observed / |CAGR_required|`, where `CAGR_required` runs
 * from the base to the target over `tT - t0` years (the due year is kept when it has passed).
 * `target-achieved` if the target is met; else R >= 0.95 `substantial`, 0.60 <= R < 0.95 `moderate`,
 * 0 <= R < 0.60 `limited`, R < 0 `deterioration`. Without a target: `s·d·CAGR_observed` >= 1.5%/yr
 * `substantial`, >= 0.5%/yr `moderate`, >= 0 `limited`, < 0 `deterioration`. Anything the method cannot assess
 * is `insufficient-data`, with the `reason`.
 */

/** The six progress statuses. Open SDG: target_achieved, substantial_progress, moderate_progress, limited_progress, deterioration, not_available. */
export type ProgressStatus =
  | "target-achieved"
  | "substantial"
  | "moderate"
  | "limited"
  | "deterioration"
  | "insufficient-data"

/**
 * Why progress could not be assessed (the method's "unable to assess"):
 * - `fewer-than-two-years`: no value at or after the base year before the current one;
 * - `values-change-sign`: the base value and the current value (or the target) are of opposite signs;
 * - `due-before-base`: the target's due year is not after the base year;
 * - `no-direction`: a `neutral` indicator without a goal: no way is better, so there is nothing to progress towards.
 */
export type NotAssessableReason = "fewer-than-two-years" | "values-change-sign" | "due-before-base" | "no-direction"

/**
 * Thresholds of the method. With a target they bound the ratio R; without one, the annual rate (0..1) signed so
 * that positive is better. Each status starts at its threshold (inclusive).
 */
export interface ProgressThresholds {
  readonly substantialRatio: number
  readonly moderateRatio: number
  readonly limitedRatio: number
  readonly substantialRate: number
  readonly moderateRate: number
  readonly limitedRate: number
}

/**
 * The published thresholds (Open SDG `progress_thresholds` defaults, StatCan methodology tables): ratios 0.95,
 * 0.60, 0; rates 1.5%/yr, 0.5%/yr, 0.
 */
export const defaultThresholds: ProgressThresholds = {
  substantialRatio: 0.95,
  moderateRatio: 0.6,
  limitedRatio: 0,
  substantialRate: 0.015,
  moderateRate: 0.005,
  limitedRate: 0,
}

/** The base year of the method when neither the target nor the indicator names one (the 2030 Agenda's 2015). */
export const defaultBaseYear = 2015

/**
 * Thresholds with overrides applied left to right (e.g. the indicator's, then the target's).
 *
 * @example
 * resolveThresholds({ substantialRatio: 0.9 }).substantialRatio // 0.9; moderateRatio stays 0.6
 */
export const resolveThresholds = (...overrides: ReadonlyArray<Partial<ProgressThresholds> | undefined>): ProgressThresholds =>
  Object.assign({}, defaultThresholds, ...overrides.filter((o) => o !== undefined))

/** A value at a year. */
export interface Point {
  readonly year: number
  readonly value: number
}

/** How a rate was computed: always compound (`linear` is kept for reports stored before the method was fixed). */
export type RateMethod = "cagr" | "linear"

/** What the method uses in place of a base or target value of 0. */
export const ZERO_REPLACEMENT = 0.001

const nonZero = (v: number) => (v === 0 ? ZERO_REPLACEMENT : v)

/**
 * The compound annual growth rate from `from` to `to`, 0 replaced by 0.001. Undefined when the years are not
 * increasing or the two values are of opposite signs.
 *
 * @example
 * annualRate({ year: 2012, value: 52.66 }, { year: 2022, value: 80.96 }) // { rate: 0.04395..., method: "cagr" }
 * annualRate({ year: 2015, value: -10 }, { year: 2020, value: 5 }) // undefined
 */
export const annualRate = (from: Point, to: Point): { readonly rate: number; readonly method: RateMethod } | undefined => {
  const years = to.year - from.year
  const a = nonZero(from.value)
  const b = nonZero(to.value)
  if (years <= 0 || a > 0 !== b > 0) return undefined
  return { rate: (b / a) ** (1 / years) - 1, method: "cagr" }
}

/** The result of a progress assessment. Rates are per year (0..1). */
export interface Progress {
  readonly status: ProgressStatus
  /** Set when the status is `insufficient-data` for a reason other than a missing value. */
  readonly reason?: NotAssessableReason
  readonly method?: RateMethod
  readonly observedRate?: number
  readonly requiredRate?: number
  readonly ratio?: number
}

/** Which way the value should move: +1 up, -1 down (the method's `d`). */
export type DesiredDirection = 1 | -1

const classify = (value: number, high: number, med: number, low: number): ProgressStatus =>
  value >= high ? "substantial" : value >= med ? "moderate" : value >= low ? "limited" : "deterioration"

const notAssessable = (reason: NotAssessableReason): Progress => ({ status: "insufficient-data", reason })

/**
 * What every method that judges progress towards a target needs: the base point (the first value at or after the
 * base year), the current point, the value to reach (`aim`: for a band, the nearest bound), the desired direction
 * (`towards`, the method's `d`), the target's due year and whether the current value already meets the target.
 *
 * @example
 * const input: TowardsTarget = { base: { year: 2015, value: 50 }, current: { year: 2022, value: 64 }, aim: 80,
 *   towards: 1, dueYear: 2030, met: false }
 */
export interface TowardsTarget {
  readonly base: Point | undefined
  readonly current: Point
  readonly aim: number
  readonly towards: DesiredDirection
  readonly dueYear: number
  readonly met: boolean
  /** The indicator's valid range: an extrapolation (ESCAP's predicted value) stops at its bounds (a share at 1). */
  readonly range?: { readonly min?: number; readonly max?: number }
}

/**
 * Progress towards a target value. `aim` is the value to reach (for a band, the nearest bound); `towards` the
 * desired direction (`d`); `met` whether the current value already meets the target. `base` is the first value
 * at or after the base year (see `basePoint`).
 *
 * @example
 * progressTowardsTarget({ base: { year: 2012, value: 52.66 }, current: { year: 2022, value: 80.96 },
 *   aim: 100, towards: 1, dueYear: 2035, met: false }) // substantial, R = 1.554
 */
export const progressTowardsTarget = (input: TowardsTarget & { readonly thresholds?: ProgressThresholds }): Progress => {
  if (input.met) return { status: "target-achieved" }
  const { base, current } = input
  if (!base || base.year >= current.year) return notAssessable("fewer-than-two-years")
  if (input.dueYear <= base.year) return notAssessable("due-before-base")
  const observed = annualRate(base, current)
  const required = annualRate(base, { year: input.dueYear, value: input.aim })
  if (!observed || !required) return notAssessable("values-change-sign")
  const t = input.thresholds ?? defaultThresholds
  const sign = nonZero(base.value) < 0 ? -1 : 1
  const ratio = (sign * input.towards * observed.rate) / Math.abs(required.rate)
  // The base equals the target and the value has not moved: 0/0, which the method leaves unassessed.
  if (Number.isNaN(ratio)) return notAssessable("fewer-than-two-years")
  const status = classify(ratio, t.substantialRatio, t.moderateRatio, t.limitedRatio)
  return { status, method: "cagr", observedRate: observed.rate, requiredRate: required.rate, ratio }
}

/**
 * Progress without a target: the observed rate, signed so that positive means better, against the rate
 * thresholds.
 *
 * @example
 * progressWithoutTarget({ base: { year: 2015, value: 100 }, current: { year: 2023, value: 110 }, direction: "higher-is-better" })
 * // moderate: 1.1^(1/8) - 1 = 1.199%/yr, between 0.5% and 1.5%
 */
export const progressWithoutTarget = (input: {
  readonly base: Point | undefined
  readonly current: Point
  readonly direction: "higher-is-better" | "lower-is-better" | "band"
  readonly thresholds?: ProgressThresholds
}): Progress => {
  const { base, current } = input
  // A band has no direction without its target: the method has no `d` to apply.
  if (input.direction === "band") return { status: "insufficient-data" }
  if (!base || base.year >= current.year) return notAssessable("fewer-than-two-years")
  const observed = annualRate(base, current)
  if (!observed) return notAssessable("values-change-sign")
  const t = input.thresholds ?? defaultThresholds
  const sign = nonZero(base.value) < 0 ? -1 : 1
  const d = input.direction === "lower-is-better" ? -1 : 1
  const better = sign * d * observed.rate
  return { status: classify(better, t.substantialRate, t.moderateRate, t.limitedRate), method: "cagr", observedRate: observed.rate }
}

/**
 * The base point of the method: the value of the base year, else of the first year after it that has one, up to
 * (excluding) `beforeYear`. `points` are in ascending year order.
 *
 * @example
 * basePoint([{ year: 2012, value: 1 }, { year: 2016, value: 2 }, { year: 2022, value: 3 }], 2015, 2022) // { year: 2016, value: 2 }
 */
export const basePoint = (points: ReadonlyArray<Point>, baseYear: number, beforeYear: number): Point | undefined =>
  points.find((p) => p.year >= baseYear && p.year < beforeYear)

/**
 * How an indicator's progress is measured, over the published defaults: the base year (default 2015; a target's
 * own `baselineYear` comes first) and thresholds (a target's own `progressThresholds` come last).
 *
 * @example
 * const settings: ProgressSettings = { baseYear: 2020, thresholds: { substantialRate: 0.02 } }
 */
export interface ProgressSettings {
  readonly baseYear?: number
  readonly thresholds?: Partial<ProgressThresholds>
}

/**
 * What is wrong with thresholds once overrides are applied, in words, or undefined: each must be a finite number,
 * and substantial >= moderate >= limited (for the ratios and for the rates).
 *
 * @example
 * thresholdsProblem(resolveThresholds({ moderateRatio: 0.99 })) // "moderateRatio 0.99 is above substantialRatio 0.95; ..."
 */
export const thresholdsProblem = (t: ProgressThresholds): string | undefined => {
  const bad = Object.entries(t).filter(([, v]) => typeof v !== "number" || !Number.isFinite(v))
  if (bad.length > 0) return `thresholds must be finite numbers: ${bad.map(([k, v]) => `${k} ${String(v)}`).join(", ")}`
  const order = (kind: "Ratio" | "Rate") => {
    const [s, m, l] = [t[`substantial${kind}`], t[`moderate${kind}`], t[`limited${kind}`]]
    if (m > s) return `moderate${kind} ${m} is above substantial${kind} ${s}`
    if (l > m) return `limited${kind} ${l} is above moderate${kind} ${m}`
    return undefined
  }
  const problems = [order("Ratio"), order("Rate")].filter((p) => p !== undefined)
  return problems.length > 0 ? `${problems.join("; ")}; each status starts at its threshold, so they must not increase downwards` : undefined
}

/**
 * Progress towards a target by the StatCan / Open SDG method.
 *
 * With a target: the observed growth rate from the baseline to the current year is compared with the rate
 * required to reach the target by its due year; R = observed / required. `target-achieved` if the target is
 * already met; else R >= 0.95 `substantial`, 0.60 <= R < 0.95 `moderate`, 0 <= R < 0.60 `limited`,
 * R < 0 `deterioration`. Without a target: the observed rate itself, signed so that positive is better,
 * >= 1%/yr `substantial`, >= 0.5%/yr `moderate`, >= 0 `limited`, < 0 `deterioration`. Fewer than two points:
 * `insufficient-data`. Rates are compound annual growth rates (CAGR); where a value or the target is not
 * positive (CAGR is undefined), linear annual change in the indicator's unit is used instead.
 */

/** The six progress statuses. */
export type ProgressStatus =
  | "target-achieved"
  | "substantial"
  | "moderate"
  | "limited"
  | "deterioration"
  | "insufficient-data"

/** Thresholds of the method; defaults are Open SDG's. */
export interface ProgressThresholds {
  readonly substantialRatio: number
  readonly moderateRatio: number
  /** Without a target: annual rate (0..1) for substantial and for moderate. */
  readonly substantialRate: number
  readonly moderateRate: number
}

/** Open SDG's defaults: ratios 0.95 and 0.60; without target, 1%/yr and 0.5%/yr. */
export const defaultThresholds: ProgressThresholds = {
  substantialRatio: 0.95,
  moderateRatio: 0.6,
  substantialRate: 0.01,
  moderateRate: 0.005,
}

/** A value at a year. */
export interface Point {
  readonly year: number
  readonly value: number
}

/** How a rate was computed. */
export type RateMethod = "cagr" | "linear"

/**
 * Annual rate of change from `from` to `to`: CAGR `(to/from)^(1/years) - 1` when both are positive, else the
 * linear change per year. Undefined when the years are equal.
 *
 * @example
 * annualRate({ year: 2012, value: 52.66 }, { year: 2022, value: 80.96 }) // { rate: 0.04395..., method: "cagr" }
 */
export const annualRate = (from: Point, to: Point): { readonly rate: number; readonly method: RateMethod } | undefined => {
  const years = to.year - from.year
  if (years <= 0) return undefined
  if (from.value > 0 && to.value > 0) return { rate: (to.value / from.value) ** (1 / years) - 1, method: "cagr" }
  return { rate: (to.value - from.value) / years, method: "linear" }
}

/** The result of a progress assessment. Rates are per year (0..1 for CAGR). */
export interface Progress {
  readonly status: ProgressStatus
  readonly method?: RateMethod
  readonly observedRate?: number
  readonly requiredRate?: number
  readonly ratio?: number
}

const byRatio = (ratio: number, t: ProgressThresholds): ProgressStatus =>
  ratio >= t.substantialRatio ? "substantial" : ratio >= t.moderateRatio ? "moderate" : ratio >= 0 ? "limited" : "deterioration"

/**
 * Progress towards a target value. `aim` is the value to reach (for a band or an equals target, the nearest
 * acceptable value); `met` is whether the current value already meets the target. When the due year has
 * passed unmet, the required rate is the one that would have reached the target by the current year.
 *
 * @example
 * progressTowardsTarget({ base: { year: 2012, value: 52.66 }, current: { year: 2022, value: 80.96 },
 *   aim: 100, dueYear: 2035, met: false, baseMet: false }) // substantial, R = 1.554
 */
export const progressTowardsTarget = (input: {
  readonly base: Point | undefined
  readonly current: Point
  readonly aim: number
  readonly dueYear: number
  readonly met: boolean
  /** Whether the baseline value already met the target. */
  readonly baseMet: boolean
  readonly thresholds?: ProgressThresholds
}): Progress => {
  if (input.met) return { status: "target-achieved" }
  const { base, current } = input
  if (!base || base.year >= current.year) return { status: "insufficient-data" }
  const thresholds = input.thresholds ?? defaultThresholds
  const end = { year: Math.max(input.dueYear, current.year), value: input.aim }
  const useCagr = base.value > 0 && current.value > 0 && input.aim > 0
  const observed = useCagr ? annualRate(base, current)! : { rate: (current.value - base.value) / (current.year - base.year), method: "linear" as const }
  const required = useCagr ? annualRate(base, end)! : { rate: (end.value - base.value) / (end.year - base.year), method: "linear" as const }
  const { method } = observed
  // Met at the baseline, yet not met now: the value moved the wrong way.
  if (input.baseMet || required.rate === 0) {
    return { status: "deterioration", method, observedRate: observed.rate, requiredRate: required.rate }
  }
  const ratio = observed.rate / required.rate
  return { status: byRatio(ratio, thresholds), method, observedRate: observed.rate, requiredRate: required.rate, ratio }
}

/**
 * Progress without a target: the observed rate, signed so that positive means better.
 */
export const progressWithoutTarget = (input: {
  readonly base: Point | undefined
  readonly current: Point
  readonly direction: "higher-is-better" | "lower-is-better" | "band"
  readonly thresholds?: ProgressThresholds
}): Progress => {
  const { base, current } = input
  if (!base || base.year >= current.year || input.direction === "band") return { status: "insufficient-data" }
  const t = input.thresholds ?? defaultThresholds
  const observed = annualRate(base, current)!
  const better = input.direction === "lower-is-better" ? -observed.rate : observed.rate
  const status: ProgressStatus =
    better >= t.substantialRate ? "substantial" : better >= t.moderateRate ? "moderate" : better >= 0 ? "limited" : "deterioration"
  return { status, method: observed.method, observedRate: observed.rate }
}

/**
 * The anticipated progress of UN ESCAP's Asia and the Pacific SDG Progress Report, applied to a tijian target (see
 * docs/methods.md, "Method comparison"): will the target be reached by its due year if the growth observed since the
 * base year goes on?
 *
 *     g  = (y / y0)^(1 / (t - t0)) - 1                 the compound annual growth rate since the base
 *     ŷ  = y · (1 + g)^(tP - t),  tP = max(tT, t)       the value predicted for the due year
 *     APr = (ŷ - y0) / (yT - y0)                        anticipated progress: the share of the required progress
 *                                                       the trend will have made by the due year
 *
 * `achieve-target` when the current or the predicted value meets the target (APr >= 1 towards a target beyond the
 * base); `acceleration-needed` when the prediction is short of the target but not worse than the base
 * (0 <= APr < 1); `regress` when it is worse than the base (APr < 0). A due year already passed predicts nothing:
 * the current value stands for it.
 *
 * Deliberate deviation: ESCAP extrapolates without bounds; tijian stops the predicted value at the indicator's valid
 * range (a share growing 8 %/yr from 0.9 is predicted at 1, not 1.47) and says so (`capped`). The status is the
 * same either way (a bound past the target still reaches it); the number shown stays a possible value.
 */
import type { Point, TowardsTarget } from "./Progress.js"

/**
 * The dashboard levels of ESCAP's anticipated progress: "maintain progress to achieve target", "accelerate progress
 * to achieve target", "reverse trend to achieve target", and `not-assessable` ("insufficient data").
 */
export type EscapStatus = "achieve-target" | "acceleration-needed" | "regress" | "not-assessable"

/**
 * Why anticipated progress was not assessed: no target, fewer than two years from the base year on, a due year not
 * after the base year, a base of 0 (no growth rate from 0), or base and current values of opposite signs.
 */
export type EscapNotAssessableReason = "no-target" | "fewer-than-two-years" | "due-before-base" | "zero-base" | "values-change-sign"

/** ESCAP's anticipated progress and the numbers behind it. */
export interface EscapAnticipated {
  readonly status: EscapStatus
  readonly reason?: EscapNotAssessableReason
  /** The compound annual growth rate since the base (0..1 per year). */
  readonly observedRate?: number
  /** The year the prediction is for: the due year, or the current year once the due year has passed. */
  readonly predictedYear?: number
  /** The value predicted for `predictedYear`, in the indicator's unit. */
  readonly predictedValue?: number
  /** Anticipated progress `(ŷ - y0) / (yT - y0)`; absent when the base equals the target. */
  readonly ratio?: number
  /** The extrapolation passed the indicator's range and was stopped at this bound (`predictedValue` is the bound). */
  readonly capped?: "min" | "max"
}

const notAssessable = (reason: EscapNotAssessableReason): EscapAnticipated => ({ status: "not-assessable", reason })

/** The value the compound rate `rate` predicts for `year` from `from`. */
const predict = (from: Point, rate: number, year: number): number => from.value * (1 + rate) ** (year - from.year)

/**
 * ESCAP's anticipated progress of a series towards a target.
 *
 * @example
 * escapAnticipated({ base: { year: 2015, value: 50 }, current: { year: 2022, value: 64 }, aim: 80, towards: 1, dueYear: 2030, met: false })
 * // g = (64/50)^(1/7) - 1 = 3.589 %/yr; ŷ(2030) = 64 · 1.03589^8 = 84.86; APr = 34.86 / 30 = 1.162: achieve-target
 */
export const escapAnticipated = (input: TowardsTarget): EscapAnticipated => {
  const { base, current } = input
  if (!base || base.year >= current.year) return input.met ? { status: "achieve-target" } : notAssessable("fewer-than-two-years")
  if (input.dueYear <= base.year) return notAssessable("due-before-base")
  if (base.value === 0) return notAssessable("zero-base")
  // A positive base allows a current value of 0 (a rate of -100 %); a negative base needs a negative value.
  if (base.value > 0 !== current.value >= 0) return notAssessable("values-change-sign")
  const observedRate = (current.value / base.value) ** (1 / (current.year - base.year)) - 1
  const predictedYear = Math.max(input.dueYear, current.year)
  const extrapolated = predict(current, observedRate, predictedYear)
  const { min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY } = input.range ?? {}
  const capped = extrapolated > max ? ("max" as const) : extrapolated < min ? ("min" as const) : undefined
  const predictedValue = capped === "max" ? max : capped === "min" ? min : extrapolated
  const d = input.towards
  const ratio = input.aim !== base.value ? { ratio: (predictedValue - base.value) / (input.aim - base.value) } : {}
  const status: EscapStatus =
    input.met || d * (predictedValue - input.aim) >= 0 ? "achieve-target" : d * (predictedValue - base.value) >= 0 ? "acceleration-needed" : "regress"
  return { status, observedRate, predictedYear, predictedValue, ...ratio, ...(capped ? { capped } : {}) }
}

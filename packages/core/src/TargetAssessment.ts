/**
 * Whether a value meets a target, by how much it falls short (the gap) and how much of the target it
 * attains. Gaps are signed so that positive means short of the target, in the indicator's unit:
 * at-least `target - value`, at-most `value - target`, band the distance outside [lo, hi], equals `|value -
 * target|` beyond rounding, no-decrease `baseline - value`.
 */
import { roundTo } from "./Indicator.js"
import type { TargetKind } from "./Target.js"

/** The assessment of one value against one target. `aim` is the value progress is measured towards. */
export interface TargetAssessment {
  readonly met: boolean
  readonly gap: number
  /** value / target for floors, target / value for ceilings; 1 inside a band. Undefined when not defined. */
  readonly attainment: number | undefined
  readonly aim: number
}

/**
 * Assesses `value` against a target (a goal: a forecast is judged by `judgeForecast`). For a benchmark, `value` is
 * the benchmark region's value. `baselineValue` is needed by `no-decrease-from-baseline` targets
 * (undefined: the target cannot be assessed and the function returns undefined).
 *
 * @example
 * assessTarget({ kind: "at-least", value: 100, ... }, 80.96, undefined, 2) // { met: false, gap: 19.04, attainment: 0.8096, aim: 100 }
 */
export const assessTarget = (
  target: { readonly kind: Exclude<TargetKind, "forecast">; readonly value?: number | undefined; readonly lo?: number | undefined; readonly hi?: number | undefined },
  value: number,
  baselineValue: number | undefined,
  decimals: number,
): TargetAssessment | undefined => {
  const ratio = (a: number, b: number) => (b === 0 ? undefined : a / b)
  switch (target.kind) {
    case "at-least": {
      const t = target.value!
      return { met: value >= t, gap: t - value, attainment: ratio(value, t), aim: t }
    }
    case "at-most": {
      const t = target.value!
      return { met: value <= t, gap: value - t, attainment: ratio(t, value), aim: t }
    }
    case "band": {
      const lo = target.lo!
      const hi = target.hi!
      const gap = value < lo ? lo - value : value > hi ? value - hi : 0
      const aim = value < lo ? lo : value > hi ? hi : value
      const attainment = value < lo ? ratio(value, lo) : value > hi ? ratio(hi, value) : 1
      return { met: gap === 0, gap, attainment, aim }
    }
    case "equals": {
      const t = target.value!
      const met = roundTo(value, decimals) === roundTo(t, decimals)
      return { met, gap: met ? 0 : Math.abs(value - t), attainment: met ? 1 : ratio(Math.min(value, t), Math.max(value, t)), aim: t }
    }
    case "no-decrease-from-baseline": {
      if (baselineValue === undefined) return undefined
      return { met: value >= baselineValue, gap: baselineValue - value, attainment: ratio(value, baselineValue), aim: baselineValue }
    }
  }
}

/**
 * The trend of the SDSN Sustainable Development Report (SDR, Sachs et al.; "SDG Trend Dashboards"), applied to a
 * tijian target (see docs/methods.md, "Method comparison").
 *
 * The SDR compares the linear annual change observed since the base year with the linear annual change that would
 * reach the goal (its "green threshold"; here the target's aim) by the due year:
 *
 *     observed = (y - y0) / (t - t0)          required = (yT - y0) / (tT - t0)
 *     ratio    = d · observed / |required|
 *
 * `achieved` when the current value meets the target ("maintaining SDG achievement": movements beyond the goal are
 * ignored); else ratio >= 1 `on-track`, 0.5 <= ratio < 1 `moderately-improving`, 0 <= ratio < 0.5 `stagnating`,
 * ratio < 0 `decreasing`. Changes are linear, so unlike a compound rate they need no sign or zero rule.
 */
import type { TowardsTarget } from "./Progress.js"

/**
 * The SDR trend arrows: `achieved` and `on-track` are its one green arrow ("on track or maintaining SDG
 * achievement"), then `moderately-improving` (yellow), `stagnating` (orange), `decreasing` (red), and
 * `not-assessable` ("trend information unavailable").
 */
export type SdsnTrendStatus = "achieved" | "on-track" | "moderately-improving" | "stagnating" | "decreasing" | "not-assessable"

/**
 * Why the SDR trend was not assessed: the indicator has no target (the method needs a goal), fewer than two years
 * from the base year on, or a due year not after the base year.
 */
export type SdsnNotAssessableReason = "no-target" | "fewer-than-two-years" | "due-before-base"

/** An SDR trend and the numbers behind it. Changes are per year, in the indicator's unit. */
export interface SdsnTrend {
  readonly status: SdsnTrendStatus
  readonly reason?: SdsnNotAssessableReason
  /** Linear change per year from the base to the current value. */
  readonly observedPerYear?: number
  /** Linear change per year from the base to the target by its due year. */
  readonly requiredPerYear?: number
  /** `d · observedPerYear / |requiredPerYear|`: 1 is exactly on track; absent when the required change is 0. */
  readonly ratio?: number
}

/** The SDR's thresholds on the ratio: on track from 100 % of the required rate, moderately improving from 50 %. */
export const sdsnThresholds = { onTrackRatio: 1, moderatelyImprovingRatio: 0.5, stagnatingRatio: 0 } as const

const notAssessable = (reason: SdsnNotAssessableReason): SdsnTrend => ({ status: "not-assessable", reason })

/**
 * The SDR trend of a series towards a target.
 *
 * @example
 * sdsnTrend({ base: { year: 2015, value: 50 }, current: { year: 2022, value: 64 }, aim: 80, towards: 1, dueYear: 2030, met: false })
 * // observed 14/7 = 2/yr, required 30/15 = 2/yr: ratio 1, on-track
 */
export const sdsnTrend = (input: TowardsTarget): SdsnTrend => {
  if (input.met) return { status: "achieved" }
  const { base, current } = input
  if (!base || base.year >= current.year) return notAssessable("fewer-than-two-years")
  if (input.dueYear <= base.year) return notAssessable("due-before-base")
  const observedPerYear = (current.value - base.value) / (current.year - base.year)
  const requiredPerYear = (input.aim - base.value) / (input.dueYear - base.year)
  // The base met the target exactly and the value has not moved, yet the target is not met: 0/0.
  const ratio = (input.towards * observedPerYear) / Math.abs(requiredPerYear)
  if (Number.isNaN(ratio)) return notAssessable("fewer-than-two-years")
  const t = sdsnThresholds
  const status: SdsnTrendStatus =
    ratio >= t.onTrackRatio
      ? "on-track"
      : ratio >= t.moderatelyImprovingRatio
        ? "moderately-improving"
        : ratio >= t.stagnatingRatio
          ? "stagnating"
          : "decreasing"
  // A base exactly at the target needs no change: the ratio is infinite and only its sign counts (JSON has no infinity).
  return { status, observedPerYear, requiredPerYear, ...(Number.isFinite(ratio) ? { ratio } : {}) }
}

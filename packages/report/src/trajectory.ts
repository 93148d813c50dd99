/**
 * The path a target requires: from the target's baseline to its aim in the due year, at the constant annual
 * rate the progress method measures against (the StatCan / Open SDG method: compound annual growth,
 * `(aim / base)^(1 / (due - base)) - 1`). Charts draw it dashed beside the observed values, so a reader sees
 * at a glance whether the values run above or below the path.
 */
import type { SeriesPoint, TargetEvaluation } from "@tijian/core"

/** A required path: its ends, its annual rate and the points that draw it. */
export interface Trajectory {
  readonly base: SeriesPoint
  readonly aim: number
  readonly dueYear: number
  /** `cagr`: `rate` is a compound rate per year (0..1); `linear`: a change per year in the indicator's unit. */
  readonly method: "cagr" | "linear"
  readonly rate: number
  /** From `base` to `(dueYear, aim)`, ascending; years may be fractional so a compound curve draws smooth. */
  readonly points: ReadonlyArray<SeriesPoint>
}

/** Segments a path is drawn with (a compound curve over 20-odd years looks smooth with 24). */
const SEGMENTS = 24

/**
 * The constant-rate path from `base` to `aim` in `dueYear`, or null when the due year is not after the base
 * year. A compound rate needs a positive base and aim (a growth factor from or to zero or across the sign is
 * undefined); otherwise the path is the straight line, as the progress method then measures a linear rate.
 *
 * @example
 * requiredTrajectory({ year: 2012, value: 78.04 }, 100, 2035)
 * // { method: "cagr", rate: 0.010836..., points: [{ year: 2012, value: 78.04 }, ..., { year: 2035, value: 100 }] }
 */
export const requiredTrajectory = (base: SeriesPoint, aim: number, dueYear: number): Trajectory | null => {
  const years = dueYear - base.year
  if (!(years > 0) || !Number.isFinite(base.value) || !Number.isFinite(aim)) return null
  const compound = base.value > 0 && aim > 0
  const rate = compound ? (aim / base.value) ** (1 / years) - 1 : (aim - base.value) / years
  const at = (t: number) => (compound ? base.value * (1 + rate) ** t : base.value + rate * t)
  const points: Array<SeriesPoint> = []
  for (let i = 0; i <= SEGMENTS; i++) {
    const t = (years * i) / SEGMENTS
    // the ends exactly, not through a power that rounds
    points.push({ year: base.year + t, value: i === 0 ? base.value : i === SEGMENTS ? aim : at(t) })
  }
  return { base, aim, dueYear, method: compound ? "cagr" : "linear", rate, points }
}

/**
 * The value a target's path leads to: its value for at-least, at-most and equals; for a band, the bound nearest
 * the baseline (a baseline inside the band needs no path). A no-decrease target (a red line: keep the baseline)
 * has no path to draw; its target line says it.
 */
export const trajectoryAim = (t: TargetEvaluation): number | null => {
  switch (t.kind) {
    case "band": {
      const b = t.baseline?.value
      if (b === undefined || t.lo === undefined || t.hi === undefined) return null
      return b < t.lo ? t.lo : b > t.hi ? t.hi : null
    }
    case "no-decrease-from-baseline":
      return null
    default:
      return t.value ?? null
  }
}

/** The required path of a target from its baseline, or null (no baseline, no aim, due before the baseline). */
export const targetTrajectory = (t: TargetEvaluation): Trajectory | null => {
  const aim = trajectoryAim(t)
  return t.baseline && aim !== null ? requiredTrajectory(t.baseline, aim, t.dueYear) : null
}

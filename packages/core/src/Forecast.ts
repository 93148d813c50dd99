/**
 * Plan vs reality: a plan's forecast (what it expected a value to be in a year) compared with what happened. A
 * forecast is not a goal: reaching it early is not "target achieved" but "reality outran the plan", a sign the
 * plan's assumptions (land, housing, infrastructure sized for the forecast) need revisiting.
 */
import { roundTo } from "./Indicator.js"

/**
 * - `outran`: a value reached the forecast before its year (growth: at or above it; decline: at or below it);
 * - `not-yet-reached`: before the forecast's year, the value has not reached it yet;
 * - `as-forecast`: in the forecast's year, the value equals it at the indicator's decimals;
 * - `overshot` / `undershot`: in the forecast's year, the value is above / below it (not reached early).
 */
export type ForecastStatus = "outran" | "not-yet-reached" | "as-forecast" | "overshot" | "undershot"

/** A forecast compared with the observed values. Values in the indicator's unit; shares 0..1. */
export interface ForecastJudgement {
  readonly status: ForecastStatus
  /** The first year before the forecast's year whose value reached the forecast, or null. */
  readonly passedIn: number | null
  /** The last year before `passedIn` with a value short of the forecast, or null when none is known. */
  readonly lastShortOf: number | null
  /** The forecast's year minus `passedIn` (e.g. 2030 - 2023 = 7), or null. */
  readonly yearsEarly: number | null
  /** The year compared: the report year before the forecast's year, else the forecast's year. */
  readonly comparedYear: number
  readonly comparedValue: number
  /** `comparedValue - forecast` (positive: above the forecast). */
  readonly deviation: number
  /** `deviation / |forecast|`, or null for a forecast of 0. */
  readonly deviationShare: number | null
}

/** What `judgeForecast` needs of a forecast target. */
export interface ForecastInput {
  readonly value: number
  readonly dueYear: number
  readonly expects: "growth" | "decline"
}

/**
 * Judges a forecast against the judged values of a series (ascending years, up to the report `year`). Undefined
 * when the year compared (the report year before the forecast's year, else the forecast's year) has no value.
 *
 * @example
 * // Hangzhou: 9.5 million forecast for 2030 (growth); 10 million observed in 2023
 * judgeForecast({ value: 9_500_000, dueYear: 2030, expects: "growth" }, [{ year: 2023, value: 10_000_000 }], 2023, 0)
 * // { status: "outran", passedIn: 2023, yearsEarly: 7, deviation: 500_000, deviationShare: 0.0526..., ... }
 */
export const judgeForecast = (
  forecast: ForecastInput,
  points: ReadonlyArray<{ readonly year: number; readonly value: number }>,
  year: number,
  decimals: number,
): ForecastJudgement | undefined => {
  const comparedYear = Math.min(year, forecast.dueYear)
  const compared = points.find((p) => p.year === comparedYear)
  if (!compared) return undefined
  const reached = (v: number) => (forecast.expects === "growth" ? v >= forecast.value : v <= forecast.value)
  const early = points.filter((p) => p.year < forecast.dueYear && p.year <= comparedYear)
  const passed = early.find((p) => reached(p.value))
  const lastShort = passed ? early.filter((p) => p.year < passed.year && !reached(p.value)).at(-1) : undefined
  const deviation = compared.value - forecast.value
  const status = passed
    ? "outran"
    : comparedYear < forecast.dueYear
      ? "not-yet-reached"
      : roundTo(compared.value, decimals) === roundTo(forecast.value, decimals)
        ? "as-forecast"
        : deviation > 0
          ? "overshot"
          : "undershot"
  return {
    status,
    passedIn: passed?.year ?? null,
    lastShortOf: lastShort?.year ?? null,
    yearsEarly: passed ? forecast.dueYear - passed.year : null,
    comparedYear,
    comparedValue: compared.value,
    deviation,
    deviationShare: forecast.value === 0 ? null : deviation / Math.abs(forecast.value),
  }
}

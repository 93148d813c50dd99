/**
 * Published 2012 and 2022 figures for the YRD economic zone (Fang Chuanglin, in the roundtable "High-quality
 * integration in the Yangtze River Delta: what can planning do", Journal of Urban Planning).
 */
import type { ReferenceObservation } from "@tijian/core/plugin"
import type { SubIndexId } from "./indicators.js"

type Registrable = SubIndexId | "beauty.composite-reported"

const source = "Roundtable 'High-quality integration in the YRD: what can planning do' (Journal of Urban Planning)"

const figure = (indicator: Registrable, year: number, value: number, note?: string): ReferenceObservation<Registrable> => ({
  indicator,
  region: "YRD",
  year,
  value,
  source,
  ...(note ? { note } : {}),
})

/** The sub-indices and the published composite, 2012 and 2022. */
export const publishedFigures: ReadonlyArray<ReferenceObservation<Registrable>> = [
  figure("beauty.carbon-reduction", 2012, 33.72),
  figure("beauty.carbon-reduction", 2022, 78.57, "described as 'good', not yet 'excellent'"),
  figure("beauty.pollution-reduction", 2012, 50.17),
  figure("beauty.pollution-reduction", 2022, 81.76, "'just reaching the excellent level', short of target 100"),
  figure("beauty.green-expansion", 2012, 78.04),
  figure("beauty.green-expansion", 2022, 80.98, "'the rate of green expansion is very slow'"),
  figure("beauty.growth", 2012, 48.36),
  figure("beauty.growth", 2022, 82.28, "'reaching the excellent level'"),
  figure("beauty.composite-reported", 2012, 52.66, "composite beauty index as published"),
  figure("beauty.composite-reported", 2022, 80.96, "'a gap of 19.04 when compared with the 100' target"),
]

/**
 * Published population figures (the roundtable "High-quality integration in the Yangtze River Delta: what can
 * planning do", Journal of Urban Planning; `shared/data/seed-figures.csv`). Every row names its source.
 */
import type { ReferenceObservation } from "@tijian/core/plugin"
import type { PopulationIndicatorId } from "./indicators.js"

const source = "Roundtable 'High-quality integration in the YRD: what can planning do' (Journal of Urban Planning)"

/** Hangzhou (330100): urban population above 10 million by 2023. */
export const populationReferenceData: ReadonlyArray<ReferenceObservation<PopulationIndicatorId>> = [
  {
    indicator: "population.urban-residents",
    region: "330100",
    year: 2023,
    value: 10_000_000,
    source,
    note: "Hangzhou urban population alone exceeds 10 million by 2023 (a lower bound: 'exceeds')",
  },
]

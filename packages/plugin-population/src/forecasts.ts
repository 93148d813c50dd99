/**
 * The plans' population forecasts: what a plan expected, compared with what happened (plan vs reality), never a goal.
 */
import type { TargetDefinition } from "@tijian/core/plugin"
import type { PopulationIndicatorId } from "./indicators.js"

/** Hangzhou's code (GB/T 2260). */
export const HANGZHOU = "330100"

/**
 * Hangzhou's 2016 plan forecast 9.5 million permanent residents for 2030. It is compared with the urban population,
 * which is part of the permanent population: once the urban population passes the forecast, so has the permanent
 * population (the comparison can only understate how far reality outran the plan).
 */
export const populationForecasts: ReadonlyArray<TargetDefinition<PopulationIndicatorId>> = [
  {
    indicator: "population.urban-residents",
    scope: HANGZHOU,
    kind: "forecast",
    value: 9_500_000,
    dueYear: 2030,
    expects: "growth",
    madeIn: 2016,
    source: {
      zh: "杭州市 2016 年规划：2030 年常住人口预测 950 万人",
      en: "Hangzhou plan of 2016: 9.5 million permanent residents forecast for 2030",
    },
  },
]

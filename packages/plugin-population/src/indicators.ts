/**
 * The indicators of the population plugin: the urban population of a city, in persons. A population is neither
 * better higher nor lower (`neutral`): it is compared with the plan's forecast, not pushed towards a goal.
 */
import type { IndicatorDefinition } from "@tijian/core/plugin"

/** Every indicator this plugin declares. */
export const populationIndicators = [
  {
    id: "population.urban-residents",
    kind: "observed",
    name: { zh: "城镇人口", en: "Urban population" },
    description: {
      zh: "城市（市域）常住人口中的城镇人口，人。常住人口不少于城镇人口，故城镇人口超过常住人口预测时，常住人口亦已超过。",
      en: "The urban population among a city's permanent residents, in persons. Permanent residents are at least the urban population, so an urban population above a forecast of permanent residents means the permanent population is above it too.",
    },
    unit: { zh: "人", en: "persons" },
    format: "number",
    direction: "neutral",
    range: { min: 0 },
    decimals: 0,
    aggregate: { rule: "sum" },
  },
] as const satisfies ReadonlyArray<IndicatorDefinition<`population.${string}`>>

/** Ids of this plugin's indicators. */
export type PopulationIndicatorId = (typeof populationIndicators)[number]["id"]

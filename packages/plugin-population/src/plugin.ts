/**
 * The population plugin: city populations against the populations their plans forecast (plan vs reality).
 */
import { definePlugin } from "@tijian/core/plugin"
import { createRequire } from "node:module"
import { populationForecasts } from "./forecasts.js"
import { populationIndicators } from "./indicators.js"
import { populationReferenceData } from "./referenceData.js"

// The plugin's version is its package's, so a release (pnpm version-packages) updates both.
const { version } = createRequire(import.meta.url)("../package.json") as { readonly version: string }

/** The population plugin. */
export const population = definePlugin({
  id: "population",
  version,
  coreVersion: "^0.1.0",
  name: { zh: "人口与规划预测", en: "Population and plan forecasts" },
  description: {
    zh: "城市人口与规划预测的对照：现实何时、以多大幅度超越规划预测",
    en: "City populations against their plans' forecasts: when, and by how much, reality outran the plan",
  },
  indicators: populationIndicators,
  targets: populationForecasts,
  referenceData: { observations: populationReferenceData },
  methodology: {
    zh: "规划中的人口数是预测而非目标：不评“达标”与进展，而比较现实与预测。在预测年份之前某年的数值已达到预测（增长型预测为不低于），即“现实超越规划”，给出首次达到的年份、提前的年数，以及当年数值超出预测的人数与比例；到预测年份则判断高于、低于或符合预测。杭州 2016 年规划预测 2030 年常住人口 950 万；城镇人口是常住人口的一部分，2023 年城镇人口已超过 1000 万，故以城镇人口比较只会低估超越的幅度。",
    en: "A population in a plan is a forecast, not a goal: it is not 'met' and has no progress; reality is compared with it. When a value reaches the forecast before its year (at or above it, for a forecast of growth), reality outran the plan: the report gives the first year that reached it, how many years early, and how far the value is past the forecast, in persons and as a share. In the forecast's year, the value is above, below or as forecast. Hangzhou's 2016 plan forecast 9.5 million permanent residents for 2030; the urban population, part of the permanent population, was above 10 million in 2023, so comparing the urban population can only understate how far reality outran the plan.",
  },
})

/**
 * @tijian/plugin-population — city populations against their plans' forecasts (plan vs reality).
 */
export { HANGZHOU, populationForecasts } from "./forecasts.js"
export { type PopulationIndicatorId, populationIndicators } from "./indicators.js"
export { population, population as plugin } from "./plugin.js"
export { populationReferenceData } from "./referenceData.js"

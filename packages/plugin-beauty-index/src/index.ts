/**
 * @tijian/plugin-beauty-index — the beautiful-urban-agglomeration index: four sub-indices (registered or computed
 * from base indicators), a composite, the published composite beside it, and the gap to 100.
 */
export { type BaseIndicator, type BaseIndicatorId, baseIndicators, type Goalpost, goalpostScore } from "./baseIndicators.js"
export {
  beautyGrades,
  composite,
  compositeReported,
  type CompositeSettings,
  equalSubIndexWeights,
  type SubIndexId,
  subIndex,
  subIndexIds,
} from "./indicators.js"
export { type BeautyIndexOptions, beautyIndex, beautyIndex as plugin, makeBeautyIndex } from "./plugin.js"
export { publishedFigures } from "./referenceData.js"
export { beautySensitivity } from "./sensitivity.js"

/**
 * @tijian/plugin-beauty-index — the beautiful-urban-agglomeration index: four sub-indices, a composite and
 * the gap to 100.
 */
export { beautyGrades, composite, compositeReported, equalWeights, type SubIndexId, subIndices } from "./indicators.js"
export { type BeautyIndexOptions, beautyIndex, makeBeautyIndex } from "./plugin.js"
export { publishedFigures } from "./referenceData.js"

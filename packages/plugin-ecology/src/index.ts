/**
 * @tijian/plugin-ecology — ecological protection redline integrity computed from polygons, and the sewage, air and
 * water indicators agencies register.
 */
export { ecology, ecology as plugin } from "./plugin.js"
export { observedIndicators, type RedlineIndicatorId, redlineIndicators } from "./indicators.js"
export { type LandUseClass, landUseClasses, landUseClassNames, landUseClassOf, naturalLandUseClasses } from "./landUseClasses.js"
export { redlineIntegrity, runRedlineIntegrity } from "./redlineIntegrity.js"
export { type RedlineType, redlineTypeDimension, redlineTypeNames, redlineTypeOf, redlineTypes } from "./redlineTypes.js"

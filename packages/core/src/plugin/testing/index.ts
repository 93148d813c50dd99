/**
 * @tijian/core/plugin/testing — what a plugin's tests need (vitest): the conformance suite every plugin passes, and
 * its report evaluated in memory from a few rows (no database).
 */
export { type EvaluateOptions, evaluatePlugins, type PluginEvaluation, type TestObservation } from "./evaluatePlugins.js"
export { pluginConformance } from "./pluginConformance.js"

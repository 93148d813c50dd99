/**
 * @tijian/core/testing — conformance suites for storage backends and plugins (vitest).
 */
export { observationStoreSuite } from "./observationStoreSuite.js"
export { pluginConformance } from "./pluginConformance.js"

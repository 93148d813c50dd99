/**
 * @tijian/core/testing — conformance suites for storage backends and plugins (vitest), and PostgreSQL helpers.
 */
export { observationStoreSuite } from "./observationStoreSuite.js"
export { pluginConformance } from "../plugin/testing/pluginConformance.js"
export { freshPostgresDatabase, postgresAvailability, postgresTestUrl } from "./postgres.js"

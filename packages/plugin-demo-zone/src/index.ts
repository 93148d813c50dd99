/**
 * @tijian/plugin-demo-zone — the master plan of the Eco-Green Integrated Development Demonstration Zone
 * (2021-2035): binding land totals (cultivated land and farmland in mu, development boundary and construction
 * land in km²), expected ecological and green-living targets, the plan's 2020 base values and later reports.
 */
export { bindingIndicators, type DemoZoneIndicatorId, demoZoneIndicators, expectedIndicators, greenTravelModes } from "./indicators.js"
export { demoZoneMethodology } from "./methodology.js"
export { demoZone, demoZone as plugin } from "./plugin.js"
export { demoZoneReferenceData } from "./referenceData.js"
export { demoZoneRules } from "./rules.js"
export { demoZoneSection } from "./section.js"
export { DEMO_ZONE, demoZoneTargets, forestCoverageFloor, masterPlan, redlineFloorKm2, sharedIndicators } from "./targets.js"
export { km2ToMu, MU_PER_KM2, muToKm2, SQUARE_METRES_PER_MU } from "./units.js"

/**
 * @tijian/plugin-rail — regional rail commuting coverage computed from GTFS, population, jobs and ridership data.
 */
export { rail } from "./plugin.js"
export { railIndicators, type RailIndicatorId } from "./indicators.js"
export { railTargets } from "./targets.js"
export { publishedOriginTerminalShares } from "./referenceData.js"
export { toObservations } from "./observations.js"
export { catchmentCalculator } from "./calculators/catchment.js"
export { commuteCalculator } from "./calculators/commute.js"
export { originTerminalCalculator } from "./calculators/originTerminal.js"
export { ridershipCalculator } from "./calculators/ridership.js"
export { stationSpacingCalculator } from "./calculators/stationSpacing.js"
export type { GtfsFeed } from "./gtfs/GtfsFeed.js"
export { readGtfs } from "./gtfs/readGtfs.js"
export { compileTimetable } from "./raptor/compileTimetable.js"
export { buildTimetable, reverseTimetable, INF, type Timetable, type TimetableTrip, type Footpath } from "./raptor/Timetable.js"
export { RaptorSearch, type RaptorSource } from "./raptor/RaptorSearch.js"
export { destinationPoint, EARTH_RADIUS_M, haversineM } from "./geo/geodesic.js"

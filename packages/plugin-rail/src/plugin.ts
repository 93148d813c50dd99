/**
 * The regional rail plugin: the commuting circle a regional rail network creates, computed from data agencies
 * already have (a GTFS timetable, population and jobs, ridership counts), beside the published 2021
 * origin/terminal shares of high-speed trains.
 */
import { definePlugin } from "@tijian/core/plugin"
import { createRequire } from "node:module"
import { catchmentCalculator } from "./calculators/catchment.js"
import { commuteCalculator } from "./calculators/commute.js"
import { originTerminalCalculator } from "./calculators/originTerminal.js"
import { ridershipCalculator } from "./calculators/ridership.js"
import { stationSpacingCalculator } from "./calculators/stationSpacing.js"
import { railIndicators } from "./indicators.js"
import { railMethodology } from "./methodology.js"
import { publishedOriginTerminalShares } from "./referenceData.js"
import { railSection } from "./section.js"
import { railTargets } from "./targets.js"

// The plugin's version is its package's, so a release (pnpm version-packages) updates both.
const { version } = createRequire(import.meta.url)("../package.json") as { readonly version: string }

/** The rail plugin. */
export const rail = definePlugin({
  id: "rail",
  version,
  coreVersion: "^0.1.0",
  name: { zh: "区域轨道交通", en: "Regional rail" },
  description: {
    zh: "以通勤圈而非单纯客流评价区域轨道交通",
    en: "Regional rail judged by the commuting circle it creates, not by ridership alone",
  },
  // Commuting coverage is a city's: each city's stations, population and trains. Shanghai, a province-level
  // municipality, is the region's commuting core.
  appliesTo: { levels: ["city"], regions: ["310000"] },
  indicators: railIndicators,
  targets: railTargets,
  referenceData: { observations: publishedOriginTerminalShares },
  methodology: railMethodology,
  reportSection: railSection,
  calculators: [catchmentCalculator, commuteCalculator, ridershipCalculator, originTerminalCalculator, stationSpacingCalculator],
})

/**
 * The Demonstration Zone plugin: the master plan of the Eco-Green Integrated Development Demonstration Zone
 * (2021-2035) — its binding land totals and expected ecological and green-living targets, examined every year.
 * Written with core's public API only, starting from `pnpm create-plugin demo-zone`.
 */
import { definePlugin } from "@tijian/core/plugin"
import { createRequire } from "node:module"
import { demoZoneIndicators } from "./indicators.js"
import { demoZoneMethodology } from "./methodology.js"
import { demoZoneReferenceData } from "./referenceData.js"
import { demoZoneRules } from "./rules.js"
import { demoZoneSection } from "./section.js"
import { DEMO_ZONE, demoZoneTargets, sharedIndicators } from "./targets.js"

// The plugin's version is its package's, so a release (pnpm version-packages) updates both.
const { version } = createRequire(import.meta.url)("../package.json") as { readonly version: string }

/** The Demonstration Zone plugin. Register it with the ecology plugin, whose redline indicator it shares. */
export const demoZone = definePlugin({
  id: "demo-zone",
  version,
  coreVersion: "^0.1.0",
  name: { zh: "示范区国土空间总体规划", en: "Demonstration Zone master plan" },
  description: {
    zh: "长三角生态绿色一体化发展示范区国土空间总体规划（2021—2035年）的约束性与预期性指标，年度体检",
    en: "The binding and expected targets of the Eco-Green Integrated Development Demonstration Zone's master plan 2021-2035, examined every year",
  },
  indicators: demoZoneIndicators,
  // The master plan is the Demonstration Zone's; its targets also bring its indicators to the three members' reports.
  appliesTo: { groups: [DEMO_ZONE] },
  uses: sharedIndicators,
  targets: demoZoneTargets,
  referenceData: { observations: demoZoneReferenceData },
  methodology: demoZoneMethodology,
  reportSection: demoZoneSection,
  rules: demoZoneRules,
})

/**
 * Published values for the Demonstration Zone: the plan's 2020 base values, the key projects counted by the first
 * physical-examination report, and figures of the 2025 report (forest coverage, air and surface water under the
 * ecology plugin's indicators, which this plugin shares rather than redeclares).
 */
import type { ReferenceObservation } from "@tijian/core"
import type { DemoZoneIndicatorId } from "./indicators.js"
import { DEMO_ZONE, type sharedIndicators } from "./targets.js"

type Registrable = DemoZoneIndicatorId | (typeof sharedIndicators)[number]

const plan2020 = "Demonstration Zone territorial master plan 2021-2035: base values of 2020"
const report2023 = "Demonstration Zone physical-examination evaluation report for 2023 (released 2024-02-20)"
const report2025 = "Demonstration Zone physical-examination evaluation report for 2025"

const value = (indicator: Registrable, year: number, v: number, source: string, note?: string): ReferenceObservation<Registrable> => ({
  indicator,
  region: DEMO_ZONE,
  year,
  value: v,
  source,
  ...(note ? { note } : {}),
})

/** The reference values, by year. */
export const demoZoneReferenceData: ReadonlyArray<ReferenceObservation<Registrable>> = [
  value("demo-zone.water-surface-ratio", 2020, 0.203, plan2020, "20.3%"),
  value("ecology.forest-coverage", 2020, 0.086, plan2020, "8.6%"),
  value("demo-zone.park-green-space-per-capita-m2", 2020, 10, plan2020),
  value("demo-zone.key-projects-advanced", 2023, 145, report2023, "key projects advanced as counted by the first annual report"),
  value("demo-zone.water-surface-ratio", 2025, 0.2038, report2025, "20.38%"),
  value("ecology.good-air-days-share", 2025, 0.861, report2025, "86.1% of days with good air quality"),
  value("ecology.surface-water-good-share", 2025, 0.962, report2025, "96.2% of surface-water sections class III or better"),
]

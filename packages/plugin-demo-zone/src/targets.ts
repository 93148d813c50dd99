/**
 * The master plan's targets for 2035, from the base year 2020, for the Demonstration Zone as a whole: binding
 * (约束性) first, then expected (预期性). The ecological redline's binding floor is declared once, by the
 * ecology plugin, on its indicator `ecology.redline-area-km2`; this plugin only refers to it.
 */
import type { I18nText, TargetDefinition } from "@tijian/core"
import type { DemoZoneIndicatorId } from "./indicators.js"

/** The group code of the Demonstration Zone (Qingpu 310118, Wujiang 320509, Jiashan 330421). */
export const DEMO_ZONE = "DEMO-ZONE"

/** The document every target comes from. */
export const masterPlan: I18nText = {
  zh: "长三角生态绿色一体化发展示范区国土空间总体规划（2021—2035年）",
  en: "Demonstration Zone territorial master plan 2021-2035",
}

/** The indicators of other plugins this plugin refers to (the ecology plugin must be registered too). */
export const sharedIndicators = [
  "ecology.redline-area-km2",
  "ecology.good-air-days-share",
  "ecology.surface-water-good-share",
  "ecology.forest-coverage",
] as const

/**
 * The plan's binding redline floor (km², 2035), declared as a target by the ecology plugin and shown beside this
 * plugin's binding land totals in the report section. A test checks that the two agree.
 */
export const redlineFloorKm2 = 143.32

/**
 * "Forest coverage > 12%" as an at-least target: 12.01%, the smallest value above 12% at the indicator's
 * precision (4 decimals of a ratio: 0.01 percentage point).
 */
export const forestCoverageFloor = 0.1201

/** What a target of this plugin may name: its own indicators and those it shares. */
type Targeted = DemoZoneIndicatorId | (typeof sharedIndicators)[number]

const target = (
  indicator: Targeted,
  kind: "at-least" | "at-most",
  value: number,
  binding: boolean,
): TargetDefinition<Targeted> => ({
  indicator,
  scope: DEMO_ZONE,
  kind,
  value,
  dueYear: 2035,
  baselineYear: 2020,
  binding,
  source: masterPlan,
})

/** The plan's targets, binding first. */
export const demoZoneTargets: ReadonlyArray<TargetDefinition<Targeted>> = [
  target("demo-zone.cultivated-land-mu", "at-least", 766_000, true),
  target("demo-zone.permanent-basic-farmland-mu", "at-least", 665_400, true),
  target("demo-zone.urban-development-boundary-km2", "at-most", 647.6, true),
  target("demo-zone.construction-land-km2", "at-most", 803.6, true),
  target("demo-zone.blue-green-space-share", "at-least", 0.66, false),
  target("demo-zone.water-surface-ratio", "at-least", 0.206, false),
  target("ecology.forest-coverage", "at-least", forestCoverageFloor, false),
  target("demo-zone.park-green-space-per-capita-m2", "at-least", 15, false),
  target("demo-zone.green-travel-share", "at-least", 0.8, false),
]

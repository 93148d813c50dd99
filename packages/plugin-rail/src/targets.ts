/**
 * The rail plugin's targets, both expected (预期性), not binding. Their sources give no due year; 2035, the
 * horizon of the Demonstration Zone's master plan, is this plugin's assumption.
 */
import type { TargetDefinition } from "@tijian/core/plugin"
import type { RailIndicatorId } from "./indicators.js"

/** Where the 100,000-300,000 band comes from. */
export const ridershipBandSource = {
  zh: "杨东援，笔谈“长三角高质量一体化：规划能做什么”（Journal of Urban Planning）：区域线路客流宜为 10 万-30 万人次/日",
  en: "Yang Dongyuan, in the roundtable 'High-quality integration in the YRD: what can planning do' (Journal of Urban Planning): a regional line ideally carries 100,000-300,000 person-trips a day",
} as const

/** Where the 3 km spacing comes from. */
export const spacingSource = {
  zh: "国家关于市域（郊）铁路发展的指导意见（国家发展改革委等，2020）：平均站间距原则上不小于 3 公里",
  en: "National guidance on suburban railways (NDRC et al., 2020, on accelerating metropolitan suburban railways): mean station spacing in principle at least 3 km",
} as const

/** The targets. */
export const railTargets: ReadonlyArray<TargetDefinition<RailIndicatorId>> = [
  { indicator: "rail.line-daily-ridership", scope: "*", kind: "band", lo: 100_000, hi: 300_000, dueYear: 2035, binding: false, source: ridershipBandSource },
  { indicator: "rail.mean-station-spacing-km", scope: "*", kind: "at-least", value: 3, dueYear: 2035, binding: false, source: spacingSource },
]

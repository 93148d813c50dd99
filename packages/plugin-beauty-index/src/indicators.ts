/**
 * The beautiful-urban-agglomeration index: four sub-indices on a 0-100 scale, the composite computed from
 * them, and the composite as published.
 */
import type { GradeBand, IndicatorDefinition } from "@tijian/core"

/** Grade bands. Only "excellent >= 80" is published (78.57 "good, not yet excellent"; 80.96 "just excellent"). */
export const beautyGrades: ReadonlyArray<GradeBand> = [
  { id: "excellent", min: 80, name: { zh: "优秀", en: "excellent" } },
  { id: "good", min: 60, name: { zh: "良好", en: "good" } },
  { id: "fair", min: 40, name: { zh: "一般", en: "fair" } },
  { id: "poor", name: { zh: "较差", en: "poor" } },
]

const index = { zh: "指数（0-100）", en: "index 0-100" }

const subIndex = <const Id extends string>(id: Id, zh: string, en: string): IndicatorDefinition<Id, never> => ({
  id,
  kind: "observed",
  name: { zh, en },
  unit: index,
  direction: "higher-is-better",
  range: { min: 0, max: 100 },
  decimals: 2,
  grades: beautyGrades,
  aggregate: { rule: "mean" },
})

/** The four sub-indices, in the order the published text lists them. */
export const subIndices = [
  subIndex("beauty.carbon-reduction", "减碳指数", "Carbon reduction index"),
  subIndex("beauty.pollution-reduction", "减污指数", "Pollution reduction index"),
  subIndex("beauty.green-expansion", "扩绿指数", "Green expansion index"),
  subIndex("beauty.growth", "增长指数", "Growth index"),
] as const

/** Sub-index ids. */
export type SubIndexId = (typeof subIndices)[number]["id"]

/** Equal weights: the default; the published composite is not an equal-weight mean (see the methodology). */
export const equalWeights: Readonly<Record<SubIndexId, number>> = {
  "beauty.carbon-reduction": 0.25,
  "beauty.pollution-reduction": 0.25,
  "beauty.green-expansion": 0.25,
  "beauty.growth": 0.25,
}

/** The composite: weighted arithmetic mean of the sub-indices. */
export const composite = (weights: Readonly<Record<SubIndexId, number>>): IndicatorDefinition<"beauty.composite", SubIndexId> => ({
  id: "beauty.composite",
  kind: "derived",
  name: { zh: "美丽城市群综合指数（计算值）", en: "Beautiful urban agglomeration composite index (computed)" },
  unit: index,
  direction: "higher-is-better",
  range: { min: 0, max: 100 },
  decimals: 2,
  grades: beautyGrades,
  inputs: subIndices.map((s) => s.id),
  compute: (v) => subIndices.reduce((sum, s) => sum + weights[s.id] * v[s.id]!, 0),
})

/** The composite as published, kept beside the computed one. */
export const compositeReported: IndicatorDefinition<"beauty.composite-reported", "beauty.composite"> = {
  id: "beauty.composite-reported",
  kind: "reported",
  name: { zh: "美丽城市群综合指数（公布值）", en: "Beautiful urban agglomeration composite index (published)" },
  unit: index,
  direction: "higher-is-better",
  range: { min: 0, max: 100 },
  decimals: 2,
  grades: beautyGrades,
  reports: "beauty.composite",
}

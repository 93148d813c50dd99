/**
 * The beautiful-urban-agglomeration index: four sub-indices on a 0-100 scale (registered, or computed from base
 * indicators), the composite computed from them, and the composite as published.
 */
import { type AggregationMethod, compose, type GradeBand, type IndicatorDefinition, type Weights } from "@tijian/core/plugin"
import { Either } from "effect"
import { type BaseIndicatorId, baseIndicators, type Goalpost, goalpostScore } from "./baseIndicators.js"

/** Default grade bands. Only "excellent >= 80" is published; the lower bands are assumptions. */
export const beautyGrades: ReadonlyArray<GradeBand> = [
  { id: "excellent", min: 80, name: { zh: "优秀", en: "excellent" } },
  { id: "good", min: 60, name: { zh: "良好", en: "good" } },
  { id: "fair", min: 40, name: { zh: "一般", en: "fair" } },
  { id: "poor", name: { zh: "较差", en: "poor" } },
]

const index = { zh: "指数（0-100）", en: "index 0-100" }

/** The four sub-indices, in the order the published text lists them. */
export const subIndexIds = ["beauty.carbon-reduction", "beauty.pollution-reduction", "beauty.green-expansion", "beauty.growth"] as const

/** Sub-index ids. */
export type SubIndexId = (typeof subIndexIds)[number]

/** The sub-indices' names. */
export const subIndexNames: Readonly<Record<SubIndexId, { readonly zh: string; readonly en: string }>> = {
  "beauty.carbon-reduction": { zh: "减碳指数", en: "Carbon reduction index" },
  "beauty.pollution-reduction": { zh: "减污指数", en: "Pollution reduction index" },
  "beauty.green-expansion": { zh: "扩绿指数", en: "Green expansion index" },
  "beauty.growth": { zh: "增长指数", en: "Growth index" },
}

/**
 * A sub-index: registered directly, or computed as the equal-weight mean of its base indicators' goalpost
 * scores (all of them present).
 */
export const subIndex = (
  id: SubIndexId,
  grades: ReadonlyArray<GradeBand>,
  goalposts: Readonly<Record<string, Goalpost>>,
): IndicatorDefinition<SubIndexId, BaseIndicatorId> => {
  const inputs = baseIndicators.filter((b) => b.subIndex === id).map((b) => b.id)
  return {
    id,
    kind: "observed",
    name: subIndexNames[id],
    unit: index,
    direction: "higher-is-better",
    range: { min: 0, max: 100 },
    decimals: 2,
    grades,
    aggregate: { rule: "mean" },
    inputs,
    compute: (v) => inputs.reduce((sum, b) => sum + goalpostScore(v[b], goalposts[b]!), 0) / inputs.length,
  }
}

/** How the composite is formed. */
export interface CompositeSettings {
  readonly weights: Weights
  readonly method: AggregationMethod
  /** No composite when more than this share of sub-indices is missing. */
  readonly maxMissingShare: number
}

/** Equal weights: the default. The published composite is not an equal-weight mean (see the methodology). */
export const equalSubIndexWeights: Readonly<Record<SubIndexId, number>> = {
  "beauty.carbon-reduction": 0.25,
  "beauty.pollution-reduction": 0.25,
  "beauty.green-expansion": 0.25,
  "beauty.growth": 0.25,
}

/** The composite: the weighted (arithmetic or geometric) mean of the sub-indices, by core's composite toolkit. */
export const composite = (
  settings: CompositeSettings,
  grades: ReadonlyArray<GradeBand>,
): IndicatorDefinition<"beauty.composite", SubIndexId> => ({
  id: "beauty.composite",
  kind: "derived",
  name: { zh: "美丽城市群综合指数（计算值）", en: "Beautiful urban agglomeration composite index (computed)" },
  unit: index,
  direction: "higher-is-better",
  range: { min: 0, max: 100 },
  decimals: 2,
  grades,
  inputs: [...subIndexIds],
  maxMissingInputShare: settings.maxMissingShare,
  compute: (v) => {
    const scores = Object.fromEntries(subIndexIds.map((id) => [id, v[id]]))
    const result = compose(scores, settings.weights, { method: settings.method, maxMissingShare: settings.maxMissingShare })
    return Either.getOrThrowWith(result, (e) => new Error(e.message)).value
  },
})

/** The composite as published, kept beside the computed one. */
export const compositeReported = (grades: ReadonlyArray<GradeBand>): IndicatorDefinition<"beauty.composite-reported", "beauty.composite"> => ({
  id: "beauty.composite-reported",
  kind: "reported",
  name: { zh: "美丽城市群综合指数（公布值）", en: "Beautiful urban agglomeration composite index (published)" },
  unit: index,
  direction: "higher-is-better",
  range: { min: 0, max: 100 },
  decimals: 2,
  grades,
  reports: "beauty.composite",
})

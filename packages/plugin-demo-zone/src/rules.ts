/**
 * The Demonstration Zone's validation rules: permanent basic farmland is designated within cultivated land (both in
 * mu, so it can never exceed it), and the Zone's ecological redline area is the sum of its three members'.
 */
import type { RuleDefinition } from "@tijian/core/plugin"
import type { DemoZoneIndicatorId } from "./indicators.js"
import { DEMO_ZONE, type sharedIndicators } from "./targets.js"

type Readable = DemoZoneIndicatorId | (typeof sharedIndicators)[number]

/** The rules, checked on every write and on submission. */
export const demoZoneRules = [
  {
    id: "demo-zone.farmland-within-cultivated-land",
    kind: "compare",
    severity: "error",
    name: { zh: "永久基本农田不大于耕地保有量", en: "Permanent basic farmland within cultivated land" },
    description: {
      zh: "永久基本农田从耕地中划定，面积（亩）不能超过同一地区同一年的耕地保有量（亩）。",
      en: "Permanent basic farmland is designated out of cultivated land: its area (mu) cannot exceed the cultivated land (mu) of the same region and year.",
    },
    left: "demo-zone.permanent-basic-farmland-mu",
    operator: "<=",
    right: "demo-zone.cultivated-land-mu",
  },
  {
    id: "demo-zone.redline-members-sum",
    kind: "members-sum",
    severity: "warning",
    name: { zh: "示范区红线面积等于三地之和", en: "Zone redline area equals its members' sum" },
    description: {
      zh: "示范区登记的生态保护红线面积应等于青浦、吴江、嘉善三地之和（容差 0.01 平方千米，即该指标的精度）。",
      en: "The Zone's registered redline area should equal the sum of Qingpu, Wujiang and Jiashan (tolerance 0.01 km², the indicator's precision).",
    },
    indicator: "ecology.redline-area-km2",
    scopes: [DEMO_ZONE],
    tolerance: { absolute: 0.01 },
  },
] as const satisfies ReadonlyArray<RuleDefinition<Readable>>

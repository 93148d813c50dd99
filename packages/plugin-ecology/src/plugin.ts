/**
 * The ecology plugin. This first slice declares the Demonstration Zone's binding redline-area target and the
 * published transboundary sewage figures; redline integrity computed from polygons arrives with the ecology
 * calculators.
 */
import { definePlugin } from "@tijian/core"

const roundtable = "Roundtable 'High-quality integration in the YRD: what can planning do' (Journal of Urban Planning)"

/** The ecology plugin. */
export const ecology = definePlugin({
  id: "ecology",
  version: "0.1.0",
  name: { zh: "生态保护红线", en: "Ecological protection redlines" },
  description: {
    zh: "面积不减少、功能不降低、性质不改变",
    en: "Area not reduced, function not lowered, nature not changed",
  },
  indicators: [
    {
      id: "ecology.redline-area-km2",
      kind: "observed",
      name: { zh: "生态保护红线面积", en: "Ecological protection redline area" },
      unit: { zh: "平方千米", en: "km²" },
      direction: "higher-is-better",
      range: { min: 0 },
      decimals: 2,
      aggregate: { rule: "sum" },
    },
    {
      id: "ecology.sewage-discharge",
      kind: "observed",
      name: { zh: "污水排放量", en: "Sewage discharge" },
      unit: { zh: "十亿吨", en: "billion tonnes" },
      direction: "lower-is-better",
      range: { min: 0 },
      decimals: 1,
      aggregate: { rule: "sum" },
    },
    {
      id: "ecology.sewage-discharge-national-share",
      kind: "observed",
      name: { zh: "污水排放量占全国比重", en: "Share of national sewage discharge" },
      unit: { zh: "比例", en: "share" },
      format: "percent",
      direction: "lower-is-better",
      range: { min: 0, max: 1 },
      decimals: 3,
    },
  ],
  targets: [
    {
      indicator: "ecology.redline-area-km2",
      scope: "DEMO-ZONE",
      kind: "at-least",
      value: 143.32,
      dueYear: 2035,
      baselineYear: 2020,
      binding: true,
      source: {
        zh: "长三角生态绿色一体化发展示范区国土空间总体规划（2021—2035年）",
        en: "Demonstration Zone territorial master plan 2021-2035",
      },
    },
  ],
  referenceData: {
    observations: [
      { indicator: "ecology.sewage-discharge", region: "YRD", year: 2022, value: 13.6, source: roundtable, note: "more than 13.6 billion t (136 亿吨), 21.4% of the national total" },
      { indicator: "ecology.sewage-discharge-national-share", region: "YRD", year: 2022, value: 0.214, source: roundtable },
    ],
  },
  methodology: {
    zh: "红线面积由各地登记；跨界红线完整性将由多边形叠加计算。",
    en: "Redline areas are registered by agencies; cross-border integrity will be computed by polygon overlay.",
  },
})

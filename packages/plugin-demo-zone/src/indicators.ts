/**
 * The Demonstration Zone master plan's own indicators, binding (约束性) first, in the plan's order. Areas keep
 * the unit the plan states them in (mu for cultivated land and farmland, km² for the rest); ratios are 0..1,
 * shown as %. Area indicators of the Zone are the sum of its three counties unless registered directly.
 */
import type { Dimension, I18nText, IndicatorDefinition } from "@tijian/core/plugin"

const mu: I18nText = { zh: "亩", en: "mu" }
const km2: I18nText = { zh: "平方千米", en: "km²" }
const share: I18nText = { zh: "比例", en: "share" }

const sumOfCounties: I18nText = {
  zh: "示范区的值未直接登记时，为青浦、吴江、嘉善三地之和。",
  en: "Where the Zone's value is not registered directly, it is the sum of Qingpu, Wujiang and Jiashan.",
}
const inMu: I18nText = { zh: "以亩计（1 平方千米 = 1500 亩）。", en: "In mu (1 km² = 1,500 mu)." }

/** The indicators with binding targets in the plan (the ecological redline is the ecology plugin's). */
export const bindingIndicators = [
  {
    id: "demo-zone.cultivated-land-mu",
    kind: "observed",
    name: { zh: "耕地保有量", en: "Cultivated land" },
    description: { zh: `耕地面积，${inMu.zh}${sumOfCounties.zh}`, en: `Area of cultivated land. ${inMu.en} ${sumOfCounties.en}` },
    unit: mu,
    direction: "higher-is-better",
    range: { min: 0 },
    decimals: 0,
    aggregate: { rule: "sum" },
  },
  {
    id: "demo-zone.permanent-basic-farmland-mu",
    kind: "observed",
    name: { zh: "永久基本农田保护面积", en: "Permanent basic farmland" },
    description: { zh: `划定的永久基本农田面积，${inMu.zh}${sumOfCounties.zh}`, en: `Area designated as permanent basic farmland. ${inMu.en} ${sumOfCounties.en}` },
    unit: mu,
    direction: "higher-is-better",
    range: { min: 0 },
    decimals: 0,
    aggregate: { rule: "sum" },
  },
  {
    id: "demo-zone.urban-development-boundary-km2",
    kind: "observed",
    name: { zh: "城镇开发边界面积", en: "Area inside the urban development boundary" },
    description: { zh: `城镇开发边界围合的面积。${sumOfCounties.zh}`, en: `Area enclosed by the urban development boundary. ${sumOfCounties.en}` },
    unit: km2,
    direction: "lower-is-better",
    range: { min: 0 },
    decimals: 2,
    aggregate: { rule: "sum" },
  },
  {
    id: "demo-zone.construction-land-km2",
    kind: "observed",
    name: { zh: "建设用地总规模", en: "Construction land" },
    description: { zh: `城乡建设用地与其他建设用地之和。${sumOfCounties.zh}`, en: `Urban, rural and other construction land. ${sumOfCounties.en}` },
    unit: km2,
    direction: "lower-is-better",
    range: { min: 0 },
    decimals: 2,
    aggregate: { rule: "sum" },
  },
] as const satisfies ReadonlyArray<IndicatorDefinition<`demo-zone.${string}`>>

const zoneShare = (id: `demo-zone.${string}`, zh: string, en: string, description: I18nText) =>
  ({
    id,
    kind: "observed",
    name: { zh, en },
    description,
    unit: share,
    format: "percent",
    direction: "higher-is-better",
    range: { min: 0, max: 1 },
    decimals: 4,
  }) as const

/**
 * The modes of green travel, as the indicator defines it (trips on foot, by bicycle and by public transport): the
 * shares of all trips by each mode add up to the green travel share (additive).
 */
export const greenTravelModes = {
  id: "mode",
  name: { zh: "出行方式", en: "mode" },
  additive: true,
  codes: [
    { code: "walking", name: { zh: "步行", en: "walking" } },
    { code: "bicycle", name: { zh: "自行车", en: "bicycle" } },
    { code: "bus", name: { zh: "公共汽电车", en: "bus" } },
    { code: "rail-transit", name: { zh: "轨道交通", en: "rail transit" } },
    { code: "other-public", name: { zh: "其他公共交通（水上巴士、轮渡等）", en: "other public transport (water bus, ferry, ...)" } },
  ],
} as const satisfies Dimension

/** The indicators with expected targets in the plan, and the count of key projects the annual report gives. */
export const expectedIndicators = [
  zoneShare("demo-zone.blue-green-space-share", "蓝绿空间占比", "Blue-green space share", {
    zh: "水域、林地、湿地、绿地等蓝绿空间占国土面积的比例。",
    en: "Share of the land area that is blue-green space: water, woodland, wetland and green space.",
  }),
  zoneShare("demo-zone.water-surface-ratio", "河湖水面率", "Water-surface ratio", {
    zh: "河湖水面面积占国土面积的比例。",
    en: "Area of rivers and lakes as a share of the land area.",
  }),
  {
    id: "demo-zone.park-green-space-per-capita-m2",
    kind: "observed",
    name: { zh: "人均公园绿地面积", en: "Park green space per resident" },
    unit: { zh: "平方米/人", en: "m² per resident" },
    direction: "higher-is-better",
    range: { min: 0 },
    decimals: 1,
  },
  {
    ...zoneShare("demo-zone.green-travel-share", "绿色出行比例", "Green travel share", {
      zh: "步行、自行车与公共交通出行占全部出行的比例；可按出行方式细分（各方式占全部出行的比例，合计为总比例）。",
      en: "Trips on foot, by bicycle and by public transport as a share of all trips; may be broken down by mode (each mode's share of all trips, adding up to the total).",
    }),
    dimensions: [greenTravelModes],
  },
  {
    id: "demo-zone.key-projects-advanced",
    kind: "observed",
    name: { zh: "推进的重点项目数", en: "Key projects advanced" },
    description: { zh: "年度体检评估报告统计的推进中重点项目数。", en: "Key projects counted as advanced by the annual physical-examination report." },
    unit: { zh: "个", en: "projects" },
    direction: "higher-is-better",
    range: { min: 0 },
    decimals: 0,
  },
] as const satisfies ReadonlyArray<IndicatorDefinition<`demo-zone.${string}`>>

/** Every indicator of the plugin, binding first. */
export const demoZoneIndicators = [...bindingIndicators, ...expectedIndicators] as const

/** Ids of the plugin's indicators. */
export type DemoZoneIndicatorId = (typeof demoZoneIndicators)[number]["id"]

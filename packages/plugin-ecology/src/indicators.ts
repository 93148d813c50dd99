/**
 * The ecology plugin's indicators: those computed from polygons by the redline calculator, and those agencies
 * register directly (sewage, air, water, forest coverage). Areas in km², ratios 0..1.
 */
import type { I18nText, IndicatorDefinition } from "@tijian/core/plugin"
import { redlineTypeDimension } from "./redlineTypes.js"

const km2 = { zh: "平方千米", en: "km²" }
const share = { zh: "比例", en: "share" }
const computed: I18nText = { zh: "由红线计算器从多边形计算，也可直接登记。", en: "Computed from polygons by the redline calculator, or registered directly." }

const describe = (zh: string, en: string): I18nText => ({ zh: `${zh}${computed.zh}`, en: `${en} ${computed.en}` })

/** Indicators computed by the redline calculator. */
export const redlineIndicators = [
  {
    id: "ecology.redline-area-km2",
    kind: "observed",
    name: { zh: "生态保护红线面积", en: "Ecological protection redline area" },
    description: describe("当年红线（各地红线合并、不重复计算）在区域边界内的面积。", "Area of the year's redline (all regions' redlines dissolved, no ground counted twice) inside the region's boundary."),
    unit: km2,
    direction: "higher-is-better",
    range: { min: 0 },
    decimals: 2,
    aggregate: { rule: "sum" },
    // by the national classification of redline types (Guide for delineating redlines, 2017); the types add up
    dimensions: [redlineTypeDimension],
  },
  {
    id: "ecology.redline-area-retention",
    kind: "observed",
    name: { zh: "生态保护红线面积保有率", en: "Redline area retention" },
    description: describe("当年红线面积 ÷ 基线年红线面积；低于 100% 即面积减少。", "Redline area of the year divided by that of the baseline year; below 100% the area has been reduced."),
    unit: share,
    format: "percent",
    direction: "higher-is-better",
    range: { min: 0 },
    decimals: 4,
  },
  {
    id: "ecology.redline-encroachment-km2",
    kind: "observed",
    name: { zh: "红线内建设用地面积", en: "Construction land inside the redline" },
    description: describe("当年建设用地在基线年红线内的面积。", "Area of the year's construction land inside the baseline redline."),
    unit: km2,
    direction: "lower-is-better",
    range: { min: 0 },
    decimals: 4,
    aggregate: { rule: "sum" },
  },
  {
    id: "ecology.redline-new-encroachment-km2",
    kind: "observed",
    name: { zh: "红线内新增建设用地面积", en: "New construction land inside the redline" },
    description: describe("基线年红线内、基线年尚非建设用地的当年建设用地面积。", "Construction land of the year inside the baseline redline that was not construction land in the baseline year."),
    unit: km2,
    direction: "lower-is-better",
    range: { min: 0 },
    decimals: 4,
    aggregate: { rule: "sum" },
  },
  {
    id: "ecology.redline-natural-land-share",
    kind: "observed",
    name: { zh: "红线内自然用地比例", en: "Natural land share inside the redline" },
    description: describe("当年红线内林地、草地、湿地、水域占有地类数据部分的比例。", "Share of forest, grassland, wetland and water in the classified part of the year's redline."),
    unit: share,
    format: "percent",
    direction: "higher-is-better",
    range: { min: 0, max: 1 },
    decimals: 4,
  },
  {
    id: "ecology.redline-seam-overlap-km2",
    kind: "observed",
    name: { zh: "跨界红线重叠面积", en: "Redline seam overlap" },
    description: describe(
      "相邻地区各自划定的红线相互重叠的面积（一方越界划入另一方红线）；接缝计入双方，合计时每条接缝计一次。",
      "Area where two neighbouring regions' redlines overlap (one drew across the border onto the other's); a seam counts for both regions and once in a total.",
    ),
    unit: km2,
    direction: "lower-is-better",
    range: { min: 0 },
    decimals: 6,
  },
  {
    id: "ecology.redline-seam-gap-km2",
    kind: "observed",
    name: { zh: "跨界红线缝隙面积", en: "Redline seam gap" },
    description: describe(
      "共同边界两侧红线相对、但在边界附近未能衔接而留下的缝隙面积；接缝计入双方，合计时每条接缝计一次。",
      "Area left uncovered between two neighbouring regions' redlines where both reach their shared border but do not join; a seam counts for both regions and once in a total.",
    ),
    unit: km2,
    direction: "lower-is-better",
    range: { min: 0 },
    decimals: 6,
  },
] as const satisfies ReadonlyArray<IndicatorDefinition<`ecology.${string}`>>

/** Indicators agencies register directly. */
export const observedIndicators = [
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
    unit: share,
    format: "percent",
    direction: "lower-is-better",
    range: { min: 0, max: 1 },
    decimals: 3,
  },
  {
    id: "ecology.sewage-per-capita-vs-national",
    kind: "observed",
    name: { zh: "人均污水排放量与全国平均之比", en: "Sewage discharge per capita relative to the national average" },
    unit: { zh: "倍（全国平均 = 1）", en: "times the national average" },
    direction: "lower-is-better",
    range: { min: 0 },
    decimals: 1,
  },
  {
    id: "ecology.good-air-days-share",
    kind: "observed",
    name: { zh: "空气质量优良天数比率", en: "Share of days with good air quality" },
    unit: share,
    format: "percent",
    direction: "higher-is-better",
    range: { min: 0, max: 1 },
    decimals: 3,
  },
  {
    id: "ecology.surface-water-good-share",
    kind: "observed",
    name: { zh: "地表水 III 类及以上水质断面比例", en: "Share of surface-water sections of class III or better" },
    unit: share,
    format: "percent",
    direction: "higher-is-better",
    range: { min: 0, max: 1 },
    decimals: 3,
  },
  {
    id: "ecology.forest-coverage",
    kind: "observed",
    name: { zh: "森林覆盖率", en: "Forest coverage" },
    description: { zh: "森林面积占国土面积的比例。", en: "Forest area as a share of the land area." },
    unit: share,
    format: "percent",
    direction: "higher-is-better",
    range: { min: 0, max: 1 },
    // 0.01 percentage point: the Demonstration Zone's "above 12%" is the target 12.01%
    decimals: 4,
    appliesTo: { groups: ["DEMO-ZONE"] },
  },
] as const satisfies ReadonlyArray<IndicatorDefinition<`ecology.${string}`>>

/** Ids of the indicators the redline calculator produces. */
export type RedlineIndicatorId = (typeof redlineIndicators)[number]["id"]

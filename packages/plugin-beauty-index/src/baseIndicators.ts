/**
 * Base indicators agencies register, from which each sub-index can be computed where it is not registered
 * directly: each is scored 0-100 between goalposts (the worst and best plausible values), and a sub-index is
 * the weighted mean of its inputs' scores. The goalposts are assumptions of this plugin, stated in the
 * methodology, and configurable. Good-air days, surface water and forest coverage are the ecology plugin's figures
 * (one owner per figure): the pollution and green-expansion sub-indices read them under ecology's ids, which the
 * plugin lists in `uses`.
 */
import { goalposts, type I18nText, type IndicatorDefinition } from "@tijian/core"
import { Either } from "effect"

/** Goalposts of one base indicator: the value scoring 0 (`worst`) and the value scoring 100 (`best`). */
export interface Goalpost {
  readonly worst: number
  readonly best: number
}

/** The base indicators the ecology plugin owns and this plugin reads (`uses`). */
export const ecologyFigures = ["ecology.good-air-days-share", "ecology.surface-water-good-share", "ecology.forest-coverage"] as const

/** A base indicator with its sub-index and default goalposts: this plugin's own, or one of `ecologyFigures`. */
export interface BaseIndicator {
  readonly id: `beauty.${string}` | (typeof ecologyFigures)[number]
  readonly subIndex: "beauty.carbon-reduction" | "beauty.pollution-reduction" | "beauty.green-expansion" | "beauty.growth"
  readonly name: I18nText
  readonly unit: I18nText
  readonly format?: "percent"
  readonly goalpost: Goalpost
}

const share = { zh: "比例", en: "share" }

/** The base indicators, at least two per sub-index. */
export const baseIndicators = [
  {
    id: "beauty.co2-per-gdp",
    subIndex: "beauty.carbon-reduction",
    name: { zh: "单位 GDP 二氧化碳排放", en: "CO2 emissions per unit of GDP" },
    unit: { zh: "吨/万元", en: "t per 10,000 yuan" },
    goalpost: { worst: 2.0, best: 0.2 },
  },
  {
    id: "beauty.non-fossil-energy-share",
    subIndex: "beauty.carbon-reduction",
    name: { zh: "非化石能源占一次能源消费比重", en: "Non-fossil share of primary energy" },
    unit: share,
    format: "percent",
    goalpost: { worst: 0, best: 0.6 },
  },
  {
    id: "beauty.pm25-annual-mean",
    subIndex: "beauty.pollution-reduction",
    name: { zh: "PM2.5 年均浓度", en: "PM2.5 annual mean" },
    unit: { zh: "微克/立方米", en: "µg/m³" },
    goalpost: { worst: 75, best: 5 },
  },
  {
    id: "ecology.good-air-days-share",
    subIndex: "beauty.pollution-reduction",
    name: { zh: "空气质量优良天数比率", en: "Share of days with good air quality" },
    unit: share,
    format: "percent",
    goalpost: { worst: 0.5, best: 1 },
  },
  {
    id: "ecology.surface-water-good-share",
    subIndex: "beauty.pollution-reduction",
    name: { zh: "地表水 III 类及以上水质断面比例", en: "Share of surface water of class III or better" },
    unit: share,
    format: "percent",
    goalpost: { worst: 0.5, best: 1 },
  },
  {
    id: "ecology.forest-coverage",
    subIndex: "beauty.green-expansion",
    name: { zh: "森林覆盖率", en: "Forest coverage" },
    unit: share,
    format: "percent",
    goalpost: { worst: 0, best: 0.6 },
  },
  {
    id: "beauty.built-up-green-coverage",
    subIndex: "beauty.green-expansion",
    name: { zh: "建成区绿化覆盖率", en: "Green coverage of built-up areas" },
    unit: share,
    format: "percent",
    goalpost: { worst: 0.3, best: 0.5 },
  },
  {
    id: "beauty.gdp-per-capita",
    subIndex: "beauty.growth",
    name: { zh: "人均地区生产总值", en: "GDP per capita" },
    unit: { zh: "元", en: "yuan" },
    goalpost: { worst: 20_000, best: 200_000 },
  },
  {
    id: "beauty.labour-productivity",
    subIndex: "beauty.growth",
    name: { zh: "全员劳动生产率", en: "Labour productivity" },
    unit: { zh: "元/人", en: "yuan per employed person" },
    goalpost: { worst: 50_000, best: 400_000 },
  },
] as const satisfies ReadonlyArray<BaseIndicator>

/** Base indicator ids. */
export type BaseIndicatorId = (typeof baseIndicators)[number]["id"]

/** The ids of the base indicators this plugin declares (the others are ecology's). */
export type OwnBaseIndicatorId = Extract<BaseIndicatorId, `beauty.${string}`>

/** Whether a base indicator is this plugin's own (declared here) rather than one of `ecologyFigures`. */
export const isOwnBaseIndicator = <B extends BaseIndicator>(b: B): b is Extract<B, { readonly id: OwnBaseIndicatorId }> => b.id.startsWith("beauty.")

/**
 * The 0-100 score of a value between goalposts, truncated; works for either polarity (best below worst means
 * lower is better). Throws when worst and best are equal (no scale): `makeBeautyIndex` refuses such goalposts first.
 *
 * @example
 * goalpostScore(1.1, { worst: 2.0, best: 0.2 }) // 50
 */
export const goalpostScore = (value: number, g: Goalpost): number =>
  Either.getOrThrowWith(
    goalposts(
      value,
      { lo: Math.min(g.worst, g.best), hi: Math.max(g.worst, g.best) },
      g.best > g.worst ? "higher-is-better" : "lower-is-better",
    ),
    (e) => new Error(e.message),
  )

/** The indicator definition of a base indicator: its direction and valid range follow from its goalposts. */
export const baseIndicatorDefinition = (b: BaseIndicator & { readonly id: OwnBaseIndicatorId }): IndicatorDefinition<OwnBaseIndicatorId, never> => ({
  id: b.id,
  kind: "observed",
  name: b.name,
  unit: b.unit,
  direction: b.goalpost.best > b.goalpost.worst ? "higher-is-better" : "lower-is-better",
  range: b.format === "percent" ? { min: 0, max: 1 } : { min: 0 },
  decimals: b.format === "percent" ? 3 : 2,
  ...(b.format ? { format: b.format } : {}),
})

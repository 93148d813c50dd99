/**
 * The labels of the members' overview and its map, in Chinese and English.
 */
import type { I18nText } from "@tijian/core"
import type { Trend } from "./overview.js"

/** A glyph per trend; the text beside it says the same. */
export const trendGlyphs: Readonly<Record<Trend, string>> = { better: "↑", same: "→", worse: "↓" }

/** Trends, with the year compared with. */
export const trendLabels: Readonly<Record<Trend, (from: number) => I18nText>> = {
  better: (from) => ({ zh: `好于${from}年`, en: `better than ${from}` }),
  same: (from) => ({ zh: `与${from}年持平`, en: `same as ${from}` }),
  worse: (from) => ({ zh: `差于${from}年`, en: `worse than ${from}` }),
}

/** Trends in the legend. */
export const trendLegend: Readonly<Record<Trend, I18nText>> = {
  better: { zh: "较上期改善（按指标的优劣方向）", en: "better than the previous value (in the indicator's better direction)" },
  same: { zh: "与上期持平（按指标的小数位）", en: "unchanged at the indicator's decimals" },
  worse: { zh: "较上期退步", en: "worse than the previous value" },
}

/** Fixed labels of the overview. */
export const overviewText = {
  overview: { zh: "成员总览", en: "Overview of members" },
  childrenOverview: { zh: "下级地区总览", en: "Overview of the regions within" },
  overviewIntro: {
    zh: "每格为该成员本身的进展状态（符号与文字）和较上期的走势（箭头）；点击进入该成员的报告。",
    en: "Each cell gives the member's own progress status (glyph and text) and its trend against its previous value (arrow); follow a cell to the member's report.",
  },
  member: { zh: "成员", en: "Member" },
  legend: { zh: "图例", en: "Legend" },
  statusLegend: { zh: "状态", en: "Status" },
  trendLegend: { zh: "走势", en: "Trend" },
  noTrend: { zh: "无可比较的上期数值", en: "no earlier value to compare with" },
  leftOut: { zh: "成员均无数值、未列入总览的指标", en: "Indicators left out (no member has a value)" },
  map: { zh: "地图", en: "Map" },
  mapIndicator: { zh: "地图指标", en: "Indicator on the map" },
  mapBy: { zh: "着色依据", en: "Colour by" },
  byStatus: { zh: "进展状态", en: "progress status" },
  byValue: { zh: "数值", en: "value" },
  show: { zh: "显示", en: "Show" },
  noValue: { zh: "无数值", en: "no value" },
  noBoundary: { zh: "未登记边界的成员", en: "Members without a registered boundary" },
  projectionNote: {
    zh: "等距圆柱投影（经度按中间纬度的余弦缩放），边界已为显示简化；仅示意，不作为界线依据。",
    en: "Equirectangular projection (longitude scaled by the cosine of the middle latitude); boundaries simplified for display; illustrative, not an authoritative boundary.",
  },
  openOverview: { zh: "打开成员总览与地图", en: "Open the overview and map" },
  backToReport: { zh: "返回报告", en: "Back to the report" },
} as const satisfies Readonly<Record<string, I18nText>>

/** Labels with values filled in. */
export const overviewPhrases = {
  title: (scope: I18nText, year: number, kind: "members" | "children"): I18nText =>
    kind === "members"
      ? { zh: `${scope.zh} ${year} 年成员总览`, en: `${scope.en}: overview of members ${year}` }
      : { zh: `${scope.zh} ${year} 年下级地区总览`, en: `${scope.en}: overview of the regions within, ${year}` },
  noMemberValues: (kind: "members" | "children", year: number): I18nText =>
    kind === "members"
      ? { zh: `没有成员有 ${year} 年的数值：`, en: `No member has a value for ${year}:` }
      : { zh: `下级地区均无 ${year} 年的数值：`, en: `No region within has a value for ${year}:` },
  leftOutCount: (n: number): I18nText => ({ zh: `${n} 个指标`, en: `${n} indicators` }),
  mapCaption: (indicator: I18nText, by: "status" | "value", year: number): I18nText => ({
    zh: `${year} 年各成员${indicator.zh}${by === "status" ? "进展状态" : "数值"}`,
    en: `${indicator.en} by member, ${year}: ${by === "status" ? "progress status" : "value"}`,
  }),
  unitAndDirection: (unit: I18nText, direction: I18nText): I18nText => ({
    zh: unit.zh ? `（${unit.zh}，${direction.zh}）` : `（${direction.zh}）`,
    en: unit.en ? ` (${unit.en}; ${direction.en})` : ` (${direction.en})`,
  }),
  cellLabel: (member: I18nText, indicator: I18nText): I18nText => ({ zh: `${member.zh}：${indicator.zh}`, en: `${member.en}: ${indicator.en}` }),
  valueRange: (from: string, to: string): I18nText => ({ zh: `${from} 至 ${to}`, en: `${from} to ${to}` }),
} as const satisfies Readonly<Record<string, (...args: never[]) => I18nText>>

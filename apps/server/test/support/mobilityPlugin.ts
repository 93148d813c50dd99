/**
 * A plugin with dimensions for the breakdown tests (issue #21): green travel share (0..1, two decimals) by mode,
 * additive (metro, bus and bike make up the total); average commute time (minutes) by purpose, not additive (an
 * average of the work trips is no part of the total's average); trips (no dimensions).
 */
import { definePlugin } from "@tijian/core"

const t = (en: string, zh: string) => ({ zh, en })

/** Green travel share (0..1, two decimals) by mode, additive: the breakdown tests' indicator, shared by their plugins. */
export const greenShare = {
  id: "mob.green-share",
  kind: "observed",
  name: t("green travel share", "绿色出行比例"),
  unit: t("share of trips", "出行比例"),
  direction: "higher-is-better",
  decimals: 2,
  range: { min: 0, max: 1 },
  format: "percent",
  dimensions: [
    {
      id: "mode",
      name: t("mode", "方式"),
      additive: true,
      codes: [
        { code: "metro", name: t("metro", "地铁") },
        { code: "bus", name: t("bus", "公交") },
        { code: "bike", name: t("bike", "自行车") },
      ],
    },
  ],
} as const

export const mobility = definePlugin({
  id: "mob",
  version: "0.0.0",
  name: t("mobility", "出行"),
  indicators: [
    greenShare,
    {
      id: "mob.commute-minutes",
      kind: "observed",
      name: t("average commute time", "平均通勤时间"),
      unit: t("minutes", "分钟"),
      direction: "lower-is-better",
      decimals: 1,
      range: { min: 0 },
      dimensions: [
        {
          id: "purpose",
          name: t("purpose", "目的"),
          codes: [
            { code: "work", name: t("work", "上班") },
            { code: "school", name: t("school", "上学") },
          ],
        },
      ],
    },
    { id: "mob.trips", kind: "observed", name: t("trips", "出行量"), unit: t("million trips", "百万人次"), direction: "neutral", decimals: 1, range: { min: 0 } },
  ],
})

/**
 * A plugin whose indicator is broken down and has targets on breakdowns (issue #21), for the tests of breakdowns in reports: green travel share
 * (0..1, shown as %) by mode (additive: metro, bus, bike) and by purpose (not additive), weighted by trips in a
 * group; targets on two modes, metro binding.
 */
import { definePlugin } from "@tijian/core"

const t = (en: string, zh: string) => ({ zh, en })
const plan = t("Mobility plan", "综合交通规划")

export const mobilityPlugin = definePlugin({
  id: "mob",
  version: "0.0.0",
  name: t("Mobility", "出行"),
  appliesTo: { levels: ["region", "province", "city", "county", "group"] },
  indicators: [
    {
      id: "mob.green-share",
      kind: "observed",
      name: t("Green travel share", "绿色出行比例"),
      unit: t("share of trips", "出行比例"),
      direction: "higher-is-better",
      decimals: 3,
      range: { min: 0, max: 1 },
      format: "percent",
      aggregate: { rule: "weighted-mean", weight: "mob.trips" },
      dimensions: [
        {
          id: "mode",
          name: t("mode", "方式"),
          additive: true,
          codes: [
            { code: "metro", name: t("Metro", "地铁") },
            { code: "bus", name: t("Bus", "公交") },
            { code: "bike", name: t("Bike", "自行车") },
          ],
        },
        {
          id: "purpose",
          name: t("purpose", "目的"),
          codes: [
            { code: "work", name: t("Commuting", "通勤") },
            { code: "other", name: t("Other", "其他") },
          ],
        },
      ],
    },
    { id: "mob.trips", kind: "observed", name: t("Trips", "出行量"), unit: t("million trips", "百万人次"), direction: "neutral", decimals: 1, aggregate: { rule: "sum" } },
  ],
  targets: [
    { indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.75, dueYear: 2035, binding: false, source: plan },
    { indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.3, dueYear: 2025, binding: true, source: plan, dimensions: { mode: "metro" } },
    { indicator: "mob.green-share", scope: "*", kind: "at-least", value: 0.3, dueYear: 2025, binding: false, source: plan, dimensions: { mode: "bus" } },
  ],
})

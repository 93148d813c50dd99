/**
 * A plugin with an additive dimension of severity `warning` for the breakdown-sum tests (issue #21): a travel
 * survey's green travel share (0..1, two decimals) by mode, whose modes are sampled apart from the total and so
 * need not add up to it exactly: a sum that does not add up is stored and reported, not refused.
 */
import { definePlugin } from "@tijian/core"

const t = (en: string, zh: string) => ({ zh, en })

export const mobilitySurvey = definePlugin({
  id: "mob-survey",
  version: "0.0.0",
  name: t("mobility survey", "出行调查"),
  indicators: [
    {
      id: "mob-survey.green-share",
      kind: "observed",
      name: t("green travel share (survey)", "绿色出行比例(调查)"),
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
          severity: "warning",
          codes: [
            { code: "metro", name: t("metro", "地铁") },
            { code: "bus", name: t("bus", "公交") },
            { code: "bike", name: t("bike", "自行车") },
          ],
        },
      ],
    },
  ],
})

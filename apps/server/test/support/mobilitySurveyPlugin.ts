/**
 * A plugin with an additive dimension of severity `warning` for the breakdown-sum tests (issue #21): a travel
 * survey's green travel share (0..1, two decimals) by mode, whose modes are sampled apart from the total and so
 * need not add up to it exactly: a sum that does not add up is stored and reported, not refused.
 */
import { definePlugin } from "@tijian/core"
import { greenShare } from "./mobilityPlugin.js"

const t = (en: string, zh: string) => ({ zh, en })

export const mobilitySurvey = definePlugin({
  id: "mob-survey",
  version: "0.0.0",
  name: t("mobility survey", "出行调查"),
  indicators: [
    {
      ...greenShare,
      id: "mob-survey.green-share",
      name: t("green travel share (survey)", "绿色出行比例(调查)"),
      dimensions: [{ ...greenShare.dimensions[0], severity: "warning" }],
    },
  ],
})

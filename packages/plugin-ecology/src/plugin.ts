/**
 * The ecology plugin: ecological protection redline integrity ("area not reduced, function not lowered, nature
 * not changed") computed from polygons, with the Demonstration Zone's binding redline area, and the sewage, air
 * and water figures agencies register.
 */
import { definePlugin } from "@tijian/core/plugin"
import { createRequire } from "node:module"
import { observedIndicators, redlineIndicators } from "./indicators.js"
import { methodology } from "./methodology.js"
import { redlineIntegrity } from "./redlineIntegrity.js"

// The plugin's version is its package's, so a release (pnpm version-packages) updates both.
const { version } = createRequire(import.meta.url)("../package.json") as { readonly version: string }

const roundtable = "Roundtable 'High-quality integration in the YRD: what can planning do' (Journal of Urban Planning)"

const redlineRule = {
  zh: "《关于划定并严守生态保护红线的若干意见》（2017）：生态功能不降低、面积不减少、性质不改变",
  en: "Opinions on delineating and strictly observing ecological protection redlines (2017): function not lowered, area not reduced, nature not changed",
}

const controlLines = {
  zh: "《关于在国土空间规划中统筹划定落实三条控制线的指导意见》（2019）：生态保护红线内原则上禁止开发性、生产性建设活动",
  en: "Guidance on delineating the three control lines in territorial spatial planning (2019): no development or production construction inside the ecological protection redline in principle",
}

/** The ecology plugin. */
export const ecology = definePlugin({
  id: "ecology",
  version,
  coreVersion: "^0.1.0",
  name: { zh: "生态保护红线", en: "Ecological protection redlines" },
  description: {
    zh: "面积不减少、功能不降低、性质不改变；三省一市的红线在边界处无缝衔接",
    en: "Area not reduced, function not lowered, nature not changed; the redlines of three provinces and one city join at their borders",
  },
  // Redlines are drawn by the provinces and checked for the whole plan area; the Demonstration Zone's master plan
  // checks its redlines too (not the basin-wide water and air figures).
  appliesTo: { levels: ["region", "province"] },
  indicators: [...redlineIndicators.map((i) => ({ ...i, appliesTo: { groups: ["DEMO-ZONE"] } })), ...observedIndicators],
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
    {
      indicator: "ecology.redline-area-retention",
      scope: "*",
      kind: "at-least",
      value: 1,
      dueYear: 2035,
      binding: true,
      source: redlineRule,
    },
    {
      indicator: "ecology.redline-new-encroachment-km2",
      scope: "*",
      kind: "at-most",
      value: 0,
      dueYear: 2035,
      binding: true,
      source: controlLines,
    },
  ],
  referenceData: {
    observations: [
      { indicator: "ecology.sewage-discharge", region: "YRD", year: 2022, value: 13.6, source: roundtable, note: "more than 13.6 billion t (136 亿吨), 21.4% of the national total" },
      { indicator: "ecology.sewage-discharge-national-share", region: "YRD", year: 2022, value: 0.214, source: roundtable },
      { indicator: "ecology.sewage-per-capita-vs-national", region: "YRD", year: 2022, value: 1.3, source: roundtable, note: "per-capita discharge about 1.3 times the national average" },
    ],
  },
  methodology,
  calculators: [redlineIntegrity],
})

/**
 * The regional rail plugin. This first slice registers the published figures the planners cited: the share of
 * high-speed-rail trains that start or end in a city. The commuting-circle indicators computed from GTFS and
 * population data arrive with the rail calculators.
 */
import { definePlugin } from "@tijian/core"

const source = "Roundtable 'High-quality integration in the YRD: what can planning do' (Journal of Urban Planning)"

/** The rail plugin. */
export const rail = definePlugin({
  id: "rail",
  version: "0.1.0",
  name: { zh: "区域轨道交通", en: "Regional rail" },
  description: {
    zh: "以通勤圈而非单纯客流评价区域轨道交通",
    en: "Regional rail judged by the commuting circle it creates, not by ridership alone",
  },
  indicators: [
    {
      id: "rail.hsr-origin-terminal-share",
      kind: "observed",
      name: { zh: "高铁始发终到列车占比", en: "Share of HSR trains starting or ending in the city" },
      description: {
        zh: "在该城市始发或终到的高铁列车占经停列车的比例，反映城市在网络中的枢纽地位",
        en: "Share of the high-speed trains serving the city that start or end there: the city's role as a hub",
      },
      unit: { zh: "比例", en: "share" },
      format: "percent",
      direction: "band",
      range: { min: 0, max: 1 },
      decimals: 2,
    },
  ],
  referenceData: {
    observations: [
      { indicator: "rail.hsr-origin-terminal-share", region: "310000", year: 2021, value: 0.8, source, note: "Shanghai: close to 80%" },
      { indicator: "rail.hsr-origin-terminal-share", region: "320100", year: 2021, value: 0.2, source, note: "provincial capital: about 20%" },
      { indicator: "rail.hsr-origin-terminal-share", region: "330100", year: 2021, value: 0.2, source, note: "provincial capital: about 20%" },
      { indicator: "rail.hsr-origin-terminal-share", region: "340100", year: 2021, value: 0.2, source, note: "provincial capital: about 20%" },
      { indicator: "rail.hsr-origin-terminal-share", region: "320500", year: 2021, value: 0.01, source, note: "Suzhou (Jiangsu): only about 1%" },
    ],
  },
  methodology: {
    zh: "始发终到占比为公布数据；通勤圈覆盖指标将由 GTFS 时刻表与人口数据计算。",
    en: "Origin/terminal shares are published figures; commuting-circle coverage will be computed from GTFS timetables and population data.",
  },
})

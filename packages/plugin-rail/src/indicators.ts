/**
 * The rail plugin's indicators. Shares are 0..1 (shown as %); ridership in person-trips per day; spacing in km.
 * Every indicator is observed: registered by an agency or computed by one of the plugin's calculators, each value
 * stored with its provenance.
 */
import type { IndicatorDefinition } from "@tijian/core/plugin"
import { commuteCityDimension } from "./cityDimension.js"

const share = { unit: { zh: "比例", en: "share" }, format: "percent", range: { min: 0, max: 1 }, decimals: 4 } as const

/** Ids of the rail indicators. */
export type RailIndicatorId =
  | "rail.station-catchment-population-share"
  | "rail.station-catchment-jobs-share"
  | "rail.one-hour-commute-population-share"
  | "rail.jobs-accessible-45min-share"
  | "rail.jobs-accessible-60min-share"
  | "rail.line-daily-ridership"
  | "rail.origin-terminal-share"
  | "rail.mean-station-spacing-km"

/** The indicator definitions. */
export const railIndicators: ReadonlyArray<IndicatorDefinition<RailIndicatorId, RailIndicatorId>> = [
  {
    id: "rail.station-catchment-population-share",
    kind: "observed",
    name: { zh: "站点覆盖人口比例", en: "Population share within station catchments" },
    description: {
      zh: "居住在轨道站点步行范围（默认 800 米，按 WGS84 椭球面测地线距离）内的人口占区域人口的比例",
      en: "Share of the region's population living within walking distance of a rail station (default 800 m, geodesic distance on the WGS84 ellipsoid)",
    },
    direction: "higher-is-better",
    ...share,
  },
  {
    id: "rail.station-catchment-jobs-share",
    kind: "observed",
    name: { zh: "站点覆盖就业岗位比例", en: "Jobs share within station catchments" },
    description: {
      zh: "位于轨道站点步行范围内的就业岗位占区域岗位的比例",
      en: "Share of the region's jobs within walking distance of a rail station",
    },
    direction: "higher-is-better",
    ...share,
  },
  {
    id: "rail.one-hour-commute-population-share",
    kind: "observed",
    name: { zh: "1 小时通勤圈人口比例", en: "Population share within a one-hour rail commute of the core" },
    description: {
      zh: "门到门（步行接驳、候车、乘车、换乘）到达核心城市中心站的时间中位数不超过 60 分钟的人口占区域人口的比例",
      en: "Share of the region's population whose median door-to-door time to the core city's centre station (walk, wait, ride, transfers) is at most 60 minutes",
    },
    direction: "higher-is-better",
    ...share,
    // by the city of the population points: each city's own share, not additive (see the README)
    dimensions: [commuteCityDimension],
  },
  {
    id: "rail.jobs-accessible-45min-share",
    kind: "observed",
    name: { zh: "45 分钟可达就业岗位比例", en: "Jobs reachable by rail within 45 minutes" },
    description: {
      zh: "按人口加权，居民乘轨道交通 45 分钟内（门到门，时间窗中位数）可达的就业岗位占区域岗位的平均比例",
      en: "Population-weighted mean share of the region's jobs a resident reaches by rail within 45 minutes door to door (median over the departure window)",
    },
    direction: "higher-is-better",
    ...share,
  },
  {
    id: "rail.jobs-accessible-60min-share",
    kind: "observed",
    name: { zh: "60 分钟可达就业岗位比例", en: "Jobs reachable by rail within 60 minutes" },
    description: {
      zh: "按人口加权，居民乘轨道交通 60 分钟内（门到门，时间窗中位数）可达的就业岗位占区域岗位的平均比例",
      en: "Population-weighted mean share of the region's jobs a resident reaches by rail within 60 minutes door to door (median over the departure window)",
    },
    direction: "higher-is-better",
    ...share,
  },
  {
    id: "rail.line-daily-ridership",
    kind: "observed",
    name: { zh: "线路日均客流", en: "Line daily ridership" },
    description: {
      zh: "一条区域（市域、城际）轨道线路的日均客运量；区域线路宜在 10 万至 30 万人次/日之间",
      en: "Mean daily person-trips of one regional (suburban / inter-city) rail line; a regional line ideally carries 100,000-300,000 a day",
    },
    unit: { zh: "人次/日", en: "person-trips/day" },
    direction: "band",
    range: { min: 0 },
    decimals: 0,
  },
  {
    id: "rail.origin-terminal-share",
    kind: "observed",
    name: { zh: "始发终到列车占比", en: "Share of trains starting or ending at the city's stations" },
    description: {
      zh: "在城市主要车站始发或终到的列车占经停该站列车的比例（按服务日），反映城市在网络中的枢纽地位",
      en: "Share of the trains calling at the city's main station(s) that start or end there, per service day: the city's role as a hub",
    },
    direction: "band",
    ...share,
  },
  {
    id: "rail.mean-station-spacing-km",
    kind: "observed",
    name: { zh: "平均站间距", en: "Mean station spacing" },
    description: {
      zh: "线路相邻车站间的平均直线（WGS84 测地线）距离；市域（郊）铁路原则上不小于 3 公里",
      en: "Mean geodesic (WGS84) distance between consecutive stations of a line; suburban lines should average at least 3 km",
    },
    unit: { zh: "千米", en: "km" },
    direction: "higher-is-better",
    range: { min: 0 },
    decimals: 2,
  },
]

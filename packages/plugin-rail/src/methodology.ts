/**
 * How the rail plugin's figures are made, shown in the report's methodology notes (zh and en).
 */
import type { I18nText } from "@tijian/core/plugin"

/** The methodology text. */
export const railMethodology: I18nText = {
  zh: [
    "区域轨道交通以其形成的通勤圈评价，而非仅看客流。各指标可由机构登记，或由本插件的计算器从 GTFS 时刻表、人口/岗位点或栅格、线路客流 CSV 计算；计算值保存为带来源的观测值（计算器、插件版本、各输入文件 SHA-256、参数）。",
    "距离：WGS84 坐标，WGS84 椭球面测地线距离（Karney 算法，geographiclib）；半径查询用 kdbush/geokdbush 空间索引。",
    "站点覆盖：与任一有列车停靠的站点距离不超过半径（默认 800 米，含边界）的人口（岗位）占区域总量的比例；区域总量即输入文件之和。",
    "1 小时通勤圈：对服务日时刻表运行 RAPTOR（轮次即乘车次数；同站换乘最短时间默认 2 分钟，transfers.txt 可要求更长；同一车站的站台之间及 transfers.txt 的步行换乘；前一服务日 24:00 以后的车次计入）。门到门时间 = 步行接驳（默认 1.2 米/秒、800 米内任一站点）+ 候车 + 车内 + 换乘；在出发时间窗内（默认 07:00-09:00，每分钟）取中位数，不超过 60 分钟的人口计入。默认方向为居住地到核心中心站（用时间反向的时刻表做区间 RAPTOR，精确到秒），也可计算自核心出发。",
    "岗位可达性：每个人口点与岗位点归属其最近站点；45 / 60 分钟内可达岗位数取时间窗中位数，按人口加权求区域平均的岗位占比。",
    "线路日均客流：该年份（可仅工作日）各日客流均值，与 10 万-30 万人次/日区间比较（杨东援）。始发终到占比：服务日内在区域主要车站始发或终到的列车 / 经停列车，一列车只计一次；2021 年公布值（上海约 80%、省会约 20%、苏州约 1%，高铁）为参考值。平均站间距：每条线路最常见停站序列的相邻车站大圆距离平均值，区域值为所选线路全部区间的平均；市域（郊）铁路原则上不小于 3 公里。",
    "假设：目标到期年 2035 为本插件假设；人口点无 800 米内站点即视为轨道不可达；超过 maxTravelMin（默认 120 分钟）视为不可达；frequencies.txt 及按车次指定的换乘不使用。",
  ].join(""),
  en: [
    "Regional rail is judged by the commuting circle it creates, not by ridership alone. Each indicator is registered by an agency or computed by this plugin's calculators from a GTFS timetable, population / jobs points or grids and a ridership CSV; computed values are stored as observations whose source records the calculator, plugin version, each input's SHA-256 and the parameters. ",
    "Distances: WGS84 coordinates, geodesic distance on the WGS84 ellipsoid (Karney's algorithm, geographiclib); radius queries use a kdbush / geokdbush spatial index. ",
    "Station catchment: the share of population (jobs) within the radius (default 800 m, inclusive) of any served station; the region's total is the sum of the input file. ",
    "One-hour commute: RAPTOR over the service day's timetable (rounds = trips; a least change time at a stop, default 2 min, raised by transfers.txt; walking transfers between platforms of a station and from transfers.txt; trips of the previous service day running past 24:00 included). Door-to-door time = walk access (default 1.2 m/s, to any station within 800 m) + wait + in-vehicle + transfers, median over the departure window (default 07:00-09:00, every minute); population with a median of at most 60 minutes counts. By default from homes to the core's centre station(s) (range RAPTOR on the time-reversed timetable, exact to the second); from the core outwards on request. ",
    "Job accessibility: each population and job point is assigned to its nearest station; jobs reachable within 45 / 60 minutes (median over the window), as a population-weighted mean share of the region's jobs. ",
    "Line daily ridership: mean over the year's days (optionally weekdays), judged against 100,000-300,000 person-trips a day (Yang Dongyuan). Origin/terminal share: trains starting or ending at the region's main station(s) / trains calling there, per service day, each train counted once; the published 2021 high-speed-rail shares (Shanghai ~80%, provincial capitals ~20%, Suzhou ~1%) are reference values. Mean station spacing: great-circle distance between consecutive stations of each line's most frequent stop sequence, the region's value averaging every segment of the selected lines; suburban lines should average at least 3 km. ",
    "Assumptions: the due year 2035 is this plugin's; a population point with no station within 800 m cannot reach rail; journeys beyond maxTravelMin (default 120 min) count as unreachable; frequencies.txt and trip-specific transfers are not used.",
  ].join(""),
}

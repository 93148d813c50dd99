/**
 * The ecology plugin's methodology note, shown in the report: how each figure is computed and what it assumes.
 */
import type { I18nText } from "@tijian/core/plugin"

/** The methodology note (zh and en). */
export const methodology: I18nText = {
  zh: [
    "红线指标由计算器 ecology.redline-integrity 从各机构持有的多边形（GeoJSON，WGS84 经纬度）计算，也可直接登记。",
    "面积：投影到以边界范围中心为中心的 WGS84 椭球兰伯特等积方位投影后按平面计算（县级范围的多边形与 geographiclib 椭球测地面积相差不超过 0.001%）；坐标投影后吸附到 0.1 毫米格网再叠加（polygon-clipping，在工作线程中运行，有时间上限）。",
    "各地区的面积按行政区边界归属；红线要素重叠部分只计一次。保有率 = 当年红线面积 ÷ 基线年红线面积（约束性：不低于 100%）。",
    "侵占 = 当年建设用地落在基线年红线内的面积；新增侵占再扣除基线年已是建设用地的部分（约束性：不得新增）。",
    "自然用地比例 = 当年红线内林地、草地、湿地、水域占有地类数据部分的比例；转移矩阵给出基线红线内各地类的去向。",
    "接缝：相距不超过 10 米（默认）的两地边界视为共同边界；相邻地区各自划定的红线相互重叠的面积为重叠；共同边界两侧各 100 米（默认）接缝带内两侧红线相对而未衔接的部分为缝隙，并给出缝隙最宽处与沿边界长度；只有一侧红线到达接缝带的地段在说明中列出。基线年与当年红线的接缝在同一次计算中列出，数值只给当年。接缝计入双方地区，合计时每条接缝计一次。边界相互重叠或留有缝隙作为边界数据问题列出，重叠部分归区划代码较小的地区。",
    "污水排放量、空气质量优良天数比率、地表水 III 类及以上断面比例、森林覆盖率由各机构直接登记；后三项只归本插件所有，美丽城市群指数和示范区规划读取它们（一个数据只登记一次）。",
  ].join(""),
  en: [
    "Redline indicators are computed by the calculator ecology.redline-integrity from the polygons agencies hold (GeoJSON, WGS84 lon/lat), or registered directly. ",
    "Areas: planar areas after projecting to a Lambert azimuthal equal-area projection on the WGS84 ellipsoid centred on the boundaries (county-sized polygons within 0.001% of geographiclib's ellipsoidal geodesic areas); coordinates are snapped to a 0.1 mm grid after projection and before overlay (polygon-clipping, run in a worker thread with a time budget). ",
    "Each region's figures are attributed by its boundary; overlapping redline features count once. Retention = current redline area / baseline redline area (binding: not below 100%). ",
    "Encroachment = construction land of the year inside the baseline redline; new encroachment leaves out what was already construction land in the baseline year (binding: none). ",
    "Natural land share = forest, grassland, wetland and water as a share of the classified part of the current redline; the conversion matrix shows what each class inside the baseline redline became. ",
    "Seams: boundaries within 10 m (default) of each other form a shared border; where two neighbouring regions' own redlines overlap is an overlap; where both reach a band (default 100 m each side) along their shared border but leave ground between them uncovered is a gap, reported with its widest point and its length along the border; stretches where only one redline reaches the band are listed in the notes. The baseline and current redlines' seams are listed in one run; values are for the run's year only. A seam counts for both regions and once in a total. Boundaries that overlap or leave gaps are listed as boundary data problems; overlapping ground goes to the region with the lower code. ",
    "Sewage discharge, the share of good-air days, the share of surface-water sections of class III or better and forest coverage are registered " +
      "by agencies; the last three are this plugin's alone, and the beauty index and the Demonstration Zone plan read them (one figure, registered once).",
  ].join(""),
}

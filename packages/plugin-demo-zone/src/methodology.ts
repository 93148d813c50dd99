/**
 * How the Demonstration Zone plugin reads the master plan, shown in the report's methodology notes.
 */
import type { I18nText } from "@tijian/core/plugin"

/** The methodology note. */
export const demoZoneMethodology: I18nText = {
  zh:
    "目标来自《长三角生态绿色一体化发展示范区国土空间总体规划（2021—2035年）》，期限 2035 年，基期 2020 年，适用于示范区整体。" +
    "约束性指标：耕地保有量不低于 76.6 万亩、永久基本农田不低于 66.54 万亩、城镇开发边界面积不超过 647.6 平方千米、建设用地总规模不超过 803.6 平方千米；" +
    "生态保护红线面积不低于 143.32 平方千米由生态保护红线插件的指标 ecology.redline-area-km2 评价，不重复定义。" +
    "预期性指标：蓝绿空间占比不低于 66%、河湖水面率不低于 20.6%、森林覆盖率大于 12%、人均公园绿地面积 15 平方米、绿色出行比例 80%。" +
    "“大于 12%”按不低于 12.01% 评价（该指标精度为 0.01 个百分点）；“15 平方米”“80%”按不低于评价。" +
    "每个指标只用一种单位登记：耕地与永久基本农田以亩计，其余面积以平方千米计，比例以 0..1 登记、以百分比显示；1 平方千米 = 1500 亩。" +
    "示范区的面积指标未直接登记时为青浦、吴江、嘉善三地之和；比例指标需直接登记示范区的值。" +
    "参考数据：2020 年基期值取自规划；2025 年的河湖水面率、空气质量优良天数比率和地表水 III 类及以上断面比例取自 2025 年度体检评估报告，按报告年度记为 2025 年。",
  en:
    "Targets are from the Demonstration Zone territorial master plan 2021-2035: due 2035, base year 2020, for the Zone as a whole. " +
    "Binding: cultivated land at least 766,000 mu, permanent basic farmland at least 665,400 mu, the area inside the urban development " +
    "boundary at most 647.6 km², construction land at most 803.6 km²; the ecological redline of at least 143.32 km² is evaluated on the " +
    "ecology plugin's indicator ecology.redline-area-km2, not declared twice. Expected: blue-green space at least 66%, water-surface ratio " +
    "at least 20.6%, forest coverage above 12%, park green space 15 m² per resident, green travel 80%. \"Above 12%\" is evaluated as at " +
    "least 12.01% (the indicator's precision is 0.01 percentage point); \"15 m²\" and \"80%\" as floors. Each indicator is registered in " +
    "one unit: cultivated land and farmland in mu, other areas in km², ratios as 0..1 shown as %; 1 km² = 1,500 mu. Where the Zone's area " +
    "totals are not registered directly they are the sum of Qingpu, Wujiang and Jiashan; its ratios must be registered for the Zone. " +
    "Reference data: the 2020 base values are the plan's; the 2025 water-surface ratio, good-air-day rate and share of surface water of " +
    "class III or better are from the physical-examination report for 2025, recorded under the year 2025.",
}

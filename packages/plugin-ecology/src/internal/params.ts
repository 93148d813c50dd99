/**
 * The redline calculator's parameters as a Schema (defaults, bilingual descriptions, ranges in the units a
 * natural-resources analyst uses), and the checks that need the run (a baseline year before the run's year).
 */
import { CalculatorError, param, Params } from "@tijian/core/plugin"
import { Schema } from "effect"

/** The parameters, as the calculator declares them. */
export const redlineParams = Schema.Struct({
  baselineYear: param(Params.Integer.pipe(Params.within(1949, 2100)), {
    zh: "基线年份（基线红线与基线建设用地的年份）",
    en: "Year of the baseline redline and baseline construction land",
    default: 2020,
  }),
  regionField: param(Params.Text, { zh: "红线与边界要素中区划代码的属性名", en: "Property holding the region code in redline and boundary features", default: "region" }),
  typeField: param(Params.Text, {
    zh: "当年红线要素中红线类型的属性名（如 水源涵养；无此属性时只计算总面积）",
    en: "Property holding the redline type in current redline features (e.g. water-conservation; without it only the total area is computed)",
    default: "type",
  }),
  classField: param(Params.Text, { zh: "土地利用要素中地类的属性名", en: "Property holding the class in land-use features", default: "class" }),
  snapM: param(Params.Metres.pipe(Params.within(0.000001, 1)), {
    zh: "叠加前坐标吸附的格网（米，投影坐标）",
    en: "Grid (m, projected) every coordinate is snapped to before overlay",
    default: 0.0001,
  }),
  borderToleranceM: param(Params.Metres.pipe(Params.within(0.001, 1000)), {
    zh: "共同边界容差（米）：两地行政区边界相距不超过此距离的部分视为共同边界",
    en: "Border tolerance (m): where two regions' boundaries run this close, they count as a shared border",
    default: 10,
  }),
  seamBandM: param(Params.Metres.pipe(Params.within(0.001, 5000)), {
    zh: "接缝带半宽（米）：在共同边界两侧各此距离内查找两地红线，测量其间的缝隙与重叠；更宽的缝隙只报告长度",
    en: "Seam band half-width (m): how far either side of a shared border the seam check looks for the two redlines; a wider gap is reported as length only",
    default: 100,
  }),
  sliverM2: param(Params.Number.pipe(Params.within(0, 1_000_000)), {
    zh: "碎片面积阈值（平方米）：不超过此面积的接缝、边界与图层重叠视为数字化误差",
    en: "Sliver size (m²): seam, boundary and layer overlaps at or below it are treated as digitising noise",
    default: 1,
  }),
  timeoutSeconds: param(Params.Number.pipe(Params.within(0.000001, 86_400)), { zh: "叠加计算的时间上限（秒）", en: "Time budget for the overlay (s)", default: 300 }),
})

/** Typed parameter values. */
export type RedlineParams = Schema.Schema.Type<typeof redlineParams>

const bad = (name: string, message: string) =>
  new CalculatorError({ reason: "invalid-parameter", message, problems: [{ file: "params", field: name, message }] })

/**
 * Checks what the Schema cannot: the baseline year before the run's year, a seam band at least as wide as the
 * border tolerance (the band is drawn around one boundary and must reach the other), field names that are not blank.
 */
export const checkParams = (p: RedlineParams, year: number): RedlineParams => {
  if (p.baselineYear >= year) throw bad("baselineYear", `baselineYear ${p.baselineYear} must be a whole year before the run's year ${year}`)
  if (p.seamBandM < p.borderToleranceM) {
    throw bad("seamBandM", `seamBandM ${p.seamBandM} m must be at least borderToleranceM ${p.borderToleranceM} m: the band is drawn around one region's boundary and must reach the other's`)
  }
  if (p.regionField.trim() === "") throw bad("regionField", "regionField must name a property")
  if (p.classField.trim() === "") throw bad("classField", "classField must name a property")
  if (p.typeField.trim() === "") throw bad("typeField", "typeField must name a property")
  return p
}

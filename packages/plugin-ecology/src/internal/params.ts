/**
 * The redline calculator's parameters: declarations (with defaults and bilingual descriptions) and the typed,
 * range-checked values a run uses.
 */
import { CalculatorError, type CalculatorParameter, type CalculatorParams } from "@tijian/core/plugin"

/** The parameters, as the calculator declares them. */
export const redlineParameters: ReadonlyArray<CalculatorParameter> = [
  {
    name: "baselineYear",
    type: "number",
    default: 2020,
    description: { zh: "基线年份（基线红线与基线建设用地的年份）", en: "Year of the baseline redline and baseline construction land" },
  },
  {
    name: "regionField",
    type: "string",
    default: "region",
    description: { zh: "红线与边界要素中区划代码的属性名", en: "Property holding the region code in redline and boundary features" },
  },
  {
    name: "classField",
    type: "string",
    default: "class",
    description: { zh: "土地利用要素中地类的属性名", en: "Property holding the class in land-use features" },
  },
  {
    name: "snapM",
    type: "number",
    default: 0.0001,
    description: { zh: "叠加前坐标吸附的格网（米，投影坐标）", en: "Grid (m, projected) every coordinate is snapped to before overlay" },
  },
  {
    name: "seamToleranceM",
    type: "number",
    default: 10,
    description: {
      zh: "接缝容差（米）：相邻边界在此距离内视为共同边界；接缝带为共同边界两侧各此宽度",
      en: "Seam tolerance (m): boundaries this close count as a shared border; the seam band extends this far on each side",
    },
  },
  {
    name: "sliverM2",
    type: "number",
    default: 1,
    description: {
      zh: "碎片面积阈值（平方米）：不超过此面积的接缝、边界与图层重叠视为数字化误差",
      en: "Sliver size (m²): seam, boundary and layer overlaps at or below it are treated as digitising noise",
    },
  },
  {
    name: "timeoutSeconds",
    type: "number",
    default: 300,
    description: { zh: "叠加计算的时间上限（秒）", en: "Time budget for the overlay (s)" },
  },
]

/** Typed parameter values. */
export interface RedlineParams {
  readonly baselineYear: number
  readonly regionField: string
  readonly classField: string
  readonly snapM: number
  readonly seamToleranceM: number
  readonly sliverM2: number
  readonly timeoutSeconds: number
}

const bad = (name: string, message: string) =>
  new CalculatorError({ reason: "invalid-parameter", message, problems: [{ file: "params", field: name, message }] })

/** Reads the resolved parameters of a run for `year`, refusing values out of range. */
export const readParams = (params: CalculatorParams, year: number): RedlineParams => {
  const num = (name: string, fallback: number) => (typeof params[name] === "number" ? params[name] : fallback)
  const str = (name: string, fallback: string) => (typeof params[name] === "string" ? params[name] : fallback)
  const p: RedlineParams = {
    baselineYear: num("baselineYear", 2020),
    regionField: str("regionField", "region"),
    classField: str("classField", "class"),
    snapM: num("snapM", 0.0001),
    seamToleranceM: num("seamToleranceM", 10),
    sliverM2: num("sliverM2", 1),
    timeoutSeconds: num("timeoutSeconds", 300),
  }
  if (!Number.isInteger(p.baselineYear) || p.baselineYear >= year) {
    throw bad("baselineYear", `baselineYear ${p.baselineYear} must be a whole year before the run's year ${year}`)
  }
  if (!(p.snapM > 0 && p.snapM <= 1)) throw bad("snapM", `snapM ${p.snapM} must be more than 0 and at most 1 (m)`)
  if (!(p.seamToleranceM > 0 && p.seamToleranceM <= 1000)) throw bad("seamToleranceM", `seamToleranceM ${p.seamToleranceM} must be more than 0 and at most 1000 (m)`)
  if (!(p.sliverM2 >= 0)) throw bad("sliverM2", `sliverM2 ${p.sliverM2} must be 0 or more (m²)`)
  if (!(p.timeoutSeconds > 0)) throw bad("timeoutSeconds", `timeoutSeconds ${p.timeoutSeconds} must be more than 0`)
  if (p.regionField.trim() === "") throw bad("regionField", "regionField must name a property")
  if (p.classField.trim() === "") throw bad("classField", "classField must name a property")
  return p
}

/**
 * The beauty-index plugin.
 */
import { type AggregationMethod, definePlugin, type GradeBand, validateWeights } from "@tijian/core"
import { createRequire } from "node:module"
import { Either } from "effect"
import { baseIndicatorDefinition, baseIndicators, ecologyFigures, type Goalpost, isOwnBaseIndicator } from "./baseIndicators.js"
import { beautyGrades, composite, compositeReported, equalSubIndexWeights, type SubIndexId, subIndex, subIndexIds } from "./indicators.js"
import { publishedFigures } from "./referenceData.js"
import { robustnessRun } from "./robustness.js"
import { beautySection } from "./section.js"

// The plugin's version is its package's, so a release (pnpm version-packages) updates both.
const { version } = createRequire(import.meta.url)("../package.json") as { readonly version: string }

/** Options. Every default is stated in the methodology note the report shows. */
export interface BeautyIndexOptions {
  /** Due year of the target 100 (default 2035). */
  readonly dueYear?: number
  /**
   * Base year progress is measured from (default 2012, the first year of the published figures; the method's own
   * default, 2015, would leave only 2022 to judge).
   */
  readonly baselineYear?: number
  /** Weights of the sub-indices in the composite (default equal; validated: >= 0, sum 1). */
  readonly weights?: Readonly<Record<SubIndexId, number>>
  /** Arithmetic (default) or geometric mean. */
  readonly method?: AggregationMethod
  /** No composite when more than this share of sub-indices is missing (default 0.2). */
  readonly maxMissingShare?: number
  /** Grade bands (default: excellent >= 80 published; good >= 60, fair >= 40, poor below: assumed). */
  readonly grades?: ReadonlyArray<GradeBand>
  /** Goalposts of base indicators, overriding the defaults by id. */
  readonly goalposts?: Readonly<Partial<Record<string, Goalpost>>>
}

const source = { zh: "美丽长三角建设目标：各指数达到 100", en: "Beautiful YRD blueprint: every index reaches 100" }

const methodology = (o: { weights: Readonly<Record<string, number>>; method: AggregationMethod; maxMissingShare: number; dueYear: number; baselineYear: number }) => {
  const w = subIndexIds.map((id) => o.weights[id]!.toFixed(2)).join(", ")
  return {
    zh:
      `综合指数 = 四个分指数（减碳、减污、扩绿、增长）的加权${o.method === "arithmetic" ? "算术" : "几何"}平均，权重 ${w}；` +
      `缺失分指数超过 ${Math.round(o.maxMissingShare * 100)}% 时不计算综合指数。公布的综合指数并非等权平均（2022 年等权平均 80.90，公布 80.96），` +
      "报告同时列出计算值、公布值及其差值。分指数可直接登记，或由基础指标按目标值区间（goalposts，本插件的假设）标准化为 0-100 后等权平均计算；其中空气质量优良天数比率、地表水 III 类及以上水质断面比例和森林覆盖率是生态插件的指标（一个数据只有一个归属插件）。" +
      `等级：优秀 ≥ 80 来自公布文本；良好 ≥ 60、一般 ≥ 40、较差 < 40 为假设。目标：各指数 ${o.dueYear} 年达到 100（预期性），进展自 ${o.baselineYear} 年起算。`,
    en:
      `Composite = weighted ${o.method} mean of the four sub-indices (carbon reduction, pollution reduction, green expansion, growth), ` +
      `weights ${w}; no composite when more than ${Math.round(o.maxMissingShare * 100)}% of the sub-indices are missing. The published composite ` +
      "is not an equal-weight mean (2022: equal weights give 80.90, published 80.96), so the report shows the computed value, the published " +
      "value and their difference. A sub-index is registered directly, or computed as the equal-weight mean of its base indicators scored " +
      "0-100 between goalposts (assumptions of this plugin); the shares of good-air days and of surface water of class III or better and " +
      "forest coverage are the ecology plugin's indicators (one owner per figure). Grades: excellent >= 80 is from the published text; good >= 60, fair >= 40 " +
      `and poor < 40 are assumptions. Target: every index reaches 100 by ${o.dueYear} (expected, not binding); progress is measured from ${o.baselineYear}.`,
  }
}

/** Makes the plugin with these options. */
export const makeBeautyIndex = (options: BeautyIndexOptions = {}) => {
  const dueYear = options.dueYear ?? 2035
  const baselineYear = options.baselineYear ?? 2012
  const weights = options.weights ?? equalSubIndexWeights
  Either.getOrThrowWith(validateWeights(weights, "beauty index weights"), (e) => new Error(e.message))
  const method = options.method ?? "arithmetic"
  const maxMissingShare = options.maxMissingShare ?? 0.2
  const grades = options.grades ?? beautyGrades
  const goalposts: Record<string, Goalpost> = Object.fromEntries(
    baseIndicators.map((b) => [b.id, options.goalposts?.[b.id] ?? b.goalpost]),
  )
  // a key that names no base indicator (such as a retired beauty.good-air-days-share) would be silently unused
  const unknown = Object.keys(options.goalposts ?? {}).filter((id) => !(id in goalposts))
  if (unknown.length > 0) {
    throw new Error(`beauty index goalposts name ${unknown.join(", ")}, which is not a base indicator; the base indicators are ${Object.keys(goalposts).join(", ")}`)
  }
  for (const [id, g] of Object.entries(goalposts)) {
    if (!(Number.isFinite(g.worst) && Number.isFinite(g.best)) || g.worst === g.best) {
      throw new Error(`beauty index goalposts of ${id}: worst (${g.worst}) and best (${g.best}) must be two different finite values`)
    }
  }
  const declaration = { indicator: "beauty.composite" as const, weights, method, maxMissingShare, uncertainty: robustnessRun }
  const targeted = [...subIndexIds, "beauty.composite" as const, "beauty.composite-reported" as const]
  return definePlugin({
    id: "beauty",
    version,
    coreVersion: "^0.1.0",
    name: { zh: "美丽城市群指数", en: "Beautiful urban agglomeration index" },
    description: {
      zh: "减碳、减污、扩绿、增长四个分指数及综合指数，目标 100",
      en: "Four sub-indices (carbon reduction, pollution reduction, green expansion, growth) and a composite, target 100",
    },
    indicators: [
      ...subIndexIds.map((id) => subIndex(id, grades, goalposts)),
      composite({ weights, method, maxMissingShare }, grades),
      compositeReported(grades),
      ...baseIndicators.filter(isOwnBaseIndicator).map(baseIndicatorDefinition),
    ],
    // good-air days, surface water and forest coverage are ecology's figures (one owner per figure); sub-indices read them
    uses: ecologyFigures,
    // The index is the agglomeration's: it is published for the YRD as a whole.
    appliesTo: { levels: ["region"] },
    targets: targeted.map((indicator) => ({ indicator, scope: "*", kind: "at-least" as const, value: 100, dueYear, baselineYear, binding: false, source })),
    referenceData: { observations: publishedFigures },
    methodology: methodology({ weights, method, maxMissingShare, dueYear, baselineYear }),
    reportSection: beautySection(declaration),
    composites: [declaration],
  })
}

/** The plugin with default options. */
export const beautyIndex = makeBeautyIndex()

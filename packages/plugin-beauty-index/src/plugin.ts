/**
 * The beauty-index plugin.
 */
import { definePlugin } from "@tijian/core"
import { composite, compositeReported, equalWeights, type SubIndexId, subIndices } from "./indicators.js"
import { publishedFigures } from "./referenceData.js"

/** Options: the due year of the target 100 (default 2035) and the composite's weights (default equal). */
export interface BeautyIndexOptions {
  readonly dueYear?: number
  readonly weights?: Readonly<Record<SubIndexId, number>>
}

const source = { zh: "美丽长三角建设目标：各指数达到 100", en: "Beautiful YRD blueprint: every index reaches 100" }

/** Makes the plugin with these options. */
export const makeBeautyIndex = (options: BeautyIndexOptions = {}) => {
  const dueYear = options.dueYear ?? 2035
  const ids = [...subIndices.map((s) => s.id), "beauty.composite" as const, "beauty.composite-reported" as const]
  return definePlugin({
    id: "beauty",
    version: "0.1.0",
    name: { zh: "美丽城市群指数", en: "Beautiful urban agglomeration index" },
    description: {
      zh: "减碳、减污、扩绿、增长四个分指数及综合指数，目标 100",
      en: "Four sub-indices (carbon reduction, pollution reduction, green expansion, growth) and a composite, target 100",
    },
    indicators: [...subIndices, composite(options.weights ?? equalWeights), compositeReported],
    targets: ids.map((indicator) => ({
      indicator,
      scope: "*",
      kind: "at-least" as const,
      value: 100,
      dueYear,
      binding: false,
      source,
    })),
    referenceData: { observations: publishedFigures },
    methodology: {
      zh:
        "综合指数默认为四个分指数的等权算术平均。公布的综合指数并非等权平均（2022 年等权平均 80.90，公布 80.96），" +
        "报告同时列出计算值、公布值及其差值。等级：优秀 ≥ 80 来自公布文本；良好 ≥ 60、一般 ≥ 40、较差 < 40 为假设。",
      en:
        "The composite is by default the equal-weight arithmetic mean of the four sub-indices. The published composite " +
        "is not an equal-weight mean (2022: equal weights give 80.90, published 80.96), so the report shows the computed " +
        "value, the published value and their difference. Grades: excellent >= 80 is from the published text; good >= 60, " +
        "fair >= 40 and poor < 40 are assumptions.",
    },
  })
}

/** The plugin with default options. */
export const beautyIndex = makeBeautyIndex()

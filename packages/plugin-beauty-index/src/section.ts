/**
 * The beauty index's report section: where the composite's gap to 100 comes from (which sub-index costs most
 * points), and the judgements the published text makes, reproduced from the data.
 */
import { type AggregationMethod, type CompositeDeclaration, type Evaluation, gapDecomposition, type SectionContext, type SectionExtras, type Weights } from "@tijian/core"
import { Either } from "effect"
import { subIndexIds, subIndexNames } from "./indicators.js"
import { membersRobustness } from "./robustness.js"

const round = (x: number, d: number) => Number(x.toFixed(d))

/**
 * Builds the section: the gap decomposition table and a note on the composite's gap, both under the composite's
 * own method (so the note's gap is 100 minus the composite shown, for the geometric mean too).
 */
export const beautySection =
  (declaration: CompositeDeclaration & { readonly weights: Weights }) =>
  (context: SectionContext): SectionExtras => {
    const own = gapSection(declaration.weights, declaration.method, context.evaluations)
    const robustness = membersRobustness(context.members ?? [], declaration, (id) => subIndexNames[id])
    return {
      notes: [...(own.notes ?? []), ...robustness.notes],
      tables: [...(own.tables ?? []), ...(robustness.table ? [robustness.table] : [])],
    }
  }

const gapSection = (weights: Weights, method: AggregationMethod, evaluations: SectionContext["evaluations"]): SectionExtras => {
  const row = (id: string): Evaluation | undefined => evaluations.find((e) => e.indicator === id)
  const scores: Record<string, number> = {}
  for (const id of subIndexIds) {
    const v = row(id)?.value
    if (v === null || v === undefined) return { notes: [{ zh: "分指数不全，未分解综合指数差距。", en: "Sub-indices incomplete: the composite's gap is not decomposed." }] }
    scores[id] = v
  }
  const decomposed = gapDecomposition(scores, weights, method)
  if (Either.isLeft(decomposed)) {
    return { notes: [{ zh: `未分解综合指数差距：${decomposed.left.message}。`, en: `The composite's gap is not decomposed: ${decomposed.left.message}.` }] }
  }
  const shares = decomposed.right
  const total = shares.reduce((s, g) => s + g.pointsLost, 0)
  const largest = shares[0]!
  const name = (id: string) => row(id)!.name
  const notes = [
    {
      zh: `计算的综合指数${method === "arithmetic" ? "" : "（几何平均）"}距 100 还差 ${total.toFixed(2)} 分，其中${name(largest.id).zh}失分最多（${largest.pointsLost.toFixed(2)} 分）。`,
      en: `The computed composite${method === "arithmetic" ? "" : " (geometric mean)"} is ${total.toFixed(2)} points short of 100; ${name(largest.id).en} costs the most (${largest.pointsLost.toFixed(2)} points).`,
    },
  ]
  const reported = row("beauty.composite-reported")
  if (reported?.value !== null && reported?.value !== undefined) {
    notes.push({
      zh: `公布的综合指数为 ${reported.value.toFixed(2)}，距 100 差 ${(100 - reported.value).toFixed(2)}。`,
      en: `The published composite is ${reported.value.toFixed(2)}, a gap of ${(100 - reported.value).toFixed(2)} to 100.`,
    })
  }
  return {
    notes,
    tables: [
      {
        id: "gap-decomposition",
        title: { zh: "综合指数距 100 的差距分解", en: "Where the composite's gap to 100 comes from" },
        columns: [
          { id: "indicator", name: { zh: "分指数", en: "Sub-index" } },
          // the sub-indices' values, in their decimals as everywhere in the report
          { id: "score", name: { zh: "得分", en: "Score" }, decimals: row(largest.id)!.decimals },
          { id: "weight", name: { zh: "权重", en: "Weight" } },
          method === "arithmetic"
            ? { id: "pointsLost", name: { zh: "失分 = 权重 × (100 − 得分)", en: "Points lost = weight × (100 − score)" } }
            : {
                id: "pointsLost",
                name: {
                  zh: "失分 = (100 − 综合) × 权重 × ln(100/得分) ÷ ln(100/综合)",
                  en: "Points lost = (100 − composite) × weight × ln(100/score) ÷ ln(100/composite)",
                },
              },
          { id: "shareOfGap", name: { zh: "占差距比例", en: "Share of the gap" } },
        ],
        rows: shares.map((g) => ({
          indicator: g.id,
          score: g.score,
          weight: g.weight,
          pointsLost: round(g.pointsLost, 6),
          shareOfGap: total === 0 ? 0 : round(g.pointsLost / total, 6),
        })),
      },
    ],
  }
}

/**
 * How robust the members' composite ranking is: for a group whose members have the four sub-indices, each member's
 * composite and rank under the plugin's weights and method, its median rank and 5th-95th percentile rank interval
 * over runs that vary the method choices (core's `compositeUncertainty`: noisy weights, the aggregation, the
 * normalisation and, where a member lacks a sub-index, the imputation), and the total Sobol' index of each choice for
 * its rank — as a report table and notes.
 */
import { type ChoiceAggregation, type CompositeDeclaration, type CompositeFactor, type I18nText, type MemberValues, rankMembers, type SectionTable } from "@tijian/core"
import { Either } from "effect"
import { type SubIndexId, subIndexIds } from "./indicators.js"

/** The runs the report, API and CLI make (the composite's declared uncertainty): fixed, so the same data give the same table. */
export const robustnessRun = { perturbation: 0.2, weightSets: 100, samples: 1000, seed: 1 } as const

/** The table and notes, or nothing when fewer than two members have all four sub-indices. */
export interface Robustness {
  readonly notes: ReadonlyArray<I18nText>
  readonly table: SectionTable | null
}

/** The choices' names, as the report shows them. */
export const factorNames: Readonly<Record<CompositeFactor, I18nText>> = {
  weights: { zh: "权重", en: "weights" },
  aggregation: { zh: "汇总方法", en: "aggregation" },
  normalisation: { zh: "标准化方法", en: "normalisation" },
  imputation: { zh: "缺失值插补", en: "imputation" },
}

const names = (ms: ReadonlyArray<MemberValues>, lang: "zh" | "en") => ms.map((m) => m.name[lang]).join(lang === "zh" ? "、" : ", ")

const thousands = (n: number) => n.toLocaleString("en-US")

const methodName = (m: ChoiceAggregation): I18nText =>
  m === "arithmetic" ? { zh: "算术平均", en: "arithmetic mean" } : m === "geometric" ? { zh: "几何平均", en: "geometric mean" } : { zh: "调和平均", en: "harmonic mean" }

/**
 * Ranks the members by the composite of their sub-indices, with rank intervals and the choices that move them.
 *
 * @example
 * membersRobustness(context.members, { indicator: "beauty.composite", weights: equalSubIndexWeights, method: "arithmetic" }, subIndexNames)
 */
export const membersRobustness = (
  members: ReadonlyArray<MemberValues>,
  declaration: CompositeDeclaration,
  subIndexName: (id: SubIndexId) => I18nText,
): Robustness => {
  const withAny = members.filter((m) => subIndexIds.some((id) => m.values[id] !== undefined))
  const complete = withAny.filter((m) => subIndexIds.every((id) => m.values[id] !== undefined))
  if (complete.length < 2) {
    if (withAny.length === 0) return { notes: [], table: null }
    return {
      notes: [
        {
          zh: `成员中只有 ${complete.length} 个四个分指数齐全，未做排名稳健性分析。`,
          en: `Only ${complete.length} member(s) have all four sub-indices: the ranking's robustness is not analysed.`,
        },
      ],
      table: null,
    }
  }
  const result = rankMembers(declaration, withAny)
  if (Either.isLeft(result)) {
    return { notes: [{ zh: `未做排名稳健性分析：${result.left.message}。`, en: `The ranking's robustness is not analysed: ${result.left.message}.` }], table: null }
  }
  const r = result.right
  const byCode = new Map(withAny.map((m) => [m.code, m]))
  const ranked = r.members.filter((x) => x.rank !== null)
  const choice = (f: (typeof r.factors)[number]): I18nText => {
    if (f.factor === "weights") {
      return {
        zh: `权重（${f.count} 组，每个权重乘以 [${1 - r.perturbation}, ${1 + r.perturbation}] 上的均匀随机数后归一）`,
        en: `the weights (${f.count} sets, each weight times a uniform draw in [${1 - r.perturbation}, ${1 + r.perturbation}], renormalised)`,
      }
    }
    if (f.factor === "aggregation") {
      return { zh: `汇总方法（${f.alternatives.map((m) => methodName(m as ChoiceAggregation).zh).join("或")}）`, en: `the aggregation (${f.alternatives.map((m) => methodName(m as ChoiceAggregation).en).join(" or ")})` }
    }
    if (f.factor === "normalisation") return { zh: "标准化方法（分指数原值，或成员间 min-max 到 [1, 100]）", en: "the normalisation (sub-indices as given, or min-max to [1, 100] across the members)" }
    return { zh: "缺失值插补（不插补而按现有分指数重分权重，或取均值、中位数）", en: "the imputation (none, weights renormalised over the present sub-indices; the mean; the median)" }
  }
  const notes: Array<I18nText> = [
    {
      zh:
        `排名区间：${ranked.length} 个成员的综合指数在 ${thousands(r.runs)} 次计算中重新计算并排名，每次从以下选择中各均匀随机抽取一种：` +
        `${r.factors.map((f) => choice(f).zh).join("；")}（种子 ${r.seed}）。区间为 ${thousands(2 * r.samples)} 次独立抽样中排名的第 5 和第 95 百分位数；` +
        "Sobol 总效应指数表示各选择对排名变动的贡献。",
      en:
        `Rank intervals: the composite of ${ranked.length} members is recomputed and ranked in ${thousands(r.runs)} runs, each drawing ` +
        `uniformly ${r.factors.map((f) => choice(f).en).join("; ")} (seed ${r.seed}). The interval is the 5th to 95th percentile of each ` +
        `member's rank over ${thousands(2 * r.samples)} independent draws; Sobol' total indices say how much each choice moves a rank.`,
    },
  ]
  if (r.skipped.length > 0) {
    notes.push({
      zh: "有成员的分指数为 0，几何平均无法计算，只用算术平均。",
      en: "A member has a sub-index of 0, where a geometric mean is not defined: only the arithmetic mean is used.",
    })
  }
  const threshold = r.robustWidth
  const moving = ranked.filter((x) => x.notRobust)
  const memberList = (list: typeof ranked, lang: "zh" | "en") => names(list.map((x) => byCode.get(x.code)!), lang)
  const places = threshold + 1
  const span = { zh: `${places} 个名次`, en: `${places === 1 ? "a single place" : `${places} places`}` }
  const rule = {
    zh: `稳健标准：区间宽度（第 95 减第 5 百分位）不超过成员数的十分之一（向下取整），${ranked.length} 个成员即 ${threshold} 个名次`,
    en: `the threshold: an interval width (95th minus 5th percentile) of at most a tenth of the members, rounded down — ${threshold} for ${ranked.length} members`,
  }
  const drivers = [...new Set(moving.map((x) => x.mostInfluential).filter((f) => f !== null))]
  notes.push(
    moving.length === 0
      ? {
          zh: `排名稳健：每个成员的排名区间不超过 ${span.zh}（${rule.zh}）。`,
          en: `The ranking is robust: every member's rank interval spans at most ${span.en} (${rule.en}).`,
        }
      : {
          zh: `排名不稳健：${memberList(moving, "zh")}的排名区间超过 ${span.zh}（${rule.zh}），不宜据此定先后；影响最大的选择是${drivers.map((f) => factorNames[f].zh).join("、")}。`,
          en:
            `The ranking is not robust for ${memberList(moving, "en")}: their rank interval spans more than ${span.en} (${rule.en}), so their order ` +
            `should not be read as settled; the choice that moves them most is the ${drivers.map((f) => factorNames[f].en).join(" or the ")}.`,
        },
  )
  const incomplete = withAny.filter((m) => r.members.some((x) => x.code === m.code && x.rank === null))
  if (incomplete.length > 0) {
    const missing = (m: MemberValues, lang: "zh" | "en") =>
      subIndexIds.filter((id) => m.values[id] === undefined).map((id) => subIndexName(id)[lang]).join(lang === "zh" ? "、" : ", ")
    notes.push({
      zh: `分指数不全、未参与排名（列在最后）：${incomplete.map((m) => `${m.name.zh}（缺${missing(m, "zh")}）`).join("；")}。`,
      en: `Not ranked (listed last), sub-indices missing: ${incomplete.map((m) => `${m.name.en} (no ${missing(m, "en")})`).join("; ")}.`,
    })
  }
  const round = (x: number | undefined) => (x === undefined ? null : Number(x.toFixed(3)))
  return {
    notes,
    table: {
      id: "composite-rank-robustness",
      title: { zh: "成员综合指数排名、5%–95% 分位排名区间及影响排名的方法选择", en: "Members' composite rank, its 5th–95th percentile rank interval and the choices that move it" },
      columns: [
        { id: "member", name: { zh: "成员", en: "Member" } },
        { id: "composite", name: { zh: `综合指数（${methodName(declaration.method).zh}）`, en: `Composite (${methodName(declaration.method).en})` }, decimals: 2 },
        { id: "rank", name: { zh: "排名", en: "Rank" } },
        { id: "medianRank", name: { zh: "排名中位数", en: "Median rank" } },
        { id: "rankLow", name: { zh: "区间下限（第 5 百分位）", en: "Interval from (5th percentile)" } },
        { id: "rankHigh", name: { zh: "区间上限（第 95 百分位）", en: "Interval to (95th percentile)" } },
        { id: "mostInfluential", name: { zh: "影响最大的选择", en: "Choice that moves it most" } },
        ...r.factors.map((f) => ({
          id: `total.${f.factor}`,
          name: { zh: `Sobol 总效应：${factorNames[f.factor].zh}`, en: `Sobol' total index: ${factorNames[f.factor].en}` },
          decimals: 3,
        })),
      ],
      rows: r.members.map((x) => ({
        member: x.name,
        composite: x.composite,
        rank: x.rank,
        medianRank: x.medianRank,
        rankLow: x.rankInterval ? Number(x.rankInterval[0].toFixed(2)) : null,
        rankHigh: x.rankInterval ? Number(x.rankInterval[1].toFixed(2)) : null,
        mostInfluential: x.mostInfluential ? factorNames[x.mostInfluential] : null,
        ...Object.fromEntries(r.factors.map((f) => [`total.${f.factor}`, round(x.sensitivity?.find((s) => s.factor === f.factor)?.total)])),
      })),
    },
  }
}

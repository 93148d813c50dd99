/**
 * How robust the members' composite ranking is: for a group whose members have the four sub-indices, each member's
 * composite and rank under the plugin's weights and method, with its median rank and 5th-95th percentile rank
 * interval over seeded weight and method scenarios (core's `sensitivity`), as a report table and notes.
 */
import { type AggregationMethod, type I18nText, type MemberValues, type SectionTable, sensitivity, type Weights } from "@tijian/core/plugin"
import { Either } from "effect"
import { type SubIndexId, subIndexIds } from "./indicators.js"

/** The scenarios the report runs: stated in its note, fixed so the same data give the same table. */
export const robustnessRun = { perturbation: 0.2, randomDraws: 1000, seed: 1 } as const

/** The table and notes, or nothing when fewer than two members have all four sub-indices. */
export interface Robustness {
  readonly notes: ReadonlyArray<I18nText>
  readonly table: SectionTable | null
}

const names = (ms: ReadonlyArray<MemberValues>, lang: "zh" | "en") => ms.map((m) => m.name[lang]).join(lang === "zh" ? "、" : ", ")

const thousands = (n: number) => n.toLocaleString("en-US")

/**
 * Ranks the members by the composite of their sub-indices, with rank intervals.
 *
 * @example
 * membersRobustness(context.members, equalSubIndexWeights, "arithmetic", subIndexNames)
 */
export const membersRobustness = (
  members: ReadonlyArray<MemberValues>,
  weights: Weights,
  method: AggregationMethod,
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
  const other: AggregationMethod = method === "arithmetic" ? "geometric" : "arithmetic"
  const positive = complete.every((m) => subIndexIds.every((id) => m.values[id]! > 0))
  const methods: ReadonlyArray<AggregationMethod> = positive ? [method, other] : ["arithmetic"]
  const scores = Object.fromEntries(withAny.map((m) => [m.code, Object.fromEntries(subIndexIds.map((id) => [id, m.values[id]]))]))
  const result = sensitivity(scores, weights, { ...robustnessRun, methods })
  if (Either.isLeft(result)) {
    return { notes: [{ zh: `未做排名稳健性分析：${result.left.message}。`, en: `The ranking's robustness is not analysed: ${result.left.message}.` }], table: null }
  }
  const r = result.right
  const byCode = new Map(withAny.map((m) => [m.code, m]))
  const methodName = (m: AggregationMethod) => (m === "arithmetic" ? { zh: "算术平均", en: "arithmetic mean" } : { zh: "几何平均", en: "geometric mean" })
  const methodsText = {
    zh: r.methods.map((m) => methodName(m).zh).join("与"),
    en: r.methods.map((m) => methodName(m).en).join(" and the "),
  }
  const notes: Array<I18nText> = [
    {
      zh:
        `排名区间：${complete.length} 个成员的综合指数在 ${thousands(r.scenarios)} 种情景下重新计算并排名——每个分指数权重依次 ±${r.perturbation * 100}%，` +
        `另加 ${thousands(r.randomDraws)} 组随机权重（每个权重乘以 [${1 - r.perturbation}, ${1 + r.perturbation}] 上的均匀随机数后归一，种子 ${r.seed}），` +
        `分别用${methodsText.zh}；区间为各情景下排名的第 5 和第 95 百分位数。`,
      en:
        `Rank intervals: the composite of ${complete.length} members is recomputed and ranked in ${thousands(r.scenarios)} scenarios — each ` +
        `sub-index weight ±${r.perturbation * 100}% in turn, and ${thousands(r.randomDraws)} random weight sets (each weight times a uniform ` +
        `draw in [${1 - r.perturbation}, ${1 + r.perturbation}], renormalised; seed ${r.seed}) — under the ${methodsText.en}; the interval is ` +
        "the 5th to 95th percentile of each member's rank across them.",
    },
  ]
  if (!positive) {
    notes.push({
      zh: "有成员的分指数为 0，几何平均无法计算，只用算术平均。",
      en: "A member has a sub-index of 0, where a geometric mean is not defined: only the arithmetic mean is used.",
    })
  }
  const ranked = r.regions.filter((x) => x.rank !== null)
  const moving = ranked.filter((x) => x.rankInterval![1] > x.rankInterval![0])
  const memberList = (list: typeof ranked, lang: "zh" | "en") => names(list.map((x) => byCode.get(x.region)!), lang)
  notes.push(
    moving.length === 0
      ? {
          zh: "排名稳健：每个成员的排名区间只有一个名次，即至少 90% 的情景下排名相同。",
          en: "The ranking is robust: every member's rank interval is a single place, the same rank in at least 90% of the scenarios.",
        }
      : {
          zh: `排名不稳健：${memberList(moving, "zh")}的排名随权重或汇总方法而变（区间不止一个名次），不宜据此定先后。`,
          en: `The ranking is not robust for ${memberList(moving, "en")}: their ranks move with the weights or the aggregation method (the interval is more than a single place), so their order should not be read as settled.`,
        },
  )
  const incomplete = withAny.filter((m) => !complete.includes(m))
  if (incomplete.length > 0) {
    const missing = (m: MemberValues, lang: "zh" | "en") =>
      subIndexIds.filter((id) => m.values[id] === undefined).map((id) => subIndexName(id)[lang]).join(lang === "zh" ? "、" : ", ")
    notes.push({
      zh: `分指数不全、未参与排名（列在最后）：${incomplete.map((m) => `${m.name.zh}（缺${missing(m, "zh")}）`).join("；")}。`,
      en: `Not ranked (listed last), sub-indices missing: ${incomplete.map((m) => `${m.name.en} (no ${missing(m, "en")})`).join("; ")}.`,
    })
  }
  return {
    notes,
    table: {
      id: "composite-rank-robustness",
      title: { zh: "成员综合指数排名及其 5%–95% 分位排名区间", en: "Members' composite rank with its 5th–95th percentile rank interval" },
      columns: [
        { id: "member", name: { zh: "成员", en: "Member" } },
        { id: "composite", name: { zh: `综合指数（${methodName(r.methods[0]!).zh}）`, en: `Composite (${methodName(r.methods[0]!).en})` }, decimals: 2 },
        { id: "rank", name: { zh: "排名", en: "Rank" } },
        { id: "medianRank", name: { zh: "排名中位数", en: "Median rank" } },
        { id: "rankLow", name: { zh: "区间下限（第 5 百分位）", en: "Interval from (5th percentile)" } },
        { id: "rankHigh", name: { zh: "区间上限（第 95 百分位）", en: "Interval to (95th percentile)" } },
      ],
      rows: r.regions.map((x) => ({
        member: byCode.get(x.region)!.name,
        composite: x.composite,
        rank: x.rank,
        medianRank: x.medianRank,
        rankLow: x.rankInterval ? Number(x.rankInterval[0].toFixed(2)) : null,
        rankHigh: x.rankInterval ? Number(x.rankInterval[1].toFixed(2)) : null,
      })),
    },
  }
}

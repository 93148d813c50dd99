/**
 * The labels of edition pages (the edition line, the list of editions, the difference between two editions), in
 * Chinese and English.
 */
import type { I18nText } from "@tijian/core"
import { formatTime } from "./format.js"

/** Fixed labels of the edition pages. */
export const editionLabels = {
  edition: { zh: "版次", en: "Edition" },
  publishedEditions: { zh: "已发布版次", en: "Published editions" },
  latest: { zh: "最新", en: "latest" },
  allEditions: { zh: "全部版次", en: "All editions" },
  currentReport: { zh: "查看当前报告", en: "See the current report" },
  publishedAt: { zh: "发布时间", en: "Published at" },
  publishedBy: { zh: "发布者", en: "Published by" },
  asOf: { zh: "数据截至时点", en: "Data read as of" },
  contentHash: { zh: "内容哈希", en: "Content hash" },
  formats: { zh: "其他格式", en: "Other formats" },
  changes: { zh: "与上一版的差异", en: "Changes from the previous edition" },
  noEditions: {
    zh: "该报告尚未发布任何版次。管理员发布后，版次会在此列出，且发布后不再改变。",
    en: "No edition of this report has been published yet. Once an administrator publishes one it is listed here, and it never changes.",
  },
  listIntro: {
    zh: "每个版次是发布时报告的定稿，发布后不再改变；数据修订后再发布即产生新版次。",
    en: "Each edition is the report as it stood when published, and it never changes; publishing again after a data revision makes a new edition.",
  },
  diff: { zh: "版次差异", en: "Difference between editions" },
  changedValues: { zh: "数值变化", en: "Changed values" },
  changedJudgements: { zh: "判断变化", en: "Changed judgements" },
  revisionsAdded: { zh: "新增的数据版本", en: "Revisions added" },
  revisionsRemoved: { zh: "不再使用的数据版本", en: "Revisions no longer used" },
  noValueChanges: { zh: "没有数值变化。", en: "No value changed." },
  noJudgementChanges: { zh: "没有判断变化。", en: "No judgement changed." },
  sameEdition: { zh: "同一版次与自身比较：没有任何变化。", en: "An edition compared with itself: nothing changed." },
  noChange: { zh: "两个版次的数值和判断完全相同。", en: "The two editions have the same values and judgements." },
  indicator: { zh: "指标", en: "Indicator" },
  what: { zh: "判断项", en: "Judgement" },
  before: { zh: "原值", en: "Before" },
  after: { zh: "新值", en: "After" },
  change: { zh: "变化", en: "Change" },
  fieldStatus: { zh: "数据状态", en: "Data status" },
  fieldProgress: { zh: "进展", en: "Progress" },
  fieldGrade: { zh: "等级", en: "Grade" },
  fieldTargetMet: { zh: "目标是否达成", en: "Target met" },
  met: { zh: "达成", en: "met" },
  notMet: { zh: "未达成", en: "not met" },
  notAssessed: { zh: "未评估", en: "not assessed" },
  none: { zh: "—", en: "—" },
} as const satisfies Readonly<Record<string, I18nText>>

/** Edition labels with values filled in. */
export const editionPhrases = {
  editionN: (n: number): I18nText => ({ zh: `第 ${n} 版`, en: `Edition ${n}` }),
  published: (n: number, at: string, by: string): I18nText => ({
    zh: `第 ${n} 版，${formatTime(at)} 由 ${by} 发布，发布后不再改变`,
    en: `edition ${n}, published ${formatTime(at)} by ${by}; it never changes`,
  }),
  supersededBy: (n: number, at: string): I18nText => ({
    zh: `本版次已被第 ${n} 版取代（${formatTime(at)} 发布）。`,
    en: `Superseded by edition ${n}, published ${formatTime(at)}.`,
  }),
  readEdition: (n: number): I18nText => ({ zh: `阅读第 ${n} 版`, en: `Read edition ${n}` }),
  isLatest: (n: number): I18nText => ({ zh: `第 ${n} 版是目前最新的版次。`, en: `Edition ${n} is the latest edition.` }),
  listTitle: (scope: I18nText, year: number): I18nText => ({
    zh: `${scope.zh} ${year} 年度体检报告：版次`,
    en: `${scope.en}: annual check-up ${year}, editions`,
  }),
  editionTitle: (scope: I18nText, year: number, n: number): I18nText => ({
    zh: `${scope.zh} ${year} 年度体检报告（第 ${n} 版）`,
    en: `${scope.en}: annual check-up ${year}, edition ${n}`,
  }),
  diffTitle: (scope: I18nText, year: number, a: number, b: number): I18nText => ({
    zh: `${scope.zh} ${year} 年度体检报告：第 ${a} 版 → 第 ${b} 版`,
    en: `${scope.en}: annual check-up ${year}, edition ${a} → edition ${b}`,
  }),
  diffLink: (a: number, b: number): I18nText => ({ zh: `第 ${a} 版 → 第 ${b} 版的差异`, en: `changes ${a} → ${b}` }),
  direction: (a: number, b: number): I18nText =>
    a < b
      ? { zh: `从较早的第 ${a} 版到较新的第 ${b} 版：“原值”为第 ${a} 版，“新值”为第 ${b} 版。`, en: `From the earlier edition ${a} to the later edition ${b}: "before" is edition ${a}, "after" is edition ${b}.` }
      : { zh: `反向比较：从较新的第 ${a} 版回到较早的第 ${b} 版；“原值”为第 ${a} 版，“新值”为第 ${b} 版。`, en: `Backwards: from the later edition ${a} back to the earlier edition ${b}; "before" is edition ${a}, "after" is edition ${b}.` },
  counts: (values: number, judgements: number): I18nText => ({
    zh: `${values} 个数值变化，${judgements} 个判断变化。`,
    en: `${values} value${values === 1 ? "" : "s"} changed, ${judgements} judgement${judgements === 1 ? "" : "s"} changed.`,
  }),
  editionsOf: (n: number): I18nText => ({ zh: `版次（${n}）`, en: `editions (${n})` }),
  editionsLinkLabel: (scope: I18nText, year: number, n: number): I18nText => ({
    zh: `${scope.zh} ${year} 年报告的 ${n} 个已发布版次`,
    en: `${scope.en}, report ${year}: ${n} published edition${n === 1 ? "" : "s"}`,
  }),
} as const satisfies Readonly<Record<string, (...args: never[]) => I18nText>>

/**
 * Every label the rendered reports and pages show, in Chinese and English. Each entry is an `I18nText`, so a
 * label without one of the two languages does not compile; labels that name a closed set (progress statuses,
 * target kinds, ...) are `Record`s over that set, so a new member without a label does not compile either.
 * Texts that come from the data (indicator names, grades, notes, sources) are not here: they carry their own
 * `I18nText`.
 */
import type { BrokenRule, Direction, Evaluation, IndicatorKind, NotAssessableReason, ProgressStatus, RegionLevel, TargetKind, ValueOrigin } from "@tijian/core"
import type { I18nText } from "@tijian/core"

/** The six progress statuses (StatCan / Open SDG method). */
export const progressLabels: Readonly<Record<ProgressStatus, I18nText>> = {
  "target-achieved": { zh: "已达标", en: "target achieved" },
  substantial: { zh: "进展显著", en: "substantial progress" },
  moderate: { zh: "进展一般", en: "moderate progress" },
  limited: { zh: "进展有限", en: "limited progress" },
  deterioration: { zh: "退步", en: "deterioration" },
  "insufficient-data": { zh: "数据不足", en: "insufficient data" },
}

/** What each progress status means for the plan, as the summary puts it. */
export const progressGloss: Readonly<Record<ProgressStatus, I18nText>> = {
  "target-achieved": { zh: "已达到目标", en: "met the target" },
  substantial: { zh: "按当前速度可如期达标", en: "on track" },
  moderate: { zh: "略偏离轨道", en: "moderately off track" },
  limited: { zh: "明显偏离轨道", en: "off track" },
  deterioration: { zh: "朝相反方向变化", en: "moving away from the target" },
  "insufficient-data": { zh: "不足两个年份的数据，无法判断", en: "fewer than two years of data: no judgement" },
}

/**
 * Why progress was not assessed (the method's "unable to assess"), shown in place of the `insufficient-data`
 * gloss when the engine gives a reason.
 */
export const notAssessableGloss: Readonly<Record<NotAssessableReason, I18nText>> = {
  "fewer-than-two-years": { zh: "基期以来不足两个年份的数据，无法判断", en: "fewer than two years of data since the base year: no judgement" },
  "values-change-sign": { zh: "数值正负号发生变化，复合增长率方法无法判断", en: "values change sign: the compound growth method cannot judge" },
  "due-before-base": { zh: "目标年份不晚于基期，无法判断", en: "the due year is not after the base year: no judgement" },
  "no-direction": { zh: "无优劣方向、无目标：不评进展（与规划预测对照）", en: "no better direction and no goal: no progress judged (compared with forecasts)" },
}

/** The gloss of a progress result: its reason when it was not assessed for one, else its status's gloss. */
export const progressGlossOf = (progress: { readonly status: ProgressStatus; readonly reason?: NotAssessableReason | undefined }): I18nText =>
  progress.reason ? notAssessableGloss[progress.reason] : progressGloss[progress.status]

/**
 * A glyph per progress status, so a status reads without colour (greyscale print, colour blindness). The
 * glyph is decorative: the label text always stands beside it.
 */
export const progressGlyphs: Readonly<Record<ProgressStatus, string>> = {
  "target-achieved": "✔",
  substantial: "▲",
  moderate: "►",
  limited: "▼",
  deterioration: "✖",
  "insufficient-data": "?",
}

/** The status of an evaluation row. */
export const rowStatusLabels: Readonly<Record<Evaluation["status"], I18nText>> = {
  ok: { zh: "有数值", en: "has a value" },
  missing: { zh: "缺数据", en: "no data" },
  error: { zh: "计算出错", en: "calculation error" },
}

/** Target kinds. */
export const targetKindLabels: Readonly<Record<TargetKind, I18nText>> = {
  "at-least": { zh: "不低于", en: "at least" },
  "at-most": { zh: "不高于", en: "at most" },
  band: { zh: "区间", en: "within" },
  equals: { zh: "等于", en: "equal to" },
  "no-decrease-from-baseline": { zh: "不低于基期", en: "no decrease from baseline" },
  forecast: { zh: "规划预测", en: "plan forecast" },
}

/** Binding (约束性, a red line) or expected (预期性). */
export const bindingLabels: Readonly<Record<"binding" | "expected", I18nText>> = {
  binding: { zh: "约束性", en: "binding" },
  expected: { zh: "预期性", en: "expected" },
}

/** Which way is better. */
export const directionLabels: Readonly<Record<Direction, I18nText>> = {
  "higher-is-better": { zh: "越高越好", en: "higher is better" },
  "lower-is-better": { zh: "越低越好", en: "lower is better" },
  band: { zh: "宜在区间内", en: "best within a band" },
  neutral: { zh: "无优劣方向（与规划预测对照）", en: "no better direction (compared with forecasts)" },
}

/** Indicator kinds. */
export const indicatorKindLabels: Readonly<Record<IndicatorKind, I18nText>> = {
  observed: { zh: "登记值", en: "observed" },
  derived: { zh: "计算值", en: "computed" },
  reported: { zh: "公布值", en: "published" },
}

/** Where a row's value came from. */
export const originLabels: Readonly<Record<ValueOrigin, I18nText>> = {
  observed: { zh: "登记", en: "registered" },
  aggregated: { zh: "由成员汇总", en: "aggregated from members" },
  derived: { zh: "计算", en: "computed" },
}

/** Rules a value breaks. */
export const ruleLabels: Readonly<Record<BrokenRule["rule"], I18nText>> = {
  "binding-target-missed": { zh: "未达约束性目标", en: "binding target missed" },
  "expected-target-missed": { zh: "未达预期性目标", en: "expected target missed" },
  regression: { zh: "较上期退步", en: "worse than the previous year" },
  "computed-differs-from-reported": { zh: "计算值与公布值不一致", en: "computed differs from published" },
  "reality-outran-forecast": { zh: "现实超越规划预测", en: "reality outran the plan's forecast" },
}

/** Administrative levels. */
export const levelLabels: Readonly<Record<RegionLevel, I18nText>> = {
  region: { zh: "区域", en: "region" },
  province: { zh: "省级", en: "province" },
  city: { zh: "地级市", en: "city" },
  county: { zh: "区县", en: "county or district" },
}

/** Whether a registered value may still change. */
export const observationStatusLabels: Readonly<Record<"provisional" | "final", I18nText>> = {
  provisional: { zh: "初步", en: "provisional" },
  final: { zh: "最终", en: "final" },
}

/** Fixed labels: headings, column names, short phrases. */
export const text = {
  appName: { zh: "体检：规划实施年度体检", en: "tijian: the annual check-up of a plan" },
  reportKind: { zh: "年度体检报告", en: "annual check-up report" },
  skipToContent: { zh: "跳到正文", en: "Skip to content" },
  language: { zh: "语言", en: "Language" },
  otherFormats: { zh: "其他格式", en: "Other formats" },
  allReports: { zh: "全部报告", en: "All reports" },
  reportAsOf: { zh: "数据截至时点", en: "Data read as of" },
  dataAsOf: { zh: "最新数据提交于", en: "Latest data submitted" },
  contentHash: { zh: "内容哈希（SHA-256）", en: "Content hash (SHA-256)" },

  summary: { zh: "摘要", en: "Summary" },
  indicatorsEvaluated: { zh: "评估指标", en: "Indicators evaluated" },
  withValue: { zh: "有数值", en: "With a value" },
  missing: { zh: "缺数据", en: "Missing" },
  errors: { zh: "计算出错", en: "Errors" },
  completeness: { zh: "数据完整度", en: "Data completeness" },
  progressCounts: { zh: "进展情况（有数值的指标）", en: "Progress (indicators with a value)" },
  bindingMissed: { zh: "未达约束性目标（底线）", en: "Binding targets missed (red lines)" },
  noneBindingMissed: { zh: "没有未达标的约束性目标。", en: "No binding target is missed." },

  diagnosis: { zh: "诊断", en: "Diagnosis" },
  redLines: { zh: "突破的底线", en: "Red lines breached" },
  largestGaps: { zh: "差距最大的目标", en: "Largest gaps" },
  regressions: { zh: "较上期退步", en: "Regressions" },
  computedVsReported: { zh: "计算值与公布值", en: "Computed vs published" },
  none: { zh: "无", en: "None" },
  relativeGap: { zh: "相对差距", en: "Relative gap" },
  previous: { zh: "上期", en: "Previous" },
  computed: { zh: "计算值", en: "Computed" },
  reported: { zh: "公布值", en: "Published" },
  difference: { zh: "差值", en: "Difference" },

  indicator: { zh: "指标", en: "Indicator" },
  value: { zh: "数值", en: "Value" },
  unit: { zh: "单位", en: "Unit" },
  kind: { zh: "类型", en: "Kind" },
  direction: { zh: "方向", en: "Direction" },
  origin: { zh: "来源", en: "Origin" },
  grade: { zh: "等级", en: "Grade" },
  baseline: { zh: "基期", en: "Baseline" },
  changeSinceBaseline: { zh: "较基期变化", en: "Change since baseline" },
  progress: { zh: "进展", en: "Progress" },
  status: { zh: "状态", en: "Status" },
  target: { zh: "目标", en: "Target" },
  targets: { zh: "目标", en: "Targets" },
  targetKind: { zh: "目标类型", en: "Target kind" },
  dueYear: { zh: "目标年", en: "Due year" },
  bindingOrExpected: { zh: "约束性/预期性", en: "Binding or expected" },
  source: { zh: "依据", en: "Source" },
  gap: { zh: "差距", en: "Gap" },
  attainment: { zh: "完成度", en: "Attainment" },
  met: { zh: "达标", en: "Met" },
  yes: { zh: "是", en: "yes" },
  no: { zh: "否", en: "no" },
  observedRate: { zh: "实际年均变化", en: "Observed annual rate" },
  requiredRate: { zh: "达标所需年均变化", en: "Annual rate the target needs" },
  trend: { zh: "历年走势", en: "Trend" },
  noTarget: { zh: "无目标", en: "No target" },
  missingInputs: { zh: "缺少的输入", en: "Missing inputs" },
  noValueIndicators: { zh: "暂无数据的指标", en: "Indicators without data" },
  sectionError: { zh: "本节附加内容未能生成", en: "This section's extra content could not be built" },
  notes: { zh: "说明", en: "Notes" },
  year: { zh: "年份", en: "Year" },
  perYear: { zh: "/年", en: "/yr" },
  percentagePoints: { zh: "个百分点", en: "pp" },

  comparison: { zh: "成员比较", en: "Comparison of members" },
  rank: { zh: "名次", en: "Rank" },
  region: { zh: "地区", en: "Region" },
  code: { zh: "代码", en: "Code" },
  membersWithoutValue: { zh: "无数值的成员", en: "Members without a value" },
  noMemberValues: { zh: "成员均无数据的指标", en: "Indicators no member has a value for" },
  notRanked: {
    zh: "区间型指标且无区间目标：按数值列出，不排名。",
    en: "A band indicator without a band target: listed by value, not ranked.",
  },
  rankedBy: { zh: "排名依据", en: "Ranked by" },
  distanceToBand: { zh: "距目标区间的距离（越小越好）", en: "distance to the target band (smaller is better)" },

  provenance: { zh: "数据来源与方法", en: "Provenance and method" },
  revisionsUsed: { zh: "所用数据版本", en: "Revisions used" },
  revision: { zh: "版本", en: "Revision" },
  agency: { zh: "登记机构", en: "Registered by" },
  submittedAt: { zh: "提交时间", en: "Submitted at" },
  note: { zh: "备注", en: "Note" },
  methodology: { zh: "方法说明", en: "Methodology" },
  pluginVersion: { zh: "插件版本", en: "Plugin version" },

  indexTitle: { zh: "报告目录", en: "Reports" },
  indexIntro: {
    zh: "选择一个地区或地区组及年份，查看该年度的体检报告。",
    en: "Choose a region or group and a year to read its annual check-up report.",
  },
  regions: { zh: "地区", en: "Regions" },
  groups: { zh: "地区组", en: "Groups" },
  members: { zh: "成员", en: "Members" },
  level: { zh: "层级", en: "Level" },
  reports: { zh: "报告", en: "Reports" },
  noDataYet: { zh: "尚无数据", en: "no data yet" },
  regionsWithoutData: { zh: "尚无数据的地区", en: "Regions without data yet" },
} as const satisfies Readonly<Record<string, I18nText>>

/** The key of a fixed label. */
export type TextKey = keyof typeof text

/** Labels with values filled in. */
export const phrases = {
  reportTitle: (scope: I18nText, year: number): I18nText => ({
    zh: `${scope.zh} ${year} 年度体检报告`,
    en: `${scope.en}: annual check-up ${year}`,
  }),
  reportLink: (year: number): I18nText => ({ zh: `${year} 年`, en: String(year) }),
  reportLinkLabel: (scope: I18nText, year: number): I18nText => ({
    zh: `${scope.zh} ${year} 年报告`,
    en: `${scope.en}, report ${year}`,
  }),
  chartLabel: (indicator: I18nText, from: number, to: number): I18nText => ({
    zh: `${indicator.zh}：${from}—${to} 年走势`,
    en: `${indicator.en}: trend ${from}-${to}`,
  }),
  chartTarget: (target: string): I18nText => ({ zh: `目标 ${target}`, en: `target ${target}` }),
  groupOf: (n: number): I18nText => ({ zh: `${n} 个成员`, en: `${n} members` }),
  completenessOf: (share: string, withValue: number, all: number): I18nText => ({
    zh: `${share}（${all} 个指标中 ${withValue} 个有数值）`,
    en: `${share} (${withValue} of ${all} indicators have a value)`,
  }),
  indicatorsWithValue: (n: number, all: number): I18nText => ({
    zh: `${all} 个指标中 ${n} 个有数值`,
    en: `${n} of ${all} indicators have a value`,
  }),
  membersWithValue: (n: number, all: number): I18nText => ({
    zh: `${all} 个成员中 ${n} 个有数值`,
    en: `${n} of ${all} members have a value`,
  }),
  switchTo: (lang: I18nText): I18nText => ({ zh: `切换到${lang.zh}`, en: `Switch to ${lang.en}` }),
} as const satisfies Readonly<Record<string, (...args: never[]) => I18nText>>

/** Punctuation that differs between the languages: a label's colon, the separator of a list. */
export const punctuation: Readonly<Record<"colon" | "list", I18nText>> = {
  colon: { zh: "：", en: ": " },
  list: { zh: "、", en: "; " },
}

/** A label followed by its colon: `语言：` / `Language: `. */
export const lead = (label: string, lang: "zh" | "en"): string => `${label}${punctuation.colon[lang]}`

/** Items joined as a list: `甲、乙` / `a; b`. */
export const listOf = (items: ReadonlyArray<string>, lang: "zh" | "en"): string => items.join(punctuation.list[lang])

/** The languages by their own names, for the language switch. */
export const languageNames: Readonly<Record<"zh" | "en", I18nText>> = {
  zh: { zh: "中文", en: "中文" },
  en: { zh: "English", en: "English" },
}

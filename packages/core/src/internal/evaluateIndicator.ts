/**
 * Evaluates one indicator's series for one year: targets, gaps, grade, baseline, rates, progress and the
 * rules the value breaks.
 */
import { gradeOf, type Indicator } from "../Indicator.js"
import { compareMethods, type MethodComparison } from "../MethodComparison.js"
import {
  annualRate,
  basePoint,
  defaultBaseYear,
  type DesiredDirection,
  type Point,
  progressTowardsTarget,
  progressWithoutTarget,
  resolveThresholds,
  type TowardsTarget,
} from "../Progress.js"
import type { BrokenRule, Evaluation, SeriesPoint, TargetEvaluation } from "../Report.js"
import type { ForecastTarget, Target } from "../Target.js"
import { evaluateForecast, notAssessedRow, outranRule, type Writable } from "./evaluateForecast.js"
import { assessTarget } from "../TargetAssessment.js"
import type { Cell } from "./series.js"
import { sortedUnique } from "./sortedUnique.js"

const fmt = (n: number, decimals: number) => n.toFixed(decimals)

/** A benchmark region's value of the indicator in a year, when registered (see `BenchmarkLookup`). */
export type BenchmarkLookup = (indicator: string, region: string, year: number) => { readonly value: number; readonly revision: string } | undefined

/** A target's row, and what its progress was measured from (for the method comparison), when it was. */
interface EvaluatedTarget {
  readonly row: TargetEvaluation
  readonly towards: TowardsTarget | undefined
}

const evaluateTarget = (
  indicator: Indicator,
  target: Target,
  current: Point | undefined,
  points: ReadonlyArray<Point>,
  partial: boolean,
  benchmark: { readonly value: number } | undefined,
  year: number,
): EvaluatedTarget => {
  if (target.kind === "forecast") return { row: evaluateForecast(indicator, target, year, points, partial), towards: undefined }
  // The method's base: the first value at or after the base year. A red line keeps its exact baseline year: the
  // plan forbids going below that year's value, not a later one's.
  const baseline =
    target.kind === "no-decrease-from-baseline"
      ? points.find((p) => p.year === target.baselineYear)
      : basePoint(points, target.baselineYear ?? indicator.progress?.baseYear ?? defaultBaseYear, current?.year ?? Number.POSITIVE_INFINITY)
  // A benchmark's value is the benchmark region's own in the report year.
  const value = target.standard?.family === "benchmark" ? benchmark?.value : target.value
  // Built field by field in the report's key order (the optional value, lo and hi only when declared).
  const row = { id: target.id, kind: target.kind } as Writable<TargetEvaluation>
  if (value !== undefined) row.value = value
  if (target.lo !== undefined) row.lo = target.lo
  if (target.hi !== undefined) row.hi = target.hi
  row.dueYear = target.dueYear
  row.binding = target.binding
  row.source = target.source
  if (target.standard) row.standard = target.standard
  row.baseline = baseline ?? null
  if (target.standard?.family === "benchmark" && value === undefined) return { row: notAssessedRow(row, "no-benchmark-value"), towards: undefined }
  const assessment =
    current && !partial ? assessTarget({ kind: target.kind, value, lo: target.lo, hi: target.hi }, current.value, baseline?.value, indicator.decimals) : undefined
  if (!current || !assessment) return { row: notAssessedRow(row, partial ? "partial-coverage" : current ? "too-little-data" : "no-value"), towards: undefined }
  row.met = assessment.met
  row.gap = assessment.gap
  row.attainment = assessment.attainment ?? null
  const towards: TowardsTarget = {
    base: baseline,
    current,
    aim: assessment.aim,
    towards: desiredDirection(target, assessment.aim, current.value),
    dueYear: target.dueYear,
    met: assessment.met,
    ...(indicator.range ? { range: indicator.range } : {}),
  }
  row.progress =
    target.kind === "no-decrease-from-baseline"
      ? { status: assessment.met ? "target-achieved" : "deterioration" }
      : progressTowardsTarget({ ...towards, thresholds: resolveThresholds(indicator.progress?.thresholds, target.progressThresholds) })
  row.notAssessed = null
  return { row, towards }
}

/**
 * The method's `d` for a target: up for a floor or a band's lower bound, down for a ceiling or a band's upper
 * bound, and for `equals` the way the value still has to go.
 */
const desiredDirection = (target: Exclude<Target, ForecastTarget>, aim: number, value: number): DesiredDirection => {
  switch (target.kind) {
    case "at-least":
    case "no-decrease-from-baseline":
      return 1
    case "at-most":
      return -1
    case "band":
      return aim === target.lo ? 1 : -1
    case "equals":
      return aim >= value ? 1 : -1
  }
}

/**
 * The target whose progress stands for the row: the nearest due year not yet passed, binding first. A forecast is
 * not a goal and never stands for the row.
 */
const primaryTarget = (all: ReadonlyArray<TargetEvaluation>, year: number): TargetEvaluation | undefined => {
  const targets = all.filter((t) => t.kind !== "forecast")
  if (targets.length <= 1) return targets[0]
  const sorted = [...targets].sort((a, b) => a.dueYear - b.dueYear || Number(b.binding) - Number(a.binding))
  return sorted.find((t) => t.dueYear >= year) ?? sorted.at(-1)
}


const brokenRules = (
  indicator: Indicator,
  targets: ReadonlyArray<TargetEvaluation>,
  current: Point | undefined,
  previous: Point | undefined,
  year: number,
): Array<BrokenRule> => {
  const d = indicator.decimals
  const rules: Array<BrokenRule> = []
  for (const t of targets) {
    const outran = t.forecast?.status === "outran" ? t.forecast : undefined
    if (outran) rules.push(outranRule(t, outran, d))
    if (t.met !== false || current === undefined) continue
    const due = `${t.dueYear}`
    if (t.binding) {
      rules.push({
        rule: "binding-target-missed",
        message: {
          zh: `约束性目标未达到：${t.id}（差距 ${fmt(t.gap!, d)}，期限 ${due} 年）`,
          en: `binding target not met: ${t.id} (gap ${fmt(t.gap!, d)}, due ${due})`,
        },
      })
    } else if (t.dueYear <= year) {
      rules.push({
        rule: "expected-target-missed",
        message: {
          zh: `预期性目标到期未达到：${t.id}（差距 ${fmt(t.gap!, d)}）`,
          en: `expected target due ${due} not met: ${t.id} (gap ${fmt(t.gap!, d)})`,
        },
      })
    }
  }
  if (current && previous && indicator.direction !== "band" && indicator.direction !== "neutral") {
    const worse = indicator.direction === "higher-is-better" ? current.value < previous.value : current.value > previous.value
    if (worse) {
      rules.push({
        rule: "regression",
        message: {
          zh: `较 ${previous.year} 年退步：${fmt(previous.value, d)} → ${fmt(current.value, d)}`,
          en: `worse than ${previous.year}: ${fmt(previous.value, d)} -> ${fmt(current.value, d)}`,
        },
      })
    }
  }
  return rules
}

/**
 * Evaluates `indicator` at `year` from its series and the targets that apply to the scope.
 */
export const evaluateIndicator = (
  indicator: Indicator,
  series: ReadonlyMap<number, Cell>,
  targets: ReadonlyArray<Target>,
  year: number,
  inputHasValue: (input: string) => boolean,
  benchmarkValue: BenchmarkLookup = () => undefined,
): Evaluation => {
  // Series are built in ascending year order; sorted here only when one is not.
  const years: Array<number> = []
  let ascending = true
  for (const y of series.keys()) {
    if (y > year) continue
    if (years.length > 0 && y < years[years.length - 1]!) ascending = false
    years.push(y)
  }
  if (!ascending) years.sort((a, b) => a - b)
  // `points` are the values that can be judged; `trend` also shows partial aggregates, flagged.
  const points: Array<Point> = []
  const trend: Array<SeriesPoint> = []
  const revisions: Array<string> = []
  for (const y of years) {
    const c = series.get(y)!
    for (const r of c.revisions) revisions.push(r)
    if (c._tag !== "value") continue
    if (c.coverage?.partial) trend.push({ year: y, value: c.value, partial: true })
    else {
      points.push({ year: y, value: c.value })
      trend.push({ year: y, value: c.value })
    }
  }
  const cell = series.get(year)
  const partial = cell?._tag === "value" && cell.coverage?.partial === true
  const shown = cell?._tag === "value" ? cell.value : undefined
  const current = cell?._tag === "value" && !partial ? { year, value: cell.value } : undefined
  let previous: Point | undefined
  for (let i = points.length - 1; i >= 0; i--) {
    if (points[i]!.year < year) {
      previous = points[i]
      break
    }
  }
  const evaluated = targets.map((t) => {
    const benchmark = t.standard?.family === "benchmark" ? benchmarkValue(indicator.id, t.standard.region, year) : undefined
    if (benchmark) revisions.push(benchmark.revision)
    return evaluateTarget(indicator, t, current ?? (shown === undefined ? undefined : { year, value: shown }), points, partial, benchmark, year)
  })
  const evaluatedTargets = evaluated.map((t) => t.row)
  const primary = primaryTarget(evaluatedTargets, year)
  const base = basePoint(points, indicator.progress?.baseYear ?? defaultBaseYear, year)
  const baseline = primary?.baseline ?? base ?? null
  const direction = indicator.direction
  const progress =
    primary?.progress ??
    (!current
      ? { status: "insufficient-data" as const }
      : direction === "neutral"
        ? { status: "insufficient-data" as const, reason: "no-direction" as const }
        : progressWithoutTarget({ base, current, direction, thresholds: resolveThresholds(indicator.progress?.thresholds) }))
  // The methods judge what the row's progress judges: the primary target, else the series without a target.
  const methods: MethodComparison | undefined = current
    ? primary
      ? compareMethods(progress, evaluated.find((t) => t.row === primary)?.towards, "fewer-than-two-years")
      : compareMethods(progress, undefined)
    : undefined
  const grade = current ? gradeOf(indicator, current.value) : undefined
  return {
    indicator: indicator.id,
    plugin: indicator.plugin,
    name: indicator.name,
    unit: indicator.unit,
    kind: indicator.kind,
    direction: indicator.direction,
    decimals: indicator.decimals,
    status: cell === undefined ? "missing" : cell._tag === "error" ? "error" : "ok",
    error: cell?._tag === "error" ? cell.error : null,
    value: shown ?? null,
    origin: cell?._tag === "value" ? cell.origin : null,
    computedValue: cell?._tag === "value" ? (cell.computed ?? null) : null,
    missingInputs:
      cell?._tag === "value"
        ? (cell.missingInputs ?? [])
        : cell === undefined
          ? (indicator.inputs ?? []).filter((i) => !inputHasValue(i))
          : [],
    completeness: cell?._tag === "value" ? cell.completeness : 0,
    coverage: cell?._tag === "value" ? (cell.coverage ?? null) : null,
    grade: grade ? { id: grade.id, name: grade.name } : null,
    baseline,
    changeSinceBaseline: current && baseline && baseline.year < year ? current.value - baseline.value : null,
    observedRate: current && baseline ? (annualRate(baseline, current)?.rate ?? null) : null,
    targets: evaluatedTargets,
    progress: current ? progress : { status: "insufficient-data" },
    ...(methods ? { methods } : {}),
    rulesBroken: brokenRules(indicator, evaluatedTargets, current, previous, year),
    trend,
    revisions: sortedUnique(revisions),
  }
}

/** The row of an indicator whose evaluation itself failed: status error, the reason, nothing else. */
export const errorEvaluation = (indicator: Indicator, error: string): Evaluation => ({
  indicator: indicator.id,
  plugin: indicator.plugin,
  name: indicator.name,
  unit: indicator.unit,
  kind: indicator.kind,
  direction: indicator.direction,
  decimals: indicator.decimals,
  status: "error",
  error,
  value: null,
  origin: null,
  computedValue: null,
  missingInputs: [],
  completeness: 0,
  coverage: null,
  grade: null,
  baseline: null,
  changeSinceBaseline: null,
  observedRate: null,
  targets: [],
  progress: { status: "insufficient-data" },
  rulesBroken: [],
  trend: [],
  revisions: [],
})

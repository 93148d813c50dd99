/**
 * The report's summary counts and diagnosis, from its evaluations.
 */
import { breakdownTargetSummary } from "./evaluateBreakdowns.js"
import { noProgress } from "./progressCounts.js"
import type { Progress } from "../Progress.js"
import type { RegistryService } from "../Registry.js"
import type { Diagnosis, DiagnosisItem, Evaluation, ReportSummary } from "../Report.js"

const byIndicator = (a: DiagnosisItem, b: DiagnosisItem) => (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0)

/** Counts per status and progress, in one pass. */
export const summarize = (rows: ReadonlyArray<Evaluation>, notReported: number): ReportSummary => {
  let withValue = 0
  const binding = { targets: 0, met: 0, breached: 0, notAssessed: 0 }
  let missing = 0
  let error = 0
  const approval = { approved: 0, submitted: 0, provisional: 0 }
  const progress: Record<Progress["status"], number> = noProgress()
  for (const r of rows) {
    if (r.status === "ok") {
      withValue++
      progress[r.progress.status]++
      if (r.approval) approval[r.approval.trust]++
    } else if (r.status === "missing") missing++
    else error++
    for (const t of r.targets) {
      if (!t.binding) continue
      binding.targets++
      if (t.met === true) binding.met++
      else if (t.met === false) binding.breached++
      else binding.notAssessed++
    }
  }
  const bindingMissed = binding.breached
  const breakdownTargets = breakdownTargetSummary(rows)
  return {
    indicators: rows.length,
    notReported,
    withValue,
    missing,
    error,
    targetAchieved: progress["target-achieved"],
    substantial: progress.substantial,
    moderate: progress.moderate,
    limited: progress.limited,
    deterioration: progress.deterioration,
    insufficientData: progress["insufficient-data"],
    bindingMissed,
    binding,
    completeness: rows.length === 0 ? 0 : withValue / rows.length,
    approval,
    ...(breakdownTargets ? { breakdownTargets } : {}),
  }
}

const gapItems = (rows: ReadonlyArray<Evaluation>, binding: boolean | undefined): Array<DiagnosisItem> =>
  rows
    .flatMap((r) =>
      r.targets
        .filter((t) => t.met === false && (binding === undefined || t.binding === binding))
        .map((t) => {
          const aim = t.kind === "band" ? (r.value! < t.lo! ? t.lo! : t.hi!) : t.kind === "no-decrease-from-baseline" ? t.baseline!.value : t.value!
          return {
            indicator: r.indicator,
            name: r.name,
            value: r.value,
            target: t.id,
            gap: t.gap!,
            relativeGap: aim === 0 ? Math.abs(t.gap!) : Math.abs(t.gap! / aim),
          }
        }),
    )
    .sort((a, b) => b.relativeGap - a.relativeGap || byIndicator(a, b))

/**
 * Binding targets missed (largest relative gap first), the ten largest gaps of any target, the regressions
 * since the previous year with a value, every computed value beside its published or registered counterpart, and the
 * forecasts reality outran (`gap`: the value's distance past the forecast, positive above it).
 */
export const diagnose = (registry: RegistryService, rows: ReadonlyArray<Evaluation>, year: number): Diagnosis => {
  const byId = new Map(rows.map((r) => [r.indicator, r]))
  const regressions = rows.flatMap((r) => {
    if (!r.rulesBroken.some((b) => b.rule === "regression")) return []
    const previous = r.trend.filter((p) => p.year < year).at(-1)
    return [{ indicator: r.indicator, name: r.name, value: r.value, ...(previous ? { previous } : {}) }]
  })
  const computedVsReported = rows.flatMap((r) => {
    if (r.value !== null && r.computedValue !== null) {
      return [
        { indicator: r.indicator, name: r.name, value: r.value, reported: r.value, computed: r.computedValue, difference: r.value - r.computedValue },
      ]
    }
    const target = registry.indicator(r.indicator)?.reports
    const computed = target ? byId.get(target) : undefined
    if (!computed || r.value === null || computed.value === null) return []
    return [
      {
        indicator: r.indicator,
        name: r.name,
        value: r.value,
        reported: r.value,
        computed: computed.value,
        difference: r.value - computed.value,
      },
    ]
  })
  const bindingNotAssessed = rows.flatMap((r) =>
    r.targets
      .filter((t) => t.binding && t.met === null)
      .map((t): DiagnosisItem => ({
        indicator: r.indicator,
        name: r.name,
        value: r.value,
        target: t.id,
        ...(t.notAssessed ? { reason: t.notAssessed } : {}),
      })),
  )
  const forecastsOutrun = rows.flatMap((r) =>
    r.targets.flatMap((t): ReadonlyArray<DiagnosisItem> => {
      const f = t.forecast
      if (f?.status !== "outran") return []
      return [{ indicator: r.indicator, name: r.name, value: r.value, target: t.id, gap: f.deviation, forecast: t.value!, passedIn: f.passedIn!, yearsEarly: f.yearsEarly! }]
    }),
  )
  return {
    bindingMissed: gapItems(rows, true),
    bindingNotAssessed: bindingNotAssessed.sort(byIndicator),
    largestGaps: gapItems(rows, undefined).slice(0, 10),
    regressions: regressions.sort(byIndicator),
    computedVsReported: computedVsReported.sort(byIndicator),
    forecastsOutrun: forecastsOutrun.sort(byIndicator),
  }
}

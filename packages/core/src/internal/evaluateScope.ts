/**
 * The evaluated content of one report, from the observations read for it: every indicator's series and
 * evaluation, one section per plugin (with the plugin's own notes and tables), the revision ids the rows rest on
 * and the latest submission among them. Pure and synchronous, so the series and observations it works through
 * are garbage once it returns and the report is sealed without them.
 */
import type { Plugin, SectionContext } from "../Plugin.js"
import type { Scope } from "../Region.js"
import type { RegistryService } from "../Registry.js"
import { declaredFor, targetScopesFor } from "../Applicability.js"
import type { Evaluation, NotReported, ReportSection, SectionExtras, ValueApproval } from "../Report.js"
import { type BreakdownRows, evaluateBreakdowns } from "./evaluateBreakdowns.js"
import { type BenchmarkLookup, errorEvaluation, evaluateIndicator } from "./evaluateIndicator.js"
import { memberValues } from "./memberValues.js"
import { buildSeries, type ObservedValue } from "./series.js"
import { sortedUnique } from "./sortedUnique.js"

/** What `evaluateScope` gives the report. */
export interface ScopeEvaluation {
  readonly sections: ReadonlyArray<ReportSection>
  /** The registry's indicators that do not apply to the scope. */
  readonly notReported: ReadonlyArray<NotReported>
  /** Every row, section by section. */
  readonly evaluations: ReadonlyArray<Evaluation>
  /** Sorted, unique ids of the revisions the rows rest on. */
  readonly revisions: ReadonlyArray<string>
  /** The latest submission time among those revisions, or null. */
  readonly dataAsOf: string | null
}

const sectionExtras = (plugin: Plugin, context: SectionContext): SectionExtras & { readonly error?: string } => {
  if (!plugin.reportSection) return {}
  try {
    return plugin.reportSection(context)
  } catch (e) {
    return { error: `the ${plugin.id} plugin's section failed: ${e instanceof Error ? e.message : String(e)}` }
  }
}

/**
 * The latest submission time among the observations whose revision ids are `used`, or null. Every id a report
 * uses is one of the observations read for it (each once), so when as many are used as were read, all were.
 */
const latestSubmission = (observations: ReadonlyArray<ObservedValue>, used: ReadonlyArray<string>): string | null => {
  const usedIds = used.length === observations.length ? undefined : new Set(used)
  let latest: string | null = null
  for (const o of observations) {
    if (usedIds && !usedIds.has(o.id)) continue
    if (latest === null || o.submittedAt > latest) latest = o.submittedAt
  }
  return latest
}

/**
 * For a group: its members' values (see `memberValues`); for a region: its children's when some plugin declares a
 * composite to rank them by (the engine then reads their observations too), else none.
 */
const membersOf = (registry: RegistryService, scope: Scope, observations: ReadonlyArray<ObservedValue>, year: number) =>
  scope._tag === "group"
    ? memberValues(registry, scope.members, observations, year)
    : registry.composites.length > 0
      ? memberValues(registry, registry.regions.children(scope.region.code), observations, year)
      : () => []

/**
 * Evaluates every indicator of the registry for `scope` (code `code`) in `year`, from the current observations;
 * `benchmarkObservations` are the registered values of the regions that benchmark targets name (the "X");
 * `approvalOf`, when given, tells each value's approval from the revisions it rests on; `breakdowns`, the current
 * breakdowns read (see `groupBreakdowns`), give the rows of indicators with dimensions their `breakdowns`.
 */
export const evaluateScope = (
  registry: RegistryService,
  scope: Scope,
  code: string,
  observations: ReadonlyArray<ObservedValue>,
  year: number,
  benchmarkObservations: ReadonlyArray<ObservedValue> = [],
  approvalOf?: (revisions: ReadonlyArray<string>) => ValueApproval | null,
  breakdowns: BreakdownRows = new Map(),
): ScopeEvaluation => {
  const series = buildSeries(registry, scope, observations, year)
  const benchmarks = new Map(benchmarkObservations.map((o) => [`${o.indicator}|${o.region}|${o.year}`, o]))
  const benchmarkValue: BenchmarkLookup = (indicator, region, y) => {
    const o = benchmarks.get(`${indicator}|${region}|${y}`)
    return o ? { value: o.value, revision: o.id } : undefined
  }
  const rows = new Map<string, Evaluation>()
  const inputHasValue = (id: string) => series.get(id)?.get(year)?._tag === "value"
  for (const indicator of registry.indicators) {
    try {
      rows.set(indicator.id, evaluateIndicator(indicator, series.get(indicator.id)!, registry.targetsFor(indicator.id, code), year, inputHasValue, benchmarkValue))
    } catch (e) {
      rows.set(indicator.id, errorEvaluation(indicator, `evaluation failed: ${e instanceof Error ? e.message : String(e)}`))
    }
  }
  if (approvalOf) for (const [id, row] of rows) rows.set(id, { ...row, approval: row.value === null ? null : approvalOf(row.revisions) })
  for (const indicator of registry.indicators) {
    const row = rows.get(indicator.id)!
    if (indicator.dimensions === undefined || row.status === "error") continue
    try {
      const targets = registry.breakdownTargetsFor(indicator.id, code)
      rows.set(indicator.id, { ...row, breakdowns: evaluateBreakdowns(indicator, row, scope, breakdowns.get(indicator.id), observations, targets, year) })
    } catch (e) {
      rows.set(indicator.id, errorEvaluation(indicator, `evaluation of its breakdowns failed: ${e instanceof Error ? e.message : String(e)}`))
    }
  }
  // An indicator applies where its plugin or itself is declared for the scope, where a target names the scope
  // (or a group or ancestor containing it; "*" targets alone do not), and wherever it has a value or an error.
  const targetScopes = targetScopesFor(scope, registry.regions)
  // A computed indicator also applies where any of its inputs does, so a composite missing for lack of one input
  // is listed, naming it; an input another plugin owns (`uses`) does not pull it into a scope its own plugin's
  // declared applicability leaves out (ecology's forest cover in the Demonstration Zone does not bring in beauty's
  // green-expansion sub-index). Inputs precede their indicators in registry order.
  const applicable = new Set<string>()
  // A group's indicator also applies where a member has a value, aggregated or not (the members are compared).
  const memberValues = new Set<string>()
  if (scope._tag === "group") for (const o of observations) if (o.region !== code && o.year <= year) memberValues.add(o.indicator)
  for (const indicator of registry.indicators) {
    const plugin = registry.plugin(indicator.plugin)
    const row = rows.get(indicator.id)!
    if (
      declaredFor(plugin?.appliesTo, scope) ||
      declaredFor(indicator.appliesTo, scope) ||
      targetScopes.some((c) => registry.targetsFor(indicator.id, c).some((t) => t.scope === c)) ||
      row.status !== "missing" ||
      row.trend.length > 0 ||
      memberValues.has(indicator.id) ||
      (indicator.compute !== undefined &&
        (indicator.inputs ?? []).some((i) => applicable.has(i) && (plugin?.appliesTo === undefined || registry.indicator(i)?.plugin === indicator.plugin)))
    ) {
      applicable.add(indicator.id)
    }
  }
  const membersValues = membersOf(registry, scope, observations, year)
  const notReported: Array<NotReported> = []
  const sections = registry.plugins.flatMap((p): ReadonlyArray<ReportSection> => {
    const evaluations: Array<Evaluation> = []
    for (const i of p.indicators) {
      if (applicable.has(i.id)) evaluations.push(rows.get(i.id)!)
      else notReported.push({ indicator: i.id, plugin: p.id, name: i.name })
    }
    if (evaluations.length === 0) return []
    const pluginIndicators = p.indicators.map((i) => i.id)
    const extras = sectionExtras(p, {
      scope: code,
      year,
      evaluations,
      get members() {
        return membersValues(pluginIndicators)
      },
    })
    return [{
      plugin: p.id,
      version: p.version,
      name: p.name,
      methodology: p.methodology ?? null,
      evaluations,
      notes: extras.notes ?? [],
      tables: extras.tables ?? [],
      error: extras.error ?? null,
    }]
  })
  // The plugins whose targets name this very scope come first (the Demonstration Zone's own master plan leads its
  // report), most such targets first; otherwise registry order.
  const ownTargets = (section: ReportSection) =>
    section.evaluations.reduce((n, e) => n + registry.targetsFor(e.indicator, code).filter((t) => t.scope === code).length, 0)
  const ranked = sections.map((section, index) => ({ section, index, own: ownTargets(section) }))
  ranked.sort((a, b) => b.own - a.own || a.index - b.index)
  sections.splice(0, sections.length, ...ranked.map((r) => r.section))
  const evaluations: Array<Evaluation> = []
  const used: Array<string> = []
  for (const s of sections) {
    for (const r of s.evaluations) {
      evaluations.push(r)
      for (const id of r.revisions) used.push(id)
      for (const d of r.breakdowns ?? []) for (const v of d.values) for (const id of v.revisions) used.push(id)
    }
  }
  const revisions = sortedUnique(used)
  const read = [observations, benchmarkObservations, ...[...breakdowns.values()].flatMap((byKey) => [...byKey.values()])].filter((rs) => rs.length > 0)
  return { sections, notReported, evaluations, revisions, dataAsOf: latestSubmission(read.length <= 1 ? (read[0] ?? []) : read.flat(), revisions) }
}

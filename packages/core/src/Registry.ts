/**
 * The registry: one validated set of regions, plugins, indicators and targets. Built once, eagerly; any
 * problem (a duplicate or unprefixed id, one figure declared by two plugins, a `uses` no other plugin declares,
 * a target or input that does not resolve, a cycle among derived indicators, a plugin whose `coreVersion` range
 * excludes this core) fails the build with one `RegistryError`
 * that lists every problem.
 */
import { dimensionDeclarationProblems } from "./Dimension.js"
import { Context, Effect, Layer, Schema } from "effect"
import { CORE_VERSION, isValidVersionRange, satisfiesVersionRange } from "./CoreVersion.js"
import { RegistryError } from "./Errors.js"
import type { Calculator } from "./Calculator.js"
import { type CompositeDeclaration, compositeDeclarationProblems } from "./CompositeDeclaration.js"
import type { Indicator } from "./Indicator.js"
import type { Plugin } from "./Plugin.js"
import type { RegionSet } from "./Region.js"
import { resolveThresholds, thresholdsProblem } from "./Progress.js"
import { type Target, targetId } from "./Target.js"
import { sameFigureProblems, usesProblems } from "./internal/figureOwnership.js"
import { targetBreakdownProblems } from "./internal/targetBreakdownProblems.js"
import { targetIndex } from "./internal/targetIndex.js"
import { targetProblems } from "./internal/targetProblems.js"
import { topologicalOrder } from "./internal/dag.js"
import { ruleDefinitionProblems, ruleIndicators, type ValidationRule } from "./ValidationRule.js"

const ID = /^[a-z][a-z0-9-]*\.[a-z0-9]+(?:-[a-z0-9]+)*$/
const PLUGIN_ID = /^[a-z][a-z0-9-]*$/

/** The registry's contents. */
export interface RegistryService {
  readonly regions: RegionSet
  readonly plugins: ReadonlyArray<Plugin>
  /** Every indicator, inputs before the derived indicators that read them (a topological order). */
  readonly indicators: ReadonlyArray<Indicator>
  readonly targets: ReadonlyArray<Target>
  /** The indicator with this id, or undefined. */
  readonly indicator: (id: string) => Indicator | undefined
  /** The targets of an indicator's total that apply in a region or group (exact scope, or `"*"`). */
  readonly targetsFor: (indicator: string, scope: string) => ReadonlyArray<Target>
  /**
   * The targets of an indicator's breakdowns that apply in a region or group (exact scope, or `"*"`), by breakdown
   * key (`"mode=metro"`), in declaration order; none: an empty map.
   *
   * @example
   * registry.breakdownTargetsFor("mob.green-share", "320500").get("mode=metro") // [the metro target]
   */
  readonly breakdownTargetsFor: (indicator: string, scope: string) => ReadonlyMap<string, ReadonlyArray<Target>>
  /** The plugin with this id, or undefined. */
  readonly plugin: (id: string) => Plugin | undefined
  /** Every calculator with the plugin that declares it. */
  readonly calculators: ReadonlyArray<{ readonly plugin: Plugin; readonly calculator: Calculator }>
  /** Every validation rule, with the plugin that declares it, in plugin order. */
  readonly rules: ReadonlyArray<ValidationRule>
  /** The rules that read an indicator (none: an empty list). */
  readonly rulesReading: (indicator: string) => ReadonlyArray<ValidationRule>
  /** Every declared composite with the plugin that declares it, in plugin order. */
  readonly composites: ReadonlyArray<{ readonly plugin: Plugin; readonly composite: CompositeDeclaration }>
}

/** The registry service tag. */
export class Registry extends Context.Tag("@tijian/core/Registry")<Registry, RegistryService>() {}

type Problem = { readonly reason: RegistryError["reason"]; readonly message: string }

/** Why a plugin cannot run on this core (its `coreVersion` range is invalid or excludes `CORE_VERSION`), or undefined. */
const coreCompatibilityProblem = (p: Plugin): Problem | undefined => {
  const range = p.coreVersion
  if (range === undefined) return undefined
  if (!isValidVersionRange(range)) {
    return {
      reason: "invalid-definition",
      message: `plugin "${p.id}" declares coreVersion "${range}", which is not a semver range (e.g. "^${CORE_VERSION}")`,
    }
  }
  if (satisfiesVersionRange(CORE_VERSION, range)) return undefined
  return {
    reason: "invalid-definition",
    message:
      `plugin "${p.id}" ${p.version} supports @tijian/core ${range}, but this is @tijian/core ${CORE_VERSION}; ` +
      `install a version of "${p.id}" that supports ${CORE_VERSION}, or a @tijian/core within ${range}`,
  }
}

const collectProblems = (plugins: ReadonlyArray<Plugin>, regions: RegionSet) => {
  const problems: Array<Problem> = []
  const indicators = new Map<string, Indicator>()
  const pluginIds = new Set<string>()
  for (const p of plugins) {
    if (!PLUGIN_ID.test(p.id)) {
      problems.push({ reason: "bad-id", message: `plugin id "${p.id}" must be lower-case kebab-case (e.g. "rail")` })
    }
    if (pluginIds.has(p.id)) problems.push({ reason: "duplicate-id", message: `plugin "${p.id}" is registered twice` })
    pluginIds.add(p.id)
    const compatibility = coreCompatibilityProblem(p)
    if (compatibility) problems.push(compatibility)
    for (const d of p.indicators) {
      if (!ID.test(d.id) || !d.id.startsWith(`${p.id}.`)) {
        problems.push({
          reason: "bad-id",
          message: `indicator "${d.id}" of plugin "${p.id}" must be "${p.id}.<kebab-slug>"`,
        })
      }
      const prior = indicators.get(d.id)
      if (prior) {
        problems.push({
          reason: "duplicate-id",
          message: `indicator "${d.id}" is declared by both "${prior.plugin}" and "${p.id}"`,
        })
      }
      indicators.set(d.id, { ...d, plugin: p.id })
    }
  }
  problems.push(...usesProblems(plugins), ...sameFigureProblems(plugins))
  for (const ind of indicators.values()) {
    const where = `indicator "${ind.id}"`
    if (ind.kind === "derived") {
      if (!ind.compute || !ind.inputs || ind.inputs.length === 0) {
        problems.push({ reason: "invalid-definition", message: `${where} is derived but declares no inputs or compute` })
      }
    } else if (ind.kind === "reported" && (ind.compute || ind.inputs)) {
      problems.push({ reason: "invalid-definition", message: `${where} is reported (a published figure); it cannot compute` })
    } else if (ind.kind === "reported" && (ind.reports as string | undefined) === undefined) {
      problems.push({ reason: "invalid-definition", message: `${where} is reported (a published figure) but names no derived indicator in reports` })
    } else if (Boolean(ind.compute) !== Boolean(ind.inputs)) {
      problems.push({ reason: "invalid-definition", message: `${where} declares only one of inputs and compute; it needs both or neither` })
    }
    const share = ind.maxMissingInputShare
    if (share !== undefined && !(share >= 0 && share < 1)) {
      problems.push({ reason: "invalid-definition", message: `${where} has maxMissingInputShare ${share}; it must be in [0, 1)` })
    }
    for (const input of ind.inputs ?? []) {
      if (!indicators.has(input)) {
        problems.push({ reason: "unknown-indicator", message: `${where} reads input "${input}", which no plugin declares` })
      }
    }
    if (ind.reports !== undefined && !indicators.has(ind.reports)) {
      problems.push({ reason: "unknown-indicator", message: `${where} reports "${ind.reports}", which no plugin declares` })
    }
    if (ind.aggregate?.rule === "weighted-mean" && !indicators.has(ind.aggregate.weight)) {
      problems.push({
        reason: "unknown-indicator",
        message: `${where} is weighted by "${ind.aggregate.weight}", which no plugin declares`,
      })
    }
    const { min, max } = ind.range ?? {}
    if (min !== undefined && max !== undefined && min > max) {
      problems.push({ reason: "invalid-definition", message: `${where} has range min ${min} > max ${max}` })
    }
    if (!Number.isInteger(ind.decimals) || ind.decimals < 0 || ind.decimals > 12) {
      problems.push({ reason: "invalid-definition", message: `${where} needs decimals as an integer 0..12` })
    }
    if (ind.dimensions && ind.kind === "derived") problems.push({ reason: "invalid-definition", message: `${where} is derived; only registered indicators declare dimensions` })
    for (const message of dimensionDeclarationProblems(ind.id, ind.dimensions ?? [])) problems.push({ reason: "invalid-definition", message })
    const band = ind.plausibleChange
    if (band && !(band.minRatio > 0 && band.minRatio <= band.maxRatio && Number.isFinite(band.maxRatio))) {
      problems.push({ reason: "invalid-definition", message: `${where} has plausibleChange ${band.minRatio}..${band.maxRatio}; it needs 0 < minRatio <= maxRatio` })
    }
    const baseYear = ind.progress?.baseYear
    if (baseYear !== undefined && !Number.isInteger(baseYear)) {
      problems.push({ reason: "invalid-definition", message: `${where} has progress.baseYear ${baseYear}; it must be a whole year` })
    }
    const thresholds = thresholdsProblem(resolveThresholds(ind.progress?.thresholds))
    if (thresholds) problems.push({ reason: "invalid-definition", message: `${where} has progress ${thresholds}` })
  }
  const calculatorIds = new Set<string>()
  for (const p of plugins) {
    for (const c of p.calculators ?? []) {
      const where = `calculator "${c.id}" of plugin "${p.id}"`
      if (!ID.test(c.id) || !c.id.startsWith(`${p.id}.`)) {
        problems.push({ reason: "bad-id", message: `${where} must be "${p.id}.<kebab-slug>"` })
      }
      if (calculatorIds.has(c.id)) problems.push({ reason: "duplicate-id", message: `${where} is declared twice` })
      calculatorIds.add(c.id)
      if (!Schema.isSchema(c.params) || !("fields" in c.params)) {
        const old = "parameters" in c ? " (the old `parameters` list is gone)" : ""
        problems.push({ reason: "invalid-definition", message: `${where} must declare params as a Schema.Struct of param(...) fields${old}; Schema.Struct({}) when it takes none` })
      }
      for (const id of c.produces) {
        if (!indicators.has(id)) problems.push({ reason: "unknown-indicator", message: `${where} produces "${id}", which no plugin declares` })
        else if (indicators.get(id)!.kind === "derived") {
          problems.push({ reason: "invalid-definition", message: `${where} produces "${id}", which is derived (computed by the engine)` })
        }
      }
    }
  }
  const targets: Array<Target> = []
  const targetIds = new Set<string>()
  for (const p of plugins) {
    for (const t of p.targets ?? []) {
      const id = targetId(t)
      const where = `target "${id}" of plugin "${p.id}"`
      if (targetIds.has(id)) problems.push({ reason: "duplicate-id", message: `${where} is declared twice` })
      targetIds.add(id)
      if (!indicators.has(t.indicator)) {
        problems.push({ reason: "unknown-indicator", message: `${where} names indicator "${t.indicator}", which no plugin declares` })
      }
      if (t.scope !== "*" && !regions.has(t.scope)) {
        problems.push({ reason: "unknown-region", message: `${where} names scope "${t.scope}", which is not a known region or group` })
      }
      for (const problem of [...targetProblems(t, regions), ...targetBreakdownProblems(t, indicators.get(t.indicator))]) {
        problems.push({ reason: problem.reason, message: `${where} ${problem.message}` })
      }
      if (t.kind !== "forecast" && t.progressThresholds) {
        const problem = thresholdsProblem(resolveThresholds(indicators.get(t.indicator)?.progress?.thresholds, t.progressThresholds))
        if (problem) problems.push({ reason: "invalid-definition", message: `${where} has progressThresholds where ${problem}` })
      }
      targets.push({ ...t, id, plugin: p.id })
    }
  }
  const rules: Array<ValidationRule> = []
  const ruleIds = new Set<string>()
  for (const p of plugins) {
    for (const r of p.rules ?? []) {
      const where = `rule "${r.id}" of plugin "${p.id}"`
      if (!ID.test(r.id) || !r.id.startsWith(`${p.id}.`)) problems.push({ reason: "bad-id", message: `${where} must be "${p.id}.<kebab-slug>"` })
      if (ruleIds.has(r.id)) problems.push({ reason: "duplicate-id", message: `${where} is declared twice` })
      ruleIds.add(r.id)
      problems.push(...ruleDefinitionProblems(p.id, r, (id) => indicators.get(id)))
      for (const scope of r.scopes ?? []) {
        if (!regions.has(scope)) problems.push({ reason: "unknown-region", message: `${where} names scope "${scope}", which is not a known region or group` })
      }
      rules.push({ ...r, plugin: p.id })
    }
  }
  const composites = new Set<string>()
  for (const p of plugins) {
    for (const c of p.composites ?? []) {
      const where = `composite "${c.indicator}" of plugin "${p.id}"`
      if (composites.has(c.indicator)) problems.push({ reason: "duplicate-id", message: `${where} is declared twice` })
      composites.add(c.indicator)
      for (const problem of compositeDeclarationProblems(c, (id) => indicators.has(id))) problems.push({ reason: problem.reason, message: `${where} ${problem.message}` })
    }
  }
  return { problems, indicators, targets, rules }
}

/**
 * Builds a registry from plugins and a region set; fails with one `RegistryError` naming every problem.
 *
 * @example
 * const registry = yield* buildRegistry([beautyIndex], yrdRegions())
 */
export const buildRegistry = (
  plugins: ReadonlyArray<Plugin>,
  regions: RegionSet,
): Effect.Effect<RegistryService, RegistryError> =>
  Effect.suspend(() => {
    const { problems, indicators, targets, rules } = collectProblems(plugins, regions)
    const order = topologicalOrder(
      [...indicators.keys()],
      (id) => (indicators.get(id)?.inputs ?? []).filter((i) => indicators.has(i)),
    )
    if ("cycle" in order) {
      problems.push({
        reason: "cycle",
        message: `derived indicators form a cycle: ${order.cycle.join(" -> ")}`,
      })
    }
    if (problems.length > 0 || "cycle" in order) {
      const head = problems[0]!
      const message =
        problems.length === 1
          ? `cannot build the registry: ${head.message}`
          : `cannot build the registry (${problems.length} problems): ${problems.map((p) => p.message).join("; ")}`
      return Effect.fail(new RegistryError({ reason: head.reason, message }))
    }
    const ordered = order.order.map((id) => indicators.get(id)!)
    const pluginsById = new Map(plugins.map((p) => [p.id, p]))
    const rulesByIndicator = new Map<string, Array<ValidationRule>>()
    for (const r of rules) for (const id of ruleIndicators(r)) rulesByIndicator.set(id, [...(rulesByIndicator.get(id) ?? []), r])
    const service: RegistryService = {
      regions,
      plugins,
      indicators: ordered,
      targets,
      indicator: (id) => indicators.get(id),
      ...targetIndex(targets),
      plugin: (id) => pluginsById.get(id),
      calculators: plugins.flatMap((plugin) => (plugin.calculators ?? []).map((calculator) => ({ plugin, calculator }))),
      rules,
      rulesReading: (indicator) => rulesByIndicator.get(indicator) ?? [],
      composites: plugins.flatMap((plugin) => (plugin.composites ?? []).map((composite) => ({ plugin, composite }))),
    }
    return Effect.succeed(service)
  })

/** A layer providing the registry built from these plugins and regions. */
export const layer = (plugins: ReadonlyArray<Plugin>, regions: RegionSet): Layer.Layer<Registry, RegistryError> =>
  Layer.effect(Registry, buildRegistry(plugins, regions))

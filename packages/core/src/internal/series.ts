/**
 * The value series of every indicator for one region or group: observed values, group values aggregated
 * from members, and derived values computed in DAG order. A failing computation becomes an error cell.
 */
import { type Aggregation, type Indicator, minCoverageOf } from "../Indicator.js"
import type { CurrentValue } from "../Observation.js"
import type { Scope } from "../Region.js"
import type { RegistryService } from "../Registry.js"
import type { Coverage, ValueOrigin } from "../Report.js"

/** A value with where it came from, or the reason it could not be computed. */
export type Cell =
  | {
      readonly _tag: "value"
      readonly value: number
      readonly origin: ValueOrigin
      readonly revisions: ReadonlyArray<string>
      readonly completeness: number
      /** For a registered value of an indicator that can also be computed: the computed value. */
      readonly computed?: number
      /** Inputs that were missing when the value was computed. */
      readonly missingInputs?: ReadonlyArray<string>
      /** For a value aggregated from a group's members: how many reported. */
      readonly coverage?: Coverage
    }
  | { readonly _tag: "error"; readonly error: string; readonly revisions: ReadonlyArray<string> }

/** Year -> cell, per indicator id. */
export type SeriesSet = ReadonlyMap<string, ReadonlyMap<number, Cell>>

/** What the engine reads of a current observation (`ObservationStore.currentValues`). */
export type ObservedValue = CurrentValue

const NO_VALUES: ReadonlyMap<number, ObservedValue> = new Map()

/**
 * Indicator -> region -> year -> observation. The store returns observations ordered by cell, so a run of one
 * indicator and region shares one lookup; any order gives the same index.
 */
const index = (observations: ReadonlyArray<ObservedValue>) => {
  const byIndicator = new Map<string, Map<string, Map<number, ObservedValue>>>()
  let run: Map<number, ObservedValue> | undefined
  let runIndicator = ""
  let runRegion = ""
  for (const o of observations) {
    if (run === undefined || o.indicator !== runIndicator || o.region !== runRegion) {
      let byRegion = byIndicator.get(o.indicator)
      if (!byRegion) byIndicator.set(o.indicator, (byRegion = new Map()))
      run = byRegion.get(o.region)
      if (!run) byRegion.set(o.region, (run = new Map()))
      runIndicator = o.indicator
      runRegion = o.region
    }
    run.set(o.year, o)
  }
  return (indicator: string, region: string): ReadonlyMap<number, ObservedValue> =>
    byIndicator.get(indicator)?.get(region) ?? NO_VALUES
}

const aggregate = (
  rule: Aggregation,
  values: ReadonlyArray<{ readonly value: number; readonly weight?: number }>,
): number | undefined => {
  if (values.length === 0) return undefined
  switch (rule.rule) {
    case "sum":
      return values.reduce((s, v) => s + v.value, 0)
    case "mean":
      return values.reduce((s, v) => s + v.value, 0) / values.length
    case "min":
      return Math.min(...values.map((v) => v.value))
    case "max":
      return Math.max(...values.map((v) => v.value))
    case "weighted-mean": {
      const total = values.reduce((s, v) => s + (v.weight ?? 0), 0)
      return total > 0 ? values.reduce((s, v) => s + v.value * (v.weight ?? 0), 0) / total : undefined
    }
  }
}

const observedSeries = (
  indicator: Indicator,
  scope: Scope,
  lookup: ReturnType<typeof index>,
  upToYear: number,
): Map<number, Cell> => {
  const out = new Map<number, Cell>()
  const code = scope._tag === "region" ? scope.region.code : scope.group.code
  for (const [year, o] of lookup(indicator.id, code)) {
    if (year <= upToYear) out.set(year, { _tag: "value", value: o.value, origin: "observed", revisions: [o.id], completeness: 1 })
  }
  if (scope._tag === "group" && indicator.aggregate) {
    const rule = indicator.aggregate
    const members = scope.members.map((m) => ({
      values: lookup(indicator.id, m.code),
      weights: rule.rule === "weighted-mean" ? lookup(rule.weight, m.code) : undefined,
    }))
    const threshold = minCoverageOf(rule)
    const years = new Set(members.flatMap((m) => [...m.values.keys()]))
    for (const year of [...years].sort((a, b) => a - b)) {
      if (year > upToYear || out.has(year)) continue
      const present = members.flatMap((m) => {
        const o = m.values.get(year)
        if (!o) return []
        const w = m.weights?.get(year)
        if (m.weights && !w) return []
        return [{ value: o.value, ...(w ? { weight: w.value } : {}), revisions: w ? [o.id, w.id] : [o.id] }]
      })
      const value = aggregate(rule, present)
      if (value === undefined) continue
      // A weighted mean is judged by the reporting members' share of the total weight, when every member's weight
      // is known for the year; otherwise (an unknown weight could be any size) by the share of members.
      let weightShare: number | null = null
      let share = present.length / scope.members.length
      if (rule.rule === "weighted-mean") {
        const all = members.reduce((s, m) => s + (m.weights?.get(year)?.value ?? 0), 0)
        weightShare = all > 0 ? present.reduce((s, p) => s + (p.weight ?? 0), 0) / all : 0
        if (members.every((m) => m.weights?.get(year) !== undefined)) share = weightShare
      }
      out.set(year, {
        _tag: "value",
        value,
        origin: "aggregated",
        revisions: present.flatMap((p) => p.revisions),
        completeness: present.length / scope.members.length,
        coverage: {
          reported: present.length,
          members: scope.members.length,
          weightShare,
          threshold,
          partial: share < threshold - 1e-12,
        },
      })
    }
  }
  return out
}

const derivedSeries = (indicator: Indicator, code: string, series: Map<string, Map<number, Cell>>): Map<number, Cell> => {
  const inputs = indicator.inputs ?? []
  const inputSeries = inputs.map((id) => series.get(id) ?? new Map<number, Cell>())
  const years = new Set(inputSeries.flatMap((s) => [...s.keys()]))
  const allowedMissing = Math.floor((indicator.maxMissingInputShare ?? 0) * inputs.length + 1e-9)
  const out = new Map<number, Cell>()
  for (const year of [...years].sort((a, b) => a - b)) {
    const cells = inputSeries.map((s) => s.get(year))
    const missingInputs = inputs.filter((_, i) => cells[i] === undefined)
    if (missingInputs.length > allowedMissing) continue
    const present = cells.flatMap((c, i) => (c ? [{ id: inputs[i]!, cell: c }] : []))
    const revisions = [...new Set(present.flatMap((p) => p.cell.revisions))].sort()
    const failed = present.find((p) => p.cell._tag === "error")
    if (failed) {
      out.set(year, { _tag: "error", error: `input ${failed.id} could not be evaluated`, revisions })
      continue
    }
    const values: Record<string, number> = {}
    let completeness = 1
    for (const { id, cell } of present) {
      if (cell._tag !== "value") continue
      values[id] = cell.value
      completeness = Math.min(completeness, cell.completeness)
    }
    try {
      const value = indicator.compute!(values, { region: code, year })
      if (typeof value !== "number" || !Number.isFinite(value)) {
        out.set(year, { _tag: "error", error: `the calculation returned ${String(value)}, not a finite number`, revisions })
      } else {
        out.set(year, {
          _tag: "value",
          value,
          origin: "derived",
          revisions,
          completeness: completeness * (present.length / inputs.length),
          ...(missingInputs.length > 0 ? { missingInputs } : {}),
        })
      }
    } catch (e) {
      out.set(year, { _tag: "error", error: `the calculation failed: ${e instanceof Error ? e.message : String(e)}`, revisions })
    }
  }
  return out
}

/** Registered values where present (with the computed value beside them), computed values elsewhere. */
const mergeRegisteredAndComputed = (registered: Map<number, Cell>, computed: Map<number, Cell>): Map<number, Cell> => {
  const out = new Map<number, Cell>(computed)
  for (const [year, cell] of registered) {
    const c = computed.get(year)
    out.set(year, cell._tag === "value" && c?._tag === "value" ? { ...cell, computed: c.value } : cell)
  }
  return new Map([...out.entries()].sort((a, b) => a[0] - b[0]))
}

/**
 * One indicator's registered series for `scope` from `observations`, up to `upToYear`: for a group without its own
 * value, aggregated from the members by the indicator's rule and coverage, as `buildSeries` does. What a breakdown's
 * series is built with (its rows under the indicator's id, beside the totals of a weighted mean's weight).
 */
export const observedSeriesOf = (indicator: Indicator, scope: Scope, observations: ReadonlyArray<ObservedValue>, upToYear: number): Map<number, Cell> =>
  observedSeries(indicator, scope, index(observations), upToYear)

/** Builds every indicator's series for `scope` from the current observations, up to `upToYear`. */
export const buildSeries = (
  registry: RegistryService,
  scope: Scope,
  observations: ReadonlyArray<ObservedValue>,
  upToYear: number,
): SeriesSet => {
  const lookup = index(observations)
  const series = new Map<string, Map<number, Cell>>()
  const code = scope._tag === "region" ? scope.region.code : scope.group.code
  for (const indicator of registry.indicators) {
    const values =
      indicator.kind === "derived"
        ? derivedSeries(indicator, code, series)
        : indicator.compute
          ? mergeRegisteredAndComputed(observedSeries(indicator, scope, lookup, upToYear), derivedSeries(indicator, code, series))
          : observedSeries(indicator, scope, lookup, upToYear)
    series.set(indicator.id, values)
  }
  return series
}

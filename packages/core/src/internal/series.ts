/**
 * The value series of every indicator for one region or group: observed values, group values aggregated
 * from members, and derived values computed in DAG order. A failing computation becomes an error cell.
 */
import type { Aggregation, Indicator } from "../Indicator.js"
import type { StoredObservation } from "../Observation.js"
import type { Scope } from "../Region.js"
import type { RegistryService } from "../Registry.js"
import type { ValueOrigin } from "../Report.js"

/** A value with where it came from, or the reason it could not be computed. */
export type Cell =
  | {
      readonly _tag: "value"
      readonly value: number
      readonly origin: ValueOrigin
      readonly revisions: ReadonlyArray<string>
      readonly completeness: number
    }
  | { readonly _tag: "error"; readonly error: string; readonly revisions: ReadonlyArray<string> }

/** Year -> cell, per indicator id. */
export type SeriesSet = ReadonlyMap<string, ReadonlyMap<number, Cell>>

const index = (observations: ReadonlyArray<StoredObservation>) => {
  const byIndicatorRegion = new Map<string, Map<number, StoredObservation>>()
  for (const o of observations) {
    const key = `${o.indicator}\u0000${o.region}`
    const m = byIndicatorRegion.get(key) ?? new Map<number, StoredObservation>()
    m.set(o.year, o)
    byIndicatorRegion.set(key, m)
  }
  return (indicator: string, region: string) => byIndicatorRegion.get(`${indicator}\u0000${region}`) ?? new Map<number, StoredObservation>()
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
      out.set(year, {
        _tag: "value",
        value,
        origin: "aggregated",
        revisions: present.flatMap((p) => p.revisions),
        completeness: present.length / scope.members.length,
      })
    }
  }
  return out
}

const derivedSeries = (indicator: Indicator, code: string, series: Map<string, Map<number, Cell>>): Map<number, Cell> => {
  const inputs = indicator.inputs ?? []
  const inputSeries = inputs.map((id) => series.get(id) ?? new Map<number, Cell>())
  const years = new Set(inputSeries.flatMap((s) => [...s.keys()]))
  const out = new Map<number, Cell>()
  for (const year of [...years].sort((a, b) => a - b)) {
    const cells = inputSeries.map((s) => s.get(year))
    if (cells.some((c) => c === undefined)) continue
    const present = cells as ReadonlyArray<Cell>
    const revisions = [...new Set(present.flatMap((c) => c.revisions))].sort()
    const failed = present.findIndex((c) => c._tag === "error")
    if (failed >= 0) {
      out.set(year, { _tag: "error", error: `input ${inputs[failed]} could not be evaluated`, revisions })
      continue
    }
    const values: Record<string, number> = {}
    let completeness = 1
    present.forEach((c, i) => {
      if (c._tag === "value") {
        values[inputs[i]!] = c.value
        completeness = Math.min(completeness, c.completeness)
      }
    })
    try {
      const value = indicator.compute!(values, { region: code, year })
      if (typeof value !== "number" || !Number.isFinite(value)) {
        out.set(year, { _tag: "error", error: `the calculation returned ${String(value)}, not a finite number`, revisions })
      } else out.set(year, { _tag: "value", value, origin: "derived", revisions, completeness })
    } catch (e) {
      out.set(year, { _tag: "error", error: `the calculation failed: ${e instanceof Error ? e.message : String(e)}`, revisions })
    }
  }
  return out
}

/** Builds every indicator's series for `scope` from the current observations, up to `upToYear`. */
export const buildSeries = (
  registry: RegistryService,
  scope: Scope,
  observations: ReadonlyArray<StoredObservation>,
  upToYear: number,
): SeriesSet => {
  const lookup = index(observations)
  const series = new Map<string, Map<number, Cell>>()
  const code = scope._tag === "region" ? scope.region.code : scope.group.code
  for (const indicator of registry.indicators) {
    series.set(
      indicator.id,
      indicator.kind === "derived" ? derivedSeries(indicator, code, series) : observedSeries(indicator, scope, lookup, upToYear),
    )
  }
  return series
}

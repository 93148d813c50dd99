/**
 * The values of a run: one per indicator per member region, plus the group's total for a group run. A region's
 * figures add up its territories; a seam counts for both its regions and once in a total. When the current
 * redline's features carry types, its area is broken down by type too (`dimensions: { "redline-type": ... }`).
 */
import type { ComputedValue, RegionSet } from "@tijian/core/plugin"
import type { RedlineIndicatorId } from "../indicators.js"
import type { RedlineType } from "../redlineTypes.js"
import type { Measurements } from "./measure.js"
import { type RunScope, unitsWithin } from "./scope.js"

/** Rounds to 1e-9 (0.001 m² for km²), so stored values carry no floating-point noise. */
export const clean = (x: number): number => Math.round(x * 1e9) / 1e9

const sumOver = (units: ReadonlySet<string>, m: ReadonlyMap<string, number>): number => [...units].reduce((s, u) => s + (m.get(u) ?? 0), 0)

/** The territory units of each code that gets values (members, and the group). */
export const unitsByCode = (regions: RegionSet, scope: RunScope, units: ReadonlyArray<string>): Map<string, Set<string>> => {
  const out = new Map<string, Set<string>>(scope.members.map((m) => [m, new Set(unitsWithin(regions, m, units))]))
  if (scope.isGroup) out.set(scope.code, new Set(scope.members.flatMap((m) => [...out.get(m)!])))
  return out
}

/**
 * Current over baseline area. Differences at or below the sliver size are digitising noise (the same redline cut
 * into different features in the two years), so they give exactly 1: a binding "no decrease" target must not
 * fail on floating-point dust.
 */
export const retentionOf = (currentM2: number, baselineM2: number, sliverM2: number): number =>
  Math.abs(currentM2 - baselineM2) <= sliverM2 ? 1 : currentM2 / baselineM2

/** Builds the values of a run. */
export const buildValues = (
  m: Measurements,
  units: ReadonlyMap<string, ReadonlySet<string>>,
  year: number,
  baselineYear: number,
  sliverM2: number,
): Array<ComputedValue<RedlineIndicatorId>> => {
  const values: Array<ComputedValue<RedlineIndicatorId>> = []
  const push = (indicator: RedlineIndicatorId, region: string, value: number, note?: string, type?: RedlineType) =>
    values.push({ indicator, region, year, value: clean(value), ...(note ? { note } : {}), ...(type ? { dimensions: { "redline-type": type } } : {}) })
  for (const [code, us] of units) {
    const currentKm2 = sumOver(us, m.current.areaByUnitM2) / 1e6
    const baselineKm2 = sumOver(us, m.baseline.areaByUnitM2) / 1e6
    push("ecology.redline-area-km2", code, currentKm2)
    // by type: every type present in the layer, 0 where the region has none of it
    for (const [type, areaByUnit] of m.currentByType ?? []) push("ecology.redline-area-km2", code, sumOver(us, areaByUnit) / 1e6, undefined, type)
    if (baselineKm2 > 0) {
      push(
        "ecology.redline-area-retention",
        code,
        retentionOf(currentKm2 * 1e6, baselineKm2 * 1e6, sliverM2),
        `基线 ${baselineYear} 年 ${baselineKm2.toFixed(6)} km² → ${year} 年 ${currentKm2.toFixed(6)} km² | baseline ${baselineYear}: ${baselineKm2.toFixed(6)} km², ${year}: ${currentKm2.toFixed(6)} km²`,
      )
    }
    if (m.encroachment) {
      const rows = [...us].map((u) => m.encroachment!.byUnit.get(u))
      push("ecology.redline-encroachment-km2", code, rows.reduce((s, r) => s + (r?.totalM2 ?? 0), 0) / 1e6)
      if (m.encroachment.hasBaseline) push("ecology.redline-new-encroachment-km2", code, rows.reduce((s, r) => s + (r?.newM2 ?? 0), 0) / 1e6)
    }
    if (m.naturalLand) {
      const rows = [...us].map((u) => m.naturalLand!.get(u))
      const classified = rows.reduce((s, r) => s + (r?.classifiedM2 ?? 0), 0)
      const natural = rows.reduce((s, r) => s + (r?.naturalM2 ?? 0), 0)
      if (classified > 0) {
        const coverage = currentKm2 > 0 ? classified / 1e6 / currentKm2 : 0
        push(
          "ecology.redline-natural-land-share",
          code,
          natural / classified,
          coverage < 0.99 ? `地类数据仅覆盖红线的 ${(coverage * 100).toFixed(1)}% | land-use data cover only ${(coverage * 100).toFixed(1)}% of the redline` : undefined,
        )
      }
    }
    const seams = m.seams.filter((s) => us.has(s.a) || us.has(s.b))
    push("ecology.redline-seam-overlap-km2", code, seams.reduce((s, p) => s + p.overlapM2, 0) / 1e6)
    push("ecology.redline-seam-gap-km2", code, seams.reduce((s, p) => s + p.gapM2, 0) / 1e6)
  }
  return values
}

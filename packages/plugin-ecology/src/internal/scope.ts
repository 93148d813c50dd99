/**
 * The scope of a run: the region or group it is for, the regions that get values (a group's members, or the
 * region itself), and which territories (boundary units) make up each of them.
 */
import { CalculatorError, type RegionSet } from "@tijian/core/plugin"

/** A run's scope. `members` are the regions that get values; a group also gets a total under its own code. */
export interface RunScope {
  readonly code: string
  readonly isGroup: boolean
  readonly members: ReadonlyArray<string>
}

/** Resolves the run's region or group code. */
export const runScope = (regions: RegionSet, code: string): RunScope => {
  const scope = regions.scope(code)
  if (!scope) {
    const message = `no region or group has code "${code}" (regions are identified by GB/T 2260 code, e.g. 320509, or a group code such as DEMO-ZONE)`
    throw new CalculatorError({ reason: "invalid-parameter", message, problems: [{ file: "params", field: "region", message }] })
  }
  return scope._tag === "group"
    ? { code, isGroup: true, members: scope.members.map((m) => m.code) }
    : { code, isGroup: false, members: [code] }
}

/** The territory units that lie within `region` (the region itself, or its sub-regions). */
export const unitsWithin = (regions: RegionSet, region: string, units: ReadonlyArray<string>): Array<string> =>
  units.filter((u) => regions.isWithin(u, region))

/** The territory unit a redline's region code belongs to: the code itself, or its nearest ancestor with a boundary. */
export const unitOfRegion =
  (regions: RegionSet) =>
  (region: string, units: ReadonlyArray<string>): string | undefined => {
    if (units.includes(region)) return region
    return regions.ancestors(region).find((a) => units.includes(a.code))?.code
  }

/** Refuses a run whose boundaries do not cover every member of the scope. */
export const requireBoundaries = (regions: RegionSet, scope: RunScope, units: ReadonlyArray<string>): void => {
  const missing = scope.members.filter((m) => unitsWithin(regions, m, units).length === 0)
  if (missing.length === 0) return
  const problems = missing.map((m) => {
    const r = regions.get(m)
    return {
      file: "boundaries",
      message: `boundaries has no polygon for region ${m} (${r?.nameZh ?? ""} ${r?.nameEn ?? ""}) or a region within it; the run for ${scope.code} needs one`,
    }
  })
  throw new CalculatorError({ reason: "invalid-input", message: problems.map((p) => p.message).join("; "), problems })
}

/** The bilingual name of a region or group, e.g. `青浦区 Qingpu District`. */
export const regionName = (regions: RegionSet, code: string): string => {
  const r = regions.get(code) ?? regions.group(code)
  return r ? `${r.nameZh} ${r.nameEn}` : code
}

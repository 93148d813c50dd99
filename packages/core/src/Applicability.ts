/**
 * Where an indicator applies: the scopes whose report lists it. A plugin (or one of its indicators) declares the
 * region levels, groups or regions it is meant for; beyond that an indicator applies where a target names the
 * scope (or a group or ancestor that contains it) and wherever a value exists. Everything else is "not reported
 * for this scope": counted and listed once, never a table of "no data" rows.
 */
import { isAtLevel, type RegionLevel, type RegionSet, type Scope } from "./Region.js"

/**
 * The scopes an indicator is meant for. A scope matches when its level is in `levels` (groups match `"group"`; a city
 * marked `countyLevel` matches `"county"` too) or
 * its code is in `groups` or `regions` (exactly: a region below one of them does not match).
 *
 * @example
 * const railCities: Applicability = { levels: ["city"], groups: ["YRD-CENTRAL-27"] }
 */
export interface Applicability {
  readonly levels?: ReadonlyArray<RegionLevel | "group">
  readonly groups?: ReadonlyArray<string>
  /** Region codes, matched exactly. */
  readonly regions?: ReadonlyArray<string>
}

/** Whether a declared applicability covers `scope`. */
export const declaredFor = (applicability: Applicability | undefined, scope: Scope): boolean => {
  if (!applicability) return false
  if (scope._tag === "group") {
    return (applicability.levels?.includes("group") ?? false) || (applicability.groups?.includes(scope.group.code) ?? false)
  }
  const region = scope.region
  if (applicability.levels?.some((level) => level !== "group" && isAtLevel(region, level))) return true
  return applicability.regions?.includes(region.code) ?? false
}

/**
 * The codes whose targets make an indicator apply to `scope`: the scope itself, its ancestors, and the groups
 * that contain it (a Demonstration Zone target makes the indicator apply to Qingpu, Wujiang and Jiashan).
 */
export const targetScopesFor = (scope: Scope, regions: RegionSet): ReadonlyArray<string> => {
  if (scope._tag === "group") return [scope.group.code]
  const code = scope.region.code
  const containing = regions.groups.filter((g) => g.members.includes(code)).map((g) => g.code)
  return [code, ...regions.ancestors(code).map((r) => r.code), ...containing]
}

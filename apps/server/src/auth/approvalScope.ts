/**
 * Who may take which approval action where. An agency submits the data sets of its regions (its region and the
 * regions within it, within its plugins); an approver approves, returns and reopens those of the regions strictly
 * below its own region, or of a group's members and the regions within them — never its own; an admin may do all.
 */
import { type ApprovalAction, type DataSetKey, dataSetName, type Registry } from "@tijian/core"
import { aRole, type Principal } from "./Principal.js"

/**
 * Why `principal` may not take `action` on the data set, or undefined when it may.
 *
 * @example
 * approvalRefusal({ role: "approver", region: "320000", ... }, registry, { plugin: "ecology", region: "320500", year: 2023 }, "approve") // undefined
 * approvalRefusal({ role: "approver", region: "320000", ... }, registry, { plugin: "ecology", region: "320000", year: 2023 }, "approve")
 * // "an approver for 320000 approves the data sets of the regions below it, not its own (320000)"
 */
export const approvalRefusal = (principal: Principal, registry: Registry.RegistryService, key: DataSetKey, action: ApprovalAction): string | undefined => {
  if (principal.role === "admin") return undefined
  const regions = registry.regions
  const nameOf = (code: string) => regions.get(code)?.nameEn ?? regions.group(code)?.nameEn ?? code
  const home = principal.region
  if (principal.plugins !== null && !principal.plugins.includes(key.plugin)) {
    return `this token is for the plugins ${principal.plugins.join(", ")}, not ${key.plugin}`
  }
  /** Whether `code` (a region, or a group: all its members) lies within `within` (a region) or one of a group's members. */
  const inside = (code: string, within: string, strictly: boolean): boolean => {
    if (strictly && code === within) return false
    const targets = regions.group(code)?.members ?? [code]
    const group = regions.group(within)
    const homes = group ? group.members : [within]
    return targets.every((t) => homes.some((h) => regions.isWithin(t, h) && !(strictly && !group && t === h)))
  }
  if (principal.role === "agency" && home !== null) {
    if (action !== "submit") return `an agency token submits its data sets; to ${action} takes an approver of a higher level (or an admin)`
    return inside(key.region, home, false) ? undefined : `this token submits the data sets of ${home} (${nameOf(home)}) and the regions within it, not ${key.region} (${nameOf(key.region)})`
  }
  if (principal.role === "approver" && home !== null) {
    if (action === "submit") return `an approver token approves, returns and reopens; the agency of ${dataSetName(key)} submits it`
    if (key.region === home) return `an approver for ${home} approves the data sets of the regions below it, not its own (${home})`
    return inside(key.region, home, true)
      ? undefined
      : `an approver for ${home} (${nameOf(home)}) approves the data sets of the regions below it, not ${key.region} (${nameOf(key.region)})`
  }
  return `${aRole(principal.role)} token takes no approval actions`
}

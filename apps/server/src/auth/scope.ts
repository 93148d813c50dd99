/**
 * Write scope: an agency token writes its region and the regions below it (a group only when every member is
 * within its region), and only the plugins it names; admins write everything; reviewers write nothing.
 */
import type { Registry, RowProblem } from "@tijian/core"
import { aRole, type Principal } from "./Principal.js"

/** Every row the principal may not write, as `{ index, field, message }`. Empty = all allowed. */
export const outOfScope = (
  principal: Principal,
  registry: Registry.RegistryService,
  rows: ReadonlyArray<{ readonly indicator: string; readonly region: string }>,
): Array<RowProblem> => {
  if (principal.role === "admin") return []
  if (principal.role !== "agency" || principal.region === null) {
    return rows.map((_, index) => ({ index, field: "region", message: `${aRole(principal.role)} token cannot write values` }))
  }
  const home = principal.region
  const regions = registry.regions
  const within = (code: string): boolean => {
    // a recoded code (320584 for the years before 2012) is written by whoever writes its successor (320509)
    const recoded = regions.lineage.recodedAs(code)
    if (recoded !== undefined) return within(recoded)
    const scope = regions.scope(code)
    if (!scope) return true // unknown codes are reported by validation as 422
    return scope._tag === "region" ? regions.isWithin(code, home) : scope.members.every((m) => regions.isWithin(m.code, home))
  }
  const problems: Array<RowProblem> = []
  rows.forEach((row, index) => {
    if (!within(row.region)) {
      const name = regions.get(row.region)?.nameEn ?? regions.group(row.region)?.nameEn ?? row.region
      const homeName = regions.get(home)?.nameEn ?? home
      problems.push({
        index,
        field: "region",
        message: `this token writes ${home} (${homeName}) and the regions within it, not ${row.region} (${name})`,
      })
    }
    const plugin = registry.indicator(row.indicator)?.plugin
    if (plugin !== undefined && principal.plugins !== null && !principal.plugins.includes(plugin)) {
      problems.push({
        index,
        field: "indicator",
        message: `this token writes the plugins ${principal.plugins.join(", ")}, not ${plugin} (${row.indicator})`,
      })
    }
  })
  return problems
}

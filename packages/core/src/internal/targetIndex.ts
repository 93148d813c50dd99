/**
 * The registry's targets by indicator and scope: a total's targets, and a breakdown's by its key (`"mode=metro"`),
 * apart, so nothing that judges totals sees a breakdown's target.
 */
import type { RegistryService } from "../Registry.js"
import { type Target, targetBreakdown } from "../Target.js"

const applies = (t: Target, scope: string) => t.scope === scope || t.scope === "*"

/** `targetsFor` and `breakdownTargetsFor` of the registry over `targets`. */
export const targetIndex = (targets: ReadonlyArray<Target>): Pick<RegistryService, "targetsFor" | "breakdownTargetsFor"> => {
  const totals = new Map<string, Array<Target>>()
  const breakdowns = new Map<string, Array<Target>>()
  for (const t of targets) {
    const byIndicator = targetBreakdown(t) === "" ? totals : breakdowns
    const list = byIndicator.get(t.indicator)
    if (list) list.push(t)
    else byIndicator.set(t.indicator, [t])
  }
  return {
    targetsFor: (indicator, scope) => (totals.get(indicator) ?? []).filter((t) => applies(t, scope)),
    breakdownTargetsFor: (indicator, scope) => {
      const out = new Map<string, Array<Target>>()
      for (const t of breakdowns.get(indicator) ?? []) {
        if (!applies(t, scope)) continue
        const key = targetBreakdown(t)
        out.set(key, [...(out.get(key) ?? []), t])
      }
      return out
    },
  }
}

/**
 * The worklist of a token for a year: the data sets (plugin, region, year) it has to act on — for an agency, those
 * of its region and the regions within it, to fill and submit; for an approver, those of the regions below its own,
 * to approve or return; for an admin, every region (or one region asked for). Each with the indicators expected
 * there (registrable indicators the plugin or indicator is declared for, or that a target asks of the region), how
 * many are filled, which are missing, its approval state and the actions the token may take now.
 */
import {
  APPROVAL_ACTIONS,
  type ApprovalAction,
  type ApprovalEvent,
  Approvals,
  dataSetName,
  declaredFor,
  type I18nText,
  nextApprovalState,
  ObservationStore,
  Registry,
  targetScopesFor,
} from "@tijian/core"
import { Effect } from "effect"
import { approvalRefusal } from "./auth/approvalScope.js"
import type { Principal } from "./auth/Principal.js"

/** One data set on a worklist. */
export interface WorklistEntry {
  readonly plugin: string
  readonly pluginName: I18nText
  readonly region: string
  readonly regionName: I18nText
  readonly year: number
  readonly expected: number
  readonly filled: number
  /** The expected indicators without a value yet. */
  readonly missing: ReadonlyArray<string>
  /** The same, with their names, for people. */
  readonly missingNames: ReadonlyArray<{ readonly id: string; readonly name: I18nText }>
  readonly state: "open" | "submitted" | "approved" | "returned"
  /** The latest transition (with its comment: what to fix, when returned), or null when never submitted. */
  readonly last: ApprovalEvent | null
  /** What this token may do now. */
  readonly actions: ReadonlyArray<ApprovalAction>
}

/** The regions a token's worklist covers (`only`: one region asked for, which must be among them). */
const regionsOf = (principal: Principal, registry: Registry.RegistryService): ReadonlyArray<string> => {
  const regions = registry.regions
  const home = principal.region
  if (principal.role === "admin" || home === null) return regions.regions.map((r) => r.code)
  const group = regions.group(home)
  const roots = group ? group.members : [home]
  const all = roots.flatMap((r) => regions.subtree(r))
  return principal.role === "approver" && !group ? all.filter((c) => c !== home) : all
}

/**
 * The worklist of `principal` for `year`, optionally of one region of its own.
 *
 * @example
 * yield* worklist(agencyOf320500, 2023) // [{ plugin: "ecology", region: "320509", expected: 3, filled: 1, missing: [...], state: "open", actions: ["submit"] }, ...]
 */
export const worklist = (principal: Principal, year: number, only?: string) =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    const store = yield* ObservationStore.ObservationStore
    const approvals = yield* Approvals.Approvals
    const covered = regionsOf(principal, registry)
    const regions = only === undefined ? covered : covered.filter((c) => c === only)
    const values = yield* store.current({ regions: [...regions], years: [year] })
    const filled = new Set(values.map((o) => `${o.indicator}/${o.region}`))
    const latest = new Map((yield* approvals.list({ year })).map((e) => [dataSetName(e), e]))
    const entries: Array<WorklistEntry> = []
    for (const code of regions) {
      const scope = registry.regions.scope(code)!
      const targetScopes = targetScopesFor(scope, registry.regions)
      for (const plugin of registry.plugins) {
        if (principal.plugins !== null && !principal.plugins.includes(plugin.id)) continue
        const expected = plugin.indicators.filter(
          (i) =>
            i.kind !== "derived" &&
            (declaredFor(plugin.appliesTo, scope) ||
              declaredFor(i.appliesTo, scope) ||
              filled.has(`${i.id}/${code}`) ||
              targetScopes.some((c) => registry.targetsFor(i.id, c).some((t) => t.scope === c))),
        )
        const key = { plugin: plugin.id, region: code, year }
        const last = latest.get(dataSetName(key)) ?? null
        if (expected.length === 0 && last === null) continue
        const state = last?.state ?? "open"
        const actions = APPROVAL_ACTIONS.filter((a) => nextApprovalState(state, a) !== undefined && approvalRefusal(principal, registry, key, a) === undefined)
        const absent = expected.filter((i) => !filled.has(`${i.id}/${code}`))
        const missing = absent.map((i) => i.id)
        const place = scope._tag === "region" ? scope.region : scope.group
        entries.push({
          plugin: key.plugin,
          pluginName: plugin.name,
          region: code,
          regionName: { zh: place.nameZh, en: place.nameEn },
          year,
          expected: expected.length,
          filled: expected.length - missing.length,
          missing,
          missingNames: absent.map((i) => ({ id: i.id, name: i.name })),
          state,
          last,
          actions,
        })
      }
    }
    // what the token can act on first (stable: region, then plugin order within each group)
    return [...entries.filter((e) => e.actions.length > 0), ...entries.filter((e) => e.actions.length === 0)]
  })

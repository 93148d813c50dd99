/**
 * How far each value of a report is trusted: the approval states of the data sets (plugin, region, report year)
 * its revisions belong to, the weakest deciding (see `ValueApproval`).
 */
import { type ApprovalState, dataSetName, dataSetOf, type DataSetState } from "../Approval.js"
import { trustOf, type ValueApproval } from "../Report.js"
import type { ObservedValue } from "./series.js"

/** A data set's state by its name (`dataSetName`); a set without events is open. */
export const approvalLookup = (states: ReadonlyArray<DataSetState>): ((set: string) => ApprovalState) => {
  const byName = new Map(states.map((s) => [dataSetName(s), s.state]))
  return (set) => byName.get(set) ?? "open"
}

/**
 * The approval of a value from the revisions it rests on: only those of the report year's values of the scope and
 * its members count (`yearObservations`), so a trend's earlier years and a benchmark region's value do not; null
 * when none of its revisions is one of them.
 *
 * @example
 * // a group's aggregate from three members' values: two sets approved, one open
 * valueApprovals(yearObservations, stateOf)(["a.x/310000/2023/r1", "a.x/320000/2023/r2", "a.x/330000/2023/r1"]) // { trust: "provisional", approved: 2, submitted: 0, provisional: 1 }
 */
export const valueApprovals = (
  yearObservations: ReadonlyArray<ObservedValue>,
  stateOf: (set: string) => ApprovalState,
): ((revisions: ReadonlyArray<string>) => ValueApproval | null) => {
  const setOf = new Map(yearObservations.map((o) => [o.id, dataSetName(dataSetOf(o))]))
  return (revisions) => {
    const seen = new Set<string>()
    const counts = { approved: 0, submitted: 0, provisional: 0 }
    for (const id of revisions) {
      const set = setOf.get(id)
      if (set === undefined || seen.has(set)) continue
      seen.add(set)
      counts[trustOf(stateOf(set))]++
    }
    if (seen.size === 0) return null
    return { trust: counts.provisional > 0 ? "provisional" : counts.submitted > 0 ? "submitted" : "approved", ...counts }
  }
}

/**
 * Approval of data sets, level by level (as DHIS2 approves data): a data set is one plugin's values for one
 * region and year. An agency submits it; an approver of a higher level approves it or returns it with a comment;
 * an approved set is reopened only by an approver, with a reason.
 *
 *     open ──submit──▶ submitted ──approve──▶ approved ──reopen──▶ open
 *       ▲                  │
 *       └──── (writes) ◀── returned ◀──return──┘      returned ──submit──▶ submitted
 *
 * A set takes new values while `open` or `returned`; `submitted` and `approved` sets are read-only (a write gets
 * a 409 naming the state, who and when), so what an approver approves is what was submitted.
 */

/** Where a data set stands. */
export type ApprovalState = "open" | "submitted" | "approved" | "returned"

/** What moves a data set from one state to another. */
export type ApprovalAction = "submit" | "approve" | "return" | "reopen"

/** The states and actions, for validation and help texts. */
export const APPROVAL_STATES: ReadonlyArray<ApprovalState> = ["open", "submitted", "approved", "returned"]
export const APPROVAL_ACTIONS: ReadonlyArray<ApprovalAction> = ["submit", "approve", "return", "reopen"]

/** Each action: the states it applies to and the state it leads to. */
export const APPROVAL_TRANSITIONS: { readonly [A in ApprovalAction]: { readonly from: ReadonlyArray<ApprovalState>; readonly to: ApprovalState } } = {
  submit: { from: ["open", "returned"], to: "submitted" },
  approve: { from: ["submitted"], to: "approved" },
  return: { from: ["submitted"], to: "returned" },
  reopen: { from: ["approved"], to: "open" },
}

/** A data set: one plugin's values for one region and year. */
export interface DataSetKey {
  readonly plugin: string
  readonly region: string
  readonly year: number
}

/** A data set and the state it was in at some time. */
export interface DataSetState extends DataSetKey {
  readonly state: ApprovalState
}

/** One transition of a data set: who moved it to which state, when, and why. */
export interface ApprovalEvent extends DataSetKey {
  /** 1, 2, 3, ... per data set. */
  readonly seq: number
  readonly action: ApprovalAction
  /** The state after this event. */
  readonly state: ApprovalState
  readonly actor: string
  readonly comment: string | null
  /** ISO-8601 UTC: the write's stamp. */
  readonly at: string
}

/** A data set's state and its history, oldest first (a set never touched is `open` with no events). */
export interface ApprovalStatus extends DataSetKey {
  readonly state: ApprovalState
  readonly events: ReadonlyArray<ApprovalEvent>
}

/**
 * The state an action leads to from `state`, or undefined when the action does not apply there.
 *
 * @example
 * nextApprovalState("open", "submit") // "submitted"
 * nextApprovalState("open", "approve") // undefined
 */
export const nextApprovalState = (state: ApprovalState, action: ApprovalAction): ApprovalState | undefined => {
  const t = APPROVAL_TRANSITIONS[action]
  return t.from.includes(state) ? t.to : undefined
}

/** Whether a data set in `state` takes new values. */
export const takesWrites = (state: ApprovalState): boolean => state === "open" || state === "returned"

/**
 * The data set a value belongs to: its indicator's plugin (the id's prefix, `<plugin>.<slug>`), region and year.
 *
 * @example
 * dataSetOf({ indicator: "ecology.redline-area-km2", region: "320509", year: 2023 }) // { plugin: "ecology", region: "320509", year: 2023 }
 */
export const dataSetOf = (cell: { readonly indicator: string; readonly region: string; readonly year: number }): DataSetKey => ({
  plugin: cell.indicator.slice(0, Math.max(0, cell.indicator.indexOf("."))),
  region: cell.region,
  year: cell.year,
})

/** A data set as text: `ecology/320509/2023`. */
export const dataSetName = (k: DataSetKey): string => `${k.plugin}/${k.region}/${k.year}`

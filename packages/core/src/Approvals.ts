/**
 * The approval service: moves a data set (plugin, region, year) through its states (see `Approval.ts`), one
 * transition per transaction, stamped by the write clock like every write, and reads states and histories.
 * Who may take which action (an agency submits its regions, an approver those below its own) is the caller's
 * rule; this service only refuses transitions that do not apply to the current state.
 */
import { Context, Effect, Layer } from "effect"
import { type ApprovalAction, type ApprovalEvent, type ApprovalState, type ApprovalStatus, type DataSetKey, dataSetName, nextApprovalState } from "./Approval.js"
import { Database } from "./Database.js"
import { StorageError, WriteConflict } from "./Errors.js"
import { approvalEventsOf, latestApprovalEvents } from "./internal/approvals.js"
import { isUniqueViolation, query } from "./internal/run.js"
import { takeStamp } from "./internal/writeClock.js"
import { unsafeCanonicalTime } from "./Time.js"

/** Who takes an action, why, and when (the caller's clock; the stored stamp may be later, see the write clock). */
export interface ApprovalRequest {
  readonly actor: string
  readonly comment: string | null
  readonly at: string
}

/** The data sets `list` returns: those with at least one event, filtered. */
export interface ApprovalFilter {
  readonly year?: number
  readonly region?: string
  readonly plugin?: string
  readonly state?: ApprovalState
}

export interface ApprovalsService {
  /** Takes `action` on the data set: the new event, or a `WriteConflict` (`approval-state`) naming the current state. */
  readonly transition: (key: DataSetKey, action: ApprovalAction, request: ApprovalRequest) => Effect.Effect<ApprovalEvent, WriteConflict | StorageError>
  /** The data set's state and history (`open` with no events when never touched). */
  readonly status: (key: DataSetKey) => Effect.Effect<ApprovalStatus, StorageError>
  /** The latest event of each data set that has one, filtered, in key order. */
  readonly list: (filter: ApprovalFilter) => Effect.Effect<ReadonlyArray<ApprovalEvent>, StorageError>
}

export class Approvals extends Context.Tag("@tijian/core/Approvals")<Approvals, ApprovalsService>() {}

/** A transition's failure: its own conflict, another transition of the same set at the same moment, or storage. */
const failure = (what: string) => (e: unknown) =>
  e instanceof WriteConflict
    ? e
    : isUniqueViolation(e)
      ? new WriteConflict({ reason: "approval-state", message: `${what}: another action on this data set was taken at the same moment; read its state and try again` })
      : new StorageError({ reason: "query", message: `${what}: ${String(e)}` })

/** Makes the service over the current `Database`. */
export const make = Effect.gen(function* () {
  const { db } = yield* Database

  const transition: ApprovalsService["transition"] = (key, action, request) =>
    Effect.tryPromise({
      try: () =>
        db.transaction().execute(async (trx) => {
          const at = await takeStamp(trx, unsafeCanonicalTime(request.at))
          const last = (await approvalEventsOf(trx, key)).at(-1)
          const state = last?.state ?? "open"
          const next = nextApprovalState(state, action)
          if (next === undefined) {
            const since = last ? ` since ${last.at} (${last.actor})` : ""
            throw new WriteConflict({
              reason: "approval-state",
              message: `${dataSetName(key)} is ${state}${since}; "${action}" applies only to a data set that is ${APPLIES[action]}`,
            })
          }
          const event: ApprovalEvent = { ...key, seq: (last?.seq ?? 0) + 1, action, state: next, actor: request.actor, comment: request.comment, at }
          await trx.insertInto("approval_events").values(event).execute()
          return event
        }),
      catch: failure(`${action} ${dataSetName(key)}`),
    })

  const status: ApprovalsService["status"] = (key) =>
    query(`read approval of ${dataSetName(key)}`, async () => {
      const events = await approvalEventsOf(db, key)
      return { ...key, state: events.at(-1)?.state ?? ("open" as const), events }
    })

  const list: ApprovalsService["list"] = (filter) =>
    query("list approvals", async () => (await latestApprovalEvents(db, filter)).filter((e) => filter.state === undefined || e.state === filter.state))

  return { transition, status, list } satisfies ApprovalsService
})

/** Where each action applies, for messages. */
const APPLIES: { readonly [A in ApprovalAction]: string } = {
  submit: "open or returned",
  approve: "submitted",
  return: "submitted",
  reopen: "approved",
}

/** The service over the `Database` layer. */
export const layer = Layer.effect(Approvals, make)

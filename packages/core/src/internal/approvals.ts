/**
 * Approval queries shared by the approval service and the observation store's writes (run inside the caller's
 * transaction, after it took the write clock, so a transition and a write never interleave).
 */
import type { Kysely } from "kysely"
import type { ApprovalAction, ApprovalEvent, ApprovalState, DataSetKey, DataSetState } from "../Approval.js"
import { dataSetName } from "../Approval.js"
import type { DatabaseSchema } from "../DatabaseSchema.js"

const toEvent = (r: { plugin: string; region: string; year: number; seq: number; action: string; state: string; actor: string; comment: string | null; at: string }): ApprovalEvent => ({
  plugin: r.plugin,
  region: r.region,
  year: Number(r.year),
  seq: Number(r.seq),
  action: r.action as ApprovalAction,
  state: r.state as ApprovalState,
  actor: r.actor,
  comment: r.comment,
  at: r.at,
})

/** The events of one data set, oldest first. */
export const approvalEventsOf = async (db: Kysely<DatabaseSchema>, k: DataSetKey): Promise<Array<ApprovalEvent>> =>
  (
    await db
      .selectFrom("approval_events")
      .selectAll()
      .where("plugin", "=", k.plugin)
      .where("region", "=", k.region)
      .where("year", "=", k.year)
      .orderBy("seq")
      .execute()
  ).map(toEvent)

/** The latest event of every data set that has one (optionally of one year, region or state), in key order. */
export const latestApprovalEvents = async (
  db: Kysely<DatabaseSchema>,
  filter: { readonly year?: number; readonly region?: string; readonly plugin?: string } = {},
): Promise<Array<ApprovalEvent>> => {
  let q = db.selectFrom("approval_events").selectAll()
  if (filter.year !== undefined) q = q.where("year", "=", filter.year)
  if (filter.region !== undefined) q = q.where("region", "=", filter.region)
  if (filter.plugin !== undefined) q = q.where("plugin", "=", filter.plugin)
  const latest = new Map<string, ApprovalEvent>()
  for (const e of (await q.orderBy("plugin").orderBy("region").orderBy("year").orderBy("seq").execute()).map(toEvent)) latest.set(dataSetName(e), e)
  return [...latest.values()]
}

/**
 * The latest event of each data set that takes no writes now (submitted or approved), by `dataSetName`. Reads only
 * events in those states that are their set's latest (a correlated lookup on the primary key), so a write's cost does
 * not grow with the approval history.
 */
export const closedDataSets = async (db: Kysely<DatabaseSchema>): Promise<Map<string, ApprovalEvent>> => {
  const rows = await db
    .selectFrom("approval_events as e")
    .selectAll("e")
    .where("e.state", "in", ["submitted", "approved"])
    .where((eb) =>
      eb(
        "e.seq",
        "=",
        eb
          .selectFrom("approval_events as l")
          .select((x) => x.fn.max("l.seq").as("seq"))
          .whereRef("l.plugin", "=", "e.plugin")
          .whereRef("l.region", "=", "e.region")
          .whereRef("l.year", "=", "e.year"),
      ),
    )
    .execute()
  return new Map(rows.map(toEvent).map((e) => [dataSetName(e), e]))
}

/**
 * The state of every data set of `regions` that has an event at or before `asOf`, as it stood then (a set without
 * one was open). One query; the latest event per set is picked in memory.
 */
export const approvalStatesAsOf = async (db: Kysely<DatabaseSchema>, regions: ReadonlyArray<string>, asOf: string): Promise<Array<DataSetState>> => {
  if (regions.length === 0) return []
  const rows = await db
    .selectFrom("approval_events")
    .select(["plugin", "region", "year", "seq", "state"])
    .where("region", "in", [...regions])
    .where("at", "<=", asOf)
    .orderBy("plugin")
    .orderBy("region")
    .orderBy("year")
    .orderBy("seq")
    .execute()
  const latest = new Map<string, DataSetState>()
  for (const r of rows) {
    const set: DataSetState = { plugin: r.plugin, region: r.region, year: Number(r.year), state: r.state as ApprovalState }
    latest.set(dataSetName(set), set)
  }
  return [...latest.values()]
}

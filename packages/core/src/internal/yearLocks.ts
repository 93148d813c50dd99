/**
 * Year-lock queries shared by the observation store's writes and its lock operations (run inside the caller's
 * transaction, so a lock and a write never interleave).
 */
import type { Kysely } from "kysely"
import type { DatabaseSchema } from "../DatabaseSchema.js"
import type { YearLockEvent } from "../YearLock.js"

const toEvent = (r: { year: number; seq: number; action: string; actor: string; reason: string; at: string }): YearLockEvent => ({
  year: Number(r.year),
  seq: Number(r.seq),
  action: r.action as YearLockEvent["action"],
  actor: r.actor,
  reason: r.reason,
  at: r.at,
})

/** Every lock event of these years (all years when omitted), oldest first per year. */
export const lockEvents = async (db: Kysely<DatabaseSchema>, years?: ReadonlyArray<number>): Promise<Array<YearLockEvent>> => {
  let q = db.selectFrom("year_lock_events").selectAll()
  if (years) q = q.where("year", "in", years.length ? [...years] : [-1])
  return (await q.orderBy("year").orderBy("seq").execute()).map(toEvent)
}

/** The latest event per year, for the years whose latest event is a lock. */
export const lockedYearEvents = async (db: Kysely<DatabaseSchema>, years?: ReadonlyArray<number>): Promise<Map<number, YearLockEvent>> => {
  const latest = new Map<number, YearLockEvent>()
  for (const e of await lockEvents(db, years)) latest.set(e.year, e)
  for (const [year, e] of latest) if (e.action !== "lock") latest.delete(year)
  return latest
}

/**
 * What changed between two stamps of the write clock, as far as a report can tell: the regions whose stored values
 * (revisions) or data-set approval states changed, each with the stamp of its latest such change. A report reads
 * nothing else that writes change (see `scopeReport`: current values, revisions and approval states), so a report
 * whose regions are not among them reads the same at both stamps.
 */
import type { Kysely } from "kysely"
import type { DatabaseSchema } from "../DatabaseSchema.js"

/**
 * Region -> the stamp of its latest change among those stamped after `after` and at or before `upTo` (canonical ISO
 * stamps; both bounds come from the write clock, so no write still in flight can later commit inside the range).
 *
 * @example
 * await changedRegions(db, "2025-03-01T00:00:00.000Z", "2025-03-02T00:00:00.000Z") // Map { "320509" => "2025-03-01T08:00:00.000Z" }
 */
export const changedRegions = async (db: Kysely<DatabaseSchema>, after: string, upTo: string): Promise<Map<string, string>> => {
  const out = new Map<string, string>()
  const merge = (rows: ReadonlyArray<{ readonly region: string; readonly at: string | null }>) => {
    for (const { region, at } of rows) {
      const seen = out.get(region)
      if (at !== null && (seen === undefined || at > seen)) out.set(region, at)
    }
  }
  merge(
    await db
      .selectFrom("observations")
      .select((eb) => ["region", eb.fn.max("submitted_at").as("at")])
      .where("submitted_at", ">", after)
      .where("submitted_at", "<=", upTo)
      .groupBy("region")
      .execute(),
  )
  merge(
    await db
      .selectFrom("approval_events")
      .select((eb) => ["region", eb.fn.max("at").as("at")])
      .where("at", ">", after)
      .where("at", "<=", upTo)
      .groupBy("region")
      .execute(),
  )
  return out
}

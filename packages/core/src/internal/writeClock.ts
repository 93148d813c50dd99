/**
 * The write clock (see migration 0004): a write transaction takes it as its first statement and gets its stamp,
 * so that stamps increase in commit order and a read as of the latest committed stamp is a stable snapshot —
 * no write still in flight can later commit with a stamp at or before it.
 */
import type { Kysely, Transaction } from "kysely"
import type { DatabaseSchema } from "../DatabaseSchema.js"
import { WriteConflict } from "../Errors.js"

/**
 * Takes the clock inside `trx` (held until it commits or rolls back) and returns the write's stamp: `at` (the
 * caller's clock, canonical ISO), or 1 ms after the latest committed stamp when `at` is not later than it. With
 * `checkedAt` (the latest stamp when the caller read what it checked the write against; null: nothing written yet),
 * throws a `WriteConflict` (`checked-data-changed`) when another write committed since: the checks are stale.
 *
 * @example
 * await takeStamp(trx, "2025-03-01T00:00:00.000Z") // "2025-03-01T00:00:00.000Z", or "…00.008Z" after a write at "…00.007Z"
 */
export const takeStamp = async (trx: Transaction<DatabaseSchema>, at: string, checkedAt?: string | null): Promise<string> => {
  const bump = () =>
    trx
      .updateTable("write_clock")
      .set((eb) => ({ seq: eb("seq", "+", 1) }))
      .where("id", "=", 1)
      .returning("last_at")
      .executeTakeFirst()
  let clock = await bump()
  if (clock === undefined) {
    await trx.insertInto("write_clock").values({ id: 1, seq: 0, last_at: null }).onConflict((oc) => oc.column("id").doNothing()).execute()
    clock = await bump()
  }
  const last = clock?.last_at ?? null
  if (checkedAt !== undefined && last !== checkedAt) {
    throw new WriteConflict({
      reason: "checked-data-changed",
      message: `another write committed (at ${last ?? "?"}) after this one was checked against the data as of ${checkedAt ?? "the empty database"}; nothing was stored. Send it again: it is checked anew`,
    })
  }
  const stamp = last === null || at > last ? at : new Date(Date.parse(last) + 1).toISOString()
  await trx.updateTable("write_clock").set({ last_at: stamp }).where("id", "=", 1).execute()
  return stamp
}

/** The stamp of the latest committed write, or null before the first. */
export const lastStamp = async (db: Kysely<DatabaseSchema>): Promise<string | null> =>
  (await db.selectFrom("write_clock").select("last_at").where("id", "=", 1).executeTakeFirst())?.last_at ?? null

/**
 * `lastStamp` as a plain function over a query compiled once: no query building per call, for callers that read
 * the clock on every request.
 */
export const lastStampReader = (db: Kysely<DatabaseSchema>): (() => Promise<string | null>) => {
  const compiled = db.selectFrom("write_clock").select("last_at").where("id", "=", 1).compile()
  return async () => (await db.executeQuery(compiled)).rows[0]?.last_at ?? null
}

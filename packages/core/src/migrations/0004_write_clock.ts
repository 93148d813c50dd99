import type { Kysely } from "kysely"

/**
 * The write clock: one row (`id` 1) that every write transaction updates first. Holding it serialises writers
 * (SQLite's write lock, PostgreSQL's row lock, both until commit), and `last_at` is the stamp of the latest
 * committed write, so stamps increase in commit order. A database that already holds data starts the clock at
 * its latest stamp; an empty one has no row until its first write.
 */
export const up = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable("write_clock")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("last_at", "varchar(32)")
    .execute()
  const latest = async (table: string, column: string) =>
    (await db.selectFrom(table).select((eb) => eb.fn.max(column).as("at")).executeTakeFirst())?.at ?? null
  const stamps = [await latest("observations", "submitted_at"), await latest("year_lock_events", "at")].filter((s): s is string => s !== null)
  if (stamps.length > 0) await db.insertInto("write_clock").values({ id: 1, seq: 0, last_at: stamps.sort().at(-1)! }).execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable("write_clock").execute()
}

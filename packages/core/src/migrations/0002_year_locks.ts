import type { Kysely } from "kysely"

/** Lock and unlock events per year; the latest event of a year says whether it is locked. Only inserted. */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable("year_lock_events")
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("action", "varchar(8)", (c) => c.notNull())
    .addColumn("actor", "varchar(120)", (c) => c.notNull())
    .addColumn("reason", "text", (c) => c.notNull())
    .addColumn("at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("year_lock_events_pk", ["year", "seq"])
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable("year_lock_events").execute()
}

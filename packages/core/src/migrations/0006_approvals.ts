import type { Kysely } from "kysely"

/**
 * Approval events per data set (plugin, region, year): the latest (highest `seq`) gives the set's state. Only
 * inserted; two transitions of one set at once cannot both take the same `seq`.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable("approval_events")
    .addColumn("plugin", "varchar(64)", (c) => c.notNull())
    .addColumn("region", "varchar(64)", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("seq", "integer", (c) => c.notNull())
    .addColumn("action", "varchar(16)", (c) => c.notNull())
    .addColumn("state", "varchar(16)", (c) => c.notNull())
    .addColumn("actor", "varchar(120)", (c) => c.notNull())
    .addColumn("comment", "text")
    .addColumn("at", "varchar(32)", (c) => c.notNull())
    .addPrimaryKeyConstraint("approval_events_pk", ["plugin", "region", "year", "seq"])
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable("approval_events").execute()
}

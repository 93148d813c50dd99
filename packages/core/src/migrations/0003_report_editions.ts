import type { Kysely } from "kysely"

/** Published report editions: the exact JSON as published, immutable, keyed by scope, year and edition number. */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable("report_editions")
    .addColumn("scope", "varchar(40)", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("edition", "integer", (c) => c.notNull())
    .addColumn("published_at", "varchar(32)", (c) => c.notNull())
    .addColumn("published_by", "varchar(120)", (c) => c.notNull())
    .addColumn("as_of", "varchar(32)", (c) => c.notNull())
    .addColumn("content_hash", "varchar(64)", (c) => c.notNull())
    .addColumn("report", "text", (c) => c.notNull())
    .addPrimaryKeyConstraint("report_editions_pk", ["scope", "year", "edition"])
    .execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable("report_editions").execute()
}

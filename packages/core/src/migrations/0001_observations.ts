import type { Kysely } from "kysely"

/** The append-only revisions of observations, one row per revision, keyed by cell and revision number. */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable("observations")
    .addColumn("indicator", "varchar(120)", (c) => c.notNull())
    .addColumn("region", "varchar(40)", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("agency", "varchar(120)", (c) => c.notNull())
    .addColumn("submitted_at", "varchar(32)", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addPrimaryKeyConstraint("observations_pk", ["indicator", "region", "year", "revision"])
    .execute()
  await db.schema.createIndex("observations_region_year").on("observations").columns(["region", "year"]).execute()
  await db.schema.createIndex("observations_submitted_at").on("observations").column("submitted_at").execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable("observations").execute()
}

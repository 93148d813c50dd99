/**
 * Breakdowns (issue #21): a value may be a breakdown of a cell's total by the indicator's dimensions, stored under a
 * canonical key (`"mode=metro"`) in a new `breakdown` column, "" for the total, which joins the primary key. SQLite
 * cannot change a primary key in place, so on both databases the table is rebuilt through the schema builder: a
 * new table with the column and key, every existing revision copied into it as a total (the column's default), the
 * old table dropped and the new one renamed, its indexes made again. All or nothing.
 */
import type { Kysely } from "kysely"

const COLUMNS = [
  "indicator", "region", "year", "revision", "value", "agency", "submitted_at", "source", "note", "status",
  "source_zh", "source_en", "note_zh", "note_en",
] as const

/** Creates `name` with the observation columns, `breakdown` when `withBreakdown`, and the matching primary key. */
const createObservations = async (db: Kysely<any>, name: string, withBreakdown: boolean): Promise<void> => {
  let table = db.schema
    .createTable(name)
    .addColumn("indicator", "varchar(120)", (c) => c.notNull())
    .addColumn("region", "varchar(40)", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
  if (withBreakdown) table = table.addColumn("breakdown", "varchar(200)", (c) => c.notNull().defaultTo(""))
  await table
    .addColumn("revision", "integer", (c) => c.notNull())
    .addColumn("value", "double precision", (c) => c.notNull())
    .addColumn("agency", "varchar(120)", (c) => c.notNull())
    .addColumn("submitted_at", "varchar(32)", (c) => c.notNull())
    .addColumn("source", "text", (c) => c.notNull())
    .addColumn("note", "text")
    .addColumn("status", "varchar(16)", (c) => c.notNull())
    .addColumn("source_zh", "text")
    .addColumn("source_en", "text")
    .addColumn("note_zh", "text")
    .addColumn("note_en", "text")
    .addPrimaryKeyConstraint(withBreakdown ? "observations_breakdown_pk" : "observations_pk", [
      "indicator", "region", "year", ...(withBreakdown ? ["breakdown"] : []), "revision",
    ] as Array<any>)
    .execute()
}

/** Replaces `observations` by a new table with (or without) `breakdown` in its key, every revision copied over. */
const rebuild = async (db: Kysely<any>, withBreakdown: boolean): Promise<void> => {
  await createObservations(db, "observations_next", withBreakdown)
  let rows = db.selectFrom("observations").select([...COLUMNS])
  // going down, breakdowns have no place in the old key: only totals are kept
  if (!withBreakdown) rows = rows.where("breakdown", "=", "")
  await db.insertInto("observations_next").columns([...COLUMNS]).expression(rows).execute()
  await db.schema.dropTable("observations").execute()
  await db.schema.alterTable("observations_next").renameTo("observations").execute()
  await db.schema.createIndex("observations_region_year").on("observations").columns(["region", "year"]).execute()
  await db.schema.createIndex("observations_submitted_at").on("observations").column("submitted_at").execute()
}

/** SQLite runs migrations outside a transaction (PostgreSQL inside one): the rebuild is all or nothing on both. */
const inTransaction = async (db: Kysely<any>, run: (db: Kysely<any>) => Promise<void>): Promise<void> => {
  if (db.isTransaction) await run(db)
  else await db.transaction().execute(run)
}

export const up = (db: Kysely<any>): Promise<void> => inTransaction(db, (tx) => rebuild(tx, true))

/** Drops every breakdown (their values are lost) and restores the key without `breakdown`. */
export const down = (db: Kysely<any>): Promise<void> => inTransaction(db, (tx) => rebuild(tx, false))

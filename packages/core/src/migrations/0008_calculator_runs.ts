import type { Kysely } from "kysely"

/**
 * Committed calculator runs: what a run rested on (calculator, plugin version, inputs with SHA-256, parameters), the
 * tables it produced for the report and how many values it stored, stamped by the write clock. Only inserted; the
 * latest run of a calculator for a region and year (at or before a report's time) is the one its report shows.
 */
export const up = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema
    .createTable("calculator_runs")
    .addColumn("id", "integer", (c) => c.primaryKey())
    .addColumn("calculator", "varchar(120)", (c) => c.notNull())
    .addColumn("plugin", "varchar(64)", (c) => c.notNull())
    .addColumn("plugin_version", "varchar(64)", (c) => c.notNull())
    .addColumn("region", "varchar(64)", (c) => c.notNull())
    .addColumn("year", "integer", (c) => c.notNull())
    .addColumn("committed_at", "varchar(32)", (c) => c.notNull())
    .addColumn("agency", "varchar(120)", (c) => c.notNull())
    .addColumn("inputs", "text", (c) => c.notNull())
    .addColumn("params", "text", (c) => c.notNull())
    .addColumn("tables", "text", (c) => c.notNull())
    .addColumn("values_stored", "integer", (c) => c.notNull())
    .execute()
  await db.schema.createIndex("calculator_runs_region_year").on("calculator_runs").columns(["region", "year", "committed_at"]).execute()
}

export const down = async (db: Kysely<unknown>): Promise<void> => {
  await db.schema.dropTable("calculator_runs").execute()
}

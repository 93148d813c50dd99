import { type Kysely, sql } from "kysely"

/**
 * One owner per figure: the beauty index kept good-air days and surface water under ids of its own, which the
 * ecology plugin also declared, and forest coverage under an id the Demonstration Zone plugin declared again, so one
 * figure could be registered twice. Ecology owns all three now; this moves the observations of the retired ids onto
 * the owner's, in the order listed (for forest coverage the Demonstration Zone's values first: they are the plan's).
 *
 * Every revision of a retired id is first copied, as it was, into `retired_revisions` with where it went:
 * - a cell (region, year) the owner's id has no value for is renamed in place: same revision numbers, values,
 *   agencies, times, sources, notes and statuses, so its history and as-of reads are unchanged under the new id
 *   (`owner_revision` is the revision's number there, equal to its old one);
 * - a cell the owner's id already has values for keeps the owner's history untouched (its current value stays
 *   current) and the retired revisions are set aside: kept only in `retired_revisions`, with `owner_revision`
 *   null. Nothing is dropped, and no value appears in the owner's history that its agency did not send there.
 * Audit entries that name a retired revision id (`<retired>/<region>/<year>/r<n>`) resolve through this table.
 */
export const RETIRED_INDICATORS: ReadonlyArray<{ readonly retired: string; readonly owner: string }> = [
  { retired: "beauty.good-air-days-share", owner: "ecology.good-air-days-share" },
  { retired: "beauty.surface-water-good-share", owner: "ecology.surface-water-good-share" },
  { retired: "demo-zone.forest-coverage", owner: "ecology.forest-coverage" },
  { retired: "beauty.forest-coverage", owner: "ecology.forest-coverage" },
]

const OBSERVATION_COLUMNS = [
  "indicator", "region", "year", "revision", "value", "agency", "submitted_at", "source", "note", "status",
  "source_zh", "source_en", "note_zh", "note_en",
] as const

const move = async (db: Kysely<any>, retired: string, owner: string): Promise<void> => {
  const columns = sql.join(OBSERVATION_COLUMNS.map((c) => sql.ref(c)))
  const fromColumns = sql.join(OBSERVATION_COLUMNS.map((c) => sql.ref(`o.${c}`)))
  await sql`
    INSERT INTO retired_revisions (${columns}, owner_indicator, owner_revision)
    SELECT ${fromColumns}, CAST(${owner} AS varchar(120)),
      CASE WHEN EXISTS (SELECT 1 FROM observations w WHERE w.indicator = ${owner} AND w.region = o.region AND w.year = o.year)
        THEN NULL ELSE o.revision END
    FROM observations o WHERE o.indicator = ${retired}`.execute(db)
  // driven by retired_revisions, not by a subquery on the table being updated
  await sql`
    UPDATE observations SET indicator = ${owner}
    WHERE indicator = ${retired} AND EXISTS (
      SELECT 1 FROM retired_revisions r
      WHERE r.indicator = ${retired} AND r.region = observations.region AND r.year = observations.year
        AND r.revision = observations.revision AND r.owner_revision IS NOT NULL)`.execute(db)
  await db.deleteFrom("observations").where("indicator", "=", retired).execute()
}

const up_ = async (db: Kysely<any>): Promise<void> => {
  await db.schema
    .createTable("retired_revisions")
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
    .addColumn("source_zh", "text")
    .addColumn("source_en", "text")
    .addColumn("note_zh", "text")
    .addColumn("note_en", "text")
    .addColumn("owner_indicator", "varchar(120)", (c) => c.notNull())
    .addColumn("owner_revision", "integer")
    .addPrimaryKeyConstraint("retired_revisions_pk", ["indicator", "region", "year", "revision"])
    .execute()
  for (const { retired, owner } of RETIRED_INDICATORS) await move(db, retired, owner)
}

/** SQLite runs migrations outside a transaction (PostgreSQL inside one): the move is all or nothing on both. */
export const up = async (db: Kysely<any>): Promise<void> => {
  if (db.isTransaction) await up_(db)
  else await db.transaction().execute(up_)
}

/** Puts the moved revisions back under their retired ids and the set-aside ones back in place. */
export const down = async (db: Kysely<any>): Promise<void> => {
  const columns = sql.join(OBSERVATION_COLUMNS.map((c) => sql.ref(c)))
  const run = async (tx: Kysely<any>) => {
    for (const { retired, owner } of RETIRED_INDICATORS) {
      await sql`
        DELETE FROM observations WHERE indicator = ${owner} AND EXISTS (
          SELECT 1 FROM retired_revisions r
          WHERE r.indicator = ${retired} AND r.region = observations.region AND r.year = observations.year
            AND r.owner_revision = observations.revision)`.execute(tx)
      await sql`INSERT INTO observations (${columns}) SELECT ${columns} FROM retired_revisions WHERE indicator = ${retired}`.execute(tx)
    }
    await tx.schema.dropTable("retired_revisions").execute()
  }
  if (db.isTransaction) await run(db)
  else await db.transaction().execute(run)
}

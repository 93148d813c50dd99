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
import type { Kysely } from "kysely"
import { RETIRED_INDICATORS } from "./0007_retired_indicators.js"

const OBSERVATION_COLUMNS = [
  "indicator", "region", "year", "revision", "value", "agency", "submitted_at", "source", "note", "status",
  "source_zh", "source_en", "note_zh", "note_en",
] as const

const move = async (db: Kysely<any>, retired: string, owner: string): Promise<void> => {
  await db
    .insertInto("retired_revisions")
    .columns([...OBSERVATION_COLUMNS, "owner_indicator", "owner_revision"])
    .expression(
      db
        .selectFrom("observations as o")
        .select(OBSERVATION_COLUMNS.map((c) => `o.${c}` as const))
        .select((eb) => [
          eb.cast<string>(eb.val(owner), "varchar(120)").as("owner_indicator"),
          eb
            .case()
            .when(
              eb.exists(
                eb
                  .selectFrom("observations as w")
                  .select("w.indicator")
                  .where("w.indicator", "=", owner)
                  .whereRef("w.region", "=", "o.region")
                  .whereRef("w.year", "=", "o.year"),
              ),
            )
            .then(null)
            .else(eb.ref("o.revision"))
            .end()
            .as("owner_revision"),
        ])
        .where("o.indicator", "=", retired),
    )
    .execute()
  // driven by retired_revisions, not by a subquery on the table being updated
  await db
    .updateTable("observations")
    .set({ indicator: owner })
    .where("indicator", "=", retired)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("retired_revisions as r")
          .select("r.indicator")
          .where("r.indicator", "=", retired)
          .whereRef("r.region", "=", "observations.region")
          .whereRef("r.year", "=", "observations.year")
          .whereRef("r.revision", "=", "observations.revision")
          .where("r.owner_revision", "is not", null),
      ),
    )
    .execute()
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
  const run = async (tx: Kysely<any>) => {
    for (const { retired, owner } of RETIRED_INDICATORS) {
      await tx
        .deleteFrom("observations")
        .where("indicator", "=", owner)
        .where((eb) =>
          eb.exists(
            eb
              .selectFrom("retired_revisions as r")
              .select("r.indicator")
              .where("r.indicator", "=", retired)
              .whereRef("r.region", "=", "observations.region")
              .whereRef("r.year", "=", "observations.year")
              .whereRef("r.owner_revision", "=", "observations.revision"),
          ),
        )
        .execute()
      await tx
        .insertInto("observations")
        .columns([...OBSERVATION_COLUMNS])
        .expression(tx.selectFrom("retired_revisions").select([...OBSERVATION_COLUMNS]).where("indicator", "=", retired))
        .execute()
    }
    await tx.schema.dropTable("retired_revisions").execute()
  }
  if (db.isTransaction) await run(db)
  else await db.transaction().execute(run)
}

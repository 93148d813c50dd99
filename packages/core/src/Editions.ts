/**
 * Report editions: publishing freezes a report as an immutable edition (the exact JSON bytes, its content hash
 * and as-of time); later data revisions create a new edition, and any two can be compared.
 */
import { Context, Effect, Layer } from "effect"
import { Database } from "./Database.js"
import { NotFound, type StorageError, WriteConflict } from "./Errors.js"
import { query, write } from "./internal/run.js"
import { type Report, reportJson } from "./Report.js"
import { unsafeCanonicalTime } from "./Time.js"

/** An edition's metadata. */
export interface EditionInfo {
  readonly scope: string
  readonly year: number
  readonly edition: number
  readonly publishedAt: string
  readonly publishedBy: string
  readonly asOf: string
  readonly contentHash: string
}

/** An edition with its report exactly as published. */
export interface Edition extends EditionInfo {
  /** The report JSON, byte for byte as published. */
  readonly json: string
}

/** The edition store's operations. */
export interface EditionsService {
  /** Publishes a report as the next edition; refuses when the latest edition has the same content. */
  readonly publish: (report: Report, by: string, at: string) => Effect.Effect<EditionInfo, WriteConflict | StorageError>
  /** The editions of a scope and year, oldest first. */
  readonly list: (scope: string, year: number) => Effect.Effect<ReadonlyArray<EditionInfo>, StorageError>
  /** Every edition of every scope and year (metadata only), by scope, year and edition. */
  readonly all: () => Effect.Effect<ReadonlyArray<EditionInfo>, StorageError>
  /** One edition, or NotFound. */
  readonly get: (scope: string, year: number, edition: number) => Effect.Effect<Edition, NotFound | StorageError>
}

/** The edition store service tag. */
export class Editions extends Context.Tag("@tijian/core/Editions")<Editions, EditionsService>() {}

const toInfo = (r: { scope: string; year: number; edition: number; published_at: string; published_by: string; as_of: string; content_hash: string }): EditionInfo => ({
  scope: r.scope,
  year: Number(r.year),
  edition: Number(r.edition),
  publishedAt: r.published_at,
  publishedBy: r.published_by,
  asOf: r.as_of,
  contentHash: r.content_hash,
})

/** Makes the edition store over the current `Database`. */
export const make = Effect.gen(function* () {
  const { db } = yield* Database

  const publish: EditionsService["publish"] = (report, by, at) =>
    write("publish edition", () =>
      db.transaction().execute(async (trx) => {
        const last = await trx
          .selectFrom("report_editions")
          .select(["edition", "content_hash"])
          .where("scope", "=", report.scope.code)
          .where("year", "=", report.year)
          .orderBy("edition", "desc")
          .executeTakeFirst()
        // The as-of time is part of the content hash; compare the data instead: same revisions, same evaluations.
        if (last) {
          const prior = await trx
            .selectFrom("report_editions")
            .select("report")
            .where("scope", "=", report.scope.code)
            .where("year", "=", report.year)
            .where("edition", "=", last.edition)
            .executeTakeFirstOrThrow()
          if (sameData(JSON.parse(prior.report) as Report, report)) {
            throw new WriteConflict({
              reason: "edition-unchanged",
              message: `edition ${last.edition} of ${report.scope.code} ${report.year} already has these data; publish again after a revision`,
            })
          }
        }
        const row = {
          scope: report.scope.code,
          year: report.year,
          edition: Number(last?.edition ?? 0) + 1,
          published_at: unsafeCanonicalTime(at),
          published_by: by,
          as_of: report.provenance.asOf,
          content_hash: report.provenance.contentHash,
          report: reportJson(report),
        }
        await trx.insertInto("report_editions").values(row).execute()
        return toInfo(row)
      }),
    )

  const list: EditionsService["list"] = (scope, year) =>
    query("list editions", async () =>
      (
        await db
          .selectFrom("report_editions")
          .select(["scope", "year", "edition", "published_at", "published_by", "as_of", "content_hash"])
          .where("scope", "=", scope)
          .where("year", "=", year)
          .orderBy("edition")
          .execute()
      ).map(toInfo),
    )

  const all: EditionsService["all"] = () =>
    query("list all editions", async () =>
      (
        await db
          .selectFrom("report_editions")
          .select(["scope", "year", "edition", "published_at", "published_by", "as_of", "content_hash"])
          .orderBy("scope")
          .orderBy("year")
          .orderBy("edition")
          .execute()
      ).map(toInfo),
    )

  const get: EditionsService["get"] = (scope, year, edition) =>
    Effect.flatMap(
      query("read edition", () =>
        db.selectFrom("report_editions").selectAll().where("scope", "=", scope).where("year", "=", year).where("edition", "=", edition).executeTakeFirst(),
      ),
      (r) =>
        r
          ? Effect.succeed({ ...toInfo(r), json: r.report })
          : Effect.fail(new NotFound({ reason: "edition", message: `${scope} ${year} has no edition ${edition}; see .../editions for the list` })),
    )

  return { publish, list, all, get } satisfies EditionsService
})

/** Whether two reports rest on the same data: same revisions and the same evaluations. */
const sameData = (a: Report, b: Report): boolean =>
  JSON.stringify(a.provenance.revisions) === JSON.stringify(b.provenance.revisions) &&
  JSON.stringify(a.sections) === JSON.stringify(b.sections)

/** The edition store over whichever `Database` is provided. */
export const layer: Layer.Layer<Editions, never, Database> = Layer.effect(Editions, make)

/**
 * The stored observations as of a time, read in pages of a bounded number of rows (keyset pagination on the
 * primary key: indicator, region, year, breakdown, revision), so that an export of millions of revisions holds one
 * page in memory at a time. Every revision stamped at or before `asOf`, or only the current one of each cell (the
 * latest such revision). Rows committed after `asOf` carry later stamps, so the pages read one snapshot even while
 * writes go on. Totals only unless `breakdowns` is asked for (the Parquet export's default).
 */
import type { DatabaseSchema, ObservationStatus } from "@tijian/core"
import type { Kysely } from "kysely"

/** One revision as the export writes it: the stored columns, typed. */
export interface ExportedObservation {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  readonly revision: number
  readonly agency: string
  /** ISO-8601 UTC, as stored. */
  readonly submittedAt: string
  readonly source: string
  readonly note: string | null
  readonly sourceZh: string | null
  readonly sourceEn: string | null
  readonly noteZh: string | null
  readonly noteEn: string | null
  readonly status: ObservationStatus
  /** The breakdown key (`"mode=metro"`), "" for a total. */
  readonly breakdown: string
}

/** What to read. */
export interface PageQuery {
  /** Canonical ISO-8601 UTC: revisions stamped later are left out. */
  readonly asOf: string
  /** Every revision (`true`), or only the current one of each cell (default). */
  readonly allRevisions?: boolean
  /** Most rows read per page. Default `DEFAULT_PAGE_ROWS`. */
  readonly pageRows?: number
  /** Breakdowns too, each after its cell's total (default: totals only). */
  readonly breakdowns?: boolean
  /** Only these indicators (default: all). */
  readonly indicators?: ReadonlyArray<string>
}

/** Rows per page (and so per Parquet row group): 100,000. */
export const DEFAULT_PAGE_ROWS = 100_000

/** Rows per query: small, so that the driver's row objects die young while a page of 100,000 builds up. */
const READ_ROWS = 10_000

type Row = DatabaseSchema["observations"]

/**
 * One copy of each distinct text of a page: the driver makes a new string for every row, and a page keeps its
 * rows until written, so 100,000 copies of "final" or of an agency's name would otherwise stay in memory.
 */
class Interner {
  private readonly seen = new Map<string, string>()
  text<S extends string | null>(s: S): S {
    if (s === null) return s
    const hit = this.seen.get(s)
    if (hit !== undefined) return hit as S
    this.seen.set(s, s)
    return s
  }
  clear(): void {
    this.seen.clear()
  }
}

const exported = (r: Row, t: Interner): ExportedObservation => ({
  indicator: t.text(r.indicator),
  region: t.text(r.region),
  year: Number(r.year),
  value: Number(r.value),
  revision: Number(r.revision),
  agency: t.text(r.agency),
  submittedAt: t.text(r.submitted_at),
  source: t.text(r.source),
  note: t.text(r.note),
  sourceZh: t.text(r.source_zh ?? null),
  sourceEn: t.text(r.source_en ?? null),
  noteZh: t.text(r.note_zh ?? null),
  noteEn: t.text(r.note_en ?? null),
  status: t.text(r.status) as ObservationStatus,
  breakdown: t.text(r.breakdown ?? ""),
})

const sameCell = (a: Row, b: Row): boolean =>
  a.indicator === b.indicator && a.region === b.region && Number(a.year) === Number(b.year) && (a.breakdown ?? "") === (b.breakdown ?? "")

/** The revisions stamped at or before `asOf`, `readRows` at a time, in primary-key order. */
async function* revisionReads(db: Kysely<DatabaseSchema>, query: PageQuery, readRows: number): AsyncGenerator<ReadonlyArray<Row>> {
  let after: Row | undefined
  for (;;) {
    let read = db.selectFrom("observations").selectAll().where("submitted_at", "<=", query.asOf)
    if (!query.breakdowns) read = read.where("breakdown", "=", "")
    if (query.indicators) read = read.where("indicator", "in", query.indicators.length > 0 ? [...query.indicators] : [""])
    if (after) {
      const a = after
      read = read.where((eb) =>
        eb(eb.refTuple("indicator", "region", "year", "breakdown", "revision"), ">", eb.tuple(a.indicator, a.region, Number(a.year), a.breakdown ?? "", Number(a.revision))),
      )
    }
    const rows = await read.orderBy("indicator").orderBy("region").orderBy("year").orderBy("breakdown").orderBy("revision").limit(readRows).execute()
    if (rows.length > 0) yield rows
    if (rows.length < readRows) return
    after = rows.at(-1)
  }
}

/**
 * The observations of `query`, a page (`pageRows` rows, the last one fewer, never empty) at a time.
 *
 * @example
 * for await (const page of observationPages(db, { asOf: "2025-03-01T00:00:00.000Z" })) write(page) // current values
 */
export async function* observationPages(db: Kysely<DatabaseSchema>, query: PageQuery): AsyncGenerator<ReadonlyArray<ExportedObservation>> {
  const pageRows = query.pageRows ?? DEFAULT_PAGE_ROWS
  let out: Array<ExportedObservation> = []
  const texts = new Interner()
  // a cell's revisions are consecutive: a revision is current once the next row is of another cell (or there is none)
  let held: Row | undefined
  for await (const rows of revisionReads(db, query, Math.min(READ_ROWS, pageRows))) {
    for (const row of rows) {
      if (query.allRevisions) out.push(exported(row, texts))
      else {
        if (held && !sameCell(held, row)) out.push(exported(held, texts))
        held = row
      }
      if (out.length === pageRows) {
        yield out
        out = []
        texts.clear()
      }
    }
  }
  if (held) out.push(exported(held, texts))
  if (out.length > 0) yield out
}

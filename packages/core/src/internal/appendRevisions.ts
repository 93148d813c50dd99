/**
 * Appending revisions inside one write transaction, chunk by chunk, so that a write of a million rows holds one
 * chunk of row objects at a time: year locks are read once; each chunk reads the current revision of its cells
 * (but not of cells of an (indicator, year) slice that had no stored row when the write first met it: those are
 * new, see `freshSlices.ts`), checks expected revisions, leaves unchanged rows alone, and is inserted by the
 * dialect's `InsertRows` (SQLite: a prepared statement whose text Kysely compiles once; PostgreSQL:
 * `insertThroughUnnest.ts`).
 */
import type { Kysely, Transaction } from "kysely"
import type { SqliteConnection } from "../Database.js"
import type { DatabaseSchema, ObservationTable } from "../DatabaseSchema.js"
import { WriteConflict } from "../Errors.js"
import { cellKey, type NewObservation, type ObservationStatus, revisionId, type StoredObservation } from "../Observation.js"
import { lockedYearEvents } from "./yearLocks.js"
import { closedDataSets } from "./approvals.js"
import { isUniqueViolation } from "./run.js"
import { freshSlicesOf } from "./freshSlices.js"
import { dataSetName, dataSetOf } from "../Approval.js"
import { codesOfBreakdown, isBreakdown } from "../Dimension.js"

/** What one write stored. */
export interface AppendSummary {
  /** The stored revisions in the order given: all of them, or the first `keep`. */
  readonly stored: ReadonlyArray<StoredObservation>
  /** How many revisions were stored. */
  readonly count: number
  /** How many rows repeated their cell's current value and were left alone (`skipIfUnchanged`). */
  readonly unchanged: number
  /** The write's stamp, which every stored revision carries; null when nothing was stored. */
  readonly submittedAt: string | null
}

/** The current revision of a cell, as far as a write needs it (a stored row's columns, or the record this write inserts). */
type Current = Pick<ObservationTable, "revision" | "value" | "note" | "note_zh" | "note_en" | "status">

const COLUMNS = [
  "indicator", "region", "year", "breakdown", "revision", "value", "agency", "submitted_at", "source", "note", "status",
  "source_zh", "source_en", "note_zh", "note_en",
] as const

/** Turns a stored row into the public shape. */
export const toStored = (r: ObservationTable): StoredObservation => ({
  id: revisionId({ ...r, year: Number(r.year) }, Number(r.revision)),
  indicator: r.indicator,
  region: r.region,
  year: Number(r.year),
  revision: Number(r.revision),
  value: Number(r.value),
  agency: r.agency,
  submittedAt: r.submitted_at,
  source: r.source,
  note: r.note,
  sourceZh: r.source_zh ?? null,
  sourceEn: r.source_en ?? null,
  noteZh: r.note_zh ?? null,
  noteEn: r.note_en ?? null,
  status: r.status as ObservationStatus,
  ...(r.breakdown ? { breakdown: r.breakdown, dimensions: codesOfBreakdown(r.breakdown) } : {}),
})

/** The current revision of every cell of `rows` that has one, read in the transaction. */
/** Most (indicator, year) groups in one lookup: SQLite refuses an expression tree deeper than 1,000 (one OR per group). */
const MAX_GROUPS_PER_LOOKUP = 200
/** Most bound parameters in one lookup: well under SQLite's 32,766 and PostgreSQL's 65,535. */
const MAX_PARAMETERS_PER_LOOKUP = 10_000

/** The groups in lookups of at most `MAX_GROUPS_PER_LOOKUP` groups and about `MAX_PARAMETERS_PER_LOOKUP` parameters (a group is 2 + its regions; a group of more regions than that goes alone). */
const lookupChunks = <G extends { readonly regions: ReadonlySet<string> }>(groups: ReadonlyArray<G>): ReadonlyArray<ReadonlyArray<G>> => {
  const chunks: Array<Array<G>> = []
  let chunk: Array<G> = []
  let parameters = 0
  for (const g of groups) {
    const cost = 2 + g.regions.size
    if (chunk.length > 0 && (chunk.length >= MAX_GROUPS_PER_LOOKUP || parameters + cost > MAX_PARAMETERS_PER_LOOKUP)) {
      chunks.push(chunk)
      chunk = []
      parameters = 0
    }
    chunk.push(g)
    parameters += cost
  }
  if (chunk.length > 0) chunks.push(chunk)
  return chunks
}

const currentOf = async (trx: Transaction<DatabaseSchema>, rows: ReadonlyArray<NewObservation>): Promise<Map<string, Current>> => {
  // group by (indicator, year): each group is an exact key prefix lookup on the primary key
  const groups = new Map<string, { indicator: string; year: number; regions: Set<string> }>()
  for (const r of rows) {
    const key = `${r.indicator}\u0000${r.year}`
    const group = groups.get(key) ?? { indicator: r.indicator, year: r.year, regions: new Set<string>() }
    group.regions.add(r.region)
    groups.set(key, group)
  }
  const found = []
  for (const chunk of lookupChunks([...groups.values()])) {
    const part = await trx
      .selectFrom("observations")
      .select(["indicator", "region", "year", "breakdown", "revision", "value", "note", "note_zh", "note_en", "status"])
      .where((eb) =>
        eb.or(chunk.map((g) => eb.and([eb("indicator", "=", g.indicator), eb("region", "in", [...g.regions]), eb("year", "=", g.year)]))),
      )
      .execute()
    found.push(...part)
  }
  const current = new Map<string, Current>()
  for (const f of found) {
    const key = cellKey({ indicator: f.indicator, region: f.region, year: Number(f.year), breakdown: f.breakdown })
    const revision = Number(f.revision)
    if ((current.get(key)?.revision ?? 0) < revision) current.set(key, { revision, value: Number(f.value), note: f.note, note_zh: f.note_zh, note_en: f.note_en, status: f.status })
  }
  return current
}

/** Inserts rows inside the transaction `trx` (all of them, or throws). */
export type InsertRows = (trx: Transaction<DatabaseSchema>, records: ReadonlyArray<ObservationTable>) => Promise<void>

/** The single-row insert statement Kysely compiles, per adapter (dialect). */
const insertSql = new WeakMap<object, string>()

/** The insert statement Kysely compiles for one row: every value a parameter, in COLUMNS order. */
const insertText = (trx: Kysely<DatabaseSchema>, sample: ObservationTable): string => {
  const adapter = trx.getExecutor().adapter
  let text = insertSql.get(adapter)
  if (text === undefined) {
    const ordered = Object.fromEntries(COLUMNS.map((c) => [c, sample[c]])) as unknown as ObservationTable
    const compiled = trx.insertInto("observations").values(ordered).compile()
    if (compiled.parameters.length !== COLUMNS.length) throw new Error("insert statement: unexpected parameter count")
    text = compiled.sql
    insertSql.set(adapter, text)
  }
  return text
}

/**
 * Inserts through the SQLite connection under `trx`, one prepared single-row statement per row (the statement
 * text compiled by Kysely): about a third faster than multi-row statements through the driver. The rows join
 * the open transaction, since it is the same connection and Kysely runs nothing else on it meanwhile.
 */
export const insertThroughSqlite =
  (sqlite: SqliteConnection): InsertRows =>
  async (trx, records) => {
    if (records.length === 0) return
    const statement = sqlite.prepare(insertText(trx, records[0]!))
    for (const r of records) {
      statement.run(
        r.indicator, r.region, r.year, r.breakdown, r.revision, r.value, r.agency, r.submitted_at, r.source, r.note, r.status,
        r.source_zh, r.source_en, r.note_zh, r.note_en,
      )
    }
  }

/** The first pair of fresh rows (indices) that give the same cell, if any: looked for only when an insert failed. */
const givenTwice = (rows: ReadonlyArray<NewObservation>, fresh: ReadonlyArray<boolean>): readonly [number, number] | undefined => {
  const seen = new Map<string, number>()
  for (let i = 0; i < rows.length; i++) {
    if (!fresh[i]) continue
    const key = cellKey(rows[i]!)
    const before = seen.get(key)
    if (before !== undefined) return [before, i]
    seen.set(key, i)
  }
  return undefined
}

/** A cell as messages name it: "beauty.composite (mode=metro) for 320509 in 2023". */
const cellText = (row: NewObservation): string => `${row.indicator}${row.breakdown ? ` (${row.breakdown})` : ""} for ${row.region} in ${row.year}`

/** Whether a row repeats its cell's current value, note (every language) and status. */
const repeats = (row: NewObservation, c: Current): boolean =>
  row.value === c.value &&
  (row.note ?? null) === c.note &&
  (row.noteZh ?? null) === c.note_zh &&
  (row.noteEn ?? null) === c.note_en &&
  (row.status ?? (row.expectedRevision ? c.status : "final")) === c.status

/**
 * Appends `chunks` (rows in order; row indices in messages count across chunks) stamped `submittedAt`, inside
 * `trx`. Throws a `WriteConflict` for a row of a locked year or a stale expected revision (the caller's
 * transaction then rolls back: nothing is stored). Keeps the first `keep` stored revisions for the summary.
 */
export const appendRevisions = async (
  trx: Transaction<DatabaseSchema>,
  chunks: Iterable<ReadonlyArray<NewObservation>>,
  submittedAt: string,
  keep: number,
  insertRows: InsertRows,
): Promise<AppendSummary> => {
  const freshSlices = freshSlicesOf(trx)
  const locked = await lockedYearEvents(trx)
  const closed = await closedDataSets(trx)
  const stored: Array<StoredObservation> = []
  let count = 0
  let unchanged = 0
  let offset = 0
  const insert = async (records: ReadonlyArray<ObservationTable>, first: number, rows: ReadonlyArray<NewObservation>, fresh: ReadonlyArray<boolean>) => {
    try {
      await insertRows(trx, records)
    } catch (e) {
      // a cell of a fresh slice (not probed, so not keyed) given twice in this chunk, or again in a later chunk of this
      // write: say so, naming the rows where they can be named, not "constraint failed"
      if (fresh.includes(true) && isUniqueViolation(e)) {
        const pair = givenTwice(rows, fresh)
        throw new WriteConflict({
          reason: "stale-revision",
          message: pair
            ? `rows ${first + pair[0]} and ${first + pair[1]}: ${cellText(rows[pair[1]]!)} is given twice in this write; give each cell once. Nothing was stored`
            : `rows ${first}..${first + rows.length - 1}: a cell is given twice in this write; give each cell once. Nothing was stored`,
        })
      }
      throw e
    }
  }
  // The previous chunk's insert runs on the server while this chunk's records are built (PostgreSQL)
  let inFlight: Promise<void> = Promise.resolve()
  try {
    for (const rows of chunks) {
      if (locked.size > 0) {
        const index = rows.findIndex((r) => locked.has(r.year))
        if (index !== -1) {
          const year = rows[index]!.year
          const e = locked.get(year)!
          throw new WriteConflict({
            reason: "year-locked",
            message:
              `row ${offset + index}: ${year} is locked (published) since ${e.at} by ${e.actor} ("${e.reason}"); ` +
              `nothing was stored. An admin must unlock ${year} (POST /api/v1/years/${year}/unlock with a reason) before it takes new revisions`,
          })
        }
      }
      if (closed.size > 0) {
        const index = rows.findIndex((r) => closed.has(dataSetName(dataSetOf(r))))
        if (index !== -1) {
          const row = rows[index]!
          const set = dataSetOf(row)
          const e = closed.get(dataSetName(set))!
          const undo =
            e.state === "approved"
              ? `an approver must reopen it first (POST /api/v1/approvals/${dataSetName(set)}/reopen with a reason)`
              : `an approver must return it first (POST /api/v1/approvals/${dataSetName(set)}/return with a comment)`
          throw new WriteConflict({
            reason: "data-set-closed",
            message: `row ${offset + index}: ${row.indicator} belongs to data set ${dataSetName(set)}, ${e.state} by ${e.actor} at ${e.at}; nothing was stored. It takes no new values: ${undo}`,
          })
        }
      }
      await freshSlices.meet(rows)
      const fresh = rows.map(freshSlices.isFresh)
      const probed = rows.filter((_, i) => !fresh[i])
      const current = probed.length > 0 ? await currentOf(trx, probed) : new Map<string, Current>()
      const records: Array<ObservationTable> = []
      rows.forEach((row, i) => {
        if (row.breakdown === undefined && isBreakdown(row.dimensions)) throw new Error(`row ${offset + i}: dimensions without their breakdown key; fill it with breakdownKey (registerObservations does)`)
        // a row of a fresh slice is a new cell at revision 1: nothing to look up, so no key is made (a cell given twice
        // fails the insert's unique key, and `insert` names the rows)
        const key = fresh[i] ? undefined : cellKey(row)
        const c = key === undefined ? undefined : current.get(key)
        if (row.skipIfUnchanged && c && repeats(row, c)) {
          unchanged++
          return
        }
        const at = c?.revision ?? 0
        if (row.expectedRevision !== undefined && row.expectedRevision !== at) {
          throw new WriteConflict({
            reason: "stale-revision",
            message:
              `row ${offset + i}: ${cellText(row)} is at revision ${at}, ` +
              `not ${row.expectedRevision}; read it again and resend your change against revision ${at}`,
          })
        }
        const record: ObservationTable = {
          indicator: row.indicator,
          region: row.region,
          year: row.year,
          breakdown: row.breakdown ?? "",
          revision: at + 1,
          value: row.value,
          agency: row.agency,
          submitted_at: submittedAt,
          source: row.source,
          note: row.note ?? null,
          status: row.status ?? "final",
          source_zh: row.sourceZh ?? null,
          source_en: row.sourceEn ?? null,
          note_zh: row.noteZh ?? null,
          note_en: row.noteEn ?? null,
        }
        if (key !== undefined) current.set(key, record)
        records.push(record)
        if (stored.length < keep) stored.push(toStored(record))
      })
      await inFlight
      inFlight = insert(records, offset, rows, fresh)
      // awaited before the next chunk's insert, at the end, or on the way out; never left unhandled meanwhile
      inFlight.catch(() => undefined)
      count += records.length
      offset += rows.length
    }
    await inFlight
  } catch (e) {
    // an earlier chunk's failed insert came first: report it rather than what followed from it
    await inFlight
    throw e
  }
  return { stored, count, unchanged, submittedAt: count > 0 ? submittedAt : null }
}

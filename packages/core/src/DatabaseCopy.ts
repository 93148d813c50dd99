/**
 * Copying a whole database to another (e.g. an existing SQLite file into a new PostgreSQL database), verified
 * by row counts and a SHA-256 over every row in key order, computed on both sides after the copy.
 */
import { createHash } from "node:crypto"
import { Effect } from "effect"
import type { Kysely } from "kysely"
import { StorageError } from "./Errors.js"

/** A table to copy and the columns that order it (its primary key). */
export interface CopiedTable {
  readonly name: string
  readonly key: ReadonlyArray<string>
}

/** Core's tables. Other packages (the server) add their own. */
export const CORE_TABLES: ReadonlyArray<CopiedTable> = [
  { name: "observations", key: ["indicator", "region", "year", "breakdown", "revision"] },
  { name: "year_lock_events", key: ["year", "seq"] },
  { name: "approval_events", key: ["plugin", "region", "year", "seq"] },
  { name: "report_editions", key: ["scope", "year", "edition"] },
  { name: "write_clock", key: ["id"] },
  { name: "retired_revisions", key: ["indicator", "region", "year", "revision"] },
  { name: "calculator_runs", key: ["id"] },
]

/** What was copied, table by table, with the checksums read back from both sides. */
export interface CopyReport {
  readonly tables: ReadonlyArray<{ readonly name: string; readonly rows: number; readonly sourceSha256: string; readonly targetSha256: string }>
}

const BATCH = 500

/** Canonical text of a row: keys sorted, numeric strings from a driver normalised to numbers where numeric. */
const canonical = (row: Record<string, unknown>) =>
  JSON.stringify(Object.keys(row).sort().map((k) => [k, typeof row[k] === "bigint" ? Number(row[k]) : row[k]]))

/** SHA-256 over every row of a table in key order, and the row count. */
export const tableChecksum = async (db: Kysely<any>, table: CopiedTable): Promise<{ rows: number; sha256: string }> => {
  const hash = createHash("sha256")
  let rows = 0
  let offset = 0
  for (;;) {
    let q = db.selectFrom(table.name).selectAll()
    for (const k of table.key) q = q.orderBy(k)
    const page = (await q.limit(BATCH * 10).offset(offset).execute()) as Array<Record<string, unknown>>
    for (const r of page) hash.update(canonical(normalise(r))).update("\n")
    rows += page.length
    offset += page.length
    if (page.length < BATCH * 10) break
  }
  return { rows, sha256: hash.digest("hex") }
}

/**
 * Drivers differ in how they return integers (PostgreSQL bigints arrive as strings); the checksum reads every
 * all-digit string as a number on both sides alike, so equal data hash equal whatever the driver.
 */
const normalise = (r: Record<string, unknown>): Record<string, unknown> =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === "string" && /^-?\d{1,15}$/.test(v) ? Number(v) : v]))

/**
 * Copies `tables` from `source` into `target` (migrated, and empty for those tables) in one target transaction,
 * then verifies counts and checksums; fails with a `StorageError` naming the first table that differs.
 */
export const copyDatabase = (
  source: Kysely<any>,
  target: Kysely<any>,
  tables: ReadonlyArray<CopiedTable> = CORE_TABLES,
): Effect.Effect<CopyReport, StorageError> =>
  Effect.tryPromise({
    try: async (): Promise<CopyReport> => {
      for (const t of tables) {
        const existing = await target.selectFrom(t.name).select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()
        if (Number(existing.n) > 0) throw new Error(`the target's ${t.name} table already has ${existing.n} rows; copy into an empty database`)
      }
      await target.transaction().execute(async (trx) => {
        for (const t of tables) {
          let offset = 0
          for (;;) {
            let q = source.selectFrom(t.name).selectAll()
            for (const k of t.key) q = q.orderBy(k)
            const page = (await q.limit(BATCH).offset(offset).execute()) as Array<Record<string, unknown>>
            if (page.length > 0) await trx.insertInto(t.name).values(page).execute()
            offset += page.length
            if (page.length < BATCH) break
          }
        }
      })
      const report = []
      for (const t of tables) {
        const [a, b] = await Promise.all([tableChecksum(source, t), tableChecksum(target, t)])
        if (a.rows !== b.rows || a.sha256 !== b.sha256) {
          throw new Error(`verification failed for ${t.name}: source ${a.rows} rows sha256 ${a.sha256}, target ${b.rows} rows sha256 ${b.sha256}`)
        }
        report.push({ name: t.name, rows: a.rows, sourceSha256: a.sha256, targetSha256: b.sha256 })
      }
      return { tables: report }
    },
    catch: (e) => new StorageError({ reason: "query", message: `copy failed: ${e instanceof Error ? e.message : String(e)}` }),
  })

/**
 * `tijian export parquet <file> [--as-of ISO] [--all-revisions] [--breakdowns]`: the observations as an Apache Parquet file,
 * one row per observation with typed columns (see `export/observationsParquet.ts`), written a row group at a
 * time into `<file>.partial` and renamed to `<file>` once complete, so a failed export leaves no half file.
 */
import { canonicalTime } from "@tijian/core"
import { existsSync } from "node:fs"
import { open, rename, rm } from "node:fs/promises"
import { resolve } from "node:path"
import { prepareParquetExport } from "../export/parquetExport.js"
import { readArgs } from "./args.js"
import { type CliIo, EXIT, UsageError, UserError } from "./io.js"
import { withSession } from "./session.js"

/** Usage of `export parquet`. */
export const EXPORT_PARQUET_USAGE = `usage:
  pnpm tijian export parquet <file.parquet> [--as-of <ISO time>] [--all-revisions] [--breakdowns]

  Writes the observations as an Apache Parquet file for DuckDB, pandas or Arrow: one row per observation with
  the columns indicator, region, year (int32), breakdown, value (double), revision (int32), agency, submitted_at
  (timestamp, UTC), source, note, source_zh, source_en, note_zh, note_en, status. By default the current value of
  each cell as of the latest change (or --as-of, e.g. 2025-01-01 or 2025-01-01T08:00:00Z); --all-revisions writes
  every revision stored by then. Totals only (breakdown is null) unless --breakdowns adds the breakdown rows
  (breakdown = "mode=metro"; filter "breakdown IS NULL" before summing). The as-of time and the version are in
  the file's key-value metadata. The file must not exist yet. Then, e.g.: duckdb -c "SELECT indicator, count(*) FROM 'observations.parquet' GROUP BY 1"
`

/** Runs `export parquet`. */
export const exportParquetCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(argv, { "as-of": { type: "string" }, "all-revisions": { type: "boolean" }, breakdowns: { type: "boolean" } }, EXPORT_PARQUET_USAGE)
  if (args.help) {
    io.stdout(EXPORT_PARQUET_USAGE)
    return EXIT.ok
  }
  const [file, ...extra] = args.positionals
  if (file === undefined || file.trim() === "") throw new UsageError("export parquet needs the file to write, e.g. observations.parquet", EXPORT_PARQUET_USAGE)
  if (extra.length > 0) throw new UsageError(`export parquet writes one file; remove "${extra.join(" ")}"`, EXPORT_PARQUET_USAGE)
  const givenAsOf = args.values["as-of"]?.trim()
  const asOf = givenAsOf === undefined ? undefined : canonicalTime(givenAsOf)
  if (givenAsOf !== undefined && asOf === undefined) {
    throw new UsageError(`--as-of must be an ISO-8601 date or date-time with a time zone (e.g. 2025-01-01 or 2025-01-01T08:00:00Z), not "${givenAsOf}"`, EXPORT_PARQUET_USAGE)
  }
  const path = resolve(io.cwd, file)
  if (existsSync(path)) throw new UserError(`${path} exists; export into a new file (the export never overwrites files)`)

  return withSession(io, async (s) => {
    const allRevisions = args.values["all-revisions"] === true
    const exp = await s.run(prepareParquetExport({ asOf, allRevisions, breakdowns: args.values.breakdowns === true }))
    const partial = `${path}.partial`
    const handle = await open(partial, "w")
    let summary
    try {
      summary = await exp.writeTo({ write: async (bytes) => void (await handle.write(bytes)) })
      await handle.close()
    } catch (e) {
      await handle.close().catch(() => undefined)
      await rm(partial, { force: true })
      throw e
    }
    await rename(partial, path)
    const what =
      (allRevisions ? `revision${summary.rows === 1 ? "" : "s"}` : `current value${summary.rows === 1 ? "" : "s"}`) +
      (exp.breakdowns ? " (totals and breakdowns)" : "")
    io.stdout(
      `wrote ${summary.rows} ${what} as of ${exp.asOf} to ${path} (${summary.rowGroups} row group${summary.rowGroups === 1 ? "" : "s"}, ${summary.bytes} bytes)\n`,
    )
    return EXIT.ok
  })
}

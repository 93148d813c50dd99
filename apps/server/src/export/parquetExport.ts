/**
 * An export of observations as Parquet, ready to write: its as-of time fixed first (the one asked for, or the
 * latest committed change), so that the file, its name and its metadata all speak of one snapshot. The CLI
 * (`tijian export parquet`) writes it to a file, the API (`GET /api/v1/export/observations.parquet`) to the
 * response.
 */
import { CORE_VERSION, Database, ObservationStore, type StorageError } from "@tijian/core"
import { Effect } from "effect"
import { observationPages } from "./observationPages.js"
import { type ByteSink, type ParquetExportSummary, writeObservationsParquet } from "./observationsParquet.js"

/** What to export. */
export interface ParquetExportOptions {
  /** Canonical ISO-8601 UTC; default: the latest committed change. */
  readonly asOf?: string | undefined
  /** Every revision, or only the current value of each cell. */
  readonly allRevisions: boolean
  /** Breakdown rows too, each after its cell's total (default: totals only). */
  readonly breakdowns?: boolean
  /** Rows per row group (default 100,000). */
  readonly pageRows?: number
}

/** An export with its as-of time fixed; `writeTo` reads the database and writes the file into a sink. */
export interface ParquetExport {
  readonly asOf: string
  readonly allRevisions: boolean
  readonly breakdowns: boolean
  readonly writeTo: (sink: ByteSink) => Promise<ParquetExportSummary>
}

/**
 * Prepares an export of the observations as Parquet.
 *
 * @example
 * const exp = yield* prepareParquetExport({ allRevisions: false })
 * await exp.writeTo({ write: (bytes) => file.write(bytes) }) // { rows: 1234, rowGroups: 1, bytes: 48210 }
 */
export const prepareParquetExport = (
  options: ParquetExportOptions,
): Effect.Effect<ParquetExport, StorageError, Database.Database | ObservationStore.ObservationStore> =>
  Effect.gen(function* () {
    const { db } = yield* Database.Database
    const store = yield* ObservationStore.ObservationStore
    const asOf = yield* ObservationStore.asOfOrLatest(store, options.asOf)
    const { allRevisions } = options
    const breakdowns = options.breakdowns === true
    return {
      asOf,
      allRevisions,
      breakdowns,
      writeTo: (sink) =>
        writeObservationsParquet(
          observationPages(db, { asOf, allRevisions, breakdowns, ...(options.pageRows ? { pageRows: options.pageRows } : {}) }),
          sink,
          { asOf, allRevisions, breakdowns, version: CORE_VERSION },
        ),
    }
  })

/**
 * Observations as an Apache Parquet file, for analysts who work in DuckDB, pandas or Arrow: one row per
 * observation, typed columns, one row group per page read (at most 100,000 rows), written through
 * hyparquet-writer (pure JavaScript) and handed to a sink a row group at a time, so memory stays bounded
 * whatever the number of rows. Measured (2 shared cores, Node 20, SQLite; docs/scaling.md): 1,000,000 current
 * values in 14 s at a peak RSS of 565 MB for the whole CLI process (257 MB of it the CLI's own, as `tokens list`
 * peaks), 2,000,000 in 37 s at 601 MB: flat in the row count. The file's key-value metadata carries the as-of time
 * (`tijian.as_of`), whether it holds every revision (`tijian.revisions`: `current` or `all`), whether it holds
 * breakdowns (`tijian.breakdowns`: `totals-only` or `included`) and the version (`tijian.version`).
 *
 * Columns: indicator, region (string); year (int32); breakdown (string, null for a total: `mode=metro`, several
 * dimensions joined by `;`; breakdown rows only when asked for, so a sum over a default file counts no value
 * twice); value (double); revision (int32); agency (string);
 * submitted_at (timestamp in milliseconds, adjusted to UTC); source, note, source_zh, source_en, note_zh,
 * note_en (string, the last five nullable); status (string: `provisional` or `final`).
 */
import { ByteWriter, ParquetWriter } from "hyparquet-writer"
import type { ExportedObservation } from "./observationPages.js"

/** The media type of a Parquet file (registered with IANA in 2024). */
export const PARQUET_TYPE = "application/vnd.apache.parquet"

/** Where the file's bytes go, in order: a file, an HTTP response. `write` may wait (back-pressure). */
export interface ByteSink {
  readonly write: (bytes: Uint8Array) => void | Promise<void>
}

/** What the file's metadata says of it. */
export interface ParquetExportInfo {
  /** The time the data are as of (canonical ISO-8601 UTC). */
  readonly asOf: string
  readonly allRevisions: boolean
  /** Whether breakdown rows are in the file (else totals only). */
  readonly breakdowns: boolean
  /** The version of tijian that wrote it. */
  readonly version: string
}

/** What was written. */
export interface ParquetExportSummary {
  readonly rows: number
  readonly rowGroups: number
  readonly bytes: number
}

type Schema = ConstructorParameters<typeof ParquetWriter>[0]["schema"]
type Column = Schema[number]

const text = (name: string, nullable = false): Column => ({
  name,
  type: "BYTE_ARRAY",
  converted_type: "UTF8",
  logical_type: { type: "STRING" },
  repetition_type: nullable ? "OPTIONAL" : "REQUIRED",
})

const COLUMNS: ReadonlyArray<Column> = [
  text("indicator"),
  text("region"),
  { name: "year", type: "INT32", repetition_type: "REQUIRED" },
  text("breakdown", true),
  { name: "value", type: "DOUBLE", repetition_type: "REQUIRED" },
  { name: "revision", type: "INT32", repetition_type: "REQUIRED" },
  text("agency"),
  {
    name: "submitted_at",
    type: "INT64",
    converted_type: "TIMESTAMP_MILLIS",
    logical_type: { type: "TIMESTAMP", isAdjustedToUTC: true, unit: "MILLIS" },
    repetition_type: "REQUIRED",
  },
  text("source"),
  text("note", true),
  text("source_zh", true),
  text("source_en", true),
  text("note_zh", true),
  text("note_en", true),
  text("status"),
]

/** The file's schema: a root, then the columns in the order above. */
const SCHEMA: Schema = [{ name: "root", num_children: COLUMNS.length }, ...COLUMNS]

/** A page of observations as the writer's columns. */
const columnsOf = (page: ReadonlyArray<ExportedObservation>) => [
  { name: "indicator", data: page.map((o) => o.indicator) },
  { name: "region", data: page.map((o) => o.region) },
  { name: "year", data: Int32Array.from(page, (o) => o.year) },
  { name: "breakdown", data: page.map((o) => (o.breakdown === "" ? null : o.breakdown)) },
  { name: "value", data: Float64Array.from(page, (o) => o.value) },
  { name: "revision", data: Int32Array.from(page, (o) => o.revision) },
  { name: "agency", data: page.map((o) => o.agency) },
  { name: "submitted_at", data: page.map((o) => new Date(o.submittedAt)) },
  { name: "source", data: page.map((o) => o.source) },
  { name: "note", data: page.map((o) => o.note) },
  { name: "source_zh", data: page.map((o) => o.sourceZh) },
  { name: "source_en", data: page.map((o) => o.sourceEn) },
  { name: "note_zh", data: page.map((o) => o.noteZh) },
  { name: "note_en", data: page.map((o) => o.noteEn) },
  { name: "status", data: page.map((o) => o.status) },
]

/** hyparquet-writer's growing buffer, emptied into the sink after every row group (the writer calls `flush`) and at the end. */
class SinkWriter extends ByteWriter {
  constructor(private readonly sink: ByteSink) {
    super(1 << 20)
  }
  flush(): void | Promise<void> {
    if (this.index === 0) return
    const bytes = this.getBytes().slice()
    this.index = 0
    return this.sink.write(bytes)
  }
}

/**
 * Writes the observations of `pages` as one Parquet file into `sink`, one row group per page.
 *
 * @example
 * await writeObservationsParquet(observationPages(db, { asOf }), { write: (b) => file.write(b) }, { asOf, allRevisions: false, version: CORE_VERSION })
 * // { rows: 1_000_000, rowGroups: 10, bytes: ... }
 */
export const writeObservationsParquet = async (
  pages: AsyncIterable<ReadonlyArray<ExportedObservation>>,
  sink: ByteSink,
  info: ParquetExportInfo,
): Promise<ParquetExportSummary> => {
  const writer = new SinkWriter(sink)
  const parquet = new ParquetWriter({
    writer,
    schema: SCHEMA,
    codec: "SNAPPY",
    createdBy: `tijian version ${info.version}`,
    kvMetadata: [
      { key: "tijian.as_of", value: info.asOf },
      { key: "tijian.revisions", value: info.allRevisions ? "all" : "current" },
      { key: "tijian.breakdowns", value: info.breakdowns ? "included" : "totals-only" },
      { key: "tijian.version", value: info.version },
    ],
  })
  let rows = 0
  let rowGroups = 0
  for await (const page of pages) {
    await parquet.write({ columnData: columnsOf(page), rowGroupSize: page.length })
    rows += page.length
    rowGroups++
  }
  await parquet.finish()
  await writer.flush() // the indexes and the footer
  return { rows, rowGroups, bytes: writer.offset }
}

/**
 * The tables tijian stores, as Kysely types. Column names are snake_case; times are ISO-8601 UTC strings
 * (`2026-11-30T05:22:14.000Z`), which sort as they compare.
 */

/** One revision of one cell (indicator x region x year x breakdown). Rows are only ever inserted. */
export interface ObservationTable {
  readonly indicator: string
  readonly region: string
  readonly year: number
  /** The canonical breakdown key (`"mode=metro"`), "" for the total (migration 0009). */
  readonly breakdown: string
  /** 1 for the first value of the cell, then 2, 3, ...: the cell's history in total order. */
  readonly revision: number
  readonly value: number
  readonly agency: string
  readonly submitted_at: string
  readonly source: string
  readonly note: string | null
  readonly status: string
  /** The source and note in Chinese and in English, when given (null otherwise; `source` and `note` are the fallback). */
  readonly source_zh: string | null
  readonly source_en: string | null
  readonly note_zh: string | null
  readonly note_en: string | null
}

/** One lock or unlock of a year: who, when, why. The latest event (highest `seq`) of a year is in force. */
export interface YearLockEventTable {
  readonly year: number
  readonly seq: number
  readonly action: "lock" | "unlock"
  readonly actor: string
  readonly reason: string
  readonly at: string
}

/** One approval transition of a data set (plugin, region, year); the latest (highest `seq`) gives its state. */
export interface ApprovalEventTable {
  readonly plugin: string
  readonly region: string
  readonly year: number
  readonly seq: number
  readonly action: string
  readonly state: string
  readonly actor: string
  readonly comment: string | null
  readonly at: string
}

/** One published edition of a report: the exact JSON, never changed after insert. */
export interface ReportEditionTable {
  readonly scope: string
  readonly year: number
  readonly edition: number
  readonly published_at: string
  readonly published_by: string
  readonly as_of: string
  readonly content_hash: string
  readonly report: string
}

/**
 * The write clock (one row, id 1): every write transaction takes it first, which serialises writers, and
 * stamps its rows later than `last_at`, the stamp of the latest committed write.
 */
export interface WriteClockTable {
  readonly id: number
  /** How many write transactions have committed. */
  readonly seq: number
  readonly last_at: string | null
}

/**
 * A revision of an indicator id that was retired because another plugin owns the figure (migration 0007), kept as
 * it was. `owner_revision` is its revision number under `owner_indicator` when it moved there, or null when the
 * owner's cell already had values and this revision was set aside (the owner's value stays current). Only inserted.
 */
export interface RetiredRevisionTable extends Omit<ObservationTable, "breakdown"> {
  readonly owner_indicator: string
  readonly owner_revision: number | null
}

/**
 * One committed calculator run (migration 0008). `inputs` (name, filename, bytes, sha256 of each file), `params` and
 * `tables` (the run's `ReportTable`s) are JSON text. `committed_at` is the stamp of the write that recorded it (the
 * values' write when the run stored values). Only inserted.
 */
export interface CalculatorRunTable {
  readonly id: number
  readonly calculator: string
  readonly plugin: string
  readonly plugin_version: string
  /** The region or group code the run was for. */
  readonly region: string
  readonly year: number
  readonly committed_at: string
  readonly agency: string
  readonly inputs: string
  readonly params: string
  readonly tables: string
  /** How many new revisions the run's commit stored (0 when every value equalled the current one). */
  readonly values_stored: number
}

/** All tables. */
export interface DatabaseSchema {
  readonly observations: ObservationTable
  readonly year_lock_events: YearLockEventTable
  readonly approval_events: ApprovalEventTable
  readonly report_editions: ReportEditionTable
  readonly write_clock: WriteClockTable
  readonly retired_revisions: RetiredRevisionTable
  readonly calculator_runs: CalculatorRunTable
}

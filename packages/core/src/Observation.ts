/**
 * Observations: indicator x region x year -> value, with provenance. Never overwritten: a change is a new
 * revision and the history stays readable.
 */
import { Schema } from "effect"
import type { DimensionCodes } from "./Dimension.js"

/** Whether a value is provisional (may still be revised) or final. */
export const ObservationStatus = Schema.Literal("provisional", "final")
export type ObservationStatus = typeof ObservationStatus.Type

/** A value to store, with who sent it and from where. */
export interface NewObservation {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  readonly agency: string
  readonly source: string
  readonly note?: string | undefined
  /**
   * The source and note in Chinese and in English, beside `source` and `note` (which stay the fallback for a
   * language not given: keep them filled, e.g. with the Chinese text). See `BilingualProvenance`.
   */
  readonly sourceZh?: string | null | undefined
  readonly sourceEn?: string | null | undefined
  readonly noteZh?: string | null | undefined
  readonly noteEn?: string | null | undefined
  readonly status?: ObservationStatus | undefined
  /**
   * Optimistic concurrency: the revision the writer last saw (0 = the cell must still be empty). When given
   * and the cell has moved on, the whole batch fails with a `WriteConflict`. Omitted: append unconditionally.
   */
  readonly expectedRevision?: number | undefined
  /**
   * Idempotent writes: when the cell's current revision already has this value, note (in every language) and status, store nothing
   * for this row (it counts as unchanged) and do not check `expectedRevision`. An omitted status compares as the
   * current status when `expectedRevision` names a revision (a template row sent back), else as `final`.
   */
  readonly skipIfUnchanged?: boolean | undefined
  /**
   * The codes of a breakdown, by dimension the indicator declares (`{ mode: "metro" }`); absent for the total.
   * Validation checks them against the declaration.
   */
  readonly dimensions?: DimensionCodes | undefined
  /**
   * The canonical key of `dimensions` the store keys the value by (`breakdownKey(indicator.dimensions, dimensions)`,
   * "" or absent for the total). `registerObservations` and the server fill it; a row with `dimensions` and no
   * `breakdown` is refused by the store.
   */
  readonly breakdown?: string | undefined
}

/** One stored revision. `id` is `<indicator>/<region>/<year>/r<revision>`. */
export interface StoredObservation {
  readonly id: string
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly revision: number
  readonly value: number
  readonly agency: string
  /** ISO-8601 UTC. */
  readonly submittedAt: string
  readonly source: string
  readonly note: string | null
  /** The source and note in Chinese and in English when given, else null (the store always fills them). */
  readonly sourceZh?: string | null
  readonly sourceEn?: string | null
  readonly noteZh?: string | null
  readonly noteEn?: string | null
  readonly status: ObservationStatus
  /** For a breakdown only (absent on a total): its canonical key (`"mode=metro"`) and its codes. */
  readonly breakdown?: string
  readonly dimensions?: DimensionCodes
}

/**
 * The bilingual fields of an observation: `source`/`note` as given (plain text, the fallback of every
 * language), and the Chinese and English texts when given.
 *
 * @example
 * const p: BilingualProvenance = { source: "江苏统计年鉴", sourceZh: "江苏统计年鉴", sourceEn: "Jiangsu Statistical Yearbook" }
 */
export type BilingualProvenance = Pick<StoredObservation, "source" | "note" | "sourceZh" | "sourceEn" | "noteZh" | "noteEn">

/** What evaluation reads of a cell's current revision (`ObservationStore.currentValues`). */
export type CurrentValue = Pick<StoredObservation, "id" | "indicator" | "region" | "year" | "value" | "submittedAt">

/** A cell: indicator, region, year, and for a breakdown its key (absent or "" for the total). */
export interface CellRef {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly breakdown?: string | undefined
}

/** The id of a revision: `<indicator>/<region>/<year>/r<n>`, or `<indicator>/<region>/<year>/<breakdown>/r<n>`. */
export const revisionId = (cell: CellRef, revision: number): string =>
  `${cell.indicator}/${cell.region}/${cell.year}/${cell.breakdown ? `${cell.breakdown}/` : ""}r${revision}`

/** The key of a cell, for maps (a breakdown's key includes its breakdown; a total's is as before dimensions). */
export const cellKey = (cell: CellRef): string =>
  `${cell.indicator}\u0000${cell.region}\u0000${cell.year}${cell.breakdown ? `\u0000${cell.breakdown}` : ""}`

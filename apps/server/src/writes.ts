/**
 * The one write path of the API (JSON, CSV, Excel, calculators): scope check, then validation, then one
 * all-or-nothing batch. A row for a cell that already has a value must name the revision it revises
 * (`revision`, or `If-Match` for a single cell); a row equal to the current value is left alone, so sending
 * the same file twice changes nothing.
 */
import {
  cellKey,
  type Database,
  InvalidObservations,
  type NewObservation,
  ObservationStore,
  Registry,
  type StorageError,
  type StoredObservation,
  validateObservations,
  WriteConflict,
} from "@tijian/core"
import { Effect } from "effect"
import { actorOf } from "./audit/AuditLog.js"
import { withAuditedStore } from "./audit/auditedStore.js"
import type { Principal } from "./auth/Principal.js"
import { outOfScope } from "./auth/scope.js"
import { Forbidden } from "./errors.js"

/** A value as an agency sends it. */
export interface IncomingRow {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  readonly source?: string | undefined
  readonly note?: string | undefined
  readonly status?: "provisional" | "final" | undefined
  /** The revision this row revises (0 or absent for a new cell). */
  readonly revision?: number | undefined
}

/** What a write did: the new revisions, and how many rows equalled the current value and were left alone. */
export interface WriteResult {
  readonly stored: ReadonlyArray<StoredObservation>
  readonly unchanged: number
}

/** The default source of values sent without one. */
export const DEFAULT_SOURCE = "registered via the tijian API"

/**
 * Writes rows for a principal, stamped `at` (ISO time). Fails with `Forbidden` (rows out of the token's scope,
 * all listed), `InvalidObservations` (every invalid row), or `WriteConflict` (a stale revision, a locked year).
 * A write that stores revisions records one `observations.write` entry in the audit log, in its transaction.
 */
export const writeRows = (
  principal: Principal,
  rows: ReadonlyArray<IncomingRow>,
  at: string,
): Effect.Effect<
  WriteResult,
  Forbidden | InvalidObservations | WriteConflict | StorageError,
  Registry.Registry | ObservationStore.ObservationStore | Database.Database
> =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    const forbidden = outOfScope(principal, registry, rows)
    if (forbidden.length > 0) {
      return yield* new Forbidden({
        message: `${new Set(forbidden.map((p) => p.index)).size} row(s) are outside this token's scope; nothing was stored`,
        details: forbidden,
      })
    }
    const duplicates = duplicateRows(rows)
    if (duplicates.length > 0) {
      return yield* new InvalidObservations({ message: "the same value is given twice; nothing was stored", problems: duplicates })
    }
    const all: Array<NewObservation> = rows.map((r) => ({
      indicator: r.indicator,
      region: r.region,
      year: r.year,
      value: r.value,
      agency: principal.agency,
      source: r.source && r.source.trim() !== "" ? r.source : DEFAULT_SOURCE,
      note: r.note,
      status: r.status,
      expectedRevision: r.revision ?? 0,
    }))
    // Validate every row as sent, so problems carry the caller's indices; only valid ids reach the database.
    const problems = [...validateObservations(registry, all), ...textProblems(rows)].sort((a, b) => a.index - b.index)
    if (problems.length > 0) {
      return yield* new InvalidObservations({
        message: `${problems.length} problem(s) in ${new Set(problems.map((p) => p.index)).size} row(s); nothing was stored`,
        problems,
      })
    }
    const store = yield* ObservationStore.ObservationStore
    const current = new Map<string, StoredObservation>()
    if (rows.length > 0) {
      const existing = yield* store.current({
        indicators: [...new Set(rows.map((r) => r.indicator))],
        regions: [...new Set(rows.map((r) => r.region))],
        years: [...new Set(rows.map((r) => r.year))],
      })
      for (const o of existing) current.set(cellKey(o), o)
    }
    const changedIndices = rows.flatMap((r, index) => {
      const c = current.get(cellKey(r))
      const same = c && r.revision === undefined && c.value === r.value && (r.note ?? null) === c.note && (r.status ?? "final") === c.status
      return same ? [] : [index]
    })
    const batch = changedIndices.map((i) => all[i]!)
    const unchanged = rows.length - batch.length
    const audit = (stored: ReadonlyArray<StoredObservation>) => ({
      at,
      action: "observations.write" as const,
      actor: actorOf(principal),
      targets: stored.map((o) => o.id),
      count: stored.length,
      details: { unchanged },
    })
    const stored =
      batch.length > 0
        ? yield* withAuditedStore(audit, (audited) => audited.append(batch, at)).pipe(
            // the store numbers rows within the batch it was given; name the caller's row instead
            Effect.mapError((e) =>
              e._tag === "WriteConflict"
                ? new WriteConflict({ reason: e.reason, message: e.message.replace(/^row (\d+):/, (_, k: string) => `row ${changedIndices[Number(k)] ?? k}:`) })
                : e,
            ),
          )
        : []
    return { stored, unchanged }
  })

/** The longest source and note kept, in characters: a citation and a remark, not a document. */
export const TEXT_LIMITS = { source: 1000, note: 4000 } as const

// C0 controls but tab, line feed and carriage return, and DEL; a lone UTF-16 surrogate (broken text)
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/** Sources and notes that are too long or hold characters no database keeps faithfully (NUL, broken text). */
const textProblems = (rows: ReadonlyArray<IncomingRow>) =>
  rows.flatMap((r, index) =>
    (["source", "note"] as const).flatMap((field) => {
      const text = r[field]
      if (text === undefined) return []
      if (text.length > TEXT_LIMITS[field]) {
        const message = `${field} is ${text.length.toLocaleString("en-US")} characters long, over the ${TEXT_LIMITS[field].toLocaleString("en-US")} kept; shorten it (cite a long document rather than pasting it)`
        return [{ index, field, message }]
      }
      const bad = CONTROL.exec(text) ?? LONE_SURROGATE.exec(text)
      if (bad) {
        const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`
        return [{ index, field, message: `${field} contains the control or broken character ${code} at position ${bad.index + 1}; remove it (it often comes from a copy out of another program)` }]
      }
      return []
    }),
  )

/** Rows that repeat an earlier row's cell, naming both. */
const duplicateRows = (rows: ReadonlyArray<IncomingRow>) => {
  const first = new Map<string, number>()
  const problems: Array<{ index: number; field: string; message: string }> = []
  rows.forEach((r, index) => {
    const key = cellKey(r)
    const prior = first.get(key)
    if (prior === undefined) first.set(key, index)
    else problems.push({ index, field: "indicator", message: `${r.indicator} for ${r.region} in ${r.year} is already given at index ${prior}` })
  })
  return problems
}

/**
 * The one write path of the API (JSON, CSV, Excel, calculators): scope check, then validation, then one
 * all-or-nothing batch. A row for a cell that already has a value must name the revision it revises
 * (`revision`, or `If-Match` for a single cell); a row equal to the current value is left alone, so sending
 * the same file twice changes nothing.
 */
import { countedProblems, listProblems } from "./listedProblems.js"
import {
  cellKey,
  checkBreakdowns,
  type Database,
  InvalidObservations,
  type NewObservation,
  Registry,
  type StorageError,
  type StoredObservation,
  ObservationStore,
  validateObservations,
  withBreakdownKeys,
  WriteConflict,
} from "@tijian/core"
import { Effect } from "effect"
import { AUDIT_TARGETS_MAX, actorOf } from "./audit/AuditLog.js"
import { type AlsoInTransaction, withAuditedStore } from "./audit/auditedStore.js"
import { type SentTexts, storedTexts, TRANSLATED_FIELDS, type TranslatedField, translatedFieldName } from "./bilingualText.js"
import type { Principal } from "./auth/Principal.js"
import { outOfScope } from "./auth/scope.js"
import { Forbidden, RuleViolations } from "./errors.js"
import { checkOutliers, type FlaggedValue, outlierMessage } from "./outlierCheck.js"
import { type CheckedRule, checkRules, violationMessage } from "./ruleCheck.js"

/**
 * A value as an agency sends it, with its source and note, plain and in Chinese and English when sent (JSON
 * `{zh, en}`, file columns `source_zh`, ...).
 */
export interface IncomingRow extends SentTexts {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  readonly status?: "provisional" | "final" | undefined
  /** The revision this row revises (0 or absent for a new cell). */
  readonly revision?: number | undefined
  /** The codes of a breakdown by the indicator's dimensions (`{ mode: "metro" }`); absent for the total. */
  readonly dimensions?: Readonly<Record<string, string>> | undefined
}

/**
 * What a store did: the new revisions (all of them, or the first `keep`), how many were stored, how many rows
 * equalled the current value and were left alone, and the write's stamp (null when nothing was stored).
 */
export interface StoreResult {
  readonly stored: ReadonlyArray<StoredObservation>
  readonly count: number
  readonly unchanged: number
  readonly submittedAt: string | null
}

/**
 * What a write did (`StoreResult`), with the validation rules of severity `warning` it fails (stored all the same;
 * among them the built-in `core.breakdown-sum/<indicator>/<dimension>` of a `warning` dimension whose breakdowns do
 * not add up) and the rules that could not be evaluated (`ruleErrors`; they never block a write).
 */
export interface WriteResult extends StoreResult {
  readonly warnings: ReadonlyArray<CheckedRule>
  readonly ruleErrors: ReadonlyArray<CheckedRule>
  /** Values flagged against their history and stored with a note: confirmed outliers. */
  readonly outliers: ReadonlyArray<FlaggedValue>
}

/** The default source of values sent without one. */
export const DEFAULT_SOURCE = "registered via the tijian API"

/**
 * Stores rows already checked for scope and validity, in chunks, through the audited store: one transaction,
 * all or nothing, one `observations.write` audit entry in it. Rows equal to their cell's current value are
 * left alone when they say so (`skipIfUnchanged`). `also` runs in the transaction after the rows are stored (not
 * when none are: nothing is committed then).
 */
export const storeRows = (
  principal: Principal,
  chunks: Iterable<ReadonlyArray<NewObservation>>,
  at: string,
  keep = Number.POSITIVE_INFINITY,
  checkedAt?: string | null,
  also?: AlsoInTransaction<StoreResult>,
): Effect.Effect<StoreResult, WriteConflict | StorageError, Database.Database> =>
  withAuditedStore(
    (result: StoreResult) =>
      result.count === 0
        ? undefined
        : {
            at: result.submittedAt ?? at,
            action: "observations.write" as const,
            actor: actorOf(principal),
            targets: result.stored.slice(0, AUDIT_TARGETS_MAX).map((o) => o.id),
            count: result.count,
            details: {
              unchanged: result.unchanged,
              // the entry keeps the first revision ids; all of a write's revisions carry its stamp
              ...(result.count > AUDIT_TARGETS_MAX ? { submittedAt: result.submittedAt } : {}),
            },
          },
    (audited) => audited.appendChunks(chunks, at, { keep: Math.max(keep, AUDIT_TARGETS_MAX), ...(checkedAt === undefined ? {} : { checkedAt }) }),
    also,
  ).pipe(Effect.map((r) => (r.stored.length > keep ? { ...r, stored: r.stored.slice(0, keep) } : r)))

/**
 * Writes rows for a principal, stamped `at` (ISO time; the store stamps it later when an earlier write already
 * has that time). Fails with `Forbidden` (rows out of the token's scope, all listed), `InvalidObservations`
 * (every invalid row), `RuleViolations` (a validation rule of severity `error` fails on the values as they would
 * be after the write), or `WriteConflict` (a stale revision, a locked year). Failed warnings are in the result. A write that stores revisions
 * records one `observations.write` entry in the audit log, in its transaction. `keep` bounds the revisions
 * listed in the result (the count is always exact). `also` runs in the write's transaction when it stores revisions
 * (see `storeRows`).
 */
export const writeRows = (
  principal: Principal,
  rows: ReadonlyArray<IncomingRow>,
  at: string,
  keep = Number.POSITIVE_INFINITY,
  also?: AlsoInTransaction<StoreResult>,
): Effect.Effect<
  WriteResult,
  Forbidden | InvalidObservations | RuleViolations | WriteConflict | StorageError,
  Registry.Registry | Database.Database
> =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    const forbidden = listProblems(outOfScope(principal, registry, rows))
    if (forbidden.total > 0) {
      return yield* new Forbidden({
        message: `${forbidden.rows} row(s) are outside this token's scope${forbidden.total > forbidden.listed.length ? ` (the first ${forbidden.listed.length} are listed)` : ""}; nothing was stored`,
        details: forbidden.listed,
      })
    }
    const duplicates = listProblems(duplicateRows(rows))
    if (duplicates.total > 0) {
      return yield* new InvalidObservations({
        message: `the same value is given twice: ${countedProblems(duplicates)}; nothing was stored`,
        problems: duplicates.listed,
      })
    }
    const sent: Array<NewObservation> = rows.map((r) => toNewObservation(principal, r))
    // Validate every row as sent, so problems carry the caller's indices; only valid ids reach the database.
    const problems = listProblems([...validateObservations(registry, sent), ...textProblems(rows)].sort((a, b) => a.index - b.index))
    if (problems.total > 0) {
      return yield* new InvalidObservations({ message: `${countedProblems(problems)}; nothing was stored`, problems: problems.listed })
    }
    const all = withBreakdownKeys(registry, sent)
    // validation rules and outliers judge totals; breakdowns are checked against their totals
    const totals = all.flatMap((r, row) => (r.breakdown ? [] : [{ ...r, row }]))
    return yield* checkedWrite(
      Effect.gen(function* () {
        const breakdowns = yield* checkBreakdowns(registry, all).pipe(Effect.provideServiceEffect(ObservationStore.ObservationStore, ObservationStore.make))
        if (breakdowns.problems.length > 0) {
          const listed = listProblems(breakdowns.problems)
          return yield* new InvalidObservations({ message: `${countedProblems(listed)}; nothing was stored`, problems: listed.listed })
        }
        const rules = yield* checkRules(totals)
        if (rules.errors.length > 0) return yield* new RuleViolations({ message: violationMessage(rules.errors, "index"), violations: rules.errors })
        const outliers = yield* checkOutliers(totals.map((r) => ({ ...r, noted: hasNote(rows[r.row]!) })))
        if (outliers.unconfirmed.length > 0) {
          return yield* new RuleViolations({ code: "outlier-needs-note", message: outlierMessage(outliers.unconfirmed, "index"), violations: outliers.unconfirmed })
        }
        const checkedAt = yield* sameCheck(rules.checkedAt, breakdowns.checkedAt)
        const result = yield* storeRows(principal, [all], at, keep, checkedAt, also)
        return { ...result, warnings: [...rules.warnings, ...breakdowns.warnings], ruleErrors: rules.broken, outliers: outliers.confirmed }
      }),
    )
  })

/**
 * The clock a write's checks read (rules, breakdowns): the one either read, or, when both read it, the same time;
 * a write committed between the two reads makes the checks stale (`checked-data-changed`, checked again).
 */
export const sameCheck = (rules: string | null | undefined, breakdowns: string | null | undefined): Effect.Effect<string | null | undefined, WriteConflict> =>
  rules !== undefined && breakdowns !== undefined && rules !== breakdowns
    ? Effect.fail(new WriteConflict({ reason: "checked-data-changed", message: `another write committed while this one was checked (at ${rules ?? "?"}); nothing was stored. Send it again` }))
    : Effect.succeed(rules ?? breakdowns)

/** How many times a write whose checks went stale is checked and tried again before its 409 is answered. */
export const CHECKED_WRITE_ATTEMPTS = 3

/**
 * Runs `attempt` (check the rows against stored values, store them at the rule check's `checkedAt`) again
 * while another write committed between its check and its write (`checked-data-changed`), at most
 * `CHECKED_WRITE_ATTEMPTS` times in all: a validation rule's check and the write it allows act on the same data. Only
 * writes that touch a rule are held to it: under many concurrent writers (16 clients on 50 cells) holding every
 * write would retry most of them; the outlier check reads the written cells' own series, whose concurrent writes
 * are already ordered by their revisions.
 */
export const checkedWrite = <A, E, R>(attempt: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  attempt.pipe(Effect.retry({ times: CHECKED_WRITE_ATTEMPTS - 1, while: (e) => e instanceof WriteConflict && e.reason === "checked-data-changed" }))

/** Whether a row carries a note (plain or in a language). */
export const hasNote = (r: Pick<IncomingRow, "note" | "noteZh" | "noteEn">): boolean => [r.note, r.noteZh, r.noteEn].some((n) => n !== undefined && n.trim() !== "")

/**
 * A row as the store takes it: the principal's agency, the default source, and the revision it revises (0: a new
 * cell). A row that names no revision and repeats the current value is left alone.
 */
export const toNewObservation = (principal: Principal, r: IncomingRow): NewObservation => ({
  indicator: r.indicator,
  region: r.region,
  year: r.year,
  value: r.value,
  agency: principal.agency,
  ...storedTexts(r, DEFAULT_SOURCE),
  status: r.status,
  ...(r.dimensions && Object.keys(r.dimensions).length > 0 ? { dimensions: r.dimensions } : {}),
  expectedRevision: r.revision ?? 0,
  skipIfUnchanged: r.revision === undefined,
})

/** The longest source and note kept (in each language), in characters: a citation and a remark, not a document. */
export const TEXT_LIMITS = { source: 1000, note: 4000 } as const

const limitOf = (field: TextField): number => TEXT_LIMITS[field.startsWith("source") ? "source" : "note"]

// C0 controls but tab, line feed and carriage return, and DEL; a lone UTF-16 surrogate (broken text)
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Sources and notes (in every language) that are too long or hold characters no database keeps faithfully (NUL,
 * broken text). A per-language field is named as the sender wrote it: `source.zh` in JSON, `source_zh` in a file.
 */
export const textProblems = (rows: ReadonlyArray<IncomingRow>, form: "json" | "file" = "json") => {
  const problems: Array<{ index: number; field: string; message: string }> = []
  rows.forEach((r, index) => {
    for (const key of TEXT_FIELDS) {
      const text = r[key]
      if (text === undefined) continue
      const field = key === "source" || key === "note" ? key : translatedFieldName(key, form)
      const limit = limitOf(key)
      if (text.length > limit) {
        const message = `${field} is ${text.length.toLocaleString("en-US")} characters long, over the ${limit.toLocaleString("en-US")} kept; shorten it (cite a long document rather than pasting it)`
        problems.push({ index, field, message })
        continue
      }
      const bad = CONTROL.exec(text) ?? LONE_SURROGATE.exec(text)
      if (bad) {
        const code = `U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`
        problems.push({ index, field, message: `${field} contains the control or broken character ${code} at position ${bad.index + 1}; remove it (it often comes from a copy out of another program)` })
      }
    }
  })
  return problems
}

type TextField = "source" | "note" | TranslatedField
const TEXT_FIELDS: ReadonlyArray<TextField> = ["source", "note", ...TRANSLATED_FIELDS]

/** Rows that repeat an earlier row's cell, naming both, one at a time. */
function* duplicateRows(rows: ReadonlyArray<IncomingRow>): Generator<{ index: number; field: string; message: string }> {
  const first = new Map<string, number>()
  for (let index = 0; index < rows.length; index++) {
    const r = rows[index]!
    // the codes as sent, in a fixed order: known or not, a breakdown is told apart from its total and its siblings
    const breakdown = Object.entries(r.dimensions ?? {}).sort(([a], [b]) => (a < b ? -1 : 1)).map(([d, c]) => `${d}=${c}`).join(";")
    const key = cellKey({ ...r, breakdown })
    const prior = first.get(key)
    if (prior === undefined) first.set(key, index)
    else yield { index, field: breakdown ? "dimensions" : "indicator", message: `${r.indicator}${breakdown ? ` (${breakdown})` : ""} for ${r.region} in ${r.year} is already given at index ${prior}` }
  }
}

/**
 * Every expected failure of `@tijian/core`, in one place. Each error carries a closed `reason` so callers
 * (the server maps them to HTTP statuses in one place) can switch on it, and a human `message` that says what
 * is wrong and how to fix it.
 */
import { Schema } from "effect"

/** A plugin set or region set that cannot form a registry (duplicate ids, unresolved references, cycles). */
export class RegistryError extends Schema.TaggedError<RegistryError>()("RegistryError", {
  reason: Schema.Literal(
    "duplicate-id",
    "bad-id",
    "unknown-indicator",
    "unknown-region",
    "cycle",
    "invalid-definition",
    "invalid-region-data",
  ),
  message: Schema.String,
}) {}

/** One problem with one row of a batch of observations: where (`index`, `field`) and what. */
export const RowProblem = Schema.Struct({
  index: Schema.Number,
  field: Schema.String,
  message: Schema.String,
})
export type RowProblem = typeof RowProblem.Type

/** A batch of observations was refused as a whole; `problems` lists every invalid row. Nothing was stored. */
export class InvalidObservations extends Schema.TaggedError<InvalidObservations>()("InvalidObservations", {
  message: Schema.String,
  problems: Schema.Array(RowProblem),
}) {}

/**
 * A write that conflicts with what is stored: a stale expected revision, a locked year, a lock already in that
 * state, an edition with nothing new, an approval action that does not apply to the data set's state
 * (`approval-state`), or a value for a submitted or approved data set (`data-set-closed`). Nothing was stored.
 */
export class WriteConflict extends Schema.TaggedError<WriteConflict>()("WriteConflict", {
  reason: Schema.Literal("stale-revision", "year-locked", "lock-state", "edition-unchanged", "approval-state", "data-set-closed", "checked-data-changed"),
  message: Schema.String,
}) {}

/** Something asked for by code or id does not exist. */
export class NotFound extends Schema.TaggedError<NotFound>()("NotFound", {
  reason: Schema.Literal("region", "indicator", "observation", "edition", "calculator"),
  message: Schema.String,
}) {}

/** The database could not be opened, migrated or queried. */
export class StorageError extends Schema.TaggedError<StorageError>()("StorageError", {
  reason: Schema.Literal("open", "migrate", "query"),
  message: Schema.String,
}) {}

/**
 * A composite index cannot be formed: weights invalid, inputs not positive for a geometric mean, an input missing
 * where it is needed, too much missing, the present inputs carrying no weight, no values or no spread to normalise,
 * a value outside a normaliser's domain, or bounds that define no scale.
 */
export class CompositeError extends Schema.TaggedError<CompositeError>()("CompositeError", {
  reason: Schema.Literal(
    "invalid-weights",
    "non-positive-input",
    "missing-input",
    "too-many-missing",
    "zero-weight",
    "no-values",
    "no-spread",
    "out-of-domain",
    "invalid-bounds",
    "invalid-options",
  ),
  message: Schema.String,
}) {}

/** Where one problem with a calculator's input lies: the file, and where known the row (1-based) and field. */
export const InputProblem = Schema.Struct({
  file: Schema.String,
  row: Schema.optional(Schema.Number),
  field: Schema.optional(Schema.String),
  message: Schema.String,
})
export type InputProblem = typeof InputProblem.Type

/**
 * A calculator refused its inputs or parameters (malformed file, unknown ids, invalid geometry, a bad
 * parameter), found an input over one of its `InputLimits` (`too-large`), or could not finish in its time budget
 * (`timeout`). `problems` says where; nothing is stored.
 */
export class CalculatorError extends Schema.TaggedError<CalculatorError>()("CalculatorError", {
  reason: Schema.Literal("invalid-input", "invalid-parameter", "too-large", "timeout", "failed"),
  message: Schema.String,
  problems: Schema.Array(InputProblem),
}) {}

/**
 * Every expected failure of `@tijian/core`. A caller that answers errors (the server maps each to an HTTP
 * status) keys a total map on `CoreError["_tag"]`, so an error added here does not compile until it is mapped.
 */
export type CoreError = RegistryError | InvalidObservations | WriteConflict | NotFound | StorageError | CompositeError | CalculatorError

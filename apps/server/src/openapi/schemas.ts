/**
 * The response bodies of the API as Effect Schemas, for the OpenAPI document only (the handlers build these
 * objects by hand; nothing here decodes). Each named schema (`identifier`) becomes one entry of
 * `components.schemas`. They follow what the handlers return: `observationJson`, `regionJson`, `targetJson`,
 * `indicatorSummary`, the year-lock events, the error body of `toHttpError` (core's `Report` is in `reportSchemas.ts`) (loosely:
 * the top-level fields typed, the evaluations and tables as plain objects).
 */
import { InputProblem as CoreInputProblem, ObservationStatus, RowProblem as CoreRowProblem, WriteConflict } from "@tijian/core"
import { Schema } from "effect"

/** An integer (JSON Schema `integer`) with a description. */
export const int = (description: string) => Schema.Number.pipe(Schema.int()).annotations({ title: undefined, description })

/** Any JSON object, its members unspecified. */
export const LooseObject = (description: string) =>
  Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({ jsonSchema: { type: "object" }, description })

/** A label in Chinese and English. */
export const I18nText = Schema.Struct({ zh: Schema.String, en: Schema.String }).annotations({
  identifier: "I18nText",
  description: "A user-facing text in Chinese (`zh`) and English (`en`).",
})

// ---------------------------------------------------------------------------------------------- errors

/** `{ error: { code, message, details? } }` with `details` of the given schema. */
const errorBody = <A, I>(identifier: string, description: string, details: Schema.Schema<A, I>) =>
  Schema.Struct({
    error: Schema.Struct({
      code: Schema.String.annotations({
        description: "A stable kebab-case code: bad-request, unauthorized, forbidden, not-found, write-conflict, payload-too-large, unsupported-media-type, invalid-observations, invalid-calculator-input, composite-not-computable, precondition-required, registry-error, storage-error, internal-error.",
        examples: ["not-found"],
      }),
      message: Schema.String.annotations({ description: "What is wrong and how to fix it, in English." }),
      details: Schema.optional(details),
      requestId: Schema.optional(Schema.String.annotations({ description: "On 5xx answers: the request's id (also in the `X-Request-Id` header); quote it when reporting the error." })),
    }),
  }).annotations({ identifier, description })

/** A table a plugin adds to its report section (a calculator's output, e.g. coverage by station). */
export const ReportTable = Schema.Struct({
  id: Schema.String,
  title: I18nText,
  columns: Schema.Array(
    Schema.Struct({
      id: Schema.String,
      name: I18nText,
      decimals: Schema.optional(Schema.Number.annotations({ description: "Fixed decimal places of the column's numbers." })),
    }),
  ),
  rows: Schema.Array(Schema.Record({ key: Schema.String, value: Schema.Union(Schema.String, Schema.Number, Schema.Null) })),
}).annotations({ identifier: "ReportTable", description: "A table for the report: id, title, columns (with decimals), rows keyed by column id." })

/** The body of every error response. */
export const ErrorBody = errorBody(
  "ErrorBody",
  "The body of every error response. `details` is present only where the status documents it.",
  Schema.Unknown.annotations({ description: "More about the error; its shape depends on the status (see each response)." }),
)

/** One problem with one row of a JSON batch: its 0-based `index` in `observations`, the field, what. */
export const RowProblem = CoreRowProblem.annotations({
  identifier: "RowProblem",
  description: "One problem with one row: `index` is the row's 0-based position in the batch, `field` the offending field (or `row`).",
})

/** One problem with one row of an imported file. */
export const ImportProblem = Schema.Struct({
  row: int("The row of the file (as a spreadsheet numbers it; the header is row 1)."),
  field: Schema.String,
  message: Schema.String,
}).annotations({ identifier: "ImportProblem", description: "One problem with one row of an imported CSV or Excel file." })

/** One problem with a calculator input. */
export const InputProblem = CoreInputProblem.annotations({
  identifier: "InputProblem",
  description: "One problem with a calculator input: the input (`file`, or `params`), and where known the 1-based row and the field.",
})

/** 422 of JSON writes, 403 of out-of-scope rows. */
export const RowProblemsError = errorBody(
  "RowProblemsError",
  "An error whose `details` lists every offending row (422 invalid-observations, 403 rows outside the token's scope).",
  Schema.Array(RowProblem),
)

/** 422 of a boundary: each problem with where it is (feature, polygon, ring, position). */
export const BoundaryProblemsError = errorBody(
  "BoundaryProblemsError",
  "A boundary refused as a whole; `details` lists each problem with where it is.",
  Schema.Array(Schema.Struct({ where: Schema.String, message: Schema.String })),
)

/** A region's boundary as a GeoJSON Feature (MultiPolygon, WGS84 lon/lat). */
export const BoundaryFeature = Schema.Struct({
  type: Schema.Literal("Feature"),
  id: Schema.String,
  properties: Schema.Struct({
    code: Schema.String,
    vertices: Schema.Number.annotations({ description: "Positions over all rings, as registered." }),
    displayVertices: Schema.Number.annotations({ description: "Positions after simplification for display (Douglas-Peucker, 0.0005°)." }),
    updatedAt: Schema.String,
    updatedBy: Schema.String.annotations({ description: "The agency of the admin token that registered it." }),
  }),
  geometry: Schema.Struct({
    type: Schema.Literal("MultiPolygon"),
    coordinates: Schema.Array(Schema.Array(Schema.Array(Schema.Tuple(Schema.Number, Schema.Number)))),
  }),
}).annotations({ identifier: "BoundaryFeature", description: "A region's boundary: a GeoJSON Feature with a MultiPolygon in WGS84 longitude/latitude." })

/** 422 of imports. */
export const ImportProblemsError = errorBody("ImportProblemsError", "An import refused as a whole; `details` lists every offending row.", Schema.Array(ImportProblem))

/** 422 of calculator runs. */
export const InputProblemsError = errorBody("InputProblemsError", "A calculator run refused; `details` says which input, row and field.", Schema.Array(InputProblem))

/** 409 of writes and locks. */
export const WriteConflictError = errorBody(
  "WriteConflictError",
  "A write that conflicts with what is stored; nothing was stored.",
  Schema.Struct({
    reason: WriteConflict.fields.reason.annotations({
      description:
        "stale-revision: the cell has moved on since the revision named; year-locked: the year is locked; lock-state: the year is already locked (or not locked); edition-unchanged: the latest edition already has these data.",
    }),
  }),
)

// ---------------------------------------------------------------------------------------------- observations

/** The codes of a breakdown by dimension id. */
export const DimensionCodes = Schema.Record({ key: Schema.String, value: Schema.String }).annotations({
  identifier: "DimensionCodes",
  description: 'A breakdown\'s code in each dimension the indicator declares (`GET /indicators/{id}`, `dimensions`), e.g. `{"mode": "metro"}`; absent for the total.',
  examples: [{ mode: "metro" }],
})

/** A stored revision of one cell, as every observation route returns it. */
export const StoredObservation = Schema.Struct({
  id: Schema.String.annotations({ description: "`<indicator>/<region>/<year>/r<revision>`.", examples: ["beauty.growth/320500/2023/r1"] }),
  indicator: Schema.String.annotations({ examples: ["beauty.growth"] }),
  region: Schema.String.annotations({ examples: ["320500"] }),
  year: int("The year the value belongs to."),
  revision: int("1 for the first value of the cell, then 2, 3, ..."),
  value: Schema.Number.annotations({ description: "In the indicator's unit (ratios 0..1)." }),
  agency: Schema.String.annotations({ description: "The agency of the token that wrote it." }),
  submittedAt: Schema.String.annotations({ description: "ISO-8601 UTC time of the write." }),
  source: Schema.String.annotations({ description: "Where the value comes from (a default text when none was sent)." }),
  note: Schema.NullOr(Schema.String),
  sourceZh: Schema.NullOr(Schema.String).annotations({ description: "The source in Chinese, when sent (`source: {zh, en}`, or a file's `source_zh`); reports in Chinese show it, else `source`." }),
  sourceEn: Schema.NullOr(Schema.String).annotations({ description: "The source in English, when sent; reports in English show it, else `source`." }),
  noteZh: Schema.NullOr(Schema.String).annotations({ description: "The note in Chinese, when sent." }),
  noteEn: Schema.NullOr(Schema.String).annotations({ description: "The note in English, when sent." }),
  status: ObservationStatus,
  etag: Schema.String.annotations({ description: 'The revision as an ETag (`"3"`), for If-Match.', examples: ['"1"'] }),
  breakdown: Schema.optional(Schema.String.annotations({ description: "A breakdown's canonical key (`mode=metro`, several joined by `;` in declaration order); absent on a total." })),
  dimensions: Schema.optional(DimensionCodes),
}).annotations({ identifier: "StoredObservation", description: "One stored revision of a cell (indicator x region x year). Never overwritten." })

/** A cell a validation rule read. */
export const RuleCell = Schema.Struct({
  indicator: Schema.String,
  region: Schema.String,
  year: int("The year."),
  value: Schema.NullOr(Schema.Number).annotations({ description: "The value the rule read (null: none registered)." }),
  breakdown: Schema.optional(Schema.String.annotations({ description: "A breakdown's canonical key (`mode=metro`), for rule `core.breakdown-sum`; absent on a total." })),
  row: Schema.optional(int("Where this request gave the cell: a JSON row's index, or a file's row (header = row 1). Absent: a stored value.")),
}).annotations({ identifier: "RuleCell", description: "A cell read by a validation rule." })

/** One validation rule checked at one region or group and year (core's `RuleResult`). */
export const RuleResult = Schema.Struct({
  rule: Schema.String.annotations({ examples: ["demo-zone.farmland-within-cultivated-land"] }),
  plugin: Schema.String,
  kind: Schema.Literal("compare", "members-sum", "breakdown-sum").annotations({
    description: "`breakdown-sum`: the built-in rule `core.breakdown-sum/<indicator>/<dimension>` of an additive dimension of severity `warning` (left the breakdowns' sum, right the value they break down).",
  }),
  severity: Schema.Literal("error", "warning").annotations({ description: "`error`: a failure refuses the write; `warning`: stored and reported." }),
  name: I18nText,
  scope: Schema.String.annotations({ description: "The region or group code the rule was checked at (for `members-sum`, the parent)." }),
  year: int("The year."),
  state: Schema.Literal("passed", "failed", "not-applicable", "error").annotations({
    description: "`not-applicable`: a value it needs is missing (cells with `value: null`); `error`: its evaluation threw (never blocks a write).",
  }),
  left: Schema.NullOr(Schema.Number).annotations({ description: "The left side (for `members-sum`, the members' sum; for `breakdown-sum`, the breakdowns' sum)." }),
  operator: Schema.Literal("<=", "<", ">=", ">", "=="),
  right: Schema.NullOr(Schema.Number).annotations({ description: "The right side (for `members-sum`, the parent's value; for `breakdown-sum`, the total)." }),
  tolerance: Schema.Number.annotations({ description: "The slack allowed, in the sides' unit." }),
  cells: Schema.Array(RuleCell),
  message: Schema.String,
}).annotations({ identifier: "RuleResult", description: "A validation rule's result at one scope and year." })

/** A written value flagged against its history (core's `historyOutlier`), stored with a note: a confirmed outlier. */
export const FlaggedValue = Schema.Struct({
  indicator: Schema.String,
  region: Schema.String,
  year: int("The year."),
  value: Schema.Number,
  row: int("Where the request gave it: a JSON row's index, or a file's row."),
  finding: LooseObject("Why: `method` `band` (the `ratio` a year to `previous`, outside `minRatio`..`maxRatio`) or `modified-z` (the annual log `change`, the earlier changes' `median` and `mad`, and the `score`)."),
  message: Schema.String,
}).annotations({ identifier: "FlaggedValue", description: "A value whose change from its series is implausible (docs/methods.md)." })

/** `GET /validation/{scope}/{year}`. */
export const ValidationReport = Schema.Struct({
  scope: Schema.String,
  year: int("The year."),
  counts: Schema.Struct({ passed: int("Rules that hold."), failed: int("Rules that fail."), notApplicable: int("Rules missing a value."), error: int("Rules whose evaluation threw.") }),
  results: Schema.Array(RuleResult),
}).annotations({ identifier: "ValidationReport", description: "Every validation rule's result for a region or group and the regions in it, in a year." })

/** The result of a write (JSON, import, committed calculator run). */
export const WriteResult = Schema.Struct({
  stored: Schema.Array(StoredObservation).annotations({ description: "The new revisions; an import lists the first 1,000 (`count` has them all)." }),
  count: int("How many revisions were stored."),
  unchanged: int("Rows equal to the current value, left alone (sending the same rows twice changes nothing)."),
  submittedAt: Schema.NullOr(Schema.String).annotations({ description: "The write's stamp, which every revision it stored carries (null when nothing was stored)." }),
  warnings: Schema.Array(RuleResult).annotations({ description: "Validation rules of severity `warning` that fail on the values after this write (stored all the same)." }),
  ruleErrors: Schema.Array(RuleResult).annotations({ description: "Validation rules touched by this write whose evaluation threw (state `error`); they never block a write." }),
  outliers: Schema.Array(FlaggedValue).annotations({ description: "Values implausible against their history, stored because they carry a note: confirmed outliers." }),
}).annotations({ identifier: "WriteResult", description: "What a write stored, all or nothing." })

/** `GET /observations`. */
export const ObservationList = Schema.Struct({ observations: Schema.Array(StoredObservation) }).annotations({
  identifier: "ObservationList",
  description: "The current revision of each matching cell (as of `asOf` when given).",
})

/** `GET /observations/{indicator}/{region}/{year}/history`. */
export const ObservationHistory = Schema.Struct({
  indicator: Schema.String,
  region: Schema.String,
  year: int("The year."),
  revisions: Schema.Array(StoredObservation).annotations({ description: "Every revision, oldest first." }),
}).annotations({ identifier: "ObservationHistory", description: "Every revision of one cell." })

// ---------------------------------------------------------------------------------------------- reference data

const Direction = Schema.Literal("higher-is-better", "lower-is-better", "band", "neutral")

/** An indicator as `GET /indicators` lists it. */
const indicatorFields = {
  id: Schema.String.annotations({ description: "`<plugin>.<slug>`.", examples: ["beauty.composite"] }),
  plugin: Schema.String,
  kind: Schema.Literal("observed", "derived", "reported"),
  name: I18nText,
  unit: I18nText,
  direction: Direction,
  range: Schema.NullOr(Schema.Struct({ min: Schema.optional(Schema.Number), max: Schema.optional(Schema.Number) })).annotations({
    description: "Inclusive bounds; values outside are refused.",
  }),
  decimals: int("Decimal places shown."),
}

export const IndicatorSummary = Schema.Struct(indicatorFields).annotations({ identifier: "IndicatorSummary", description: "An indicator's definition without its computation." })

/** A target as listed. */
export const Target = Schema.Struct({
  id: Schema.String,
  plugin: Schema.String,
  indicator: Schema.String,
  scope: Schema.String.annotations({ description: 'A region or group code, or "*" for every one.' }),
  kind: Schema.Literal("at-least", "at-most", "band", "equals", "no-decrease-from-baseline", "forecast").annotations({
    description: "forecast: what the plan expected (not a goal), judged plan vs reality.",
  }),
  value: Schema.NullOr(Schema.Number).annotations({ description: "null for a band, a red line, and a benchmark (the benchmark region's value is the standard)." }),
  lo: Schema.NullOr(Schema.Number),
  hi: Schema.NullOr(Schema.Number),
  dueYear: int("The year the target is due."),
  baselineYear: Schema.NullOr(Schema.Number.pipe(Schema.int())).annotations({ description: "The plan's baseline year, if it names one." }),
  binding: Schema.Boolean.annotations({ description: "true: a binding (约束性) target, a red line; false: expected (预期性)." }),
  standard: Schema.NullOr(
    Schema.Union(
      Schema.Struct({ family: Schema.Literal("national") }),
      Schema.Struct({ family: Schema.Literal("local"), issuer: Schema.String }),
      Schema.Struct({ family: Schema.Literal("plan") }),
      Schema.Struct({ family: Schema.Literal("benchmark"), region: Schema.String }),
    ),
  ).annotations({ description: "The standard the target stands for (3 + 1 + X: local, national, benchmark; or the plan's), if declared." }),
  expects: Schema.NullOr(Schema.Literal("growth", "decline")).annotations({ description: "A forecast: which way the plan saw the value moving." }),
  madeIn: Schema.NullOr(Schema.Number.pipe(Schema.int())).annotations({ description: "A forecast: the year the plan made it, if declared." }),
  source: I18nText,
  dimensions: Schema.optional(DimensionCodes).annotations({ description: 'The breakdown the target addresses, e.g. {"mode": "metro"}; absent for a target on the total.' }),
}).annotations({ identifier: "Target", description: "What a plan asks of an indicator, for a region or group, by a due year." })

/** A dimension as an indicator declares it. */
export const Dimension = Schema.Struct({
  id: Schema.String.annotations({ examples: ["mode"] }),
  name: I18nText,
  codes: Schema.Array(Schema.Struct({ code: Schema.String.annotations({ examples: ["metro"] }), name: I18nText })).annotations({ description: "The codes, in the order reports show them." }),
  additive: Schema.optional(Schema.Boolean.annotations({ description: "The codes partition the total: a complete breakdown must add up to it within `tolerance`." })),
  tolerance: Schema.optional(Schema.Number.annotations({ description: "Relative (0.001 = 0.1%, the default)." })),
}).annotations({ identifier: "Dimension", description: "A dimension an indicator's values may be broken down by, with its code list." })

export const IndicatorDetail = Schema.Struct({
  ...indicatorFields,
  description: Schema.NullOr(I18nText),
  format: Schema.Literal("number", "percent"),
  grades: Schema.Array(Schema.Struct({ id: Schema.String, name: I18nText, min: Schema.optional(Schema.Number), max: Schema.optional(Schema.Number) })),
  inputs: Schema.Array(Schema.String).annotations({ description: "Indicators the computation reads." }),
  reports: Schema.NullOr(Schema.String).annotations({ description: "Reported indicators: the derived indicator this figure corresponds to." }),
  aggregate: Schema.NullOr(Schema.Struct({ rule: Schema.Literal("sum", "mean", "min", "max", "weighted-mean"), weight: Schema.optional(Schema.String) })),
  dimensions: Schema.optional(Schema.Array(Dimension).annotations({ description: "The dimensions its values may be broken down by (`dimensions` of a written row); absent when none." })),
  targets: Schema.Array(Target),
}).annotations({ identifier: "IndicatorDetail", description: "An indicator with its grades, inputs, aggregation rule and targets." })

export const IndicatorList = Schema.Struct({ indicators: Schema.Array(IndicatorSummary) }).annotations({ identifier: "IndicatorList" })
export const TargetList = Schema.Struct({ targets: Schema.Array(Target) }).annotations({ identifier: "TargetList" })

/** An agency's display names (`GET /agencies`, `PUT /agencies/{agency}`). */
export const AgencyNames = Schema.Struct({
  agency: Schema.String.annotations({ description: "The agency id, as its tokens carry it and revisions record it.", examples: ["suzhou-bureau"] }),
  name: Schema.Struct({ zh: Schema.NullOr(Schema.String), en: Schema.NullOr(Schema.String) }).annotations({
    description: "The names reports show in each language (null: none; the other language's name, else the id, is shown).",
  }),
  updatedAt: Schema.String.annotations({ description: "ISO-8601 UTC time the names were last set." }),
  updatedBy: Schema.String.annotations({ description: "The agency of the admin token (or `local-cli`) that set them." }),
}).annotations({ identifier: "AgencyNames" })
export const AgencyList = Schema.Struct({ agencies: Schema.Array(AgencyNames) }).annotations({ identifier: "AgencyList" })

// ---------------------------------------------------------------------------------------------- years

export const YearLockEvent = Schema.Struct({
  year: int("The year locked or unlocked."),
  seq: int("The event's place in the year's lock history, from 1."),
  action: Schema.Literal("lock", "unlock"),
  actor: Schema.String.annotations({ description: "The agency of the admin token." }),
  reason: Schema.String,
  at: Schema.String.annotations({ description: "ISO-8601 UTC." }),
}).annotations({ identifier: "YearLockEvent", description: "One lock or unlock of a year: who, when, why." })

export const YearLockState = Schema.Struct({
  year: int("The year."),
  locked: Schema.Boolean,
  events: Schema.Array(YearLockEvent).annotations({ description: "The full lock history, oldest first." }),
}).annotations({ identifier: "YearLockState", description: "Whether a year is locked, and every lock and unlock." })

export const LockedYears = Schema.Struct({
  locked: Schema.Array(Schema.Number.pipe(Schema.int())).annotations({ description: "The years locked now." }),
}).annotations({ identifier: "LockedYears" })

// ---------------------------------------------------------------------------------------------- misc

export const Health = Schema.Struct({ status: Schema.Literal("ok") }).annotations({ identifier: "Health" })

/** 200 of `/ready`. */
export const Ready = Schema.Struct({ status: Schema.Literal("ready") }).annotations({ identifier: "Ready" })

/** 503 of `/ready`: why the server cannot serve now. */
export const NotReady = Schema.Struct({
  status: Schema.Literal("not-ready"),
  reason: Schema.Literal("database-unavailable", "migrations-pending").annotations({ description: "The database does not answer, or its schema is behind this server (a migration has not run)." }),
  pending: Schema.optional(Schema.Array(Schema.String).annotations({ description: "The migrations not yet run (with `migrations-pending`)." })),
}).annotations({ identifier: "NotReady" })

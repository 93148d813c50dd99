/**
 * Core's `Report` and the response bodies built from reports, as Effect Schemas for the OpenAPI document (see `schemas.ts`):
 * published editions and their difference (`routes/editions.ts`, core's `EditionInfo` and `ReportDiff`), and
 * the comparison of a group's members (`@tijian/report`, `comparison.ts`).
 */
import { Schema } from "effect"
import { SectionCalculatorRun } from "./calculatorSchemas.js"
import { I18nText, int, LooseObject } from "./schemas.js"

/** An edition's metadata, as publishing and listing return it. */
export const EditionInfo = Schema.Struct({
  scope: Schema.String.annotations({ examples: ["YRD"] }),
  year: int("The report year."),
  edition: int("1 for the first edition of the scope and year, then 2, 3, ..."),
  publishedAt: Schema.String.annotations({ description: "ISO-8601 UTC." }),
  publishedBy: Schema.String.annotations({ description: "The agency of the admin token that published it." }),
  asOf: Schema.String.annotations({ description: "The time the report's data were read as of." }),
  contentHash: Schema.String.annotations({ description: "The report's `provenance.contentHash`; the edition's ETag." }),
}).annotations({ identifier: "EditionInfo", description: "A published edition of a report: immutable, served byte for byte as published." })

export const EditionList = Schema.Struct({ editions: Schema.Array(EditionInfo).annotations({ description: "Oldest first." }) }).annotations({
  identifier: "EditionList",
})

const Scalar = Schema.NullOr(Schema.Union(Schema.String, Schema.Number, Schema.Boolean))

/** One change of one indicator between two editions. */
const Change = Schema.Struct({
  indicator: Schema.String,
  name: I18nText,
  field: Schema.Literal("value", "status", "progress", "grade", "target-met"),
  target: Schema.optional(Schema.String),
  from: Scalar,
  to: Scalar,
}).annotations({ identifier: "ReportChange", description: "One change of one indicator: its value, or a judgement (status, progress, grade, target met)." })

const HashedTime = Schema.Struct({ asOf: Schema.String, contentHash: Schema.String })

export const EditionDiff = Schema.Struct({
  scope: Schema.String,
  year: int("The report year."),
  fromEdition: int("The earlier edition compared."),
  toEdition: int("The later edition compared."),
  from: HashedTime,
  to: HashedTime,
  values: Schema.Array(Change).annotations({ description: "Values that changed." }),
  judgements: Schema.Array(Change).annotations({ description: "Judgements that changed: target met, progress, grade, status." }),
  revisionsAdded: Schema.Array(Schema.String),
  revisionsRemoved: Schema.Array(Schema.String),
}).annotations({ identifier: "EditionDiff", description: "What changed between two editions of a report." })

/** A progress status (StatCan / Open SDG method, see docs/methods.md). */
export const ProgressStatus = Schema.Literal("target-achieved", "substantial", "moderate", "limited", "deterioration", "insufficient-data")

/** One member in a ranking table. */
const RankedMember = Schema.Struct({
  code: Schema.String,
  name: I18nText,
  rank: Schema.NullOr(Schema.Number.pipe(Schema.int())).annotations({ description: "1 = best; equal values share a rank; null without a value." }),
  value: Schema.NullOr(Schema.Number),
  distance: Schema.NullOr(Schema.Number).annotations({ description: "The distance to the target band, for band indicators ranked by it." }),
  grade: Schema.NullOr(I18nText),
  progress: ProgressStatus,
})

/** The ranking table of one indicator across a group's members. */
const RankingTable = Schema.Struct({
  indicator: Schema.String,
  name: I18nText,
  unit: I18nText,
  decimals: int("Decimal places shown."),
  rankedBy: Schema.Literal("value-descending", "value-ascending", "distance-to-band", "not-ranked"),
  withValue: int("How many members have a value."),
  members: Schema.Array(RankedMember),
}).annotations({ identifier: "RankingTable", description: "One indicator's ranking of the group's members." })

export const Comparison = Schema.Struct({
  scope: Schema.String.annotations({ examples: ["DEMO-ZONE"] }),
  year: int("The report year."),
  members: Schema.Array(Schema.Struct({ code: Schema.String, name: I18nText })),
  tables: Schema.Array(RankingTable).annotations({ description: "Indicators at least one member has a value for, in report order." }),
  withoutValues: Schema.Array(Schema.Struct({ indicator: Schema.String, name: I18nText })).annotations({
    description: "Indicators no member has a value for.",
  }),
}).annotations({ identifier: "Comparison", description: "The members of a group compared, indicator by indicator, from each member's own report." })

const count = (what: string) => int(`Indicators ${what}.`)

/** Core's `Report`, loosely: the top-level fields typed; evaluations, tables and diagnosis items as objects. */
export const Report = Schema.Struct({
  schemaVersion: Schema.Literal(2),
  scope: Schema.Struct({
    code: Schema.String.annotations({ examples: ["320500"] }),
    type: Schema.Literal("region", "group"),
    name: I18nText,
    members: Schema.Array(Schema.String),
  }),
  year: int("The report year."),
  summary: Schema.Struct({
    indicators: count("that apply to the scope"),
    notReported: count("that do not apply to the scope (listed in notReported)"),
    withValue: count("with a value"),
    missing: count("without a value"),
    error: count("whose calculation failed"),
    targetAchieved: count("whose target is achieved"),
    substantial: count("with substantial progress"),
    moderate: count("with moderate progress"),
    limited: count("with limited progress"),
    deterioration: count("moving away from the target"),
    insufficientData: count("with too few points to assess progress"),
    bindingMissed: count("missing a binding target"),
    binding: Schema.Struct({
      targets: int("Binding targets of the scope."),
      met: int("Binding targets met."),
      breached: int("Binding targets breached (red lines)."),
      notAssessed: int("Binding targets not assessed: no value for the year, too little data, or a partial aggregate."),
    }).annotations({ description: "The binding targets, each counted once; no all-clear unless notAssessed is 0." }),
    completeness: Schema.Number.annotations({ description: "Share of the applicable indicators with a value, 0..1." }),
    approval: Schema.optional(
      Schema.Struct({
        approved: count("whose value rests on approved data sets only"),
        submitted: count("whose value rests on submitted data sets awaiting approval (and approved ones)"),
        provisional: count("whose value rests on a data set still open or returned: provisional"),
      }).annotations({ description: "The indicators with a value by how far it is trusted (absent from reports made before approvals)." }),
    ),
    breakdownTargets: Schema.optional(
      Schema.Struct({
        targets: int("Targets on breakdowns (a code of an indicator's dimension)."),
        binding: int("Of them, binding."),
        met: int("Met."),
        notMet: int("Not met."),
        notAssessed: int("Not assessed: no value registered for the breakdown, too little data, or a partial aggregate."),
        bindingNotMet: int("Binding and not met."),
        bindingNotAssessed: int("Binding and not assessed."),
      }).annotations({ description: "The targets on breakdowns, counted apart: every count above is about totals. Absent when none." }),
    ),
  }),
  notReported: Schema.Array(Schema.Struct({ indicator: Schema.String, plugin: Schema.String, name: I18nText })).annotations({
    description: "Indicators that do not apply to the scope: no target for it (or a group or ancestor containing it), not declared for it, no value.",
  }),
  sections: Schema.Array(
    Schema.Struct({
      plugin: Schema.String,
      version: Schema.String,
      name: I18nText,
      methodology: Schema.NullOr(I18nText),
      evaluations: Schema.Array(LooseObject("The evaluation of one indicator: value, origin, grade, targets with gap and attainment, progress, the method comparison (methods: Open SDG, SDSN trend, ESCAP anticipated progress, methodDependent), rules broken, trend, revisions, approval (trust: approved / submitted / provisional, and how many data sets in each); for an indicator with dimensions, breakdowns: per dimension, each code's value in the report year (null: not registered), share of the total (additive dimensions), coverage (a group's aggregate), its targets assessed as the total's and progress (null: no target, not judged).")),
      notes: Schema.Array(I18nText),
      tables: Schema.Array(LooseObject("A table the plugin adds: id, title, columns, rows.")),
      error: Schema.NullOr(Schema.String),
      calculatorRuns: Schema.optional(
        Schema.Array(SectionCalculatorRun).annotations({
          description: "The latest committed run of each of the plugin's calculators for the scope and year, as of the report's time (absent when there is none).",
        }),
      ),
    }),
  ).annotations({ description: "One section per plugin, in report order." }),
  diagnosis: Schema.Struct({
    bindingMissed: Schema.Array(LooseObject("A binding target missed.")),
    bindingNotAssessed: Schema.Array(LooseObject("A binding target not assessed, with its reason.")),
    largestGaps: Schema.Array(LooseObject("A gap to a target, largest first.")),
    regressions: Schema.Array(LooseObject("A value worse than the year before.")),
    computedVsReported: Schema.Array(LooseObject("A computed value that differs from the reported one.")),
    forecastsOutrun: Schema.Array(LooseObject("A plan's forecast that reality reached before its year: forecast, passedIn, yearsEarly, gap (value - forecast).")),
  }),
  dataQuality: Schema.optional(
    Schema.Struct({
      checked: int("Rule instances (rule x region or group) checked; 0 when no validation rule applies here."),
      passed: int("Rule instances that passed."),
      notApplicable: int("Rule instances that could not be made for lack of a value."),
      rules: Schema.Array(LooseObject("A validation rule that fails (or could not be evaluated) at the scope or a region in it: rule, severity, scope, left, operator, right, tolerance, cells, message.")),
      outliers: Schema.Array(LooseObject("A value of the year implausible against its history: indicator, region, value, finding (band or modified z-score), confirmed (stored with a note), note.")),
    }).annotations({ description: "What a reviewer should weigh before trusting the figures (absent from reports made before it existed)." }),
  ),
  provenance: Schema.Struct({
    asOf: Schema.String.annotations({ description: "The time the data were read as of (ISO)." }),
    dataAsOf: Schema.NullOr(Schema.String).annotations({ description: "The latest submission among the revisions used." }),
    revisions: Schema.Array(Schema.String).annotations({ description: "Ids of the stored revisions used." }),
    approvedOnly: Schema.optional(Schema.Boolean.annotations({ description: "Whether only approved values were evaluated (`?approvedOnly=true`)." })),
    contentHash: Schema.String.annotations({ description: "SHA-256 (hex) of the report's JSON without this field." }),
  }),
}).annotations({ identifier: "Report", description: "The annual physical examination (体检) of one region or group for one year; deterministic JSON." })

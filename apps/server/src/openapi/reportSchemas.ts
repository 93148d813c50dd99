/**
 * The response bodies built from reports, as Effect Schemas for the OpenAPI document (see `schemas.ts`):
 * published editions and their difference (`routes/editions.ts`, core's `EditionInfo` and `ReportDiff`), and
 * the comparison of a group's members (`@tijian/report`, `comparison.ts`).
 */
import { Schema } from "effect"
import { I18nText, int } from "./schemas.js"

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

const ProgressStatus = Schema.Literal("target-achieved", "substantial", "moderate", "limited", "deterioration", "insufficient-data")

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

/**
 * The body of `GET /overview/{indicator}/{year}` (`routes/indicatorOverview.ts`) as an Effect Schema: core's
 * `Overview`, one indicator across every region of a level in a year.
 */
import { Schema } from "effect"
import { ProgressStatus } from "./reportSchemas.js"
import { I18nText, int } from "./schemas.js"

const Point = Schema.Struct({
  year: int("The year."),
  value: Schema.Number,
  partial: Schema.optional(Schema.Literal(true)).annotations({ description: "An aggregate of too few members to be judged." }),
})

/** One region's row. */
const OverviewRow = Schema.Struct({
  region: Schema.String.annotations({ examples: ["320509"] }),
  name: I18nText,
  parent: Schema.NullOr(Schema.String),
  value: Schema.NullOr(Schema.Number).annotations({ description: "The value in the year, as the region's report shows it; null without one." }),
  status: Schema.Literal("ok", "missing", "error", "not-reported").annotations({
    description: "The report row's status; `not-reported` when the indicator does not apply to the region (its report lists it as not reported).",
  }),
  progress: Schema.NullOr(ProgressStatus).annotations({ description: "The row's progress status (towards its target, else its own direction); null when not reported." }),
  grade: Schema.NullOr(Schema.String).annotations({ description: "The grade band's id, when the indicator has bands and a value." }),
  trend: Schema.Array(Point).annotations({ description: "The values up to the year, as the report's trend shows them." }),
}).annotations({ identifier: "OverviewRow" })

const Counts = Schema.Struct({
  regions: int("Regions of the level."),
  withValue: int("Regions with a value in the year."),
  missing: int("Regions the indicator applies to, without a value."),
  error: int("Regions whose value could not be computed."),
  notReported: int("Regions the indicator does not apply to."),
  progress: Schema.Record({ key: ProgressStatus, value: Schema.Number }).annotations({ description: "Regions with a value, by progress status." }),
})

/** One indicator across a level's regions in a year. */
export const Overview = Schema.Struct({
  indicator: Schema.String.annotations({ examples: ["beauty.growth"] }),
  name: I18nText,
  unit: I18nText,
  decimals: int("Decimal places shown."),
  year: int("The year."),
  level: Schema.Literal("region", "province", "city", "county"),
  asOf: Schema.String.annotations({ description: "The latest change the answer is as of (the reports' `provenance.asOf`)." }),
  counts: Counts,
  rows: Schema.Array(OverviewRow).annotations({ description: "One per region of the level, in the order of `GET /api/v1/regions`." }),
}).annotations({
  identifier: "Overview",
  description: "One indicator across every region of a level in a year: each region's value, status, progress and trend, from its own report.",
})

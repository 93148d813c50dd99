/**
 * The bodies of the composite endpoints (`routes/composites.ts`) as Effect Schemas: the composites plugins declare,
 * and one composite's ranking of a scope's members (core's `CompositeRankingReport`).
 */
import { Schema } from "effect"
import { I18nText, int } from "./schemas.js"

const Factor = Schema.Literal("weights", "aggregation", "normalisation", "imputation").annotations({
  description: "A method choice the analysis varies: the weights (noisy sets), the aggregation, the normalisation, the imputation.",
})

const Method = Schema.Literal("arithmetic", "geometric")

/** A composite as a plugin declares it. */
export const CompositeSummary = Schema.Struct({
  indicator: Schema.String.annotations({ examples: ["beauty.composite"] }),
  plugin: Schema.String,
  name: I18nText,
  method: Method,
  weights: Schema.Record({ key: Schema.String, value: Schema.Number }).annotations({ description: "Input indicator id -> weight (>= 0, sum 1)." }),
}).annotations({ identifier: "CompositeSummary", description: "A composite a plugin declares, whose members' ranking the API serves." })

export const CompositeList = Schema.Struct({ composites: Schema.Array(CompositeSummary) }).annotations({ identifier: "CompositeList" })

const FactorIndices = Schema.Struct({
  factor: Factor,
  firstOrder: Schema.Number.annotations({ description: "First-order Sobol' index: the share of the rank's variance the choice explains alone (an estimate; may stray slightly outside 0..1)." }),
  total: Schema.Number.annotations({ description: "Total Sobol' index: the share the choice explains with its interactions." }),
}).annotations({ identifier: "FactorIndices" })

const Interval = Schema.Tuple(Schema.Number, Schema.Number)

/** One member's line of the ranking. */
const MemberRanking = Schema.Struct({
  code: Schema.String,
  name: I18nText,
  composite: Schema.NullOr(Schema.Number).annotations({ description: "Under the declared weights and method; null when the member is not ranked." }),
  rank: Schema.NullOr(Schema.Number).annotations({ description: "1 = best; ties share the best rank." }),
  medianRank: Schema.NullOr(Schema.Number),
  rankInterval: Schema.NullOr(Interval).annotations({ description: "The 5th and 95th percentiles of the rank over the runs." }),
  mostInfluential: Schema.NullOr(Factor).annotations({ description: "The choice with the largest total index; null when the rank never moves." }),
  sensitivity: Schema.NullOr(Schema.Array(FactorIndices)),
  missing: Schema.Array(Schema.String).annotations({ description: "Input indicators the member has no value of." }),
  notRobust: Schema.Boolean.annotations({ description: "The interval is wider than `robustWidth` places." }),
}).annotations({ identifier: "MemberRanking" })

/** A composite's ranking of a scope's members with rank intervals and Sobol' indices. */
export const CompositeRanking = Schema.Struct({
  indicator: Schema.String,
  plugin: Schema.String,
  name: I18nText,
  scope: Schema.Struct({ code: Schema.String, name: I18nText }),
  year: int("The year of the members' values."),
  asOf: Schema.String.annotations({ description: "The time the data were read as of (ISO-8601 UTC)." }),
  method: Method,
  weights: Schema.Record({ key: Schema.String, value: Schema.Number }),
  members: Schema.Array(MemberRanking).annotations({ description: "By base rank; members not ranked last." }),
  factors: Schema.Array(
    Schema.Struct({ factor: Factor, alternatives: Schema.Array(Schema.String), count: int("How many alternatives (weights: noisy sets).") }),
  ),
  overall: Schema.NullOr(Schema.Array(FactorIndices)).annotations({ description: "Indices of the mean absolute rank shift from the base ranks." }),
  samples: int("N of the Sobol' design."),
  runs: int("Model runs: N (k + 2)."),
  seed: int("Seed of the weight sets and the design."),
  perturbation: Schema.Number.annotations({ description: "Each weight times a uniform draw in [1 - p, 1 + p]." }),
  weightSets: int("Noisy weight sets drawn."),
  robustWidth: int("The widest interval (95th minus 5th percentile) still called robust: a tenth of the ranked members, rounded down."),
  skipped: Schema.Array(Schema.String).annotations({ description: "Alternatives the data ruled out, and why." }),
}).annotations({
  identifier: "CompositeRanking",
  description: "A declared composite's ranking of a group's members (or a region's children): composites, ranks, 5th-95th percentile rank intervals and Sobol' indices of the method choices.",
})

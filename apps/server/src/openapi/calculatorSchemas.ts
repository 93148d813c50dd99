/**
 * The response bodies of the calculator routes as Effect Schemas, for the OpenAPI document (see `schemas.ts`):
 * `describeCalculator`, and a run's preview (200) or commit (201) as `routes/calculators.ts` answers them.
 */
import { Schema } from "effect"
import { DimensionCodes, FlaggedValue, I18nText, int, ReportTable, RuleResult, StoredObservation } from "./schemas.js"

const ParameterValue = Schema.Union(Schema.Number, Schema.String, Schema.Boolean, Schema.Array(Schema.String))

export const CalculatorDescription = Schema.Struct({
  id: Schema.String,
  plugin: Schema.String,
  name: I18nText,
  description: I18nText,
  inputs: Schema.Array(
    Schema.Struct({
      name: Schema.String.annotations({ description: "The multipart field name of this input's file." }),
      format: Schema.String.annotations({ examples: ["gtfs-zip"] }),
      required: Schema.Boolean,
      description: I18nText,
    }),
  ),
  parameters: Schema.Array(
    Schema.Struct({
      name: Schema.String,
      type: Schema.String.annotations({ description: "The unit or form a value is written in: minutes, m, km/h, YYYY-MM-DD, HH:MM[:SS], number, whole number, text, list, true/false, or the words allowed (a|b)." }),
      required: Schema.Boolean.annotations({ description: "true when the parameter has no default and a run must give it." }),
      default: Schema.NullOr(ParameterValue).annotations({ description: "The default as a user writes it; null when the parameter is required." }),
      description: I18nText,
      schema: Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({ description: "The JSON Schema of the value a run sends." }),
    }),
  ),
  produces: Schema.Array(Schema.String).annotations({ description: "The indicators its values belong to." }),
}).annotations({
  identifier: "CalculatorDescription",
  description: "A calculator a plugin declares: its input files, parameters and the indicators it produces.",
})

export const CalculatorList = Schema.Struct({ calculators: Schema.Array(CalculatorDescription) }).annotations({ identifier: "CalculatorList" })

/** Core's `CalculatorProvenance`. */
const CalculatorProvenance = Schema.Struct({
  calculator: Schema.String,
  plugin: Schema.String,
  pluginVersion: Schema.String,
  inputs: Schema.Array(
    Schema.Struct({
      name: Schema.String,
      filename: Schema.String,
      bytes: int("The file's size in bytes."),
      sha256: Schema.String.annotations({ description: "SHA-256 of the file, hex." }),
    }),
  ),
  params: Schema.Record({ key: Schema.String, value: ParameterValue }).annotations({ description: "The parameters used, defaults applied." }),
}).annotations({ identifier: "CalculatorProvenance", description: "Which calculator and plugin version ran on which files (with their SHA-256) and parameters." })

const SourcedValue = Schema.Struct({
  indicator: Schema.String,
  region: Schema.String,
  year: int("The year."),
  value: Schema.Number,
  note: Schema.optional(Schema.String),
  dimensions: Schema.optional(DimensionCodes),
  source: Schema.String.annotations({ description: "The provenance line the value is (or would be) stored with." }),
})

const runFields = {
  calculator: Schema.String,
  provenance: CalculatorProvenance,
  values: Schema.Array(SourcedValue),
  tables: Schema.Array(ReportTable),
}

export const CalculatorPreview = Schema.Struct(runFields).annotations({
  identifier: "CalculatorPreview",
  description: "What a run computed, with its provenance; nothing was stored.",
})

export const CalculatorCommit = Schema.Struct({
  ...runFields,
  stored: Schema.Array(StoredObservation).annotations({ description: "The new revisions." }),
  unchanged: int("Values equal to the current ones, left alone."),
  warnings: Schema.Array(RuleResult).annotations({ description: "Validation rules of severity `warning` that fail after this commit (stored all the same)." }),
  ruleErrors: Schema.Array(RuleResult).annotations({ description: "Validation rules whose evaluation threw; they never block a write." }),
  outliers: Schema.Array(FlaggedValue).annotations({ description: "Values implausible against their history, stored with a note (confirmed outliers)." }),
  run: Schema.Struct({
    id: int("The run's number, 1, 2, ... in commit order."),
    committedAt: Schema.String.annotations({ description: "When the run was recorded: the stamp of its write (ISO); its values carry the same." }),
    valuesStored: int("How many new revisions the commit stored (0 when every value equalled the current one; the run is recorded all the same)."),
  }).annotations({ description: "The recorded run, whose tables the report of its region and year shows." }),
}).annotations({ identifier: "CalculatorCommit", description: "What a committed run computed and stored (all or nothing), and the run's record." })

/** Core's `SectionCalculatorRun`: a committed run as a report section shows it. */
export const SectionCalculatorRun = Schema.Struct({
  calculator: Schema.String.annotations({ examples: ["ecology.redline-change"] }),
  name: I18nText,
  pluginVersion: Schema.String,
  region: Schema.String.annotations({ description: "The region or group code the run was for (the report's scope)." }),
  year: int("The year the run was for (the report's year)."),
  committedAt: Schema.String.annotations({ description: "When the run was committed: the stamp of its write (ISO)." }),
  agency: Schema.String.annotations({ description: "The agency that committed it." }),
  inputs: CalculatorProvenance.fields.inputs,
  params: Schema.Record({ key: Schema.String, value: Schema.Unknown }).annotations({ description: "The parameters the run used (defaults applied), as JSON." }),
  valuesStored: int("How many new revisions its commit stored."),
  tables: Schema.Array(ReportTable).annotations({ description: "The tables the run produced." }),
}).annotations({
  identifier: "SectionCalculatorRun",
  description: "The latest committed run (as of the report's time) of one of the plugin's calculators for the report's scope and year: its tables and what they rest on.",
})

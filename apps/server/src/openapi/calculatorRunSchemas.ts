/**
 * The recorded runs of a calculator as Effect Schemas, for the OpenAPI document: one run in full
 * (`GET /calculators/{id}/runs/{run}`) and a page of the history (`GET /calculators/{id}/runs`).
 */
import { Schema } from "effect"
import { SectionCalculatorRun } from "./calculatorSchemas.js"
import { I18nText, int, ReportTable } from "./schemas.js"

const shown = SectionCalculatorRun.fields
const runFields = {
  id: int("The run's number, 1, 2, ... in commit order."),
  calculator: shown.calculator,
  plugin: Schema.String,
  pluginVersion: shown.pluginVersion,
  region: shown.region,
  year: shown.year,
  committedAt: shown.committedAt,
  agency: shown.agency,
  inputs: shown.inputs,
  params: shown.params,
  valuesStored: shown.valuesStored,
}

export const CommittedCalculatorRun = Schema.Struct({ ...runFields, tables: Schema.Array(ReportTable).annotations({ description: "The tables the run produced." }) }).annotations({
  identifier: "CommittedCalculatorRun",
  description: "A recorded run of a calculator: what it was run on (files with SHA-256, parameters), by whom, when, and the tables it produced.",
})

export const CalculatorRunHistory = Schema.Struct({
  runs: Schema.Array(
    Schema.Struct({
      ...runFields,
      tables: Schema.Array(Schema.Struct({ id: Schema.String, title: I18nText, rows: int("How many rows the table has.") })).annotations({
        description: "The run's tables by name and size; GET .../runs/{run} has their rows.",
      }),
      href: Schema.String.annotations({ description: "The run in full." }),
    }),
  ).annotations({ description: "Newest first." }),
  next: Schema.NullOr(Schema.String).annotations({ description: "The next (older) page, or null when this is the last." }),
}).annotations({ identifier: "CalculatorRunHistory", description: "The recorded runs of a calculator, newest first, a page at a time." })

/**
 * The Schemas of breakdowns (issue #21): the current breakdowns of cells (`GET /observations/breakdowns`), each with
 * its codes and their labels. A dimension's declaration and a breakdown's codes are in `schemas.ts`.
 */
import { ObservationStatus } from "@tijian/core"
import { Schema } from "effect"
import { DimensionCodes, I18nText, int } from "./schemas.js"

/** One code of a breakdown, with the labels of the dimension and the code. */
export const BreakdownCode = Schema.Struct({
  dimension: Schema.String.annotations({ examples: ["mode"] }),
  dimensionName: I18nText,
  code: Schema.String.annotations({ examples: ["metro"] }),
  name: I18nText,
}).annotations({ identifier: "BreakdownCode" })

/** The current value of one breakdown of a cell. */
export const Breakdown = Schema.Struct({
  id: Schema.String.annotations({ description: "`<indicator>/<region>/<year>/<breakdown>/r<revision>`.", examples: ["demo-zone.green-travel-share/320509/2024/mode=metro/r1"] }),
  indicator: Schema.String,
  region: Schema.String,
  year: int("The year the value belongs to."),
  breakdown: Schema.String.annotations({ description: "The canonical key: `dimension=code` pairs in declaration order, joined by `;`.", examples: ["mode=metro"] }),
  dimensions: DimensionCodes,
  codes: Schema.Array(BreakdownCode).annotations({ description: "The breakdown's codes in declaration order, labelled." }),
  value: Schema.Number.annotations({ description: "In the indicator's unit (ratios 0..1)." }),
  revision: int("The breakdown's own revision: 1, 2, 3, ..."),
  agency: Schema.String,
  submittedAt: Schema.String,
  source: Schema.String,
  note: Schema.NullOr(Schema.String),
  status: ObservationStatus,
}).annotations({ identifier: "Breakdown", description: "The current revision of one breakdown of a cell." })

/** The body of `GET /observations/breakdowns`. */
export const BreakdownList = Schema.Struct({ breakdowns: Schema.Array(Breakdown) }).annotations({
  identifier: "BreakdownList",
  description: "The current breakdowns of the matching cells (as of `asOf` when given), by indicator, region, year, then key.",
})

/**
 * The approval bodies as Effect Schemas for the OpenAPI document (see `schemas.ts`): a data set's transitions, its
 * state and history, the list of latest events, and an agency's worklist (`routes/approvals.ts`).
 */
import { Schema } from "effect"
import { I18nText, int } from "./schemas.js"

/** One approval transition of a data set. */
export const ApprovalEvent = Schema.Struct({
  plugin: Schema.String.annotations({ description: "The data set's plugin.", examples: ["ecology"] }),
  region: Schema.String.annotations({ description: "The data set's region or group code.", examples: ["320509"] }),
  year: int("The data set's year."),
  seq: int("The event's place in the data set's history, from 1."),
  action: Schema.Literal("submit", "approve", "return", "reopen"),
  state: Schema.Literal("open", "submitted", "approved", "returned").annotations({ description: "The state after this event." }),
  actor: Schema.String.annotations({ description: "The agency of the token that took the action." }),
  comment: Schema.NullOr(Schema.String).annotations({ description: "Why (required to return or reopen)." }),
  at: Schema.String.annotations({ description: "ISO-8601 UTC: the transition's stamp." }),
}).annotations({ identifier: "ApprovalEvent", description: "One approval transition of a data set (plugin, region, year): who moved it to which state, when, why." })

/** A data set's approval state and history. */
export const ApprovalStatus = Schema.Struct({
  plugin: Schema.String,
  region: Schema.String,
  year: int("The year."),
  state: Schema.Literal("open", "submitted", "approved", "returned"),
  events: Schema.Array(ApprovalEvent).annotations({ description: "Every transition, oldest first (none: the set is open and was never submitted)." }),
}).annotations({ identifier: "ApprovalStatus", description: "Where a data set stands in approval, with its history." })

/** `GET /approvals`: the latest event of each data set that has one. */
export const ApprovalList = Schema.Struct({ approvals: Schema.Array(ApprovalEvent) }).annotations({ identifier: "ApprovalList" })

/** `GET /worklist`: the data sets a token has to act on for a year. */
export const Worklist = Schema.Struct({
  year: int("The year."),
  dataSets: Schema.Array(
    Schema.Struct({
      plugin: Schema.String,
      pluginName: I18nText,
      region: Schema.String,
      regionName: I18nText,
      year: int("The year."),
      expected: int("Indicators expected for this region (registrable: observed or reported)."),
      filled: int("How many of them have a value."),
      missing: Schema.Array(Schema.String).annotations({ description: "The expected indicators without a value yet." }),
      missingNames: Schema.Array(Schema.Struct({ id: Schema.String, name: I18nText })).annotations({ description: "The same, with their names." }),
      state: Schema.Literal("open", "submitted", "approved", "returned"),
      last: Schema.NullOr(ApprovalEvent).annotations({ description: "The latest transition (a return carries what to fix), or null." }),
      actions: Schema.Array(Schema.Literal("submit", "approve", "return", "reopen")).annotations({ description: "What this token may do now." }),
    }),
  ),
}).annotations({ identifier: "Worklist", description: "The data sets a token has to act on for a year." })

/**
 * The schemas of regions and groups in the OpenAPI document: a region, a group, the list (`GET /regions`) and the
 * detail with its code history (`GET /regions/{code}`).
 */
import { RegionLevel } from "@tijian/core"
import { Schema } from "effect"
import { I18nText, int } from "./schemas.js"

export const Region = Schema.Struct({
  code: Schema.String.annotations({ description: "GB/T 2260 code.", examples: ["320500"] }),
  type: Schema.Literal("region"),
  level: RegionLevel,
  parent: Schema.NullOr(Schema.String),
  name: I18nText,
  nameEnGenerated: Schema.optional(Schema.Literal(true).annotations({ description: "Present when the English name was made from the Chinese one by a pinyin library (national regions outside the curated YRD set)." })),
  countyLevel: Schema.optional(
    Schema.Literal(true).annotations({
      description: "Present on a prefecture-level city without counties (Dongguan, Zhongshan, Danzhou), which is a county-level unit as well: `?level=county` lists it too.",
    }),
  ),
}).annotations({ identifier: "Region", description: "An administrative unit." })

export const RegionGroup = Schema.Struct({
  code: Schema.String.annotations({ examples: ["DEMO-ZONE"] }),
  type: Schema.Literal("group"),
  name: I18nText,
  members: Schema.Array(Schema.String).annotations({ description: "Member region codes." }),
}).annotations({ identifier: "RegionGroup", description: "A named set of regions that is not an administrative unit." })

/** The kinds of a code change (core's `REGION_CHANGE_KINDS`). */
const ChangeKind = Schema.Literal("recode", "merge", "split", "rename")

/** `GET /regions/{code}`: a region with its children's codes and code history, a group with its members, or a retired code. */
export const RegionDetail = Schema.Union(
  Schema.Struct({
    ...Region.fields,
    validFrom: Schema.NullOr(int("The year a recode or a split brought the code into use (320509: 2012).")).annotations({
      description: "The year a recode or a split brought the code into use (320509: 2012); null when the change list does not say (in use before every listed change, or the successor of a merge).",
    }),
    validTo: Schema.NullOr(int("The last year the code stands for.")).annotations({ description: "The last year the code stands for; null while it is in use." }),
    children: Schema.Array(Schema.String).annotations({ description: "Codes of the regions directly below." }),
    predecessors: Schema.Array(
      Schema.Struct({
        code: Schema.String.annotations({ description: "The earlier code (the same code for a rename).", examples: ["320584"] }),
        name: I18nText,
        kind: ChangeKind,
        until: int("The year of the change: the predecessor stood for the years before it."),
        source: Schema.String.annotations({ description: "The notice that made the change." }),
      }),
    ).annotations({ description: "What the region was before (earlier codes and names), latest first; empty when nothing changed." }),
  }),
  Schema.Struct({ ...RegionGroup.fields, members: Schema.Array(Region) }),
  Schema.Struct({
    code: Schema.String.annotations({ examples: ["320584"] }),
    type: Schema.Literal("retired"),
    name: I18nText,
    validFrom: Schema.NullOr(int("The year a recode or a split brought the code into use.")).annotations({ description: "The year a recode or a split brought the code into use; null when the change list records no start." }),
    validTo: int("The last year the code stands for (`retiredIn` - 1)."),
    retiredIn: int("The first year whose values belong to the successors."),
    successors: Schema.Array(Schema.Struct({ code: Schema.String, kind: ChangeKind, source: Schema.String })),
  }).annotations({ description: "A code no longer in use, and what succeeded it: register values under the successor." }),
).annotations({ identifier: "RegionDetail", description: "A region with its children's codes and code history, a group with its member regions in full, or a retired code with its successors." })

export const RegionList = Schema.Struct({ regions: Schema.Array(Region), groups: Schema.Array(RegionGroup) }).annotations({ identifier: "RegionList" })

/**
 * `GET /api/v1/overview/{indicator}/{year}?level=`: one indicator across every region of a level (default county: the
 * 2,978 county-level units of China under `TIJIAN_REGIONS=national`) in a year — value, status, progress and trend — answered
 * from the evaluations kept warm (core's `WarmEvaluations`): each region's report is evaluated once, then kept until a
 * write touches it. Conditional like the reports: a strong ETag of the bytes, `If-None-Match` gives a 304.
 */
import { WarmEvaluations } from "@tijian/core"
import { Effect, Schema } from "effect"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { IndicatorParam, optional, RegionLevelParam, YearParam } from "../endpoint/parameters.js"
import { notFound } from "../openapi/examples.js"
import * as O from "../openapi/overviewSchemas.js"
import { badYear, ok } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"
import { etagOf, noneMatchHits } from "./conditional.js"
import { ifNoneMatch } from "./reports.js"

const utf8 = new TextEncoder()

export const getOverview = defineEndpoint({
  method: "get",
  path: "/overview/{indicator}/{year}",
  operationId: "getOverview",
  tag: "Reports",
  access: "read",
  summary: "One indicator across every region of a level",
  description:
    "Every region of a level (`county` by default, with the prefecture-level cities without counties; `province`, `city` for prefectures, `region` for the top) with its value of the indicator in the year, the row's status, its progress status and its trend, each as the region's own live report shows it, as of the latest change. Answered from the evaluations kept warm: a region's report is evaluated once and kept until a write touches the region, so after the first request the whole country answers in well under 200 ms (docs/scaling.md). The ETag is the SHA-256 of the bytes; `Cache-Control: no-cache`, and a matching `If-None-Match` gets a 304.",
  params: Schema.Struct({ indicator: IndicatorParam, year: YearParam(undefined, 2022) }),
  query: Schema.Struct({ level: optional(RegionLevelParam("The level of regions listed: region, province, city (prefecture) or county. Default county.")) }),
  headers: [ifNoneMatch("An ETag served before: 304 while nothing it shows has changed.", '"3f1d0c6a9b2e47d58c7a1e0f9d6b4a2c8e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b"')],
  responses: {
    200: ok("The overview.", O.Overview),
    304: { description: "`If-None-Match` names this answer's ETag: not sent again." },
    400: badYear,
    404: notFound("indicator", 'no indicator has id "beauty.nope"; see GET /api/v1/indicators'),
  },
  handle: async ({ c, deps, params, query }) => {
    const overview = await runOrThrow(
      deps.runtime,
      Effect.flatMap(WarmEvaluations.WarmEvaluations, (warm) => warm.overview({ indicator: params.indicator, year: params.year, level: query.level })),
    )
    // the Schema transforms nothing, so core's value is its encoded form (checked here by the compiler): encoding 2,978
    // rows through it would cost some 70 ms of the answer's 200
    const body: typeof O.Overview.Encoded = overview
    const bytes = utf8.encode(JSON.stringify(body))
    const etag = etagOf(bytes)
    c.header("ETag", etag)
    c.header("Cache-Control", "no-cache")
    if (noneMatchHits(c.req.header("if-none-match"), etag)) return c.body(null, 304)
    return c.body(bytes, 200, { "Content-Type": "application/json; charset=utf-8" })
  },
})

/**
 * Report endpoints: the annual physical examination of a region or group, content-negotiated: JSON (core's
 * report, unchanged), HTML, Markdown or CSV (the evaluation table), chosen by the extension on the year
 * (`2022.md`), `?format=`, or `Accept`; rendered formats in `?lang=zh|en` (default from `Accept-Language`).
 * And the comparison of a group's members as JSON.
 */
import { Schema } from "effect"
import type { Context } from "hono"
import { BadRequest, NotAcceptable } from "../errors.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { AsOfParam, decodeParams, FlagParam, optional, ScopeParam, TextParam, WordParam, YearTextParam } from "../endpoint/parameters.js"
import type { AppEnv, Deps } from "../http.js"
import { unknownScope } from "../openapi/examples.js"
import * as R from "../openapi/reportSchemas.js"
import * as S from "../openapi/schemas.js"
import { error, ok } from "../openapi/table.js"
import { chooseLang } from "../i18n/lang.js"
import { parseAsOf } from "../parse.js"
import { CONTENT_SECURITY_POLICY } from "@tijian/report"
import {
  chooseFormat,
  MEDIA_TYPES,
  notAcceptableMessage,
  parseYearAndExtension,
  REPORT_FORMATS,
  type ReportFormat,
} from "../render/negotiate.js"
import { loadReportView } from "../render/loadReportView.js"
import { runOrThrow } from "../runtime.js"
import { noneMatchHits } from "./conditional.js"
import { liveReportBody } from "./liveReport.js"

/** Headers every rendered HTML page carries: no script may run, nothing external may load. */
export const htmlHeaders = (c: Context<AppEnv>) => {
  c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
  c.header("X-Content-Type-Options", "nosniff")
  c.header("Referrer-Policy", "same-origin")
}

/**
 * Serves the report of `scopeParam` for `yearParam` (which may end in a format extension) in the negotiated
 * format, `fallback` when the request expresses no preference. Shared by `/api/v1/reports/...` (JSON by
 * default) and the page `/reports/...` (HTML by default). The body comes from the app's cache when nothing was
 * written since it was rendered (`X-Cache: hit`, see `liveReport.ts`); its ETag is the SHA-256 of its bytes, a
 * matching `If-None-Match` gets a 304, and `Cache-Control: no-cache` makes clients ask again each time.
 */
export const serveReport = async (deps: Deps, c: Context<AppEnv>, scopeParam: string, yearParam: string, fallback: ReportFormat) => {
  const { year, extension } = parseYearAndExtension(yearParam)
  const format = chooseFormat({ extension, query: c.req.query("format"), accept: c.req.header("accept"), fallback })
  c.header("Vary", "Accept, Accept-Language")
  if (format === "not-acceptable") {
    throw new NotAcceptable({ message: notAcceptableMessage(c.req.header("accept")), details: { formats: REPORT_FORMATS } })
  }
  const asOfParam = c.req.query("asOf")
  const asOf = asOfParam === undefined ? undefined : { param: asOfParam, time: parseAsOf(asOfParam) }
  const lang = format === "json" ? undefined : chooseLang(c.req.query("lang"), c.req.header("accept-language"))
  const { approvedOnly } = decodeParams(ReportFlags, c.req.query())
  const { body, cache } = await liveReportBody(deps, { scope: scopeParam, year, format, ...(lang ? { lang } : {}), ...(asOf ? { asOf } : {}), ...(approvedOnly ? { approvedOnly } : {}) })
  if (format === "html") htmlHeaders(c)
  c.header("ETag", body.etag)
  c.header("Cache-Control", "no-cache")
  c.header("X-Cache", cache)
  if (noneMatchHits(c.req.header("if-none-match"), body.etag)) return c.body(null, 304)
  return c.body(body.bytes, 200, body.headers)
}

/** A year with an optional format extension (`2022`, `2022.md`): the handler reads both. */
export const YearWithFormat = (formats: ReadonlyArray<string>) =>
  TextParam(`The year, optionally with a format extension (${formats.map((f) => `2022.${f}`).join(", ")}).`, "2022").annotations({
    jsonSchema: { type: "string", pattern: "^\\d{1,4}(\\.[A-Za-z]+)?$" },
  })

/** `lang`: the language of rendered formats. */
export const LangParam = (what: string) => WordParam(`The language of ${what}. Default: from \`Accept-Language\`, else zh.`, ["zh", "en"], "zh")

/** `approvedOnly`: evaluate approved values only. */
export const ApprovedOnlyParam = FlagParam(
  "approvedOnly",
  "Evaluate approved values only: values of data sets (plugin, region, year) not approved as of the report's time are left out, as if not registered. Default false: every value counts, each marked approved, submitted or provisional.",
)

// the page /reports/... is not an endpoint object: its flags are decoded here, with the same 400
const ReportFlags = Schema.Struct({ approvedOnly: optional(ApprovedOnlyParam) })

/** `If-None-Match`, documented. */
export const ifNoneMatch = (description: string, example: string) =>
  ({ name: "If-None-Match", in: "header", required: false, description, schema: { type: "string" }, example }) as const

export const getReport = defineEndpoint({
  method: "get",
  path: "/reports/{scope}/{year}",
  operationId: "getReport",
  tag: "Reports",
  access: "read",
  summary: "The annual report of a region or group",
  description:
    "Evaluates every indicator for the region or group and year: values, targets met, gaps, grades, progress (StatCan / Open SDG method), rules broken, the diagnosis, and provenance with a content hash; the same data as of the same time give byte-identical JSON. The format is chosen by an extension on the year (`2022.md`), else `format`, else the `Accept` header, else JSON: JSON is core's report; HTML, Markdown and CSV (the evaluation table) are rendered in `lang`. Each representation is rendered once per change of the data and served from memory until the next write; its ETag is the SHA-256 of its bytes, `Cache-Control: no-cache` makes clients revalidate, and a matching `If-None-Match` gets a 304 (`X-Cache` says `hit` or `miss`).",
  params: Schema.Struct({ scope: ScopeParam, year: YearWithFormat(REPORT_FORMATS) }),
  query: Schema.Struct({
    asOf: optional(AsOfParam),
    format: optional(WordParam("The format, when the year has no extension.", REPORT_FORMATS, "md")),
    lang: optional(LangParam("HTML, Markdown and CSV")),
    approvedOnly: optional(ApprovedOnlyParam),
  }),
  headers: [ifNoneMatch("An ETag served before: 304 while it is still this representation's.", '"3f1d0c6a9b2e47d58c7a1e0f9d6b4a2c8e5f7a9b1c3d5e7f9a1b3c5d7e9f1a3b"')],
  responses: {
    200: {
      description: "The report, in the negotiated format.",
      content: {
        [MEDIA_TYPES.json[0]!]: { schema: R.Report },
        ...Object.fromEntries(REPORT_FORMATS.filter((f) => f !== "json").map((f) => [MEDIA_TYPES[f][0]!, { schema: { type: "string" } }])),
      },
    },
    304: { description: "`If-None-Match` names this representation's ETag: nothing changed since, not sent again." },
    400: error("The year, `asOf`, or an unknown extension or `format`.", "bad-request", `unknown report format "pdf" (extension); the formats are ${REPORT_FORMATS.join(", ")} (or Accept: ...)`),
    404: unknownScope,
    406: error("The `Accept` header rules out every format; `details` lists them.", "not-acceptable", "none of the report formats matches Accept: image/png; the formats are ...", S.ErrorBody, { formats: REPORT_FORMATS }),
  },
  handle: ({ c, deps, params }) => serveReport(deps, c, params.scope, params.year, "json"),
})

export const compareMembers = defineEndpoint({
  method: "get",
  path: "/reports/{scope}/{year}/comparison",
  operationId: "compareMembers",
  tag: "Reports",
  access: "read",
  summary: "The members of a group compared",
  description:
    "One ranking table per indicator across the group's members, each from the member's own report for the same year and as-of time. Members are ranked in the indicator's better direction; equal values share a rank; members without a value come last, unranked.",
  params: Schema.Struct({
    scope: ScopeParam.annotations({ description: "A group code, e.g. DEMO-ZONE.", examples: ["DEMO-ZONE"] }),
    year: YearTextParam(),
  }),
  query: Schema.Struct({ asOf: optional(AsOfParam) }),
  responses: {
    200: ok("The comparison.", R.Comparison),
    400: error("The scope is a region, not a group; or the year or `asOf` does not parse.", "bad-request", "320500 is a region, not a group; only a group's members are compared (see GET /api/v1/regions)"),
    404: unknownScope,
  },
  handle: async ({ deps, params, query, reply }) => {
    const { year, extension } = parseYearAndExtension(params.year)
    if (extension !== undefined) throw new BadRequest({ message: `the comparison is JSON only: drop ".${extension}"` })
    const view = await runOrThrow(deps.runtime, loadReportView({ scope: params.scope, year, asOf: query.asOf }))
    if (!view.comparison) {
      throw new BadRequest({ message: `${view.report.scope.code} is a region, not a group; only a group's members are compared (see GET /api/v1/regions)` })
    }
    return reply(200, view.comparison)
  },
})

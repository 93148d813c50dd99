/**
 * Report routes: the annual physical examination of a region or group, content-negotiated: JSON (core's
 * report, unchanged), HTML, Markdown or CSV (the evaluation table), chosen by the extension on the year
 * (`2022.md`), `?format=`, or `Accept`; rendered formats in `?lang=zh|en` (default from `Accept-Language`).
 * And the comparison of a group's members as JSON.
 */
import { type Context, Hono } from "hono"
import { BadRequest, NotAcceptable } from "../errors.js"
import type { AppEnv, Deps } from "../http.js"
import { chooseLang } from "../i18n/lang.js"
import { parseAsOf } from "../parse.js"
import { CONTENT_SECURITY_POLICY } from "@tijian/report"
import {
  chooseFormat,
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
  const { body, cache } = await liveReportBody(deps, { scope: scopeParam, year, format, ...(lang ? { lang } : {}), ...(asOf ? { asOf } : {}) })
  if (format === "html") htmlHeaders(c)
  c.header("ETag", body.etag)
  c.header("Cache-Control", "no-cache")
  c.header("X-Cache", cache)
  if (noneMatchHits(c.req.header("if-none-match"), body.etag)) return c.body(null, 304)
  return c.body(body.bytes, 200, body.headers)
}

/** The report routes. */
export const reportRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()
  api.get("/reports/:scope/:year", (c) => serveReport(deps, c, c.req.param("scope"), c.req.param("year"), "json"))

  api.get("/reports/:scope/:year/comparison", async (c) => {
    const { year, extension } = parseYearAndExtension(c.req.param("year"))
    if (extension !== undefined) throw new BadRequest({ message: `the comparison is JSON only: drop ".${extension}"` })
    const asOfParam = c.req.query("asOf")
    const asOf = asOfParam === undefined ? undefined : parseAsOf(asOfParam)
    const view = await runOrThrow(deps.runtime, loadReportView({ scope: c.req.param("scope"), year, asOf }))
    if (!view.comparison) {
      throw new BadRequest({ message: `${view.report.scope.code} is a region, not a group; only a group's members are compared (see GET /api/v1/regions)` })
    }
    return c.json(view.comparison)
  })
  return api
}

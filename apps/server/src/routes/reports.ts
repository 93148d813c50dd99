/**
 * Report routes: the annual physical examination of a region or group, content-negotiated: JSON (core's
 * report, unchanged), HTML, Markdown or CSV (the evaluation table), chosen by the extension on the year
 * (`2022.md`), `?format=`, or `Accept`; rendered formats in `?lang=zh|en` (default from `Accept-Language`).
 * And the comparison of a group's members as JSON.
 */
import { Editions, Engine } from "@tijian/core"
import { Effect } from "effect"
import { type Context, Hono } from "hono"
import { BadRequest, NotAcceptable } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { chooseLang } from "../i18n/lang.js"
import { parseAsOf } from "../parse.js"
import { withQuery, reportCsv, reportHtml, reportMarkdown, CONTENT_SECURITY_POLICY } from "@tijian/report"
import {
  chooseFormat,
  MEDIA_TYPES,
  notAcceptableMessage,
  parseYearAndExtension,
  REPORT_FORMATS,
  type ReportFormat,
} from "../render/negotiate.js"
import { serverEditionUrls } from "../render/editionUrls.js"
import { loadReportView } from "../render/loadReportView.js"
import { runOrThrow } from "../runtime.js"

/** The UTF-8 byte order mark: spreadsheets (Excel) need it to read a UTF-8 CSV's Chinese text. */
const BOM = "\ufeff"

const reportPath = (scope: string, year: number) => `/api/v1/reports/${encodeURIComponent(scope)}/${year}`

/** Headers every rendered HTML page carries: no script may run, nothing external may load. */
export const htmlHeaders = (c: Context<AppEnv>) => {
  c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
  c.header("X-Content-Type-Options", "nosniff")
  c.header("Referrer-Policy", "same-origin")
}

/**
 * Serves the report of `scopeParam` for `yearParam` (which may end in a format extension) in the negotiated
 * format, `fallback` when the request expresses no preference. Shared by `/api/v1/reports/...` (JSON by
 * default) and the page `/reports/...` (HTML by default).
 */
export const serveReport = async (deps: Deps, c: Context<AppEnv>, scopeParam: string, yearParam: string, fallback: ReportFormat) => {
  if (deps.settings.readsNeedToken) requirePrincipal(c)
  const { year, extension } = parseYearAndExtension(yearParam)
  const format = chooseFormat({ extension, query: c.req.query("format"), accept: c.req.header("accept"), fallback })
  c.header("Vary", "Accept, Accept-Language")
  if (format === "not-acceptable") {
    throw new NotAcceptable({ message: notAcceptableMessage(c.req.header("accept")), details: { formats: REPORT_FORMATS } })
  }
  const asOfParam = c.req.query("asOf")
  const asOf = asOfParam === undefined ? undefined : parseAsOf(asOfParam)
  if (format === "json") {
    const report = await runOrThrow(deps.runtime, Effect.flatMap(Engine.Engine, (engine) => engine.evaluate({ scope: scopeParam, year, asOf })))
    return c.json(report)
  }
  const lang = chooseLang(c.req.query("lang"), c.req.header("accept-language"))
  const view = await runOrThrow(deps.runtime, loadReportView({ scope: scopeParam, year, asOf }))
  const scope = view.report.scope.code
  const filename = `${scope}-${year}-${lang}`
  const type = `${MEDIA_TYPES[format][0]}; charset=utf-8`
  if (format === "md") {
    c.header("Content-Disposition", `inline; filename="${filename}.md"`)
    return c.body(reportMarkdown(view, lang), 200, { "Content-Type": type })
  }
  if (format === "csv") {
    c.header("Content-Disposition", `attachment; filename="${filename}.csv"`)
    return c.body(BOM + reportCsv(view, lang), 200, { "Content-Type": `${type}; header=present` })
  }
  const query = new URL(c.req.url).searchParams
  const keep = { asOf: asOfParam }
  const urls = serverEditionUrls(scope, year)
  const editions = await runOrThrow(deps.runtime, Effect.flatMap(Editions.Editions, (e) => e.list(scope, year)))
  const html = reportHtml(view, lang, {
    hrefIn: (l) => withQuery(c.req.path, query, { lang: l }),
    indexHref: withQuery("/", new URLSearchParams(), { lang }),
    formats: [
      { label: "JSON", href: withQuery(`${reportPath(scope, year)}.json`, new URLSearchParams(), keep), type: MEDIA_TYPES.json[0]! },
      { label: "Markdown", href: withQuery(`${reportPath(scope, year)}.md`, new URLSearchParams(), { ...keep, lang }), type: MEDIA_TYPES.md[0]! },
      { label: "CSV", href: withQuery(`${reportPath(scope, year)}.csv`, new URLSearchParams(), { ...keep, lang }), type: MEDIA_TYPES.csv[0]! },
    ],
    editions: editions.map((e) => ({ edition: e.edition, href: urls.edition(e.edition, lang), publishedAt: e.publishedAt })),
    editionsHref: urls.list(lang),
  })
  htmlHeaders(c)
  return c.html(html.toString())
}

/** The report routes. */
export const reportRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()
  api.get("/reports/:scope/:year", (c) => serveReport(deps, c, c.req.param("scope"), c.req.param("year"), "json"))

  api.get("/reports/:scope/:year/comparison", async (c) => {
    if (deps.settings.readsNeedToken) requirePrincipal(c)
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

/**
 * The overview page of a group or parent region: `GET /reports/{scope}/{year}/overview?lang=&map=&mapBy=`, the
 * member x indicator matrix and, where members' boundaries are registered, the map of one indicator (`map`,
 * an indicator id; default the one most members have a value for) by `mapBy` = `status` (default) or `value`.
 */
import type { Context } from "hono"
import { buildOverview, overviewHtml, withQuery } from "@tijian/report"
import { BadRequest } from "../errors.js"
import type { AppEnv, Deps } from "../http.js"
import { chooseLang } from "../i18n/lang.js"
import { parseAsOf, parseYear } from "../parse.js"
import { loadReportView } from "../render/loadReportView.js"
import { runOrThrow } from "../runtime.js"
import { htmlHeaders } from "./reports.js"

/** Serves the overview page. */
export const serveOverview = async (deps: Deps, c: Context<AppEnv>, scopeParam: string, yearParam: string) => {
  const year = parseYear(yearParam)
  const lang = chooseLang(c.req.query("lang"), c.req.header("accept-language"))
  const mapBy = c.req.query("mapBy")
  if (mapBy !== undefined && mapBy !== "status" && mapBy !== "value") {
    throw new BadRequest({ message: `mapBy must be status or value, not "${mapBy}"` })
  }
  const asOfParam = c.req.query("asOf")
  const asOf = asOfParam === undefined ? undefined : parseAsOf(asOfParam)
  const view = await runOrThrow(deps.runtime, loadReportView({ scope: scopeParam, year, asOf }))
  const scope = view.report.scope.code
  if (view.members.length === 0) {
    throw new BadRequest({ message: `${scope} has no members or regions within it to give an overview of; see /reports/${scope}/${year}` })
  }
  const map = c.req.query("map")
  const columns = buildOverview(view.report, view.members).columns
  if (map !== undefined && !columns.some((col) => col.indicator === map)) {
    throw new BadRequest({
      message:
        columns.length === 0
          ? `no member of ${scope} has a ${year} value, so there is nothing to map by "${map}"; drop map= or register members' values`
          : `map must be an indicator some member of ${scope} has a ${year} value for, not "${map}"; these are: ${columns.map((col) => col.indicator).join(", ")}`,
    })
  }
  const query = new URL(c.req.url).searchParams
  const keep = { asOf: asOfParam }
  const html = overviewHtml(
    view,
    lang,
    {
      hrefIn: (l) => withQuery(c.req.path, query, { lang: l }),
      indexHref: withQuery("/", new URLSearchParams(), { lang }),
      reportHref: withQuery(`/reports/${encodeURIComponent(scope)}/${year}`, new URLSearchParams(), { ...keep, lang }),
      memberHref: (code) => withQuery(`/reports/${encodeURIComponent(code)}/${year}`, new URLSearchParams(), { ...keep, lang }),
      overviewHref: withQuery(`/reports/${encodeURIComponent(scope)}/${year}/overview`, new URLSearchParams(), { ...keep, lang }),
    },
    { indicator: map, by: mapBy },
  )
  htmlHeaders(c)
  c.header("Vary", "Accept-Language")
  return c.html(html.toString())
}

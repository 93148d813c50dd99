/**
 * Pages for people: `GET /` the index of regions, groups and years with report links; `GET /reports/{scope}/{year}`
 * the report page (HTML unless the request asks for another format); `GET /reports/{scope}/{year}/editions/{n}`
 * a published edition's page (HTML unless the request asks for JSON); `GET /reports/{scope}/{year}/overview` the
 * overview of a group's members or a parent's children, with a map where boundaries are registered. All in `?lang=zh|en`.
 */
import { Hono } from "hono"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { chooseLang } from "../i18n/lang.js"
import { loadCatalog } from "../render/loadCatalog.js"
import { indexHtml, withQuery } from "@tijian/report"
import { runOrThrow } from "../runtime.js"
import { serveOverview } from "./overview.js"
import { htmlHeaders, serveReport } from "./reports.js"
import { editionServerOf } from "./serveEdition.js"

/** The page routes, mounted at the root. */
export const pagesRoutes = (deps: Deps) => {
  const pages = new Hono<AppEnv>()
  const serveEdition = editionServerOf(deps)

  pages.get("/", async (c) => {
    if (deps.settings.readsNeedToken) requirePrincipal(c)
    const lang = chooseLang(c.req.query("lang"), c.req.header("accept-language"))
    const catalog = await runOrThrow(deps.runtime, loadCatalog(deps.now().toISOString()))
    const query = new URL(c.req.url).searchParams
    const html = indexHtml(catalog, lang, {
      hrefIn: (l) => withQuery("/", query, { lang: l }),
      reportHref: (code, year, l) => withQuery(`/reports/${encodeURIComponent(code)}/${year}`, new URLSearchParams(), { lang: l }),
    })
    htmlHeaders(c)
    c.header("Vary", "Accept-Language")
    return c.html(html.toString())
  })

  pages.get("/reports/:scope/:year", (c) => serveReport(deps, c, c.req.param("scope"), c.req.param("year"), "html"))
  pages.get("/reports/:scope/:year/overview", (c) => serveOverview(deps, c, c.req.param("scope"), c.req.param("year")))
  pages.get("/reports/:scope/:year/editions/:edition", (c) => serveEdition(c, c.req.param(), "html"))

  return pages
}

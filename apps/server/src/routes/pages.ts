/**
 * Pages for people: `GET /` the index of regions, groups and years with report links; `GET /reports/{scope}/{year}`
 * the report page (HTML unless the request asks for another format); `GET /reports/{scope}/{year}/editions/{n}`
 * a published edition's page (HTML unless the request asks for another format); `.../editions` the list of editions;
 * `.../editions/{a}/diff/{b}` the difference of two editions; `GET /reports/{scope}/{year}/overview` the overview of
 * a group's members or a parent's children, with a map where boundaries are registered; `GET /agency` the agency's
 * page (worklist, template, upload, submission, approval) and its script `/agency.js`. All in `?lang=zh|en`.
 */
import { Editions } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"
import { chooseLang } from "../i18n/lang.js"
import { serverEditionUrls } from "../render/editionUrls.js"
import { loadCatalog } from "../render/loadCatalog.js"
import { indexHtml, withQuery } from "@tijian/report"
import { parseYear } from "../parse.js"
import { runOrThrow } from "../runtime.js"
import { serveEmbed } from "./embed.js"
import { serveOverview } from "./overview.js"
import { htmlHeaders, serveReport } from "./reports.js"
import { serveEditionDiff, serveEditionList } from "./editionPages.js"
import { editionServerOf } from "./serveEdition.js"
import { AGENCY_PAGE_POLICY, agencyPageHtml } from "../agencyPage/page.js"
import { AGENCY_SCRIPT } from "../agencyPage/script.js"

/** The page routes, mounted at the root. */
export const pagesRoutes = (deps: Deps) => {
  const pages = new Hono<AppEnv>()
  const serveEdition = editionServerOf(deps)

  pages.get("/", async (c) => {
    const lang = chooseLang(c.req.query("lang"), c.req.header("accept-language"))
    const [catalog, editions] = await runOrThrow(
      deps.runtime,
      Effect.all([loadCatalog(deps.now().toISOString()), Effect.flatMap(Editions.Editions, (e) => e.all())]),
    )
    const counts = new Map<string, number>()
    for (const e of editions) counts.set(`${e.scope}/${e.year}`, (counts.get(`${e.scope}/${e.year}`) ?? 0) + 1)
    const query = new URL(c.req.url).searchParams
    const html = indexHtml(catalog, lang, {
      hrefIn: (l) => withQuery("/", query, { lang: l }),
      reportHref: (code, year, l) => withQuery(`/reports/${encodeURIComponent(code)}/${year}`, new URLSearchParams(), { lang: l }),
      editionsLink: (code, year, l) => {
        const count = counts.get(`${code}/${year}`)
        return count ? { href: serverEditionUrls(code, year).list(l), count } : undefined
      },
    })
    htmlHeaders(c)
    c.header("Vary", "Accept-Language")
    return c.html(html.toString())
  })

  pages.get("/reports/:scope/:year", (c) => serveReport(deps, c, c.req.param("scope"), c.req.param("year"), "html"))
  pages.get("/reports/:scope/:year/editions", (c) => serveEditionList(deps, c, undefined, "html"))
  pages.get("/reports/:scope/:year/editions.json", (c) => serveEditionList(deps, c, "json", "html"))
  pages.get("/reports/:scope/:year/editions.html", (c) => serveEditionList(deps, c, "html", "html"))
  pages.get("/reports/:scope/:year/overview", (c) => serveOverview(deps, c, c.req.param("scope"), c.req.param("year")))
  pages.get("/reports/:scope/:year/editions/:edition", (c) => serveEdition(c, c.req.param(), "html"))
  pages.get("/reports/:scope/:year/editions/:a/diff/:b", (c) => serveEditionDiff(deps, c, "html"))
  pages.get("/embed/:scope/:year/:indicator", (c) => serveEmbed(deps, c))

  // the agency's front door: worklist, template, upload, submission, approval (its script calls the API)
  pages.get("/agency", (c) => {
    const lang = chooseLang(c.req.query("lang"), c.req.header("accept-language"))
    c.header("Content-Security-Policy", AGENCY_PAGE_POLICY)
    c.header("X-Content-Type-Options", "nosniff")
    c.header("Referrer-Policy", "same-origin")
    c.header("Vary", "Accept-Language")
    const asked = c.req.query("year")
    return c.html(agencyPageHtml(lang, asked === undefined ? deps.now().getUTCFullYear() - 1 : parseYear(asked)))
  })
  pages.get("/agency.js", (c) => {
    c.header("X-Content-Type-Options", "nosniff")
    c.header("Cache-Control", "no-cache")
    return c.body(AGENCY_SCRIPT, 200, { "Content-Type": "text/javascript; charset=utf-8" })
  })

  return pages
}

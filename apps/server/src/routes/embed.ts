/**
 * `GET /embed/{scope}/{year}/{indicator}?lang=zh|en`: one indicator as a standalone SVG (`embedSvg` of
 * `@tijian/report`) for other sites to show in an `<img>`: value, judgement, trend with target and source. A read;
 * with `corsOrigins` set, listed sites may also fetch it from script. 404 when the indicator does not apply to the
 * scope (the report does not carry it).
 */
import { embedSvg } from "@tijian/report"
import type { Context } from "hono"
import { NotFound } from "@tijian/core"
import type { AppEnv, Deps } from "../http.js"
import { chooseLang } from "../i18n/lang.js"
import { parseYear } from "../parse.js"
import { loadReportView } from "../render/loadReportView.js"
import { runOrThrow } from "../runtime.js"
import { etagOf, noneMatchHits } from "./conditional.js"

/** An SVG document may style itself and nothing else. */
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'"

/** Serves the embed. */
export const serveEmbed = async (deps: Deps, c: Context<AppEnv>) => {
  const year = parseYear(c.req.param("year")!)
  const indicator = c.req.param("indicator")!
  const lang = chooseLang(c.req.query("lang"), c.req.header("accept-language"))
  const view = await runOrThrow(deps.runtime, loadReportView({ scope: c.req.param("scope")!, year }))
  const svg = embedSvg(view, indicator, lang)
  if (svg === undefined) {
    throw new NotFound({
      reason: "indicator",
      message: `the ${year} report of ${view.report.scope.code} carries no indicator "${indicator}" (unknown, or it does not apply to this scope); /reports/${view.report.scope.code}/${year} lists those it carries`,
    })
  }
  const bytes = new TextEncoder().encode(svg)
  const etag = etagOf(bytes)
  const headers = {
    "Content-Type": "image/svg+xml; charset=utf-8",
    "Content-Security-Policy": SVG_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Cache-Control": "public, max-age=300",
    Vary: "Accept-Language",
    ETag: etag,
  }
  if (noneMatchHits(c.req.header("if-none-match"), etag)) return c.body(null, 304, headers)
  return c.body(bytes, 200, headers)
}

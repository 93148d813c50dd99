/**
 * The list of a scope's editions for a year and the difference between two editions, content-negotiated: the
 * page (HTML, `?lang=zh|en`) or JSON, by extension (`editions.json`, `diff/2.json`), `?format=`, `Accept`, then
 * the route's default (JSON under `/api/v1`, the page under `/reports`). Markdown and CSV are not offered here.
 */
import { Editions, NotFound, Registry } from "@tijian/core"
import { Effect } from "effect"
import type { Context } from "hono"
import { BadRequest, NotAcceptable } from "../errors.js"
import type { AppEnv, Deps } from "../http.js"
import { chooseLang } from "../i18n/lang.js"
import { editionDiffJson, renderEditionDiff, renderEditionList } from "../render/editionDocuments.js"
import { serverEditionUrls } from "../render/editionUrls.js"
import { chooseFormat, MEDIA_TYPES } from "../render/negotiate.js"
import { parseYear } from "../parse.js"
import { runOrThrow } from "../runtime.js"
import { htmlHeaders } from "./reports.js"
import { parseEditionAndExtension } from "./serveEdition.js"

/** The formats of the edition list and the diff. */
export const EDITION_PAGE_FORMATS = ["json", "html"] as const

const pageFormat = (c: Context<AppEnv>, extension: string | undefined, fallback: "json" | "html"): "json" | "html" => {
  const format = chooseFormat({ extension, query: c.req.query("format"), accept: c.req.header("accept"), fallback })
  const listing = `${EDITION_PAGE_FORMATS.join(" or ")} (Accept: ${EDITION_PAGE_FORMATS.map((f) => MEDIA_TYPES[f][0]).join(", ")}, ?format=, or the extension .json)`
  if (format === "json" || format === "html") return format
  if (format === "not-acceptable") throw new NotAcceptable({ message: `this is served as ${listing}`, details: { formats: EDITION_PAGE_FORMATS } })
  throw new BadRequest({ message: `this is served as ${listing}, not ${format}; an edition itself is also served as Markdown and CSV (.../editions/{n}.md)`, details: { formats: EDITION_PAGE_FORMATS } })
}

/** Serves the list of editions; `extension` from the route (`editions.json`). */
export const serveEditionList = async (deps: Deps, c: Context<AppEnv>, extension: string | undefined, fallback: "json" | "html") => {
  const scope = c.req.param("scope")!
  const year = parseYear(c.req.param("year")!)
  const format = pageFormat(c, extension, fallback)
  c.header("Vary", "Accept, Accept-Language")
  const { editions, name } = await runOrThrow(
    deps.runtime,
    Effect.gen(function* () {
      const registry = yield* Registry.Registry
      const found = registry.regions.scope(scope)
      if (!found) return yield* new NotFound({ reason: "region", message: `no region or group has the code "${scope}" (see GET /api/v1/regions)` })
      const named = found._tag === "region" ? found.region : found.group
      const editions = yield* Effect.flatMap(Editions.Editions, (e) => e.list(scope, year))
      return { editions, name: { zh: named.nameZh, en: named.nameEn } }
    }),
  )
  if (format === "json") return c.json({ editions })
  const lang = chooseLang(c.req.query("lang"), c.req.header("accept-language"))
  htmlHeaders(c)
  return c.html(renderEditionList({ code: scope, name }, year, editions, lang, serverEditionUrls(scope, year)))
}

/** Serves the difference between editions `a` and `b` (`b` may carry `.json`). */
export const serveEditionDiff = async (deps: Deps, c: Context<AppEnv>, fallback: "json" | "html") => {
  const scope = c.req.param("scope")!
  const year = parseYear(c.req.param("year")!)
  const a = parseEditionAndExtension(c.req.param("a")!)
  if (a.extension !== undefined) throw new BadRequest({ message: `put the extension on the second edition: .../editions/${a.edition}/diff/{b}.${a.extension}` })
  const b = parseEditionAndExtension(c.req.param("b")!)
  const format = pageFormat(c, b.extension, fallback)
  c.header("Vary", "Accept, Accept-Language")
  const [from, to, registry] = await runOrThrow(
    deps.runtime,
    Effect.all([
      Effect.flatMap(Editions.Editions, (e) => e.get(scope, year, a.edition)),
      Effect.flatMap(Editions.Editions, (e) => e.get(scope, year, b.edition)),
      Registry.Registry,
    ]),
  )
  if (format === "json") return c.json(editionDiffJson(scope, year, { from, to }))
  const lang = chooseLang(c.req.query("lang"), c.req.header("accept-language"))
  htmlHeaders(c)
  return c.html(renderEditionDiff({ from, to }, (id) => registry.indicator(id), lang, serverEditionUrls(scope, year)))
}

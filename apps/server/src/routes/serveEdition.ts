/**
 * Serving one published edition of a report, content-negotiated like the live report (`?format=`, then
 * `Accept`, then the route's default): JSON exactly as published, or the HTML page rendered from that JSON in
 * `?lang=zh|en` (default from `Accept-Language`). An edition never changes, so each representation is rendered
 * once, kept in memory as bytes (the app's body cache, bounded in bytes, least recently used out), served with an ETag (the
 * JSON's content hash; a SHA-256 of the page's bytes) and `Cache-Control: immutable`, and a matching
 * `If-None-Match` gets a 304.
 */
import { Editions, type Lang, type Report } from "@tijian/core"
import { Effect } from "effect"
import type { Context } from "hono"
import { BadRequest, type ErrorBody } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { chooseLang } from "../i18n/lang.js"
import { editionHtml, type EditionLocation, withQuery } from "@tijian/report"
import { viewOfReport } from "../render/loadReportView.js"
import { chooseFormat, MEDIA_TYPES } from "../render/negotiate.js"
import { parseYear } from "../parse.js"
import { runOrThrow } from "../runtime.js"
import type { CachedBody } from "./BodyCache.js"
import { etagOf, noneMatchHits } from "./conditional.js"
import { htmlHeaders } from "./reports.js"

/** The formats an edition is served in. */
export const EDITION_FORMATS = ["json", "html"] as const

/** An edition format. */
export type EditionFormat = (typeof EDITION_FORMATS)[number]

const IMMUTABLE = "public, max-age=31536000, immutable"

/**
 * An edition number from a path parameter; anything else is a 400.
 *
 * @example
 * parseEdition("2") // 2
 * parseEdition("x") // throws BadRequest: an edition is a number from 1 (see .../editions), not "x"
 */
export const parseEdition = (text: string): number => {
  if (!/^[1-9]\d{0,5}$/.test(text)) throw new BadRequest({ message: `an edition is a number from 1 (see .../editions), not "${text}"` })
  return Number(text)
}

/** The path parameters of an edition. */
export interface EditionParams {
  readonly scope: string
  readonly year: string
  readonly edition: string
}

const pagePath = (scope: string, year: number, n: number) => `/reports/${encodeURIComponent(scope)}/${year}/editions/${n}`

/** Where the edition's page links: its canonical page URL, so the cached bytes never echo a request's query. */
const editionLocation = (edition: Editions.EditionInfo, lang: Lang): EditionLocation => {
  const path = pagePath(edition.scope, edition.year, edition.edition)
  return {
    hrefIn: (l) => withQuery(path, new URLSearchParams(), { lang: l }),
    indexHref: withQuery("/", new URLSearchParams(), { lang }),
    formats: [{ label: "JSON", href: `/api/v1${path}`, type: MEDIA_TYPES.json[0]! }],
    currentHref: withQuery(`/reports/${encodeURIComponent(edition.scope)}/${edition.year}`, new URLSearchParams(), { lang }),
  }
}

const utf8 = new TextEncoder()

/** Serves one edition; `fallback` is the format when the request expresses no preference. */
export type EditionServer = (c: Context<AppEnv>, params: EditionParams, fallback: EditionFormat) => Promise<Response>

const makeEditionServer = (deps: Deps): EditionServer => {
  const cache = deps.bodies
  const load = (scope: string, year: number, n: number) => runOrThrow(deps.runtime, Effect.flatMap(Editions.Editions, (e) => e.get(scope, year, n)))

  const json = (scope: string, year: number, n: number): Promise<CachedBody> =>
    cache.get(`edition/${scope}/${year}/${n}/json`, async () => {
      const edition = await load(scope, year, n)
      return { bytes: utf8.encode(edition.json), etag: `"${edition.contentHash}"` }
    })

  const html = (scope: string, year: number, n: number, lang: Lang): Promise<CachedBody> =>
    cache.get(`edition/${scope}/${year}/${n}/html/${lang}`, async () => {
      const edition = await load(scope, year, n)
      const view = await runOrThrow(deps.runtime, viewOfReport(JSON.parse(edition.json) as Report))
      const bytes = utf8.encode(editionHtml(view, edition, lang, editionLocation(edition, lang)))
      return { bytes, etag: etagOf(bytes) }
    })

  return async (c, params, fallback) => {
    if (deps.settings.readsNeedToken) requirePrincipal(c)
    const year = parseYear(params.year)
    const n = parseEdition(params.edition)
    const query = c.req.query("format")
    const format = chooseFormat({ extension: undefined, query, accept: c.req.header("accept"), fallback })
    c.header("Vary", "Accept, Accept-Language")
    if (format !== "json" && format !== "html") {
      const message = `an edition is served as ${EDITION_FORMATS.join(" or ")} (Accept: ${EDITION_FORMATS.map((f) => MEDIA_TYPES[f][0]).join(", ")}, or ?format=); Markdown and CSV are served for the live report, which reads any past time with ?asOf= (each edition's asOf is in .../editions)`
      if (query !== undefined) throw new BadRequest({ message, details: { formats: EDITION_FORMATS } })
      const body: ErrorBody = { error: { code: "not-acceptable", message, details: { formats: EDITION_FORMATS } } }
      return c.json(body, 406)
    }
    const { body: served } =
      format === "json" ? await json(params.scope, year, n) : await html(params.scope, year, n, chooseLang(c.req.query("lang"), c.req.header("accept-language")))
    c.header("ETag", served.etag)
    c.header("Cache-Control", IMMUTABLE)
    if (format === "html") htmlHeaders(c)
    if (noneMatchHits(c.req.header("if-none-match"), served.etag)) return c.body(null, 304)
    return c.body(served.bytes, 200, { "Content-Type": `${MEDIA_TYPES[format][0]}; charset=utf-8` })
  }
}

// One server, so one cache, per app (the API and the pages share it), keyed by the app's dependencies.
const servers = new WeakMap<Deps, EditionServer>()

/**
 * The app's edition server: JSON by default under `/api/v1`, HTML by default for the page.
 *
 * @example
 * const serveEdition = editionServerOf(deps)
 * pages.get("/reports/:scope/:year/editions/:edition", (c) => serveEdition(c, c.req.param(), "html"))
 */
export const editionServerOf = (deps: Deps): EditionServer => {
  let server = servers.get(deps)
  if (!server) {
    server = makeEditionServer(deps)
    servers.set(deps, server)
  }
  return server
}

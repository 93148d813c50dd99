/**
 * Serving one published edition of a report, content-negotiated like the live report (an extension on the
 * edition, `1.md`, then `?format=`, then `Accept`, then the route's default): JSON exactly as published, or the
 * HTML page, Markdown or CSV rendered from that JSON in `?lang=zh|en` (default from `Accept-Language`). Each
 * representation is rendered once and kept in memory as bytes (the app's body cache, bounded in bytes, least recently used
 * out), served with an ETag (the JSON's content hash; a SHA-256 of the other bytes); a matching `If-None-Match`
 * gets a 304.
 *
 * The page and the Markdown say whether a later edition supersedes this one. That line changes once, when the
 * next edition is published, so their cache key holds the successor (read from the edition list on every
 * request, one small query): publishing a new edition, from this process or another, makes the previous
 * edition's page a new entry with a new ETag. The latest edition's page is served `no-cache` (revalidate: it will
 * change when superseded); a superseded page, the JSON and the CSV never change and are served `immutable`.
 * Pages show agencies' names as they are today: names set through this process render the pages anew (a browser
 * holding an `immutable` superseded page keeps the names it has).
 */
import { Editions, type Lang, NotFound, type Report } from "@tijian/core"
import { Effect } from "effect"
import type { Context } from "hono"
import { AgencyNameStore } from "../agencies/AgencyNameStore.js"
import { type ApiError, BadRequest, NotAcceptable } from "../errors.js"
import type { AppEnv, Deps } from "../http.js"
import { chooseLang } from "../i18n/lang.js"
import { reportCsv } from "@tijian/report"
import { renderEditionMarkdown, renderEditionPage, successorOf } from "../render/editionDocuments.js"
import { serverEditionUrls } from "../render/editionUrls.js"
import { viewOfReport } from "../render/loadReportView.js"
import { chooseFormat, MEDIA_TYPES, notAcceptableMessage, REPORT_FORMATS, type ReportFormat } from "../render/negotiate.js"
import { parseYear } from "../parse.js"
import { type AppServices, runOrThrow } from "../runtime.js"
import type { CachedBody } from "./BodyCache.js"
import { etagOf, noneMatchHits } from "./conditional.js"
import { htmlHeaders } from "./reports.js"

/** The formats an edition is served in. */
export const EDITION_FORMATS = REPORT_FORMATS

/** An edition format. */
export type EditionFormat = ReportFormat

const IMMUTABLE = "public, max-age=31536000, immutable"
const REVALIDATE = "no-cache"

/** The UTF-8 byte order mark: spreadsheets (Excel) need it to read a UTF-8 CSV's Chinese text. */
const BOM = "\ufeff"

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

/**
 * An edition path parameter with an optional format extension.
 *
 * @example
 * parseEditionAndExtension("2.md") // { edition: 2, extension: "md" }
 */
export const parseEditionAndExtension = (text: string): { readonly edition: number; readonly extension: string | undefined } => {
  const m = /^([^.]*)(?:\.([^.]*))?$/.exec(text)
  return { edition: parseEdition(m?.[1] ?? text), extension: m?.[2] }
}

/** The path parameters of an edition. */
export interface EditionParams {
  readonly scope: string
  readonly year: string
  readonly edition: string
}


const utf8 = new TextEncoder()

/** Serves one edition; `fallback` is the format when the request expresses no preference. */
export type EditionServer = (c: Context<AppEnv>, params: EditionParams, fallback: EditionFormat) => Promise<Response>

const makeEditionServer = (deps: Deps): EditionServer => {
  const cache = deps.bodies
  const run = <A, E extends ApiError>(effect: Effect.Effect<A, E, AppServices>) => runOrThrow(deps.runtime, effect)
  const load = (scope: string, year: number, n: number) => run(Effect.flatMap(Editions.Editions, (e) => e.get(scope, year, n)))
  const list = (scope: string, year: number) => run(Effect.flatMap(Editions.Editions, (e) => e.list(scope, year)))

  const json = (scope: string, year: number, n: number): Promise<CachedBody> =>
    cache.get(`edition/${scope}/${year}/${n}/json`, async () => {
      const edition = await load(scope, year, n)
      return { bytes: utf8.encode(edition.json), etag: `"${edition.contentHash}"` }
    })

  // agencies' names are today's: a page rendered before this process changed them is not served again
  let agencyNames: Promise<{ readonly version: () => number }> | undefined
  const namesVersion = async (format: "html" | "md" | "csv") => (format === "csv" ? 0 : (await (agencyNames ??= run(AgencyNameStore))).version())

  /**
   * A rendered representation; `successor` (the next edition's number, or 0 for none) is part of the key, and for
   * a page or Markdown (which show agencies' names) the version of the names.
   */
  const rendered = async (scope: string, year: number, n: number, format: "html" | "md" | "csv", lang: Lang, successor: number): Promise<CachedBody> =>
    cache.get(`edition/${scope}/${year}/${n}/${format}/${lang}/${successor}/${await namesVersion(format)}`, async () => {
      const edition = await load(scope, year, n)
      const editions = await list(scope, year)
      const view = await run(viewOfReport(JSON.parse(edition.json) as Report))
      const urls = serverEditionUrls(edition.scope, edition.year)
      const text =
        format === "html"
          ? renderEditionPage(view, edition, editions, lang, urls)
          : format === "md"
            ? renderEditionMarkdown(view, edition, editions, lang, urls)
            : BOM + reportCsv(view, lang)
      const bytes = utf8.encode(text)
      return { bytes, etag: etagOf(bytes) }
    })

  return async (c, params, fallback) => {
    const year = parseYear(params.year)
    const { edition: n, extension } = parseEditionAndExtension(params.edition)
    const format = chooseFormat({ extension, query: c.req.query("format"), accept: c.req.header("accept"), fallback })
    c.header("Vary", "Accept, Accept-Language")
    if (format === "not-acceptable") {
      throw new NotAcceptable({ message: notAcceptableMessage(c.req.header("accept")), details: { formats: EDITION_FORMATS } })
    }
    let served: CachedBody["body"]
    let cacheControl = IMMUTABLE
    if (format === "json") served = (await json(params.scope, year, n)).body
    else {
      const lang = chooseLang(c.req.query("lang"), c.req.header("accept-language"))
      const editions = await list(params.scope, year)
      if (!editions.some((e) => e.edition === n)) {
        throw new NotFound({ reason: "edition", message: `${params.scope} ${year} has no edition ${n}; see .../editions for the list` })
      }
      const successor = format === "csv" ? null : successorOf(editions, n, serverEditionUrls(params.scope, year), lang)
      if (format !== "csv" && successor === null) cacheControl = REVALIDATE
      served = (await rendered(params.scope, year, n, format, lang, successor?.edition ?? 0)).body
      if (format === "md" || format === "csv") {
        const filename = `${params.scope}-${year}-edition-${n}-${lang}.${format}`
        c.header("Content-Disposition", `${format === "md" ? "inline" : "attachment"}; filename="${filename}"`)
      }
    }
    c.header("ETag", served.etag)
    c.header("Cache-Control", cacheControl)
    if (format === "html") htmlHeaders(c)
    if (noneMatchHits(c.req.header("if-none-match"), served.etag)) return c.body(null, 304)
    const type = `${MEDIA_TYPES[format][0]}; charset=utf-8${format === "csv" ? "; header=present" : ""}`
    return c.body(served.bytes, 200, { "Content-Type": type })
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

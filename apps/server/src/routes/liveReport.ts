/**
 * The live report's bodies, rendered once per change and kept in the app's body cache. A body is keyed by what
 * it shows: scope, year, format, language, the `asOf` asked for, `approvedOnly`, and the data it rests on — the database's
 * latest change (the write clock, read on every request with `ObservationStore.lastChangeReader`, a query compiled
 * once and run without a fiber: some 15 µs on SQLite where `lastChange` through the runtime costs ~200 µs under
 * load; one round trip on PostgreSQL) and the app's write generation (bumped by every write this process serves, which
 * catches writes that do not move the clock, such as publishing an edition). Any write, by this process or
 * another, thus changes the key, and the next request renders anew; the old bodies age out of the cache.
 *
 * A request with an `asOf` at or before the latest change reads a past that no later write can change (a write
 * still in flight commits with a later stamp), so its key leaves the latest change out: it stays cached across
 * writes of other processes. A later `asOf` is keyed like the latest report.
 *
 * A body renders only from the key's parts (the latest report renders as of the change it is keyed by; links
 * name the canonical page, never the request's own path or query), so whoever asks the same gets the same bytes.
 */
import { Database, Editions, Engine, type Lang, ObservationStore } from "@tijian/core"
import { DEFAULT_LANG, reportCsv, reportHtml, reportMarkdown, withQuery } from "@tijian/report"
import { Effect } from "effect"
import type { Deps } from "../http.js"
import { serverEditionUrls } from "../render/editionUrls.js"
import { loadReportView } from "../render/loadReportView.js"
import { MEDIA_TYPES, type ReportFormat } from "../render/negotiate.js"
import { runOrThrow } from "../runtime.js"
import type { CachedBody, ServedBody } from "./BodyCache.js"
import { etagOf } from "./conditional.js"

/** The UTF-8 byte order mark: spreadsheets (Excel) need it to read a UTF-8 CSV's Chinese text. */
const BOM = "\ufeff"

const utf8 = new TextEncoder()

/** One live report representation, as a request asks for it. */
export interface LiveReportRequest {
  /** The scope as given in the path (a region code or group id). */
  readonly scope: string
  readonly year: number
  readonly format: ReportFormat
  /** The language of a rendered format (default `DEFAULT_LANG`; JSON has none). */
  readonly lang?: Lang
  /** `?asOf=` as given (links repeat it), and its canonical time. */
  readonly asOf?: { readonly param: string; readonly time: string }
  /** `?approvedOnly=true`: approved values only. */
  readonly approvedOnly?: boolean
}

const reportPath = (scope: string, year: number) => `/api/v1/reports/${encodeURIComponent(scope)}/${year}`
const pagePath = (scope: string, year: number) => `/reports/${encodeURIComponent(scope)}/${year}`

/** Renders `request` as of `asOf` into the bytes served, with their type and disposition. */
const render = async (deps: Deps, request: LiveReportRequest, asOf: string): Promise<ServedBody> => {
  const { year, format } = request
  const approvedOnly = request.approvedOnly === true
  const lang = request.lang ?? DEFAULT_LANG
  const served = (text: string, headers: Record<string, string>): ServedBody => {
    const bytes = utf8.encode(text)
    return { bytes, etag: etagOf(bytes), headers }
  }
  const type = `${MEDIA_TYPES[format][0]}; charset=utf-8`
  const timer = deps.metrics.evaluationSeconds.startTimer()
  if (format === "json") {
    const report = await runOrThrow(deps.runtime, Effect.flatMap(Engine.Engine, (engine) => engine.evaluate({ scope: request.scope, year, asOf, approvedOnly })))
    timer()
    return served(JSON.stringify(report), { "Content-Type": type })
  }
  const view = await runOrThrow(deps.runtime, loadReportView({ scope: request.scope, year, asOf, approvedOnly }))
  timer()
  const scope = view.report.scope.code
  const filename = `${scope}-${year}-${lang}`
  if (format === "md") return served(reportMarkdown(view, lang), { "Content-Type": type, "Content-Disposition": `inline; filename="${filename}.md"` })
  if (format === "csv") {
    return served(BOM + reportCsv(view, lang), { "Content-Type": `${type}; header=present`, "Content-Disposition": `attachment; filename="${filename}.csv"` })
  }
  const keep = { asOf: request.asOf?.param, approvedOnly: approvedOnly ? "true" : undefined }
  const urls = serverEditionUrls(scope, year)
  const editions = await runOrThrow(deps.runtime, Effect.flatMap(Editions.Editions, (e) => e.list(scope, year)))
  const html = reportHtml(view, lang, {
    hrefIn: (l) => withQuery(pagePath(scope, year), new URLSearchParams(), { lang: l, ...keep }),
    indexHref: withQuery("/", new URLSearchParams(), { lang }),
    formats: [
      { label: "JSON", href: withQuery(`${reportPath(scope, year)}.json`, new URLSearchParams(), keep), type: MEDIA_TYPES.json[0]! },
      { label: "Markdown", href: withQuery(`${reportPath(scope, year)}.md`, new URLSearchParams(), { ...keep, lang }), type: MEDIA_TYPES.md[0]! },
      { label: "CSV", href: withQuery(`${reportPath(scope, year)}.csv`, new URLSearchParams(), { ...keep, lang }), type: MEDIA_TYPES.csv[0]! },
    ],
    editions: editions.map((e) => ({ edition: e.edition, href: urls.edition(e.edition, lang), publishedAt: e.publishedAt })),
    editionsHref: urls.list(lang),
  })
  return served(html.toString(), { "Content-Type": type })
}

// one reader of the write clock per app, made on first use (the database opens with the runtime)
const clocks = new WeakMap<Deps, Promise<() => Promise<string | null>>>()

/** The latest change's stamp (`EPOCH` before the first write), read without a fiber: see `lastChangeReader`. */
const latestChange = async (deps: Deps): Promise<string> => {
  let clock = clocks.get(deps)
  if (!clock) {
    clock = runOrThrow(deps.runtime, Effect.map(Database.Database, (database) => ObservationStore.lastChangeReader(database.db)))
    clocks.set(deps, clock)
    clock.catch(() => clocks.delete(deps))
  }
  return (await (await clock)()) ?? ObservationStore.EPOCH
}

/**
 * The body of a live report, from the app's cache or rendered now.
 *
 * @example
 * const { body, cache } = await liveReportBody(deps, { scope: "YRD", year: 2022, format: "html", lang: "zh" })
 */
export const liveReportBody = async (deps: Deps, request: LiveReportRequest): Promise<CachedBody> => {
  const latest = await latestChange(deps)
  const fixedPast = request.asOf !== undefined && request.asOf.time <= latest
  const key = [
    "live",
    deps.writes.current(),
    fixedPast ? "" : latest,
    request.scope,
    request.year,
    request.format,
    request.format === "json" ? "" : (request.lang ?? DEFAULT_LANG),
    request.asOf?.param ?? "",
    request.approvedOnly === true ? "approved" : "",
  ].join("\u0000")
  return deps.bodies.get(key, () => render(deps, request, request.asOf?.time ?? latest))
}

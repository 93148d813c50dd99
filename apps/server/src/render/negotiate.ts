/**
 * Choosing a report's format: the extension on the year (`2022.md`) wins, then `?format=`, then the `Accept`
 * header (by quality; the most specific range that matches a type gives its quality), then the route's
 * default. An unknown extension or `format` is a 400 listing the formats; an `Accept` header that rules
 * out every format is a 406.
 */
import { BadRequest } from "../errors.js"
import { parseYear } from "../parse.js"

/** The formats a report is served in. */
export const REPORT_FORMATS = ["json", "html", "md", "csv"] as const

/** A report format. */
export type ReportFormat = (typeof REPORT_FORMATS)[number]

/** The media types of each format; the first is the one served. */
export const MEDIA_TYPES: Readonly<Record<ReportFormat, ReadonlyArray<string>>> = {
  json: ["application/json"],
  html: ["text/html", "application/xhtml+xml"],
  md: ["text/markdown", "text/x-markdown"],
  csv: ["text/csv"],
}

const ALIASES: Readonly<Record<string, ReportFormat>> = { json: "json", html: "html", htm: "html", md: "md", markdown: "md", csv: "csv" }

const listing = `${REPORT_FORMATS.join(", ")} (or Accept: ${REPORT_FORMATS.map((f) => MEDIA_TYPES[f][0]).join(", ")})`

/**
 * Splits a `year` path parameter into the year and an optional extension.
 *
 * @example
 * parseYearAndExtension("2022.md") // { year: 2022, extension: "md" }
 */
export const parseYearAndExtension = (param: string): { readonly year: number; readonly extension: string | undefined } => {
  const m = /^([^.]*)(?:\.([^.]*))?$/.exec(param)
  return { year: parseYear(m?.[1] ?? param), extension: m?.[2] }
}

const byName = (name: string, where: string): ReportFormat => {
  const format = ALIASES[name.toLowerCase()]
  if (format) return format
  throw new BadRequest({ message: `unknown report format "${name}" (${where}); the formats are ${listing}`, details: { formats: REPORT_FORMATS } })
}

/**
 * The format an `Accept` header prefers among ours, `fallback` when it accepts anything (or is absent) and
 * ties, or undefined when it accepts none of ours.
 *
 * @example
 * fromAccept("text/html,application/xhtml+xml,application/xml;q=0.9,*\/*;q=0.8", "json") // "html"
 * fromAccept("*\/*", "json") // "json"
 * fromAccept("image/png", "json") // undefined
 */
export const fromAccept = (header: string | undefined, fallback: ReportFormat): ReportFormat | undefined => {
  if (!header || header.trim() === "") return fallback
  const ranges = header.split(",").flatMap((part, index) => {
    const [type = "", ...params] = part.trim().toLowerCase().split(";")
    const q = params.map((p) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined)
    const [main, sub] = type.trim().split("/")
    return main && sub ? [{ main, sub, q: q === undefined ? 1 : Number(q), index }] : []
  })
  const quality = (media: string) => {
    const [main, sub] = media.split("/")
    const matching = ranges
      .filter((r) => (r.main === main && (r.sub === sub || r.sub === "*")) || (r.main === "*" && r.sub === "*"))
      .map((r) => ({ ...r, specificity: r.main === "*" ? 0 : r.sub === "*" ? 1 : 2 }))
      .sort((a, b) => b.specificity - a.specificity)
    const best = matching[0]
    return best ? { q: best.q, index: best.specificity === 0 ? Number.POSITIVE_INFINITY : best.index } : { q: 0, index: Number.POSITIVE_INFINITY }
  }
  const scored = REPORT_FORMATS.map((format) => {
    const qs = MEDIA_TYPES[format].map(quality).sort((a, b) => b.q - a.q || a.index - b.index)
    return { format, ...qs[0]! }
  }).filter((s) => s.q > 0 && Number.isFinite(s.q))
  if (scored.length === 0) return undefined
  const top = Math.max(...scored.map((s) => s.q))
  const best = scored.filter((s) => s.q === top).sort((a, b) => a.index - b.index)
  if (best.some((s) => s.format === fallback) && best[0]!.index === Number.POSITIVE_INFINITY) return fallback
  return best[0]!.format
}

/** What the request asks for. */
export interface FormatRequest {
  readonly extension: string | undefined
  readonly query: string | undefined
  readonly accept: string | undefined
  readonly fallback: ReportFormat
}

/**
 * The format to serve, or `"not-acceptable"` when `Accept` rules out every format. Throws `BadRequest` for
 * an unknown extension or `format`.
 */
export const chooseFormat = (request: FormatRequest): ReportFormat | "not-acceptable" => {
  if (request.extension !== undefined) return byName(request.extension, `extension ".${request.extension}"`)
  if (request.query !== undefined) return byName(request.query, `?format=${request.query}`)
  return fromAccept(request.accept, request.fallback) ?? "not-acceptable"
}

/** The message of a 406, listing the formats. */
export const notAcceptableMessage = (accept: string | undefined): string =>
  `none of the report formats matches Accept: ${accept ?? ""}; the formats are ${listing}, or ?format=`

/**
 * Where edition documents link: one interface, two layouts. The server's (absolute paths under `/reports` and
 * `/api/v1`, language in `?lang=`) and the static site's (relative file names in one folder per scope and year,
 * Chinese without a language suffix, English with `.en`: `1.html`, `1.en.html`, `1.md`, `1.en.md`, ...).
 */
import type { Lang } from "@tijian/core"
import { type FormatLink, withQuery } from "@tijian/report"
import { MEDIA_TYPES } from "./negotiate.js"

/** The links of the edition documents of one scope and year. */
export interface EditionUrls {
  readonly index: (lang: Lang) => string
  /** The live report; undefined where there is none (a static site). */
  readonly current: ((lang: Lang) => string) | undefined
  readonly list: (lang: Lang) => string
  readonly listFormats: () => ReadonlyArray<FormatLink>
  readonly edition: (edition: number, lang: Lang) => string
  readonly editionFormats: (edition: number, lang: Lang) => ReadonlyArray<FormatLink>
  readonly diff: (from: number, to: number, lang: Lang) => string
  readonly diffFormats: (from: number, to: number) => ReadonlyArray<FormatLink>
}

const json = (href: string): FormatLink => ({ label: "JSON", href, type: MEDIA_TYPES.json[0]! })
const markdown = (href: string): FormatLink => ({ label: "Markdown", href, type: MEDIA_TYPES.md[0]! })
const csv = (href: string): FormatLink => ({ label: "CSV", href, type: MEDIA_TYPES.csv[0]! })

/**
 * The server's links: pages under `/reports/...`, other formats under `/api/v1/reports/...`.
 *
 * @example
 * serverEditionUrls("YRD", 2022).diff(1, 2, "en") // "/reports/YRD/2022/editions/1/diff/2?lang=en"
 */
export const serverEditionUrls = (scope: string, year: number): EditionUrls => {
  const base = `/reports/${encodeURIComponent(scope)}/${year}`
  const lang = (path: string, l: Lang) => withQuery(path, new URLSearchParams(), { lang: l })
  return {
    index: (l) => lang("/", l),
    current: (l) => lang(base, l),
    list: (l) => lang(`${base}/editions`, l),
    listFormats: () => [json(`/api/v1${base}/editions`)],
    edition: (n, l) => lang(`${base}/editions/${n}`, l),
    editionFormats: (n, l) => [json(`/api/v1${base}/editions/${n}`), markdown(lang(`/api/v1${base}/editions/${n}.md`, l)), csv(lang(`/api/v1${base}/editions/${n}.csv`, l))],
    diff: (a, b, l) => lang(`${base}/editions/${a}/diff/${b}`, l),
    diffFormats: (a, b) => [json(`/api/v1${base}/editions/${a}/diff/${b}`)],
  }
}

/** The suffix of a language in the static site's file names: none for Chinese (the default), `.en` for English. */
export const langSuffix = (lang: Lang): string => (lang === "zh" ? "" : `.${lang}`)

/** The static site's file names inside `reports/{scope}/{year}/editions/`, relative to that folder. */
export const siteFiles = {
  list: (l: Lang) => `index${langSuffix(l)}.html`,
  listJson: "editions.json",
  edition: (n: number, l: Lang) => `${n}${langSuffix(l)}.html`,
  editionJson: (n: number) => `${n}.json`,
  editionMarkdown: (n: number, l: Lang) => `${n}${langSuffix(l)}.md`,
  editionCsv: (n: number, l: Lang) => `${n}${langSuffix(l)}.csv`,
  diff: (a: number, b: number, l: Lang) => `diff-${a}-${b}${langSuffix(l)}.html`,
  diffJson: (a: number, b: number) => `diff-${a}-${b}.json`,
} as const

/**
 * The static site's links from a page in `reports/{scope}/{year}/editions/` (four folders below the root).
 *
 * @example
 * siteEditionUrls().edition(2, "en") // "2.en.html"
 * siteEditionUrls().index("zh")      // "../../../../index.html"
 */
export const siteEditionUrls = (): EditionUrls => ({
  index: (l) => `../../../../index${langSuffix(l)}.html`,
  current: undefined,
  list: siteFiles.list,
  listFormats: () => [json(siteFiles.listJson)],
  edition: siteFiles.edition,
  editionFormats: (n, l) => [json(siteFiles.editionJson(n)), markdown(siteFiles.editionMarkdown(n, l)), csv(siteFiles.editionCsv(n, l))],
  diff: siteFiles.diff,
  diffFormats: (a, b) => [json(siteFiles.diffJson(a, b))],
})

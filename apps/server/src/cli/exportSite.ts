/**
 * `tijian export-site --out DIR [--scope S] [--year Y]`: writes the published editions as a static folder that
 * any web server or file share can serve (the Open SDG deployment model, for offices that cannot run a Node
 * server). Every link is relative and stays inside the folder. Layout (Chinese without a language suffix,
 * English with `.en`):
 *
 *   index.html, index.en.html                         the reports that have editions
 *   reports/{scope}/{year}/editions/index(.en).html   the list of editions; editions.json beside it
 *   reports/{scope}/{year}/editions/{n}(.en).html     an edition's page; {n}.json, {n}(.en).md, {n}(.en).csv
 *   reports/{scope}/{year}/editions/diff-{a}-{b}(.en).html, diff-{a}-{b}.json   consecutive editions compared
 */
import { Editions, type Lang, Registry, type Report } from "@tijian/core"
import { type Catalog, indexHtml, LANGS, reportCsv } from "@tijian/report"
import { Effect } from "effect"
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs"
import { dirname, join, resolve } from "node:path"
import { parseYear } from "../parse.js"
import { editionDiffJson, renderEditionDiff, renderEditionList, renderEditionMarkdown, renderEditionPage } from "../render/editionDocuments.js"
import { langSuffix, siteEditionUrls, siteFiles } from "../render/editionUrls.js"
import { viewOfReport } from "../render/loadReportView.js"
import { readArgs, required } from "./args.js"
import { type CliIo, EXIT, UsageError, UserError } from "./io.js"
import { withSession } from "./session.js"

/** Usage of `export-site`. */
export const EXPORT_SITE_USAGE = `usage:
  pnpm tijian export-site --out <folder> [--scope <code>] [--year <year>]

  Writes every published edition (or those of --scope / --year) as a static site into <folder>, which must be
  new or empty: index.html (Chinese) and index.en.html (English); per report, reports/<scope>/<year>/editions/
  with the list of editions (index.html, index.en.html, editions.json), each edition as <n>.html, <n>.en.html,
  <n>.json, <n>.md, <n>.en.md, <n>.csv, <n>.en.csv, and the differences of consecutive editions
  (diff-<a>-<b>.html, .en.html, .json). All links are relative: serve the folder with any web server, or open
  it from a file share.
`

/** The UTF-8 byte order mark: spreadsheets (Excel) need it to read a UTF-8 CSV's Chinese text. */
const BOM = "\ufeff"

const SAFE_CODE = /^[A-Za-z0-9_-]+$/

/** The folder of a report's editions, relative to the site's root. */
export const editionsFolder = (scope: string, year: number): string => join("reports", scope, String(year), "editions")

/** Runs `export-site`. */
export const exportSiteCommand = async (argv: ReadonlyArray<string>, io: CliIo): Promise<number> => {
  const args = readArgs(argv, { out: { type: "string" }, scope: { type: "string" }, year: { type: "string" } }, EXPORT_SITE_USAGE)
  if (args.help) {
    io.stdout(EXPORT_SITE_USAGE)
    return EXIT.ok
  }
  if (args.positionals.length > 0) throw new UsageError(`export-site takes no positional arguments, not "${args.positionals.join(" ")}"`, EXPORT_SITE_USAGE)
  const out = resolve(io.cwd, required(args.values.out, "out", EXPORT_SITE_USAGE))
  const scopeFilter = args.values.scope?.trim()
  let yearFilter: number | undefined
  try {
    yearFilter = args.values.year === undefined ? undefined : parseYear(args.values.year.trim(), "--year")
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e), EXPORT_SITE_USAGE)
  }
  if (existsSync(out) && readdirSync(out).length > 0) {
    throw new UserError(`${out} is not empty; export into a new or empty folder (the export never overwrites or deletes files)`)
  }

  return withSession(io, async (s) => {
    const registry = await s.run(Registry.Registry)
    if (scopeFilter !== undefined && !registry.regions.has(scopeFilter)) {
      throw new UserError(`no region or group has the code "${scopeFilter}" (pnpm tijian export-site --help)`)
    }
    const all = (await s.run(Effect.flatMap(Editions.Editions, (e) => e.all()))).filter(
      (e) => (scopeFilter === undefined || e.scope === scopeFilter) && (yearFilter === undefined || e.year === yearFilter),
    )
    const byReport = new Map<string, Array<Editions.EditionInfo>>()
    for (const e of all) {
      if (!SAFE_CODE.test(e.scope)) {
        io.stderr(`skipped ${e.scope} ${e.year}: its code has characters a file name cannot carry\n`)
        continue
      }
      const key = `${e.scope}/${e.year}`
      byReport.set(key, [...(byReport.get(key) ?? []), e])
    }

    let files = 0
    const write = (path: string, text: string) => {
      const full = join(out, path)
      mkdirSync(dirname(full), { recursive: true })
      writeFileSync(full, text)
      files++
    }
    const urls = siteEditionUrls()

    for (const editions of byReport.values()) {
      const { scope, year } = editions[0]!
      const folder = editionsFolder(scope, year)
      const stored = await Promise.all(editions.map((e) => s.run(Effect.flatMap(Editions.Editions, (x) => x.get(scope, year, e.edition)))))
      const report = JSON.parse(stored.at(-1)!.json) as Report
      for (const lang of LANGS) write(join(folder, siteFiles.list(lang)), renderEditionList({ code: scope, name: report.scope.name }, year, editions, lang, urls))
      write(join(folder, siteFiles.listJson), `${JSON.stringify({ editions }, null, 2)}\n`)
      for (const edition of stored) {
        const view = await s.run(viewOfReport(JSON.parse(edition.json) as Report))
        write(join(folder, siteFiles.editionJson(edition.edition)), edition.json)
        for (const lang of LANGS) {
          write(join(folder, siteFiles.edition(edition.edition, lang)), renderEditionPage(view, edition, editions, lang, urls))
          write(join(folder, siteFiles.editionMarkdown(edition.edition, lang)), renderEditionMarkdown(view, edition, editions, lang, urls))
          write(join(folder, siteFiles.editionCsv(edition.edition, lang)), BOM + reportCsv(view, lang))
        }
      }
      for (let i = 1; i < stored.length; i++) {
        const pair = { from: stored[i - 1]!, to: stored[i]! }
        const [a, b] = [pair.from.edition, pair.to.edition]
        write(join(folder, siteFiles.diffJson(a, b)), `${JSON.stringify(editionDiffJson(scope, year, pair), null, 2)}\n`)
        for (const lang of LANGS) write(join(folder, siteFiles.diff(a, b, lang)), renderEditionDiff(pair, (id) => registry.indicator(id), lang, urls))
      }
    }

    const catalog = siteCatalog(registry, byReport)
    const latest = (code: string, year: number) => byReport.get(`${code}/${year}`)!.at(-1)!.edition
    for (const lang of LANGS) {
      const page = indexHtml(catalog, lang, {
        hrefIn: (l: Lang) => `index${langSuffix(l)}.html`,
        reportHref: (code, year, l) => `${editionsFolder(code, year)}/${siteFiles.edition(latest(code, year), l)}`,
        editionsLink: (code, year, l) => {
          const count = byReport.get(`${code}/${year}`)?.length
          return count ? { href: `${editionsFolder(code, year)}/${siteFiles.list(l)}`, count } : undefined
        },
      })
      write(`index${langSuffix(lang)}.html`, page.toString())
    }
    io.stdout(`wrote ${files} files to ${out}: ${all.length} edition${all.length === 1 ? "" : "s"} of ${byReport.size} report${byReport.size === 1 ? "" : "s"}; open index.html (中文) or index.en.html (English)\n`)
    return EXIT.ok
  })
}

/** The index's catalogue: the regions and groups that have editions, with those years. */
const siteCatalog = (registry: Registry.Registry["Type"], byReport: ReadonlyMap<string, ReadonlyArray<Editions.EditionInfo>>): Catalog => {
  const years = new Map<string, Array<number>>()
  for (const editions of byReport.values()) {
    const { scope, year } = editions[0]!
    years.set(scope, [...(years.get(scope) ?? []), year].sort((a, b) => a - b))
  }
  return {
    regions: registry.regions.regions
      .filter((r) => years.has(r.code))
      .map((r) => ({ code: r.code, name: { zh: r.nameZh, en: r.nameEn }, level: r.level, years: years.get(r.code)! })),
    groups: registry.regions.groups
      .filter((g) => years.has(g.code))
      .map((g) => ({ code: g.code, name: { zh: g.nameZh, en: g.nameEn }, members: g.members.length, years: years.get(g.code)! })),
  }
}

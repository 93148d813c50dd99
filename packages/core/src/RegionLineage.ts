/**
 * Codes over time. China's division codes change: Wujiang was the county-level city 320584 until 2012, then
 * Wujiang District 320509 of Suzhou. A curated change list (`data/region-changes.csv`, each line citing its notice)
 * says which code was retired when and what succeeded it, so a series survives its region's code change: values
 * are registered under the current code (a value under a retired code for a year from its retirement on is refused,
 * naming the successor), and a report on the successor says which code the unit had before.
 *
 * Kinds: `recode` (the same unit under a new code), `merge` (absorbed into the successor), `split` (one line per
 * successor), `rename` (the code stays, the name changes: `from` and `to` are the same code). Re-parenting a code
 * without a new code is a change of `parent` in `regions.csv` and is not listed here.
 */
import { parseCsvRecords } from "./internal/csv.js"
import type { I18nText } from "./Text.js"

/** The kinds of change. */
export const REGION_CHANGE_KINDS = ["recode", "merge", "split", "rename"] as const
export type RegionChangeKind = (typeof REGION_CHANGE_KINDS)[number]

/** One line of the change list: from `year` on, `from` is succeeded by `to` (for a rename, renamed). */
export interface RegionChange {
  /** The line of the file (for messages), 2 for the first data line. */
  readonly line: number
  readonly year: number
  readonly kind: RegionChangeKind
  readonly from: string
  /** The name `from` had before the change. */
  readonly fromName: I18nText
  readonly to: string
  /** The notice that made the change (State Council approval, Ministry of Civil Affairs list). */
  readonly source: string
}

/** A code no longer in use: its name, the first year it no longer stands for, and what succeeded it. */
export interface RetiredRegion {
  readonly code: string
  readonly name: I18nText
  /** The first year whose values belong to the successors: the code stands for years before it. */
  readonly retiredIn: number
  readonly successors: ReadonlyArray<{ readonly code: string; readonly kind: RegionChangeKind; readonly source: string }>
}

/** What a code was before: an earlier code (recode, merge, split) or an earlier name (rename), until `until` - 1. */
export interface Predecessor {
  readonly code: string
  readonly name: I18nText
  readonly kind: RegionChangeKind
  /** The year of the change: the predecessor stood for the years before it. */
  readonly until: number
  readonly source: string
}

/** Reads the change list (columns year, kind, from, from_name_zh, from_name_en, to, source); problems name the line, and malformed lines are left out of `changes`. */
export const regionChangesFromCsv = (text: string): { readonly changes: ReadonlyArray<RegionChange>; readonly problems: ReadonlyArray<string> } => {
  const changes: Array<RegionChange> = []
  const problems: Array<string> = []
  parseCsvRecords(text).forEach((r, i) => {
    const line = i + 2
    const year = Number(r.year)
    const kind = r.kind as RegionChangeKind
    const before = problems.length
    if (!Number.isInteger(year)) problems.push(`region-changes line ${line}: year "${r.year ?? ""}" is not a whole year`)
    if (!REGION_CHANGE_KINDS.includes(kind)) problems.push(`region-changes line ${line}: kind "${r.kind ?? ""}" is not one of ${REGION_CHANGE_KINDS.join(", ")}`)
    if (!r.from || !r.to) problems.push(`region-changes line ${line}: from and to must both be codes`)
    if (!r.source) problems.push(`region-changes line ${line}: source is empty; cite the notice that made the change`)
    // a malformed line is not checked against the codes: its problems above say what to fix
    if (problems.length === before) changes.push({ line, year, kind, from: r.from ?? "", fromName: { zh: r.from_name_zh ?? "", en: r.from_name_en ?? "" }, to: r.to ?? "", source: r.source ?? "" })
  })
  return { changes, problems }
}

/**
 * The lineage of a region set's codes, validated against its current codes: each problem names the line. A retired
 * code that is still current, retired twice, or succeeded by a code that does not exist (neither current nor retired
 * by another line) or was itself retired by then; a rename of an unknown code or to another code; succession that
 * loops back to where it started.
 */
export class RegionLineage {
  private constructor(
    readonly changes: ReadonlyArray<RegionChange>,
    private readonly retiredByCode: ReadonlyMap<string, RetiredRegion>,
  ) {}

  /** No changes. */
  static readonly empty = new RegionLineage([], new Map())

  static validate(changes: ReadonlyArray<RegionChange>, isCurrent: (code: string) => boolean): { readonly lineage: RegionLineage } | { readonly problems: ReadonlyArray<string> } {
    const problems: Array<string> = []
    const retired = new Map<string, { name: I18nText; retiredIn: number; line: number; successors: Array<{ code: string; kind: RegionChangeKind; source: string }> }>()
    for (const c of changes) {
      const where = `region-changes line ${c.line}`
      if (c.kind === "rename") {
        if (c.from !== c.to) problems.push(`${where}: a rename keeps its code, but from ${c.from} and to ${c.to} differ (a new code is a recode)`)
        else if (!isCurrent(c.from)) problems.push(`${where}: renames ${c.from}, which is not a current region`)
        continue
      }
      if (c.from === c.to) problems.push(`${where}: ${c.kind} from ${c.from} to itself`)
      if (isCurrent(c.from)) problems.push(`${where}: ${c.from} is retired in ${c.year} but is still a current region in regions.csv (overlapping validity)`)
      const seen = retired.get(c.from)
      if (seen && seen.retiredIn !== c.year) {
        problems.push(`${where}: ${c.from} is retired in ${c.year}, but line ${seen.line} retires it in ${seen.retiredIn} (overlapping validity)`)
        continue
      }
      if (seen && c.kind !== "split") problems.push(`${where}: ${c.from} already has a successor on line ${seen.line}; only a split lists several`)
      const entry = seen ?? { name: c.fromName, retiredIn: c.year, line: c.line, successors: [] }
      entry.successors.push({ code: c.to, kind: c.kind, source: c.source })
      retired.set(c.from, entry)
    }
    for (const c of changes) {
      if (c.kind === "rename") continue
      const where = `region-changes line ${c.line}`
      const successor = retired.get(c.to)
      if (!isCurrent(c.to) && !successor) problems.push(`${where}: the successor ${c.to} of ${c.from} is neither a current region nor retired by another line`)
      else if (successor && successor.retiredIn <= c.year) {
        problems.push(`${where}: the successor ${c.to} of ${c.from} was itself retired in ${successor.retiredIn}, not after this change in ${c.year}`)
      }
    }
    // succession that comes back to where it started
    for (const [code, entry] of retired) {
      const stack = entry.successors.map((s) => s.code)
      const seen = new Set<string>()
      while (stack.length > 0) {
        const next = stack.pop()!
        if (next === code) {
          problems.push(`region-changes line ${entry.line}: succession from ${code} loops back to it`)
          break
        }
        if (seen.has(next)) continue
        seen.add(next)
        for (const s of retired.get(next)?.successors ?? []) stack.push(s.code)
      }
    }
    if (problems.length > 0) return { problems }
    const byCode = new Map([...retired].map(([code, e]): [string, RetiredRegion] => [code, { code, name: e.name, retiredIn: e.retiredIn, successors: e.successors }]))
    return { lineage: new RegionLineage(changes, byCode) }
  }

  /** The retired code, or undefined when `code` was never retired. */
  retired(code: string): RetiredRegion | undefined {
    return this.retiredByCode.get(code)
  }

  /** Every retired code. */
  get retiredCodes(): ReadonlyArray<RetiredRegion> {
    return [...this.retiredByCode.values()]
  }

  /** What `code` was before, latest change first: earlier codes that it succeeded, and earlier names. */
  predecessorsOf(code: string): ReadonlyArray<Predecessor> {
    return this.changes
      .filter((c) => c.to === code)
      .map((c) => ({ code: c.from, name: c.fromName, kind: c.kind, until: c.year, source: c.source }))
      .sort((a, b) => b.until - a.until)
  }

  /**
   * The years `code` stands for, as far as the change list knows: `from` is the year a recode or a split brought the
   * code into use (320509: 2012), `to` the last year a retired code stands for (320584: 2011). Null where the list
   * does not say: a code in use before every listed change, a code still in use, or the successor of a merge (which
   * may have kept the code it had, or been given a new one: the list does not tell which).
   *
   * @example
   * lineage.validity("320509") // { from: 2012, to: null }
   * lineage.validity("320584") // { from: null, to: 2011 }
   */
  validity(code: string): { readonly from: number | null; readonly to: number | null } {
    const starts = this.changes.filter((c) => c.to === code && (c.kind === "recode" || c.kind === "split")).map((c) => c.year)
    const retired = this.retiredByCode.get(code)
    return { from: starts.length > 0 ? Math.min(...starts) : null, to: retired ? retired.retiredIn - 1 : null }
  }

  /**
   * The code a one-to-one recode gave `code` (320584 -> 320509), or undefined when `code` was not recoded (current,
   * unknown, merged or split).
   */
  recodedAs(code: string): string | undefined {
    const r = this.retiredByCode.get(code)
    return r !== undefined && r.successors.length === 1 && r.successors[0]!.kind === "recode" ? r.successors[0]!.code : undefined
  }

  /**
   * Whether a value for `year` may be registered under the retired `code`: a recoded code for the years before its
   * change (the value joins its successor's series).
   */
  accepts(code: string, year: number): boolean {
    const r = this.retiredByCode.get(code)
    return r !== undefined && this.recodedAs(code) !== undefined && year < r.retiredIn
  }

  /**
   * Why a value for `year` cannot be registered under `code`, or undefined when it can (the code is not retired, or
   * was recoded and stood for that year: its value joins the successor's series).
   *
   * @example
   * lineage.refusal("320584", 2013) // "320584 (Wujiang City) was retired in 2012: recoded as 320509; register 2012 and later values under 320509"
   */
  refusal(code: string, year: number): string | undefined {
    const r = this.retiredByCode.get(code)
    if (!r) return undefined
    const to = r.successors.map((s) => s.code).join(", ")
    const how = r.successors[0]!.kind === "recode" ? `recoded as ${to}` : r.successors[0]!.kind === "merge" ? `merged into ${to}` : `split into ${to}`
    const name = r.name.en || r.name.zh
    const why = `${code}${name ? ` (${name})` : ""} was retired in ${r.retiredIn}: ${how} (${r.successors[0]!.source})`
    if (year >= r.retiredIn) return `${why}; register ${r.retiredIn} and later values under ${r.successors.length === 1 ? to : `one of ${to}`}`
    if (this.accepts(code, year)) return undefined
    return `${why}; the territory changed, so its earlier figures are not joined to ${to}'s series: register values of ${year} for ${r.successors.length === 1 ? to : `the successor that covers the area (${to})`} as that unit's figures, and the report notes the earlier code`
  }
}

/**
 * Comparison across the members of a group: one ranking table per indicator, from each member's own report
 * for the same year and as-of time. Members are ranked by value in the indicator's better direction (for a
 * band indicator, by the distance to the band of its target); values equal at the indicator's decimals
 * share a rank (1, 1, 3); members without a value come last, unranked.
 */
import { type Evaluation, type I18nText, type ProgressStatus, type Report, roundTo } from "@tijian/core"

/** How a table is ranked. */
export type RankedBy = "value-descending" | "value-ascending" | "distance-to-band" | "not-ranked"

/** One member in a ranking table. */
export interface RankedMember {
  readonly code: string
  readonly name: I18nText
  /** 1 = best; equal values share a rank; null when the member has no value (or the table is not ranked). */
  readonly rank: number | null
  readonly value: number | null
  /** The distance to the target band, for band indicators ranked by it. */
  readonly distance: number | null
  readonly grade: I18nText | null
  readonly progress: ProgressStatus
}

/** The ranking table of one indicator. */
export interface RankingTable {
  readonly indicator: string
  readonly name: I18nText
  readonly unit: I18nText
  readonly decimals: number
  readonly rankedBy: RankedBy
  /** How many members have a value. */
  readonly withValue: number
  readonly members: ReadonlyArray<RankedMember>
}

/** The comparison of a group's members. */
export interface Comparison {
  readonly scope: string
  readonly year: number
  readonly members: ReadonlyArray<{ readonly code: string; readonly name: I18nText }>
  /** Indicators at least one member has a value for, in report order. */
  readonly tables: ReadonlyArray<RankingTable>
  /** Indicators no member has a value for. */
  readonly withoutValues: ReadonlyArray<{ readonly indicator: string; readonly name: I18nText }>
}

/** Something to rank: a key (null = not rankable) and a code that breaks ties in the listing order. */
export interface Rankable {
  readonly code: string
  readonly key: number | null
}

/**
 * Standard competition ranking ("1224"): sorts by key (`descending`: higher is better), comparing keys
 * rounded to `decimals`; equal keys share a rank and are listed by code; items without a key come last with
 * rank null, in their given order.
 *
 * @example
 * rank([{ code: "a", key: 0.3 }, { code: "b", key: 0.25 }, { code: "c", key: 0.3 }, { code: "d", key: null }], "descending", 2)
 * // [{ code: "a", rank: 1 }, { code: "c", rank: 1 }, { code: "b", rank: 3 }, { code: "d", rank: null }] (with their keys)
 */
export const rank = <T extends Rankable>(
  items: ReadonlyArray<T>,
  order: "descending" | "ascending",
  decimals: number,
): ReadonlyArray<T & { readonly rank: number | null }> => {
  const shown = (x: number) => roundTo(x, decimals)
  const sign = order === "descending" ? -1 : 1
  const ranked = items
    .filter((i): i is T & { readonly key: number } => i.key !== null && Number.isFinite(i.key))
    .sort((a, b) => sign * (shown(a.key) - shown(b.key)) || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0))
  const out: Array<T & { readonly rank: number | null }> = []
  ranked.forEach((item, index) => {
    const prior = out[index - 1]
    const tied = prior !== undefined && prior.key !== null && shown(prior.key) === shown(item.key)
    out.push({ ...item, rank: tied ? prior.rank : index + 1 })
  })
  for (const item of items) if (item.key === null || !Number.isFinite(item.key)) out.push({ ...item, rank: null })
  return out
}

/** The distance of a value to its band target (0 inside), or null without a band target. */
const bandDistance = (row: Evaluation): number | null => row.targets.find((t) => t.kind === "band" && t.gap !== null)?.gap ?? null

const tableFor = (first: Evaluation, rows: ReadonlyArray<{ code: string; name: I18nText; row: Evaluation | undefined }>): RankingTable => {
  const value = (r: Evaluation | undefined) => (r?.status === "ok" ? r.value : null)
  const band = first.direction === "band"
  const rankedBy: RankedBy = band
    ? rows.some((m) => m.row && value(m.row) !== null && bandDistance(m.row) !== null)
      ? "distance-to-band"
      : "not-ranked"
    : first.direction === "lower-is-better"
      ? "value-ascending"
      : "value-descending"
  const base = rows.map((m) => ({
    code: m.code,
    name: m.name,
    value: value(m.row),
    distance: m.row && value(m.row) !== null && band ? bandDistance(m.row) : null,
    grade: m.row?.grade?.name ?? null,
    progress: m.row?.progress.status ?? ("insufficient-data" as const),
  }))
  const keyed = base.map((m) => ({
    ...m,
    key: rankedBy === "distance-to-band" ? m.distance : rankedBy === "not-ranked" ? null : m.value,
  }))
  const ordered =
    rankedBy === "not-ranked"
      ? rank(
          keyed.map((m) => ({ ...m, key: m.value })),
          "descending",
          first.decimals,
        ).map((m) => ({ ...m, rank: null }))
      : rank(keyed, rankedBy === "value-descending" ? "descending" : "ascending", first.decimals)
  // Members with a value but no key (a band indicator's member without a band target) before those without one.
  const members = [...ordered.filter((m) => m.rank !== null || m.value !== null), ...ordered.filter((m) => m.rank === null && m.value === null)]
  return {
    indicator: first.indicator,
    name: first.name,
    unit: first.unit,
    decimals: first.decimals,
    rankedBy,
    withValue: base.filter((m) => m.value !== null).length,
    members: members.map(({ key: _key, ...m }) => m),
  }
}

/**
 * Compares a group's members from their own reports (same year, same as-of time).
 *
 * @example
 * compareMembers(groupReport, memberReports).tables[0].members.map((m) => [m.code, m.rank])
 */
export const compareMembers = (group: Report, memberReports: ReadonlyArray<Report>): Comparison => {
  const byMember = memberReports.map((r) => ({
    code: r.scope.code,
    name: r.scope.name,
    rows: new Map(r.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e])),
  }))
  const tables: Array<RankingTable> = []
  const withoutValues: Array<{ indicator: string; name: I18nText }> = []
  for (const e of group.sections.flatMap((s) => s.evaluations)) {
    const rows = byMember.map((m) => ({ code: m.code, name: m.name, row: m.rows.get(e.indicator) }))
    const table = tableFor(e, rows)
    if (table.withValue === 0) withoutValues.push({ indicator: e.indicator, name: e.name })
    else tables.push(table)
  }
  return {
    scope: group.scope.code,
    year: group.year,
    members: byMember.map((m) => ({ code: m.code, name: m.name })),
    tables,
    withoutValues,
  }
}

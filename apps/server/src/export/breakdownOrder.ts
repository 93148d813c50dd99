/**
 * The order exports write breakdowns in (issue #21): each cell's total, then its breakdowns in the declaration
 * order of the indicator's dimensions and codes (`mode=metro`, `mode=bus`, `mode=bike` as declared, not
 * alphabetically). The totals keep the order they are given in, so an export without breakdowns is unchanged.
 */
import { cellKey, codesOfBreakdown, type Dimension, type Indicator } from "@tijian/core"

/** What the order needs of a value: its cell and breakdown key. */
interface Keyed {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly breakdown?: string | null | undefined
}

/**
 * The rank of a breakdown key under the indicator's dimensions: per declared dimension, the position of its code
 * (-1 when the key has none), compared in declaration order, so that a total (all -1) comes first.
 *
 * @example
 * breakdownRank([mode], "mode=bus") // [1] (metro 0, bus 1, bike 2)
 */
export const breakdownRank = (dimensions: ReadonlyArray<Dimension>, key: string): Array<number> => {
  const codes = codesOfBreakdown(key)
  return dimensions.map((d) => (codes[d.id] === undefined ? -1 : d.codes.findIndex((c) => c.code === codes[d.id])))
}

const compareRanks = (a: ReadonlyArray<number>, b: ReadonlyArray<number>) => {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!
  return 0
}

/**
 * The totals with each one's breakdowns right after it, in declaration order; breakdowns whose total is not among
 * the totals follow at the end, in the same order per cell.
 *
 * @example
 * withBreakdownsInOrder([total], [bike, metro], registry.indicator) // [total, metro, bike]
 */
export const withBreakdownsInOrder = <T extends Keyed>(totals: ReadonlyArray<T>, breakdowns: ReadonlyArray<T>, indicatorOf: (id: string) => Indicator | undefined): Array<T> => {
  if (breakdowns.length === 0) return [...totals]
  const byCell = new Map<string, Array<T>>()
  for (const b of breakdowns) {
    const key = cellKey({ indicator: b.indicator, region: b.region, year: b.year })
    byCell.set(key, [...(byCell.get(key) ?? []), b])
  }
  const ordered = (parts: ReadonlyArray<T>) => {
    const dimensions = indicatorOf(parts[0]!.indicator)?.dimensions ?? []
    return parts
      .map((p) => ({ p, rank: breakdownRank(dimensions, p.breakdown ?? "") }))
      .sort((a, b) => compareRanks(a.rank, b.rank))
      .map(({ p }) => p)
  }
  const out: Array<T> = []
  for (const t of totals) {
    out.push(t)
    const key = cellKey({ indicator: t.indicator, region: t.region, year: t.year })
    const parts = byCell.get(key)
    if (parts) out.push(...ordered(parts))
    byCell.delete(key)
  }
  for (const parts of byCell.values()) out.push(...ordered(parts))
  return out
}

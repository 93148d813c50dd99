/**
 * Outliers against history on the write path: each written value whose change from its series is implausible
 * (core's `historyOutlier`: the indicator's `plausibleChange` band, else a modified z-score of the year-on-year log
 * changes above 3.5) needs a `note` saying why; with one it is stored as a confirmed outlier and listed in the
 * write's answer. The series are read in one batched query (the written cells' indicators and regions, all years).
 */
import { cellKey, type Database, historyOutlier, ObservationStore, type OutlierFinding, Registry, type StorageError, type YearValue } from "@tijian/core"
import { Effect } from "effect"
import type { WrittenCell } from "./ruleCheck.js"

/** A written cell, and whether it carries a note. */
export interface NotedCell extends WrittenCell {
  readonly noted: boolean
}

/** A written value flagged as an outlier, with where the request gave it and why. */
export type FlaggedValue = Omit<WrittenCell, "row"> & { readonly row: number; readonly finding: OutlierFinding; readonly message: string }

const number = (x: number) => x.toLocaleString("en-US", { maximumFractionDigits: 4 })

const explain = (c: WrittenCell, f: OutlierFinding): string => {
  const from = `a change from ${number(f.previous.value)} (${f.previous.year})`
  const why =
    f.method === "band"
      ? `${from}, a ratio of ${number(f.ratio)} a year, outside the plausible ${number(f.minRatio)}..${number(f.maxRatio)}`
      : `${from} with a modified z-score of ${Number.isFinite(f.score) ? number(f.score) : String(f.score)} (|M| over 3.5 against the series' year-on-year log changes)`
  return `${c.indicator} for ${c.region} in ${c.year} is ${number(c.value)}, ${why}`
}

/** The flagged values of a write: without a note (`unconfirmed`: the write is refused) and with one (`confirmed`). */
export const checkOutliers = (
  cells: Iterable<NotedCell>,
): Effect.Effect<{ readonly unconfirmed: ReadonlyArray<FlaggedValue>; readonly confirmed: ReadonlyArray<FlaggedValue> }, StorageError, Registry.Registry | Database.Database> =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    const written = [...cells].filter((c) => registry.indicator(c.indicator)?.kind !== "derived")
    if (written.length === 0) return { unconfirmed: [], confirmed: [] }
    const store = yield* ObservationStore.make
    const stored = yield* store.currentValues({ indicators: [...new Set(written.map((c) => c.indicator))], regions: [...new Set(written.map((c) => c.region))] })
    const series = new Map<string, Map<number, number>>()
    const seriesOf = (indicator: string, region: string) => {
      const key = `${indicator}\u0000${region}`
      let s = series.get(key)
      if (!s) series.set(key, (s = new Map()))
      return s
    }
    const storedAt = new Map(stored.map((v) => [cellKey(v), v.value]))
    for (const v of stored) seriesOf(v.indicator, v.region).set(v.year, v.value)
    for (const c of written) seriesOf(c.indicator, c.region).set(c.year, c.value)
    const unconfirmed: Array<FlaggedValue> = []
    const confirmed: Array<FlaggedValue> = []
    for (const c of written) {
      if (storedAt.get(cellKey(c)) === c.value) continue // unchanged: judged when it was written
      const history: Array<YearValue> = [...seriesOf(c.indicator, c.region)].map(([year, value]) => ({ year, value }))
      const finding = historyOutlier(registry.indicator(c.indicator) ?? {}, history, c.year, c.value)
      if (!finding) continue
      const flagged = { indicator: c.indicator, region: c.region, year: c.year, value: c.value, row: c.row, finding, message: explain(c, finding) }
      ;(c.noted ? confirmed : unconfirmed).push(flagged)
    }
    return { unconfirmed, confirmed }
  })

/** The refusal's message for values flagged without a note. */
export const outlierMessage = (flags: ReadonlyArray<FlaggedValue>, rowWord: "index" | "row"): string => {
  const listed = flags.slice(0, 5).map((f) => `${rowWord} ${f.row}: ${f.message}`)
  const more = flags.length > listed.length ? `; and ${flags.length - listed.length} more` : ""
  return `${flags.length} value(s) look implausible against their history: ${listed.join("; ")}${more}. If a value is right, send it again with a note saying why: it is then stored as a confirmed outlier. Nothing was stored`
}

/**
 * What a report reads of stored values, answered from rows held in memory: each row a revision stamped `asOf`
 * (a later row of a cell its later revision), every data set open (no approval events). Breakdowns (rows with
 * `dimensions`) are keyed by `dimensionsOf` (an indicator's declared dimensions) and read apart, as the store does.
 */
import { Effect } from "effect"
import type { ReportReads } from "../../internal/scopeReport.js"
import { cellKey, type NewObservation, revisionId, type StoredObservation } from "../../Observation.js"
import type { CurrentQuery } from "../../ObservationStore.js"
import { breakdownKey, type Dimension, isBreakdown, TOTAL_BREAKDOWN } from "../../Dimension.js"

/** Cell order: indicator, region, year (as the stores return current values). */
const byCell = (a: StoredObservation, b: StoredObservation): number =>
  (a.indicator < b.indicator ? -1 : a.indicator > b.indicator ? 1 : 0) || (a.region < b.region ? -1 : a.region > b.region ? 1 : 0) || a.year - b.year

/** The reads of a report over `rows`, registered at `asOf`; `dimensionsOf` keys breakdowns (without it, none are read). */
export const memoryReads = (
  rows: ReadonlyArray<NewObservation>,
  asOf: string,
  dimensionsOf: (indicator: string) => ReadonlyArray<Dimension> | undefined = () => undefined,
): ReportReads => {
  const latest = new Map<string, StoredObservation>()
  for (const row of rows) {
    const breakdown = isBreakdown(row.dimensions) ? breakdownKey(dimensionsOf(row.indicator), row.dimensions) : TOTAL_BREAKDOWN
    if (isBreakdown(row.dimensions) && breakdown === TOTAL_BREAKDOWN) continue
    const r = { ...row, breakdown }
    const revision = (latest.get(cellKey(r))?.revision ?? 0) + 1
    latest.set(cellKey(r), {
      id: revisionId(r, revision),
      indicator: r.indicator,
      region: r.region,
      year: r.year,
      revision,
      value: r.value,
      agency: r.agency,
      submittedAt: asOf,
      source: r.source,
      note: r.note ?? null,
      sourceZh: r.sourceZh ?? null,
      sourceEn: r.sourceEn ?? null,
      noteZh: r.noteZh ?? null,
      noteEn: r.noteEn ?? null,
      status: r.status ?? "final",
      ...(breakdown === TOTAL_BREAKDOWN ? {} : { breakdown, dimensions: r.dimensions }),
    })
  }
  const stored = [...latest.values()].sort(byCell)
  const matching = (q: CurrentQuery, breakdowns: boolean) =>
    stored.filter(
      (o) =>
        (o.breakdown !== undefined) === breakdowns &&
        (q.indicators === undefined || q.indicators.includes(o.indicator)) &&
        (q.regions === undefined || q.regions.includes(o.region)) &&
        (q.years === undefined || q.years.includes(o.year)) &&
        (q.asOf === undefined || q.asOf >= asOf),
    )
  const current = (q: CurrentQuery) => matching(q, false)
  return {
    current: (q) => Effect.sync(() => current(q)),
    breakdowns: (q) => Effect.sync(() => matching(q, true)),
    currentValues: (q) => Effect.sync(() => current(q).map(({ id, indicator, region, year, value, submittedAt }) => ({ id, indicator, region, year, value, submittedAt }))),
    approvalStates: () => Effect.succeed([]),
  }
}

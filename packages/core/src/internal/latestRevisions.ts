/**
 * The latest revision of each cell as of a time: the read under `ObservationStore.current`, `currentValues` (totals)
 * and `breakdowns`, a region chunk at a time, kept as the last row of each cell's run in cell order.
 */
import type { SelectQueryBuilder } from "kysely"
import type { DatabaseSchema } from "../DatabaseSchema.js"
import type { CurrentValue } from "../Observation.js"
import type { CurrentQuery } from "../ObservationStore.js"
import { unsafeCanonicalTime } from "../Time.js"

const CHUNK = 400

const chunks = <A>(xs: ReadonlyArray<A>, size: number): Array<ReadonlyArray<A>> => {
  const out: Array<ReadonlyArray<A>> = []
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size))
  return out
}

/** A row as the read keeps it: a cell's value, and its breakdown key when it is a breakdown. */
type Row = CurrentValue & { readonly breakdown?: string }

const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0)

/** Cell order: indicator, region (as JavaScript compares strings), year, breakdown key. */
export const byCell = (a: Row, b: Row): number =>
  text(a.indicator, b.indicator) || text(a.region, b.region) || a.year - b.year || text(a.breakdown ?? "", b.breakdown ?? "")

const sameCell = (a: Row, b: Row): boolean =>
  a.indicator === b.indicator && a.region === b.region && a.year === b.year && (a.breakdown ?? "") === (b.breakdown ?? "")

/** Narrows a select of observations to what `q` asks for, totals or breakdowns, in cell and revision order. */
export type Matching = <O>(sql: SelectQueryBuilder<DatabaseSchema, "observations", O>) => SelectQueryBuilder<DatabaseSchema, "observations", O>

/**
 * The latest revision as of `q.asOf` of each cell matching `q` — its total (`which: "totals"`) or each of its
 * breakdowns — read by `readPart` (filtered by `matching`), in cell order.
 */
export const latestRevisions = async <R extends Row>(
  q: CurrentQuery,
  which: "totals" | "breakdowns",
  readPart: (matching: Matching) => Promise<ReadonlyArray<R>>,
): Promise<Array<R>> => {
  const out: Array<R> = []
  const read = async (regions: ReadonlyArray<string> | undefined) => {
    const rows = await readPart((sql) => {
      sql = which === "totals" ? sql.where("breakdown", "=", "") : sql.where("breakdown", "<>", "")
      if (q.indicators) sql = sql.where("indicator", "in", q.indicators.length ? [...q.indicators] : [""])
      if (regions) sql = sql.where("region", "in", regions.length ? [...regions] : [""])
      if (q.years) sql = sql.where("year", "in", q.years.length ? [...q.years] : [-1])
      if (q.asOf !== undefined) sql = sql.where("submitted_at", "<=", unsafeCanonicalTime(q.asOf))
      sql = sql.orderBy("indicator").orderBy("region").orderBy("year")
      return (which === "totals" ? sql : sql.orderBy("breakdown")).orderBy("revision")
    })
    rows.forEach((r, i) => {
      const next = rows[i + 1]
      if (!(next && sameCell(next, r))) out.push(r)
    })
  }
  if (q.regions) for (const part of chunks(q.regions, CHUNK)) await read(part)
  else await read(undefined)
  // the database's collation (or several reads) may order text otherwise than JavaScript does
  for (let i = 1; i < out.length; i++) if (byCell(out[i - 1]!, out[i]!) > 0) return out.sort(byCell)
  return out
}

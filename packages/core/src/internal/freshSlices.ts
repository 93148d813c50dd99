/**
 * Which (indicator, year) slices of a write had no stored row when the write first met them: their rows are new
 * cells, which the write need not probe for a current revision (the import of a new year, or of an indicator new
 * to the database), nor key for finding a revision of its own. A cell of a fresh slice given twice in the same
 * write fails the insert's unique key, which the write reports as a cell given twice (naming both rows when they
 * are in one chunk).
 */
import type { Transaction } from "kysely"
import type { DatabaseSchema } from "../DatabaseSchema.js"
import type { NewObservation } from "../Observation.js"

/** The fresh slices of one write, met chunk by chunk inside its transaction. */
export interface FreshSlices {
  /** Looks up the slices of `rows` not met before: one query per indicator new to the write, one per year of an indicator that has rows. */
  readonly meet: (rows: ReadonlyArray<NewObservation>) => Promise<void>
  /** Whether the row's slice had no stored row when first met (`meet` it first). */
  readonly isFresh: (row: NewObservation) => boolean
}

/** The fresh slices of the write in `trx` (the write clock serialises writers, so no other write adds rows meanwhile). */
export const freshSlicesOf = (trx: Transaction<DatabaseSchema>): FreshSlices => {
  /** Indicator -> whether it had no row at all, and year -> whether the slice had none. */
  const met = new Map<string, { readonly empty: boolean; readonly years: Map<number, boolean> }>()
  const hasNoRow = async (indicator: string, year?: number) => {
    let q = trx.selectFrom("observations").select("indicator").where("indicator", "=", indicator)
    if (year !== undefined) q = q.where("year", "=", year)
    return (await q.limit(1).executeTakeFirst()) === undefined
  }
  return {
    meet: async (rows) => {
      for (const r of rows) {
        let indicator = met.get(r.indicator)
        if (indicator === undefined) met.set(r.indicator, (indicator = { empty: await hasNoRow(r.indicator), years: new Map() }))
        if (!indicator.years.has(r.year)) indicator.years.set(r.year, indicator.empty || (await hasNoRow(r.indicator, r.year)))
      }
    },
    isFresh: (r) => met.get(r.indicator)?.years.get(r.year) === true,
  }
}

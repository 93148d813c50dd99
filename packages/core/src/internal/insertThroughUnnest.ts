/**
 * The store's bulk insert on PostgreSQL: up to `UNNEST_ROWS` rows a statement, a column whose value differs between
 * the rows sent as one array parameter and unnested (`select ... from unnest($1::text[], $2::int4[], ...)`), a column
 * every row shares (the stamp, the agency, a null note) as one scalar parameter. Fifteen parameters a statement,
 * whatever the row count: PostgreSQL parses and plans a multi-row VALUES of 7,500 parameters (500 rows) about as
 * long as it takes to insert them, which made a large import through the store 3-4x slower than raw inserts.
 *
 * Raw SQL, by exception (listed in `apps/server/test/reliability/outputSafety.test.ts`): Kysely has no array type
 * to cast a parameter to, and `unnest` of an untyped parameter does not resolve. The statement text is built only
 * from the constant column names and types of `COLUMNS` below, and which of them are shared; every value is a
 * bound parameter, never text of the statement.
 */
import { CompiledQuery } from "kysely"
import type { ObservationTable } from "../DatabaseSchema.js"
import type { InsertRows } from "./appendRevisions.js"

/** The inserted columns, in order, with the PostgreSQL type each parameter is sent as (text casts to the varchar columns). */
const COLUMNS = [
  ["indicator", "text"], ["region", "text"], ["year", "int4"], ["breakdown", "text"], ["revision", "int4"], ["value", "float8"],
  ["agency", "text"], ["submitted_at", "text"], ["source", "text"], ["note", "text"], ["status", "text"],
  ["source_zh", "text"], ["source_en", "text"], ["note_zh", "text"], ["note_en", "text"],
] as const satisfies ReadonlyArray<readonly [keyof ObservationTable, string]>

/** Most rows a statement: a few MB of parameters at most. */
const UNNEST_ROWS = 10_000

/**
 * The statement that inserts rows whose column `i` is one shared value when `shared[i]`, else one element of an
 * array per row. The first column (`indicator`) is always an array, so the statement has as many rows as it has.
 *
 * @example
 * unnestInsertText([false, false, false, true, ...]) // insert into "observations" (...) select "t"."c0", "t"."c1", "t"."c2", $4::text, ... from unnest($1::text[], $2::text[], $3::int4[], ...) as "t"("c0", "c1", "c2", ...)
 */
export const unnestInsertText = (shared: ReadonlyArray<boolean>): string => {
  const selected: Array<string> = []
  const arrays: Array<string> = []
  const names: Array<string> = []
  COLUMNS.forEach(([, type], i) => {
    if (shared[i] && i > 0) selected.push(`$${i + 1}::${type}`)
    else {
      selected.push(`"t"."c${i}"`)
      arrays.push(`$${i + 1}::${type}[]`)
      names.push(`"c${i}"`)
    }
  })
  const columns = COLUMNS.map(([name]) => `"${name}"`).join(", ")
  return `insert into "observations" (${columns}) select ${selected.join(", ")} from unnest(${arrays.join(", ")}) as "t"(${names.join(", ")})`
}

/** Statement texts by which columns are shared (a bit per column). */
const texts = new Map<number, string>()

const textFor = (shared: ReadonlyArray<boolean>): string => {
  const mask = shared.reduce((m, s, i) => (s && i > 0 ? m | (1 << i) : m), 0)
  let text = texts.get(mask)
  if (text === undefined) texts.set(mask, (text = unnestInsertText(shared)))
  return text
}

/** The values of each column of `rows`, in `COLUMNS` order (read field by field: one pass, no lookup by name). */
const columnsOf = (rows: ReadonlyArray<ObservationTable>): Array<Array<unknown>> => {
  const c: Array<Array<unknown>> = COLUMNS.map(() => [])
  for (const r of rows) {
    c[0]!.push(r.indicator)
    c[1]!.push(r.region)
    c[2]!.push(r.year)
    c[3]!.push(r.breakdown)
    c[4]!.push(r.revision)
    c[5]!.push(r.value)
    c[6]!.push(r.agency)
    c[7]!.push(r.submitted_at)
    c[8]!.push(r.source)
    c[9]!.push(r.note)
    c[10]!.push(r.status)
    c[11]!.push(r.source_zh)
    c[12]!.push(r.source_en)
    c[13]!.push(r.note_zh)
    c[14]!.push(r.note_en)
  }
  return c
}

/** Inserts with `unnest` statements of up to `UNNEST_ROWS` rows, inside the transaction `trx` (PostgreSQL only). */
export const insertThroughUnnest: InsertRows = async (trx, records) => {
  for (let start = 0; start < records.length; start += UNNEST_ROWS) {
    const columns = columnsOf(records.slice(start, start + UNNEST_ROWS))
    const shared = columns.map((values, i) => i > 0 && values.every((v) => v === values[0]))
    const parameters = columns.map((values, i) => (shared[i] ? values[0] : values))
    const text = textFor(shared)
    await trx.executeQuery(CompiledQuery.raw(text, parameters))
  }
}

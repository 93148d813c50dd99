/**
 * Importing a read file through the shared write path, all or nothing: rows outside the token's scope are a
 * 403; then every problem of the file at once (cells that cannot be read, values core refuses, a cell given
 * twice) is one 422; then `writeRows` stores the rest. Every problem names its spreadsheet row.
 *
 * A row that repeats the current value and note of its cell is left alone, whatever revision it names (a template
 * downloaded and sent back revises only what was changed in it).
 */
import { cellKey, type NewObservation, ObservationStore, Registry, type RowProblem, validateObservations } from "@tijian/core"
import { Effect } from "effect"
import type { Principal } from "../auth/Principal.js"
import { outOfScope } from "../auth/scope.js"
import { DEFAULT_SOURCE, writeRows } from "../writes.js"
import { type FileProblem, forbiddenRows, invalidFile, renumberWriteError, toFileProblems } from "./rowProblems.js"
import { type ReadRow, rowsFromSheet } from "./rowsFromSheet.js"
import type { ImportColumn, Sheet } from "./sheet.js"

/** Core's problems with the rows (unknown ids, years and values out of range), except in cells already reported. */
const validationProblems = (registry: Registry.RegistryService, agency: string, rows: ReadonlyArray<ReadRow>): Array<FileProblem> => {
  const batch: Array<NewObservation> = rows.map(({ data }) => ({
    indicator: data.indicator,
    region: data.region,
    year: data.year,
    value: data.value,
    agency,
    source: data.source ?? DEFAULT_SOURCE,
  }))
  const notYetReported = (p: RowProblem) => !rows[p.index]?.failed.has(p.field as ImportColumn)
  return toFileProblems(validateObservations(registry, batch).filter(notYetReported), rows)
}

/** Rows that give a cell an earlier row already gives. */
const duplicateProblems = (rows: ReadonlyArray<ReadRow>): Array<FileProblem> => {
  const first = new Map<string, number>()
  const problems: Array<FileProblem> = []
  for (const { row, data } of rows) {
    if (!Number.isInteger(data.year)) continue
    const key = cellKey(data)
    const prior = first.get(key)
    if (prior === undefined) first.set(key, row)
    else {
      problems.push({ row, field: "indicator", message: `${data.indicator} for ${data.region} in ${data.year} is already given in row ${prior}; keep one of the two rows` })
    }
  }
  return problems
}

/**
 * Rows that carry a revision but repeat the current value, note and status of their cell, passed on without the
 * revision so that `writeRows` leaves them alone: a template sent back with some values changed revises only
 * those, and a file sent twice changes nothing the second time. (A changed value keeps its revision, which
 * must be the current one.)
 */
const restateCurrent = (rows: ReadonlyArray<ReadRow>) =>
  Effect.gen(function* () {
    const revising = rows.filter((r) => r.data.revision !== undefined)
    if (revising.length === 0) return rows
    const store = yield* ObservationStore.ObservationStore
    const current = new Map(
      (yield* store.current({
        indicators: [...new Set(revising.map((r) => r.data.indicator))],
        regions: [...new Set(revising.map((r) => r.data.region))],
        years: [...new Set(revising.map((r) => r.data.year))],
      })).map((o) => [cellKey(o), o]),
    )
    return rows.map((r): ReadRow => {
      const d = r.data
      const c = d.revision === undefined ? undefined : current.get(cellKey(d))
      const same = c && d.value === c.value && (d.note ?? null) === c.note && (d.status ?? c.status) === c.status
      return same ? { ...r, data: { ...d, revision: undefined, status: c.status } } : r
    })
  })

/**
 * Imports a read file for a principal, stamped `at`. Succeeds with what `writeRows` did; fails with `Forbidden`
 * (403), `InvalidObservations` (422) whose problems are `{ row, field, message }`, or `WriteConflict` (409)
 * naming the row.
 *
 * @example
 * yield* importSheet(suzhou, await readCsv(text), "2025-03-01T00:00:00.000Z") // { stored: [...], unchanged: 0 }
 */
export const importSheet = (principal: Principal, sheet: Sheet, at: string) =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    const { rows, problems: readProblems } = rowsFromSheet(sheet, registry.indicator)
    const forbidden = outOfScope(principal, registry, rows.map((r) => r.data))
    if (forbidden.length > 0) return yield* forbiddenRows(toFileProblems(forbidden, rows))
    const problems = [...readProblems, ...validationProblems(registry, principal.agency, rows), ...duplicateProblems(rows)]
    if (problems.length > 0) return yield* invalidFile(problems)
    const restated = yield* restateCurrent(rows)
    return yield* writeRows(principal, restated.map((r) => r.data), at).pipe(Effect.mapError((e) => renumberWriteError(e, restated)))
  })

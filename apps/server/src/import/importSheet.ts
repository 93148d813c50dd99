/**
 * Importing a file through the shared store path, all or nothing, while it is read: each batch of rows is read,
 * checked (scope, core's rules, sources and notes) and staged column by column (`StagedRows`), so a
 * million-row CSV never becomes a million row objects. Rows outside the token's scope are a 403; then every
 * problem of the file at once (cells that cannot be read, values core refuses, a cell given twice) is one 422,
 * the first `LISTED_PROBLEMS` listed; then the staged rows are stored in one transaction. Every problem names
 * its spreadsheet row.
 *
 * A row that repeats the current value and note of its cell is left alone, whatever revision it names (a template
 * downloaded and sent back revises only what was changed in it).
 */
import { type CalculatorError, checkBreakdowns, type InvalidObservations, type NewObservation, ObservationStore, Registry, validateValues, WriteConflict } from "@tijian/core"
import { Effect } from "effect"
import { setImmediate } from "node:timers/promises"
import type { Principal } from "../auth/Principal.js"
import { type BadRequest, type PayloadTooLarge, RuleViolations } from "../errors.js"
import { checkRules, violationMessage, type WrittenCell } from "../ruleCheck.js"
import { outOfScope } from "../auth/scope.js"
import { checkOutliers, type NotedCell, outlierMessage } from "../outlierCheck.js"
import { checkedWrite, hasNote, sameCheck, storeRows, textProblems } from "../writes.js"
import { type FileProblem, forbiddenRows, invalidFile, toFileProblems } from "./rowProblems.js"
import { dimensionIdsOf } from "./dimensionColumns.js"
import { rowReader } from "./rowsFromSheet.js"
import type { Sheet } from "./sheet.js"
import { StagedRows } from "./stagedRows.js"
import { LISTED_PROBLEMS } from "../listedProblems.js"

export { LISTED_PROBLEMS } from "../listedProblems.js"

/** The most stored revisions an import's answer lists (the count is always given). */
export const LISTED_REVISIONS = 1000

/**
 * Problems of a file as they are found: the first `LISTED_PROBLEMS`, and how many in how many rows (the rows with
 * one as bits, so that a million of them neither take a set of a million numbers nor stall while it grows).
 */
class Problems {
  readonly listed: Array<FileProblem> = []
  total = 0
  rowCount = 0
  private rows = new Uint8Array(1024)
  add(problems: Iterable<FileProblem>) {
    for (const p of problems) {
      this.total++
      this.markRow(p.row)
      if (this.listed.length < LISTED_PROBLEMS) this.listed.push(p)
    }
  }
  private markRow(row: number) {
    const byte = row >>> 3
    if (byte >= this.rows.length) {
      const grown = new Uint8Array(Math.max(byte + 1, this.rows.length * 2))
      grown.set(this.rows)
      this.rows = grown
    }
    const bit = 1 << (row & 7)
    if ((this.rows[byte]! & bit) === 0) {
      this.rows[byte]! |= bit
      this.rowCount++
    }
  }
}

/** Reads, checks and stages every row of the sheet; what was staged and what was wrong. */
const readAndCheck = async (principal: Principal, registry: Registry.RegistryService, sheet: Sheet) => {
  const staged = new StagedRows()
  const problems = new Problems()
  const forbidden = new Problems()
  const reader = rowReader(sheet, registry.indicator, dimensionIdsOf(registry.indicators))
  if ("problems" in reader) {
    problems.add(reader.problems)
    return { staged, problems, forbidden }
  }
  for await (const batch of sheet.rows) {
    const { rows, problems: readProblems } = reader.read(batch)
    problems.add(readProblems)
    const data = rows.map((r) => r.data)
    forbidden.add(toFileProblems(outOfScope(principal, registry, data), rows))
    const rejected = new Set<number>()
    const checked = [
      // core's rules (a dimension's column named by its id), except for cells already reported as unreadable
      ...validateValues(registry, data)
        .map((p) => (p.field.startsWith("dimensions.") ? { ...p, field: p.field.slice("dimensions.".length) } : p))
        .filter((p) => !rows[p.index]!.failed.has(p.field)),
      ...textProblems(data, "file"),
    ]
    for (const p of checked) rejected.add(p.index)
    problems.add(toFileProblems(checked, rows))
    rows.forEach((r, i) => {
      // a row whose dimension cells failed gives no cell that another row could repeat
      if (r.breakdown !== undefined) staged.noteCell(r.row, r.data, r.breakdown)
      // once anything is wrong nothing will be stored: keep reading only to report every problem
      if (problems.total === 0 && forbidden.total === 0 && r.failed.size === 0 && !rejected.has(i)) staged.push(r.row, r.data, r.breakdown ?? "")
    })
  }
  problems.add(reader.finish())
  let found = 0
  for (const d of staged.duplicates()) {
    const what = d.breakdown === "" ? d.indicator : `${d.indicator} (${d.breakdown})`
    problems.add([
      { row: d.row, field: d.breakdown === "" ? "indicator" : "dimensions", message: `${what} for ${d.region} in ${d.year} is already given in row ${d.firstRow}; keep one of the two rows` },
    ])
    // a turn for the other requests now and then: a file may repeat a million cells
    if (++found % 10_000 === 0) await setImmediate()
  }
  return { staged, problems, forbidden }
}

/** A store conflict naming the `k`-th staged row, renamed to its spreadsheet row (with a hint for a stale one). */
const renumber = (e: WriteConflict, staged: StagedRows): WriteConflict => {
  const m = /^row (\d+): ([\s\S]*)$/.exec(e.message)
  if (!m) return e
  const k = Number(m[1])
  const d = staged.data(k)
  const hint = e.reason === "stale-revision" ? ` (a fresh template, GET /api/v1/templates/${d.region}/${d.year}.xlsx, has the current revisions)` : ""
  return new WriteConflict({ reason: e.reason, message: `row ${staged.rowOf(k)}: ${m[2]}${hint}` })
}

/**
 * Imports a sheet for a principal, stamped `at`. Succeeds with what was stored (the first `LISTED_REVISIONS`
 * revisions listed, all counted); fails with `Forbidden` (403), `InvalidObservations` (422) whose problems are
 * `{ row, field, message }`, `WriteConflict` (409) naming the row, or the sheet's own read errors (413, 400,
 * 422 for a CSV that cannot be parsed).
 *
 * @example
 * yield* importSheet(suzhou, await readCsv(text), "2025-03-01T00:00:00.000Z") // { stored: [...], count: 2, unchanged: 0, ... }
 */
export const importSheet = (principal: Principal, sheet: Sheet, at: string) =>
  Effect.gen(function* () {
    const registry = yield* Registry.Registry
    const { staged, problems, forbidden } = yield* Effect.tryPromise({
      try: () => readAndCheck(principal, registry, sheet).finally(() => sheet.close()),
      // the sheet's own errors while it streams in: too large (body or input limits), not UTF-8, a CSV or workbook that cannot be read
      catch: (e) => e as PayloadTooLarge | BadRequest | InvalidObservations | CalculatorError,
    })
    if (forbidden.total > 0) return yield* forbiddenRows(forbidden.listed, { total: forbidden.total, rows: forbidden.rowCount })
    if (problems.total > 0) return yield* invalidFile(problems.listed, { total: problems.total, rows: problems.rowCount })
    return yield* checkedWrite(
      Effect.gen(function* () {
        // breakdowns with their totals (in the file or stored), adding up; a revised total still holding its stored breakdowns
        const dimensioned = dimensionedRows(registry, staged)
        const breakdowns = yield* checkBreakdowns(registry, dimensioned.map((d) => d.row)).pipe(Effect.provideServiceEffect(ObservationStore.ObservationStore, ObservationStore.make))
        const fileRow = (index: number) => staged.rowOf(dimensioned[index]!.k)
        if (breakdowns.problems.length > 0) {
          return yield* invalidFile(breakdowns.problems.map((p) => ({ row: fileRow(p.index), field: fileField(p.field), message: withFileRows(p.message, fileRow) })))
        }
        const rules = yield* checkRules(writtenCells(staged))
        if (rules.errors.length > 0) return yield* new RuleViolations({ message: violationMessage(rules.errors, "row"), violations: rules.errors })
        const outliers = yield* checkOutliers(notedCells(staged))
        if (outliers.unconfirmed.length > 0) {
          return yield* new RuleViolations({ code: "outlier-needs-note", message: outlierMessage(outliers.unconfirmed, "row"), violations: outliers.unconfirmed })
        }
        const checkedAt = yield* sameCheck(rules.checkedAt, breakdowns.checkedAt)
        const result = yield* storeRows(principal, staged.chunks(principal.agency), at, LISTED_REVISIONS, checkedAt).pipe(
          Effect.mapError((e) => (e instanceof WriteConflict ? renumber(e, staged) : e)),
        )
        // a warning dimension's sums that do not add up, their rows as the file's
        const sums = breakdowns.warnings.map((w) => ({ ...w, message: withFileRows(w.message, fileRow), cells: w.cells.map((c) => (c.row === undefined ? c : { ...c, row: fileRow(c.row) })) }))
        return { ...result, warnings: [...rules.warnings, ...sums], ruleErrors: rules.broken, outliers: outliers.confirmed }
      }),
    )
  })

/** The staged rows (totals and breakdowns) of indicators that declare dimensions, with their index. */
const dimensionedRows = (registry: Registry.RegistryService, staged: StagedRows) => {
  const out: Array<{ readonly k: number; readonly row: NewObservation }> = []
  for (let k = 0; k < staged.length; k++) {
    const cell = staged.cell(k)
    const breakdown = staged.breakdownOf(k)
    if (registry.indicator(cell.indicator)?.dimensions !== undefined) out.push({ k, row: { ...cell, agency: "import", source: "import", ...(breakdown === "" ? {} : { breakdown }) } })
  }
  return out
}

/** A field of core's breakdown problems as the file's column: `dimensions.mode` is the `mode` column. */
const fileField = (field: string) => (field.startsWith("dimensions.") ? field.slice("dimensions.".length) : field)

/** Core's message with the rows it names (indices of the checked rows) as the file's rows. */
const withFileRows = (message: string, fileRow: (index: number) => number) =>
  message
    .replace(/\((row|rows) ([\d, ]+)\)$/, (_, word: string, list: string) => `(${word} ${list.split(", ").map((i) => fileRow(Number(i))).join(", ")})`)
    .replace(/ at row (\d+);/, (_, i: string) => ` in row ${fileRow(Number(i))};`)

/** The staged totals as written cells with their spreadsheet row and whether they carry a note (rules and outliers judge totals). */
function* notedCells(staged: StagedRows): Generator<NotedCell> {
  for (let k = 0; k < staged.length; k++) if (staged.breakdownOf(k) === "") yield { ...staged.cell(k), row: staged.rowOf(k), noted: hasNote(staged.data(k)) }
}

/** The staged totals as written cells, each with its spreadsheet row. */
function* writtenCells(staged: StagedRows): Generator<WrittenCell> {
  for (let k = 0; k < staged.length; k++) if (staged.breakdownOf(k) === "") yield { ...staged.cell(k), row: staged.rowOf(k) }
}

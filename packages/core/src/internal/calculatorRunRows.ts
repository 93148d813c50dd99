/**
 * Rows of `calculator_runs` (migration 0008) and back: the JSON columns (inputs, params, tables) as text, numbers as
 * numbers whatever the driver returns, and the checks a run's record passes inside its write transaction.
 */
import type { Kysely, Transaction } from "kysely"
import { dataSetName } from "../Approval.js"
import type { CalculatorRun, CommittedRun } from "../CalculatorRuns.js"
import type { CalculatorRunTable, DatabaseSchema } from "../DatabaseSchema.js"
import { WriteConflict } from "../Errors.js"
import { closedDataSets } from "./approvals.js"
import { lockedYearEvents } from "./yearLocks.js"

/** A stored row as a committed run. */
export const toCommittedRun = (r: CalculatorRunTable): CommittedRun => ({
  id: Number(r.id),
  calculator: r.calculator,
  plugin: r.plugin,
  pluginVersion: r.plugin_version,
  region: r.region,
  year: Number(r.year),
  committedAt: r.committed_at,
  agency: r.agency,
  inputs: JSON.parse(r.inputs) as CommittedRun["inputs"],
  params: JSON.parse(r.params) as CommittedRun["params"],
  tables: JSON.parse(r.tables) as CommittedRun["tables"],
  valuesStored: Number(r.values_stored),
})

/**
 * Refuses a run of a locked year (`year-locked`) or of a data set (plugin, region, year) submitted or approved
 * (`data-set-closed`), as a write of its values would be: its tables would change a published or approved report.
 */
const checkOpen = async (trx: Kysely<DatabaseSchema>, run: CalculatorRun): Promise<void> => {
  const lock = (await lockedYearEvents(trx, [run.year])).get(run.year)
  if (lock) {
    throw new WriteConflict({
      reason: "year-locked",
      message: `${run.year} is locked (published) since ${lock.at} by ${lock.actor} ("${lock.reason}"); the run of ${run.calculator} was not recorded. An admin must unlock ${run.year} first`,
    })
  }
  const set = dataSetName(run)
  const closed = (await closedDataSets(trx)).get(set)
  if (closed) {
    throw new WriteConflict({
      reason: "data-set-closed",
      message: `data set ${set} is ${closed.state} by ${closed.actor} at ${closed.at}; the run of ${run.calculator} was not recorded. It takes no new runs until it is ${closed.state === "approved" ? "reopened" : "returned"}`,
    })
  }
}

/**
 * Inserts `run` stamped `committedAt` inside `trx`, a write transaction that already took the write clock (so ids,
 * the next after the largest, cannot collide with another writer's). Throws a `WriteConflict` as `checkOpen` does.
 */
export const insertRun = async (trx: Transaction<DatabaseSchema>, run: CalculatorRun, committedAt: string): Promise<CommittedRun> => {
  await checkOpen(trx, run)
  const last = await trx.selectFrom("calculator_runs").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst()
  const row: CalculatorRunTable = {
    id: Number(last?.id ?? 0) + 1,
    calculator: run.calculator,
    plugin: run.plugin,
    plugin_version: run.pluginVersion,
    region: run.region,
    year: run.year,
    committed_at: committedAt,
    agency: run.agency,
    inputs: JSON.stringify(run.inputs),
    params: JSON.stringify(run.params),
    tables: JSON.stringify(run.tables),
    values_stored: run.valuesStored,
  }
  await trx.insertInto("calculator_runs").values(row).execute()
  return toCommittedRun(row)
}

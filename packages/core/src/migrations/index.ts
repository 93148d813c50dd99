/** Every migration, in order. Names sort as they apply; a migration, once released, never changes. */
import type { Migration } from "kysely"
import * as m0001 from "./0001_observations.js"
import * as m0002 from "./0002_year_locks.js"
import * as m0003 from "./0003_report_editions.js"
import * as m0004 from "./0004_write_clock.js"
import * as m0005 from "./0005_bilingual_provenance.js"
import * as m0006 from "./0006_approvals.js"
import * as m0007 from "./0007_one_owner_per_figure.js"
import * as m0008 from "./0008_calculator_runs.js"
import * as m0009 from "./0009_breakdowns.js"

export const migrations: Record<string, Migration> = {
  "0001_observations": m0001,
  "0002_year_locks": m0002,
  "0003_report_editions": m0003,
  "0004_write_clock": m0004,
  "0005_bilingual_provenance": m0005,
  "0006_approvals": m0006,
  "0007_one_owner_per_figure": m0007,
  "0008_calculator_runs": m0008,
  "0009_breakdowns": m0009,
}

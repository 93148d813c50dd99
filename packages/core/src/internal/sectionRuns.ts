/**
 * The committed calculator runs of a report's sections: each plugin's section gets the latest run of each of its
 * calculators for the report's scope and year (as the run service read them as of the report's time).
 */
import type { CommittedRun } from "../CalculatorRuns.js"
import type { RegistryService } from "../Registry.js"
import type { ReportSection, SectionCalculatorRun } from "../Report.js"

/** A committed run as its section shows it: named by the calculator's declared name (its id when no longer declared). */
const sectionRun = (registry: RegistryService, run: CommittedRun): SectionCalculatorRun => {
  const declared = registry.calculators.find((c) => c.calculator.id === run.calculator)
  return {
    calculator: run.calculator,
    name: declared?.calculator.name ?? { zh: run.calculator, en: run.calculator },
    pluginVersion: run.pluginVersion,
    region: run.region,
    year: run.year,
    committedAt: run.committedAt,
    agency: run.agency,
    inputs: run.inputs,
    params: run.params,
    valuesStored: run.valuesStored,
    tables: run.tables,
  }
}

/**
 * `sections` with `calculatorRuns` on those whose plugin has runs among `runs` (in the order given); sections without
 * keep no such field, so a report without runs reads as before.
 */
export const withCalculatorRuns = (
  registry: RegistryService,
  sections: ReadonlyArray<ReportSection>,
  runs: ReadonlyArray<CommittedRun>,
): ReadonlyArray<ReportSection> => {
  if (runs.length === 0) return sections
  return sections.map((section) => {
    const own = runs.filter((r) => r.plugin === section.plugin)
    return own.length === 0 ? section : { ...section, calculatorRuns: own.map((r) => sectionRun(registry, r)) }
  })
}

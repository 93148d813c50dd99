/**
 * A plugin's report, evaluated in memory from a few rows: what a plugin's case tables need, without a database
 * (so a plugin's tests do not install one). The rows are checked as `registerObservations` checks them.
 */
import { Effect } from "effect"
import { breakdownProblems, withBreakdownKeys } from "../../BreakdownProblems.js"
import { InvalidObservations } from "../../Errors.js"
import { scopeReport } from "../../internal/scopeReport.js"
import { memoryReads } from "./memoryReads.js"
import type { NewObservation } from "../../Observation.js"
import { refusalMessage, validateObservations } from "../../ObservationProblems.js"
import type { Plugin } from "../../Plugin.js"
import { yrdRegions } from "../../ReferenceRegions.js"
import type { RegionSet } from "../../Region.js"
import { buildRegistry } from "../../Registry.js"
import type { Evaluation, Report } from "../../Report.js"
import { unsafeCanonicalTime } from "../../Time.js"

/** A value to register for a test: `agency` and `source` default to `"test"`. */
export type TestObservation = Omit<NewObservation, "agency" | "source"> & { readonly agency?: string; readonly source?: string }

/** Where and when to evaluate, and (optionally) the time the rows were registered and the regions. */
export interface EvaluateOptions {
  /** A region or group code, e.g. `"YRD"`, `"DEMO-ZONE"`, `"320500"`. */
  readonly scope: string
  readonly year: number
  /** When the rows were registered and the report is read (ISO); default `2026-01-01T00:00:00.000Z`. */
  readonly asOf?: string
  /** Default: the YRD reference regions (`yrdRegions()`). */
  readonly regions?: RegionSet
}

/** The report, its evaluations by indicator id, and the rows as registered (with their agency and source). */
export interface PluginEvaluation {
  readonly report: Report
  /** The evaluation of an indicator in the report; throws when the report has none (a test's mistake). */
  readonly row: (indicator: string) => Evaluation
  readonly registered: ReadonlyArray<NewObservation>
}

/**
 * Builds the registry of `plugins`, registers `rows` (refused as a whole, with every problem in the message, like
 * `registerObservations`, breakdowns included: each with its total among the rows, additive ones adding up; a later
 * row of a total's cell is its later revision) and evaluates `scope` in `year`.
 *
 * @example
 * const { row } = await evaluatePlugins([water], [{ indicator: "water.clean-share", region: "YRD", year: 2025, value: 0.93 }], { scope: "YRD", year: 2025 })
 * row("water.clean-share").targets[0]?.met // true against "at least 0.9"
 */
export const evaluatePlugins = (
  plugins: ReadonlyArray<Plugin>,
  rows: ReadonlyArray<TestObservation>,
  options: EvaluateOptions,
): Promise<PluginEvaluation> =>
  Effect.runPromise(
    Effect.gen(function* () {
      const asOf = unsafeCanonicalTime(options.asOf ?? "2026-01-01T00:00:00.000Z")
      const registry = yield* buildRegistry(plugins, options.regions ?? yrdRegions())
      const registered = rows.map((r): NewObservation => ({ ...r, agency: r.agency ?? "test", source: r.source ?? "test" }))
      const problems = validateObservations(registry, registered)
      if (problems.length > 0) return yield* new InvalidObservations({ message: refusalMessage(problems), problems })
      // breakdowns as a write checks them against an empty store: each with its total here, additive ones adding up
      const broken = breakdownProblems(registry, withBreakdownKeys(registry, registered), { totals: [], breakdowns: [] })
      if (broken.length > 0) return yield* new InvalidObservations({ message: refusalMessage(broken), problems: broken })
      const report = yield* scopeReport(registry, { scope: options.scope, year: options.year, asOf }, memoryReads(registered, asOf))
      const byId = new Map(report.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e]))
      const row = (indicator: string): Evaluation => {
        const found = byId.get(indicator)
        if (!found) throw new Error(`the report of ${options.scope} ${options.year} has no evaluation of ${indicator}; it has ${[...byId.keys()].join(", ")}`)
        return found
      }
      return { report, row, registered }
    }),
  )

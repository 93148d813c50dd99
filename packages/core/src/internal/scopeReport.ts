/**
 * The report of one region or group for one year from what it reads of the stored values: what the engine does once
 * it knows the report's time, shared with the in-memory evaluation of plugin tests (`evaluatePlugins`).
 */
import { Effect } from "effect"
import { dataSetName, dataSetOf } from "../Approval.js"
import { NotFound, type StorageError } from "../Errors.js"
import type { ObservationStoreService } from "../ObservationStore.js"
import type { RegistryService } from "../Registry.js"
import type { Report } from "../Report.js"
import { sealReport } from "../ReportSeal.js"
import type { CalculatorRunsService } from "../CalculatorRuns.js"
import { readDataQuality } from "./dataQuality.js"
import { diagnose, summarize } from "./diagnose.js"
import { groupBreakdowns } from "./evaluateBreakdowns.js"
import { evaluateScope } from "./evaluateScope.js"
import { withCalculatorRuns } from "./sectionRuns.js"
import type { ObservedValue } from "./series.js"
import { lineageJoin } from "./lineageJoin.js"
import { approvalLookup, valueApprovals } from "./valueApproval.js"

/**
 * What a report reads of the store: current values and revisions, the data sets' approval states, and (when the
 * runs are kept) the committed calculator runs its sections show.
 */
export type ReportReads = Pick<ObservationStoreService, "currentValues" | "current" | "approvalStates"> & {
  readonly committedRuns?: CalculatorRunsService["committed"] | undefined
  /** The current breakdowns, read for the indicators that declare dimensions; without it, none are read. */
  readonly breakdowns?: ObservationStoreService["breakdowns"] | undefined
}

/** What to evaluate, as of a known time (canonical ISO). */
export interface ScopeReportInput {
  readonly scope: string
  readonly year: number
  readonly asOf: string
  /** Evaluate approved values only. */
  readonly approvedOnly?: boolean | undefined
}

/** What a report of a code that is no region or group fails with. */
const unknownScope = (code: string): NotFound =>
  new NotFound({ reason: "region", message: `no region or group has code "${code}"; regions are identified by code (e.g. 320500), see GET /api/v1/regions` })

/** Fails with `unknownScope` for the first of `scopes` that is no region or group (before anything is read). */
export const requireScopes = (registry: RegistryService, scopes: ReadonlyArray<string>): Effect.Effect<void, NotFound> => {
  const unknown = scopes.find((s) => registry.regions.scope(s) === undefined)
  return unknown === undefined ? Effect.void : Effect.fail(unknownScope(unknown))
}

/** A scope as `registry.regions.scope` finds it. */
type Scope = NonNullable<ReturnType<RegistryService["regions"]["scope"]>>

/**
 * Whose values a scope's report reads: the scope and a group's members (`regions`), a region's children when some
 * plugin declares a composite, their recoded predecessors (`lineage.read`), and the regions benchmark targets name.
 */
export const scopeReadSet = (registry: RegistryService, scope: Scope) => {
  const code = scope._tag === "region" ? scope.region.code : scope.group.code
  const members = scope._tag === "group" ? scope.members.map((m) => m.code) : []
  // The regions that benchmark targets for this scope name: their own registered values are the standard.
  const benchmarkRegions = [
    ...new Set(
      registry.targets.flatMap((t) => (t.standard?.family === "benchmark" && (t.scope === code || t.scope === "*") ? [t.standard.region] : [])),
    ),
  ]
  const regions = [code, ...members]
  // A region's children, for the plugin sections that rank them by a composite (YRD's provinces): read only when
  // some plugin declares a composite. They are compared in sections, never aggregated into the region's values.
  const children = scope._tag === "region" && registry.composites.length > 0 ? registry.regions.children(code).map((r) => r.code) : []
  // A region recoded in the past (Wujiang 320584 -> 320509 in 2012) reads its earlier code's values for the years before.
  const lineage = lineageJoin(registry.regions.lineage, [...regions, ...children])
  return { code, members, benchmarkRegions, regions, lineage }
}

/** Evaluates `input.scope` in `input.year` as of `input.asOf`, reading through `reads`. */
export const scopeReport = (registry: RegistryService, input: ScopeReportInput, reads: ReportReads): Effect.Effect<Report, NotFound | StorageError> =>
  Effect.gen(function* () {
    const scope = registry.regions.scope(input.scope)
    if (!scope) return yield* unknownScope(input.scope)
    const asOf = input.asOf
    const { code, members, benchmarkRegions, regions, lineage } = scopeReadSet(registry, scope)
    const read = lineage.read
    // Breakdowns are read only when some indicator declares dimensions, so other reports read what they always did.
    const dimensioned = registry.indicators.filter((i) => i.dimensions !== undefined).map((i) => i.id)
    const readBreakdowns = reads.breakdowns
    // read at once: on PostgreSQL each on its own pooled connection, so a report waits for one round trip, not four
    const [states, values, benchmarkValues, breakdownRows] = yield* Effect.all(
      [
        reads.approvalStates({ regions: [...read, ...benchmarkRegions], asOf }),
        reads.currentValues({ regions: read, asOf }),
        benchmarkRegions.length === 0 ? Effect.succeed([]) : reads.currentValues({ regions: benchmarkRegions, asOf }),
        dimensioned.length === 0 || readBreakdowns === undefined ? Effect.succeed([]) : readBreakdowns({ indicators: dimensioned, regions: read, asOf }),
      ],
      { concurrency: "unbounded" },
    )
    const stateOf = approvalLookup(states)
    const approvedOnly = input.approvedOnly === true
    const kept = (rows: ReadonlyArray<ObservedValue>) => (approvedOnly ? rows.filter((o) => stateOf(dataSetName(dataSetOf(o))) === "approved") : rows)
    const stored = kept(values)
    const observations = lineage.join(stored)
    const benchmarkObservations = kept(benchmarkValues)
    const breakdowns = breakdownRows.length === 0 ? new Map() : groupBreakdowns(kept(breakdownRows), lineage.join)
    const { sections, notReported, evaluations, revisions, dataAsOf } = evaluateScope(
      registry,
      scope,
      code,
      observations,
      input.year,
      benchmarkObservations,
      // by the rows as stored: a joined value's data set is that of the code it was registered under
      valueApprovals(
        stored.filter((o) => o.year === input.year),
        stateOf,
      ),
      breakdowns,
    )
    const runs = reads.committedRuns ? yield* reads.committedRuns({ regions: [code], year: input.year, asOf }) : []
    const dataQuality = yield* readDataQuality(registry, reads, { code, regions, year: input.year, asOf, observations })
    const name = scope._tag === "region" ? scope.region : scope.group
    const predecessors = registry.regions.lineage.predecessorsOf(code)
    return sealReport({
      schemaVersion: 2,
      scope: { code, type: scope._tag, name: { zh: name.nameZh, en: name.nameEn }, members, ...(predecessors.length > 0 ? { predecessors } : {}) },
      year: input.year,
      summary: summarize(evaluations, notReported.length),
      sections: withCalculatorRuns(registry, sections, runs),
      notReported,
      diagnosis: diagnose(registry, evaluations, input.year),
      dataQuality,
      provenance: { asOf, dataAsOf, revisions, approvedOnly, contentHash: "" },
    })
  })

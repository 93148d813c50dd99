/**
 * Loading what a rendered report needs from the running services: the registry's indicators, the stored
 * revisions the report rests on, the reports of a group's members (or of a parent region's children) and their
 * registered boundaries, all read as of the report's as-of time, so an edition shows what stood when it was
 * published (boundaries and agencies' names are today's).
 */
import { Engine, type NotFound, ObservationStore, Registry, type Report, type StorageError } from "@tijian/core"
import { makeReportView, type ReportView } from "@tijian/report"
import { Effect } from "effect"
import { AgencyNameStore } from "../agencies/AgencyNameStore.js"
import { BoundaryStore } from "../boundaries/BoundaryStore.js"

/** The services a view is loaded from. */
export type ViewServices = Engine.Engine | Registry.Registry | ObservationStore.ObservationStore | BoundaryStore | AgencyNameStore

/**
 * The codes whose reports the overview shows: a group's members, or a region's direct children.
 *
 * @example
 * overviewMembers(registry, yrd2022) // ["310000", "320000", "330000", "340000"]
 */
export const overviewMembers = (registry: Registry.RegistryService, report: Report): ReadonlyArray<string> =>
  report.scope.type === "group" ? report.scope.members : registry.regions.children(report.scope.code).map((r) => r.code)

/**
 * The view of a report (evaluated now, or a published edition's stored JSON, never re-evaluated).
 *
 * @example
 * const view = yield* viewOfReport(JSON.parse(edition.json))
 */
export const viewOfReport = (report: Report): Effect.Effect<ReportView, NotFound | StorageError, ViewServices> =>
  Effect.gen(function* () {
    const engine = yield* Engine.Engine
    const registry = yield* Registry.Registry
    const store = yield* ObservationStore.ObservationStore
    const boundaryStore = yield* BoundaryStore
    const asOf = report.provenance.asOf
    const members = overviewMembers(registry, report)
    const approvedOnly = report.provenance.approvedOnly === true
    const memberReports = yield* engine.evaluateMany({ scopes: members, year: report.year, asOf, approvedOnly })
    const boundaries = yield* boundaryStore.displayOf(members)
    const stored = yield* store.current({ regions: [report.scope.code, ...report.scope.members], asOf })
    const agencyNames = yield* Effect.flatMap(AgencyNameStore, (s) => s.names())
    return makeReportView({ report, indicator: (id) => registry.indicator(id), stored, memberReports, boundaries, agencyNames })
  })

/**
 * Evaluates a region or group (and each member or child, for the same year and as-of time) and gathers what
 * rendering needs.
 *
 * @example
 * const view = yield* loadReportView({ scope: "YRD", year: 2022, asOf: "2025-01-01T00:00:00.000Z" })
 */
export const loadReportView = (input: Engine.EvaluateInput): Effect.Effect<ReportView, NotFound | StorageError, ViewServices> =>
  Effect.flatMap(Engine.Engine, (engine) => Effect.flatMap(engine.evaluate(input), viewOfReport))

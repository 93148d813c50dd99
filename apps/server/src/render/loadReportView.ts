/**
 * Loading what a rendered report needs from the running services: the registry's indicators, the stored
 * revisions the report rests on and, for a group, its members' reports, all read as of the report's as-of time,
 * so an edition shows what stood when it was published.
 */
import { Engine, type NotFound, ObservationStore, Registry, type Report, type StorageError } from "@tijian/core"
import { makeReportView, type ReportView } from "@tijian/report"
import { Effect } from "effect"

/**
 * The view of a report (evaluated now, or a published edition's stored JSON, never re-evaluated).
 *
 * @example
 * const view = yield* viewOfReport(JSON.parse(edition.json))
 */
export const viewOfReport = (
  report: Report,
): Effect.Effect<ReportView, NotFound | StorageError, Engine.Engine | Registry.Registry | ObservationStore.ObservationStore> =>
  Effect.gen(function* () {
    const engine = yield* Engine.Engine
    const registry = yield* Registry.Registry
    const store = yield* ObservationStore.ObservationStore
    const asOf = report.provenance.asOf
    const memberReports =
      report.scope.type === "group"
        ? yield* Effect.forEach(report.scope.members, (code) => engine.evaluate({ scope: code, year: report.year, asOf }))
        : []
    const stored = yield* store.current({ regions: [report.scope.code, ...report.scope.members], asOf })
    return makeReportView({ report, indicator: (id) => registry.indicator(id), stored, memberReports })
  })

/**
 * Evaluates a region or group (and, for a group, each member, for the same year and as-of time) and gathers
 * what rendering needs.
 *
 * @example
 * const view = yield* loadReportView({ scope: "YRD", year: 2022, asOf: "2025-01-01T00:00:00.000Z" })
 */
export const loadReportView = (
  input: Engine.EvaluateInput,
): Effect.Effect<ReportView, NotFound | StorageError, Engine.Engine | Registry.Registry | ObservationStore.ObservationStore> =>
  Effect.flatMap(Engine.Engine, (engine) => Effect.flatMap(engine.evaluate(input), viewOfReport))

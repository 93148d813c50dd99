/**
 * What rendering a published edition needs, around the report exactly as stored: the same `ReportView` the
 * live page gets, but its report is the edition's JSON (never re-evaluated), and the revisions and a group's
 * member comparison are read as of the edition's as-of time, so they show what stood when it was published.
 */
import { Engine, type NotFound, ObservationStore, Registry, type Report, type StorageError } from "@tijian/core"
import { Effect } from "effect"
import { compareMembers } from "./comparison.js"
import type { ReportView } from "./ReportView.js"

/**
 * The view of a stored report: number styles and indicator names from the registry, the revisions listed in
 * `report.provenance.revisions`, and, for a group, its members evaluated as of `report.provenance.asOf`.
 *
 * @example
 * const edition = yield* Effect.flatMap(Editions.Editions, (e) => e.get("YRD", 2022, 1))
 * const view = yield* loadEditionView(JSON.parse(edition.json) as Report)
 * view.report.provenance.contentHash === edition.contentHash // true
 */
export const loadEditionView = (
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
    const byId = new Map(stored.map((o) => [o.id, o]))
    const decimalsInReport = new Map(report.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e.decimals]))
    return {
      report,
      style: (id) => {
        const indicator = registry.indicator(id)
        return { decimals: indicator?.decimals ?? decimalsInReport.get(id) ?? 2, format: indicator?.format ?? "number" }
      },
      indicatorName: (id) => registry.indicator(id)?.name,
      revisions: report.provenance.revisions.flatMap((id) => {
        const o = byId.get(id)
        return o ? [o] : []
      }),
      comparison: report.scope.type === "group" ? compareMembers(report, memberReports) : null,
    }
  })

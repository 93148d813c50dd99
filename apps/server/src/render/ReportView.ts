/**
 * Everything a rendered report shows beyond core's `Report`: how each indicator's numbers are formatted, the
 * stored revisions the report rests on (who registered what, from which source, with which note), and, for
 * a group, the comparison of its members.
 */
import {
  Engine,
  type I18nText,
  type NotFound,
  ObservationStore,
  Registry,
  type Report,
  type StorageError,
  type StoredObservation,
} from "@tijian/core"
import { Effect } from "effect"
import { type Comparison, compareMembers } from "./comparison.js"
import type { NumberStyle } from "./format.js"

/** A report with what rendering it needs. */
export interface ReportView {
  readonly report: Report
  /** How an indicator's values are shown (decimals from the registry; `percent` for 0..1 ratios). */
  readonly style: (indicator: string) => NumberStyle
  /** The name of an indicator, for plugin tables whose cells hold indicator ids. */
  readonly indicatorName: (indicator: string) => I18nText | undefined
  /** The stored revisions listed in `report.provenance.revisions`, in that order. */
  readonly revisions: ReadonlyArray<StoredObservation>
  /** For a group report: its members compared; else null. */
  readonly comparison: Comparison | null
}

/**
 * The view of a report (evaluated now, or a published edition's stored JSON, never re-evaluated): number styles
 * and indicator names from the registry, the revisions it rests on and, for a group, its members compared, all
 * read as of the report's as-of time, so an edition shows what stood when it was published.
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

/**
 * Evaluates a region or group (and, for a group, each member, for the same year and as-of time) and gathers
 * what rendering needs.
 *
 * @example
 * const view = yield* loadReportView({ scope: "YRD", year: 2022, asOf: "2025-01-01T00:00:00.000Z" })
 * view.style("beauty.composite") // { decimals: 2, format: "number" }
 */
export const loadReportView = (
  input: Engine.EvaluateInput,
): Effect.Effect<ReportView, NotFound | StorageError, Engine.Engine | Registry.Registry | ObservationStore.ObservationStore> =>
  Effect.flatMap(Engine.Engine, (engine) => Effect.flatMap(engine.evaluate(input), viewOfReport))

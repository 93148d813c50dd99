/**
 * Everything a rendered report shows beyond core's `Report`: how each indicator's numbers are formatted, the
 * stored revisions the report rests on (who registered what, from which source, with which note), and, for
 * a group, the comparison of its members. Built from plain data: no storage, no HTTP.
 */
import type { I18nText, Indicator, Lang, Report, StoredObservation } from "@tijian/core"
import type { MultiPolygonCoordinates } from "./boundary.js"
import { type Comparison, compareMembers } from "./comparison.js"
import { type DataText, dataText } from "./dataText.js"
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
  /** The reports of a group's members, or of a parent region's children (same year and as-of time); else empty. */
  readonly members: ReadonlyArray<Report>
  /** Registered boundaries of those members by code (for the overview's map); empty when none. */
  readonly boundaries: ReadonlyMap<string, MultiPolygonCoordinates>
  /** The display name of an agency in `lang`, else in the other language (marked), else its id. */
  readonly agency: (id: string, lang: Lang) => DataText
}

/** An agency's display names; either may be missing. */
export interface AgencyNames {
  readonly zh: string | null
  readonly en: string | null
}

/** What a view is made of: the report, the registry's indicators, the stored revisions, the members' reports. */
export interface ReportViewInput {
  readonly report: Report
  /** The registry's indicator by id (undefined for one no longer registered). */
  readonly indicator: (id: string) => Pick<Indicator, "decimals" | "format" | "name" | "range"> | undefined
  /** Stored revisions; those named in the report's provenance are kept, in its order. */
  readonly stored: ReadonlyArray<StoredObservation>
  /** For a group, each member's report for the same year and as-of time (for a parent region, its children's). */
  readonly memberReports: ReadonlyArray<Report>
  /** Members' boundaries by code, for the overview's map (default: none). */
  readonly boundaries?: ReadonlyMap<string, MultiPolygonCoordinates>
  /** Agencies' display names by id (default: none, and the id is shown). */
  readonly agencyNames?: ReadonlyMap<string, AgencyNames>
}

/**
 * The view of a report.
 *
 * @example
 * const view = makeReportView({ report, indicator: (id) => registry.indicator(id), stored, memberReports: [] })
 * view.style("beauty.composite") // { decimals: 2, format: "number" }
 */
export const makeReportView = (input: ReportViewInput): ReportView => {
  const { report } = input
  const byId = new Map(input.stored.map((o) => [o.id, o]))
  const decimalsInReport = new Map(report.sections.flatMap((s) => s.evaluations).map((e) => [e.indicator, e.decimals]))
  return {
    report,
    style: (id) => {
      const indicator = input.indicator(id)
      const style = { decimals: indicator?.decimals ?? decimalsInReport.get(id) ?? 2, format: indicator?.format ?? "number" } as const
      return indicator?.range ? { ...style, range: indicator.range } : style
    },
    indicatorName: (id) => input.indicator(id)?.name,
    revisions: report.provenance.revisions.flatMap((id) => {
      const o = byId.get(id)
      return o ? [o] : []
    }),
    comparison: report.scope.type === "group" ? compareMembers(report, input.memberReports) : null,
    members: input.memberReports,
    boundaries: input.boundaries ?? new Map(),
    agency: (id, lang) => {
      const names = input.agencyNames?.get(id)
      return (names && dataText({ zh: names.zh, en: names.en }, lang)) ?? { text: id, lang: null }
    },
  }
}

/**
 * The report's evaluation table as CSV: one row per indicator and target (an indicator without a target has
 * one row with the target columns empty). The columns are stable (`REPORT_CSV_COLUMNS`); codes (`status`,
 * `progress`, `target_kind`, ...) are language-independent, and `*_label` columns and names are in the
 * requested language. Values are in the indicator's stored unit (0..1 ratios stay ratios; `format` says
 * `percent`), rounded to its decimals; attainment and completeness are 0..1 with 4 decimals. `target_status`
 * (`met`, `breached`, `not-assessed`) on rows with `binding` true counts the summary's binding targets; `partial`
 * marks an aggregate of too few members (`coverage_reported` of `coverage_members`), shown but not judged.
 * `data_agency` (the agency id, a code), `data_source` and `data_note` describe the stored revision the value is
 * (empty for a computed or aggregated value); source and note in the requested language when given in it (see
 * `dataText`). `standard` names the standard a target stands for (`national`, `plan`, `local:310000`,
 * `benchmark:320500`); a forecast's row has `target_status` `forecast` and its plan-vs-reality judgement in the
 * `forecast_*` columns (status, the year it was reached, years early, deviation in the indicator's unit).
 * `approval` is how far the value is trusted (`approved`, `submitted`, `provisional`; empty without a value or in
 * reports made before approvals); `outlier` is `confirmed` (stored with a note) or `unexplained` when the value is
 * implausible against its history.
 */
import { type Evaluation, type Lang, standardKey, type StoredObservation, type TargetEvaluation } from "@tijian/core"
import { bindingLabels, progressLabels, targetKindLabels } from "./labels.js"
import { type CsvCell, csvDocument, fixedCell } from "./csv.js"
import { noteText, sourceText } from "./dataText.js"
import type { ReportView } from "./ReportView.js"
import { trustLabels } from "./trust.js"

/** The columns, in order. */
export const REPORT_CSV_COLUMNS = [
  "scope",
  "year",
  "plugin",
  "indicator",
  "name",
  "unit",
  "kind",
  "format",
  "decimals",
  "status",
  "value",
  "computed_value",
  "grade",
  "grade_label",
  "baseline_year",
  "baseline_value",
  "change_since_baseline",
  "progress",
  "progress_label",
  "completeness",
  "coverage_reported",
  "coverage_members",
  "partial",
  "target_id",
  "target_kind",
  "target_kind_label",
  "target_value",
  "target_lo",
  "target_hi",
  "due_year",
  "binding",
  "binding_label",
  "source",
  "met",
  "target_status",
  "not_assessed_reason",
  "gap",
  "attainment",
  "target_progress",
  "target_progress_label",
  "error",
  "data_agency",
  "data_source",
  "data_note",
  "standard",
  "forecast_status",
  "forecast_passed_in",
  "forecast_years_early",
  "forecast_deviation",
  "approval",
  "approval_label",
  "outlier",
] as const

type Column = (typeof REPORT_CSV_COLUMNS)[number]

const RATIO_DECIMALS = 4

type Revisions = ReadonlyMap<string, StoredObservation>

/** The stored revision the value of `e` is (for the scope and year of the report), if it is one. */
const valueRevision = (view: ReportView, revisions: Revisions, e: Evaluation): StoredObservation | undefined =>
  e.revisions.map((id) => revisions.get(id)).find((o) => o?.region === view.report.scope.code && o.year === view.report.year)

/** `confirmed` or `unexplained` when the data-quality section lists the scope's own value as an outlier. */
const outlierOf = (view: ReportView, e: Evaluation): string | undefined => {
  const o = view.report.dataQuality?.outliers.find((x) => x.indicator === e.indicator && x.region === view.report.scope.code)
  return o ? (o.confirmed ? "confirmed" : "unexplained") : undefined
}

const row = (view: ReportView, revisions: Revisions, e: Evaluation, t: TargetEvaluation | undefined, lang: Lang): ReadonlyArray<CsvCell> => {
  const style = view.style(e.indicator)
  const o = valueRevision(view, revisions, e)
  const d = style.decimals
  const cells: Record<Column, CsvCell> = {
    scope: view.report.scope.code,
    year: view.report.year,
    plugin: e.plugin,
    indicator: e.indicator,
    name: e.name[lang],
    unit: e.unit[lang],
    kind: e.kind,
    format: style.format,
    decimals: d,
    status: e.status,
    value: fixedCell(e.value, d),
    computed_value: fixedCell(e.computedValue, d),
    grade: e.grade?.id,
    grade_label: e.grade?.name[lang],
    baseline_year: e.baseline?.year,
    baseline_value: fixedCell(e.baseline?.value, d),
    change_since_baseline: fixedCell(e.changeSinceBaseline, d),
    progress: e.progress.status,
    progress_label: progressLabels[e.progress.status][lang],
    completeness: fixedCell(e.completeness, RATIO_DECIMALS),
    coverage_reported: e.coverage?.reported,
    coverage_members: e.coverage?.members,
    partial: e.coverage ? e.coverage.partial : undefined,
    target_id: t?.id,
    target_kind: t?.kind,
    target_kind_label: t ? targetKindLabels[t.kind][lang] : undefined,
    target_value: fixedCell(t?.kind === "no-decrease-from-baseline" ? t.baseline?.value : t?.value, d),
    target_lo: fixedCell(t?.lo, d),
    target_hi: fixedCell(t?.hi, d),
    due_year: t?.dueYear,
    binding: t?.binding,
    binding_label: t ? bindingLabels[t.binding ? "binding" : "expected"][lang] : undefined,
    source: t?.source[lang],
    met: t?.met ?? undefined,
    target_status: t ? (t.kind === "forecast" ? "forecast" : t.met === true ? "met" : t.met === false ? "breached" : "not-assessed") : undefined,
    not_assessed_reason: t?.notAssessed ?? undefined,
    gap: fixedCell(t?.gap, d),
    attainment: fixedCell(t?.attainment, RATIO_DECIMALS),
    target_progress: t?.progress.status,
    target_progress_label: t ? progressLabels[t.progress.status][lang] : undefined,
    error: e.error,
    data_agency: o?.agency,
    data_source: o ? sourceText(o, lang).text : undefined,
    data_note: o ? noteText(o, lang)?.text : undefined,
    standard: t?.standard ? standardKey(t.standard) : undefined,
    forecast_status: t?.forecast?.status,
    forecast_passed_in: t?.forecast?.passedIn ?? undefined,
    forecast_years_early: t?.forecast?.yearsEarly ?? undefined,
    forecast_deviation: fixedCell(t?.forecast?.deviation, d),
    approval: e.approval?.trust,
    approval_label: e.approval ? trustLabels[e.approval.trust][lang] : undefined,
    outlier: outlierOf(view, e),
  }
  return REPORT_CSV_COLUMNS.map((c) => cells[c])
}

/**
 * The evaluation table of a report as CSV text (UTF-8 without BOM; the route adds one for spreadsheets).
 *
 * @example
 * reportCsv(view, "en").split("\r\n")[0] // "scope,year,plugin,indicator,name,unit,..."
 */
export const reportCsv = (view: ReportView, lang: Lang): string => {
  const revisions: Revisions = new Map(view.revisions.map((o) => [o.id, o]))
  return csvDocument(
    REPORT_CSV_COLUMNS,
    view.report.sections.flatMap((s) =>
      s.evaluations.flatMap((e) =>
        e.targets.length === 0 ? [row(view, revisions, e, undefined, lang)] : e.targets.map((t) => row(view, revisions, e, t, lang)),
      ),
    ),
  )
}

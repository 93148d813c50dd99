/**
 * The report model: the annual physical examination of one region or group for one year. Plain,
 * JSON-serialisable data; the same inputs give byte-identical JSON (see `reportJson`).
 */
import type { ApprovalState } from "./Approval.js"
import type { ForecastJudgement } from "./Forecast.js"
import type { OutlierFinding } from "./HistoryOutliers.js"
import type { Direction, GradeBand } from "./Indicator.js"
import type { MethodComparison } from "./MethodComparison.js"
import type { Progress } from "./Progress.js"
import type { Predecessor } from "./RegionLineage.js"
import type { BreakdownTargetSummary, DimensionBreakdown } from "./ReportBreakdowns.js"
import type { Standard, TargetKind } from "./Target.js"
import type { I18nText } from "./Text.js"
import type { RuleResult } from "./Validation.js"

/** A value of the series with where it came from. */
export interface SeriesPoint {
  readonly year: number
  readonly value: number
  /** Present (true) when the value is an aggregate of too few members to be judged (see `Coverage`). */
  readonly partial?: true
}

/**
 * Why a target was not assessed: no value for the year, too little data for its method, a partial aggregate, or (a
 * benchmark standard) no value of the benchmark region for the year.
 */
export type NotAssessedReason = "no-value" | "too-little-data" | "partial-coverage" | "no-benchmark-value"

/**
 * How much of a group an aggregated value covers: `reported` of `members` had a value (for a weighted mean,
 * `weightShare` of the members' total weight). Below `threshold` the value is `partial`: shown, never judged.
 */
export interface Coverage {
  readonly reported: number
  readonly members: number
  /** For a weighted mean: the reporting members' share (0..1) of the known weight of all members; else null. */
  readonly weightShare: number | null
  /**
   * The coverage needed to judge the value (0..1), compared with `weightShare` for a weighted mean whose members'
   * weights are all known, else with `reported / members`.
   */
  readonly threshold: number
  readonly partial: boolean
}

/**
 * One target evaluated for one indicator, region and year. A `forecast` is never met or missed: `met`, `gap` and
 * `attainment` are null, its progress is not assessed, and `forecast` holds the plan-vs-reality judgement.
 */
export interface TargetEvaluation {
  readonly id: string
  readonly kind: TargetKind
  /** The value to reach; for a benchmark, the benchmark region's value in the report year (absent without one). */
  readonly value?: number
  readonly lo?: number
  readonly hi?: number
  readonly dueYear: number
  readonly binding: boolean
  readonly source: I18nText
  /** The standard the target stands for (3 + 1 + X), when declared. */
  readonly standard?: Standard
  /** For a forecast: which way the plan saw the value moving, and the year it made the forecast (when declared). */
  readonly expects?: "growth" | "decline"
  readonly madeIn?: number
  /** For a forecast: plan vs reality, or null when the year compared has no value. */
  readonly forecast?: ForecastJudgement | null
  /** The baseline this target is measured from (its declared baseline year, else the earliest observation). */
  readonly baseline: SeriesPoint | null
  /** null when the value or the baseline the target needs is missing. */
  readonly met: boolean | null
  /** Positive = short of the target, in the indicator's unit. */
  readonly gap: number | null
  readonly attainment: number | null
  readonly progress: Progress
  /** Why `met` is null, or null when the target was assessed. */
  readonly notAssessed: NotAssessedReason | null
}

/** A rule the value breaks, with a bilingual explanation. */
export interface BrokenRule {
  readonly rule: "binding-target-missed" | "expected-target-missed" | "regression" | "computed-differs-from-reported" | "reality-outran-forecast"
  readonly message: I18nText
}

/** Where the value of a row came from. */
export type ValueOrigin = "observed" | "aggregated" | "derived"

/**
 * How far a value is trusted: `approved` (every data set it rests on approved), `submitted` (all submitted or
 * approved, some awaiting approval) or `provisional` (some data set still open or returned).
 */
export type Trust = "approved" | "submitted" | "provisional"

/**
 * The approval of the data sets (plugin, region, report year) a value rests on, as of the report's time: the
 * weakest state among them, and how many are in each. A group's aggregate rests on its reporting members' sets; a
 * derived value on its inputs'.
 */
export interface ValueApproval {
  readonly trust: Trust
  readonly approved: number
  readonly submitted: number
  readonly provisional: number
}

/** The trust a data set's approval state gives its values. */
export const trustOf = (state: ApprovalState): Trust => (state === "approved" ? "approved" : state === "submitted" ? "submitted" : "provisional")

/** The evaluation of one indicator for the report's region or group and year. */
export interface Evaluation {
  readonly indicator: string
  readonly plugin: string
  readonly name: I18nText
  readonly unit: I18nText
  readonly kind: "observed" | "derived" | "reported"
  readonly direction: Direction
  readonly decimals: number
  readonly status: "ok" | "missing" | "error"
  readonly error: string | null
  readonly value: number | null
  readonly origin: ValueOrigin | null
  /** For a registered value of an indicator that can also be computed from its inputs: the computed value. */
  readonly computedValue: number | null
  /** Inputs missing for a computed value (computed from the rest), or that kept it from being computed. */
  readonly missingInputs: ReadonlyArray<string>
  /** Share of the group's members with a value (1 for a region with a value, 0 without). */
  readonly completeness: number
  /** For a value aggregated from a group's members: how many reported and whether that is enough; else null. */
  readonly coverage: Coverage | null
  readonly grade: Pick<GradeBand, "id" | "name"> | null
  readonly baseline: SeriesPoint | null
  readonly changeSinceBaseline: number | null
  /** Observed annual rate from the baseline (CAGR as 0..1, or linear change per year). */
  readonly observedRate: number | null
  readonly targets: ReadonlyArray<TargetEvaluation>
  /** The progress status of the primary target (the nearest due year not yet passed), or without target. */
  readonly progress: Progress
  /**
   * The same series judged by three published methods (Open SDG, as `progress`; the SDSN SDR trend; ESCAP's
   * anticipated progress) against the same target, and whether they disagree. Absent from reports made before
   * the comparison existed.
   */
  readonly methods?: MethodComparison
  readonly rulesBroken: ReadonlyArray<BrokenRule>
  /** Every year up to the report year with a value. */
  readonly trend: ReadonlyArray<SeriesPoint>
  /** Ids of the stored revisions the value and trend rest on. */
  readonly revisions: ReadonlyArray<string>
  /** The approval of the value's data sets; null without a value. Absent from reports made before approvals. */
  readonly approval?: ValueApproval | null
  /** For an indicator that declares dimensions: its breakdowns in the report year, per dimension. Else absent. */
  readonly breakdowns?: ReadonlyArray<DimensionBreakdown>
}

/**
 * A table a calculator or a plugin's section adds to the report (e.g. the decomposition of a gap). Cells are numbers,
 * a string (an indicator id, shown as the indicator's name, or a code) or null.
 */
export interface ReportTable {
  readonly id: string
  readonly title: I18nText
  /**
   * The columns. `decimals`: the fixed decimal places of the column's numbers (e.g. the decimals of the indicator
   * whose values it holds); without, numbers show at most 2 places, trailing zeros dropped.
   */
  readonly columns: ReadonlyArray<{ readonly id: string; readonly name: I18nText; readonly decimals?: number }>
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number | null>>>
}

/** A table of a plugin's report section: like `ReportTable`, and a cell may also be text in both languages (a region's name). */
export interface SectionTable extends Omit<ReportTable, "rows"> {
  readonly rows: ReadonlyArray<Readonly<Record<string, string | number | I18nText | null>>>
}

/** What a plugin's `reportSection` adds to its section: notes and tables. */
export interface SectionExtras {
  readonly notes?: ReadonlyArray<I18nText>
  readonly tables?: ReadonlyArray<SectionTable>
}

/** One input file of a calculator run: the input's name, the file's name as given, its size in bytes and SHA-256 (hex). */
export interface CalculatorRunInput {
  readonly name: string
  readonly filename: string
  readonly bytes: number
  readonly sha256: string
}

/**
 * A committed calculator run in its plugin's section: the tables the run produced and what they rest on — the
 * calculator, the plugin version, who committed it and when (the write's stamp), each input file with its SHA-256,
 * the parameters, and how many new values the commit stored (0 when every value equalled the current one).
 *
 * @example
 * { calculator: "ecology.redline-change", name: { zh: "红线变化", en: "Redline change" }, pluginVersion: "0.4.0",
 *   region: "320509", year: 2024, committedAt: "2025-04-01T00:00:00.000Z", agency: "wujiang",
 *   inputs: [{ name: "redlines", filename: "redlines-2024.geojson", bytes: 48213, sha256: "9f2c…" }],
 *   params: { toleranceM: 5 }, valuesStored: 2, tables: [ ... ] }
 */
export interface SectionCalculatorRun {
  readonly calculator: string
  /** The calculator's name as the plugin declares it (its id in both languages when no longer declared). */
  readonly name: I18nText
  readonly pluginVersion: string
  /** The region or group code the run was for, and its year. */
  readonly region: string
  readonly year: number
  /** When the run was committed: the stamp of its write (ISO). */
  readonly committedAt: string
  /** The agency that committed it. */
  readonly agency: string
  readonly inputs: ReadonlyArray<CalculatorRunInput>
  /** The parameters the run used (after defaults), as JSON. */
  readonly params: Readonly<Record<string, unknown>>
  readonly valuesStored: number
  readonly tables: ReadonlyArray<ReportTable>
}

/** One section per plugin. */
export interface ReportSection {
  readonly plugin: string
  readonly version: string
  readonly name: I18nText
  readonly methodology: I18nText | null
  readonly evaluations: ReadonlyArray<Evaluation>
  readonly notes: ReadonlyArray<I18nText>
  readonly tables: ReadonlyArray<SectionTable>
  /** Why the plugin's own section content could not be built, or null. The evaluations stand regardless. */
  readonly error: string | null
  /**
   * The latest committed run (as of the report's time) of each of the plugin's calculators for the report's scope and
   * year, by calculator id. Present only when there is one (and the engine reads runs: see `Engine`).
   */
  readonly calculatorRuns?: ReadonlyArray<SectionCalculatorRun>
}

/**
 * The binding (约束性) targets of the scope, each counted once: `met`, `breached`, or `notAssessed` (no value for
 * the year, too little data, or a partial aggregate). `met + breached + notAssessed = targets`; "no binding target
 * is missed" may be said only when `notAssessed` is 0.
 */
export interface BindingSummary {
  readonly targets: number
  readonly met: number
  readonly breached: number
  readonly notAssessed: number
}

/** An indicator that does not apply to the report's scope (no target, no declared applicability, no value). */
export interface NotReported {
  readonly indicator: string
  readonly plugin: string
  readonly name: I18nText
}

/** Counts over the indicators that apply to the scope (those not reported are counted in `notReported`). */
export interface ReportSummary {
  /** Indicators that apply to the scope. */
  readonly indicators: number
  /** Indicators of the registry that do not apply to the scope (listed in `Report.notReported`). */
  readonly notReported: number
  readonly withValue: number
  readonly missing: number
  readonly error: number
  readonly targetAchieved: number
  readonly substantial: number
  readonly moderate: number
  readonly limited: number
  readonly deterioration: number
  readonly insufficientData: number
  readonly bindingMissed: number
  readonly binding: BindingSummary
  /** Share of the applicable indicators with a value (0..1). */
  readonly completeness: number
  /** The indicators with a value, by the trust of their value. Absent from reports made before approvals. */
  readonly approval?: { readonly approved: number; readonly submitted: number; readonly provisional: number }
  /** The targets on breakdowns, counted apart (the counts above are about totals). Absent when there are none. */
  readonly breakdownTargets?: BreakdownTargetSummary
}

/** One line of the diagnosis. */
export interface DiagnosisItem {
  readonly indicator: string
  readonly name: I18nText
  readonly value: number | null
  readonly target?: string
  readonly gap?: number
  /** The gap as a share of the target's aim (for ranking gaps across units). */
  readonly relativeGap?: number
  readonly previous?: SeriesPoint
  readonly reported?: number
  readonly computed?: number
  readonly difference?: number
  /** For a binding target not assessed: why. */
  readonly reason?: NotAssessedReason
  /** For a forecast outrun: the forecast, the first year that reached it, and how many years before its year. */
  readonly forecast?: number
  readonly passedIn?: number
  readonly yearsEarly?: number
}

/** What needs attention: binding targets missed first, then the largest gaps, regressions, and computed vs reported. */
export interface Diagnosis {
  readonly bindingMissed: ReadonlyArray<DiagnosisItem>
  /** Binding targets that could not be assessed this year, with the reason: a red line nobody checked. */
  readonly bindingNotAssessed: ReadonlyArray<DiagnosisItem>
  readonly largestGaps: ReadonlyArray<DiagnosisItem>
  readonly regressions: ReadonlyArray<DiagnosisItem>
  readonly computedVsReported: ReadonlyArray<DiagnosisItem>
  /** Forecasts that reality outran (reached before their year): `target` the forecast, `passedIn`, `yearsEarly`. */
  readonly forecastsOutrun: ReadonlyArray<DiagnosisItem>
}

/**
 * A value of the report year whose change from its own history is implausible (core's `historyOutlier`, the same
 * test the write path applies): `confirmed` when it was stored with a note saying why (the note is given), else
 * unexplained (stored before the check existed, or its history changed since).
 */
export interface OutlierNote {
  readonly indicator: string
  readonly region: string
  readonly year: number
  readonly value: number
  /** Why: as `historyOutlier` found it. */
  readonly finding: OutlierFinding
  readonly confirmed: boolean
  readonly note: I18nText | null
}

/**
 * What a reviewer should weigh before trusting the figures: the plugins' validation rules that fail or could not be
 * evaluated at the scope and the regions in it (a group's members; a region's subtree) in the report year, and
 * the outliers among the year's values.
 */
export interface DataQuality {
  /** How many rule instances (rule x region or group) were checked; 0 when no rule applies here. */
  readonly checked: number
  /** Of those, how many passed, and how many could not be made for lack of a value (`checked` = passed + notApplicable + rules). */
  readonly passed: number
  readonly notApplicable: number
  readonly rules: ReadonlyArray<RuleResult>
  readonly outliers: ReadonlyArray<OutlierNote>
}

/** Where the data came from, and a hash that identifies the report's content. */
export interface Provenance {
  /** The time the data were read as of (ISO). */
  readonly asOf: string
  /** The latest submission time among the revisions used, or null when none. */
  readonly dataAsOf: string | null
  readonly revisions: ReadonlyArray<string>
  /**
   * Whether only approved values were evaluated (`?approvedOnly=true`): the rest were left out as if not
   * registered. Absent from reports made before approvals.
   */
  readonly approvedOnly?: boolean
  /** SHA-256 (hex) of the report's JSON without this field. */
  readonly contentHash: string
}

/** The report. Schema 2 added applicability (`notReported`), `summary.binding`, coverage and `notAssessed`. */
export interface Report {
  readonly schemaVersion: 2
  readonly scope: {
    readonly code: string
    readonly type: "region" | "group"
    readonly name: I18nText
    readonly members: ReadonlyArray<string>
    /**
     * For a region whose code or name changed: what it was before, latest first (e.g. Wujiang District 320509 was
     * the county-level city 320584 until 2012). Its series is registered under the current code throughout, so
     * values before `until` are of the predecessor. Absent when nothing changed.
     */
    readonly predecessors?: ReadonlyArray<Predecessor>
  }
  readonly year: number
  readonly summary: ReportSummary
  /** Sections of the plugins with at least one applicable indicator, holding only those. */
  readonly sections: ReadonlyArray<ReportSection>
  /** The registry's indicators that do not apply to this scope, in registry order. */
  readonly notReported: ReadonlyArray<NotReported>
  readonly diagnosis: Diagnosis
  /** Failed validation rules and outliers of the year. Absent from reports made before it existed. */
  readonly dataQuality?: DataQuality
  readonly provenance: Provenance
}

/** The report as JSON: deterministic, so equal reports are byte-identical. */
export const reportJson = (report: Report): string => JSON.stringify(report)

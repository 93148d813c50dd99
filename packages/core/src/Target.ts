/**
 * Targets: what a plan asks of an indicator, for a region or group, by a due year.
 */
import type { ProgressThresholds } from "./Progress.js"
import type { I18nText } from "./Text.js"

/**
 * - `at-least` / `at-most`: a floor or a ceiling (`value`);
 * - `band`: between `lo` and `hi` inclusive;
 * - `equals`: the value at the indicator's decimals;
 * - `no-decrease-from-baseline`: not below the value of `baselineYear` (a red line: area not reduced).
 */
export type TargetKind = "at-least" | "at-most" | "band" | "equals" | "no-decrease-from-baseline"

/**
 * A target as a plugin declares it. `scope` is a region or group code, or `"*"` for every region and group.
 * `binding` marks a 约束性 (binding) target, a red line; otherwise it is 预期性 (expected).
 */
export interface TargetDefinition<Ref extends string = string> {
  /** Stable id; defaults to `<indicator>@<scope>/<kind>/<dueYear>`. */
  readonly id?: string
  readonly indicator: Ref
  readonly scope: string
  readonly kind: TargetKind
  readonly value?: number
  readonly lo?: number
  readonly hi?: number
  readonly dueYear: number
  /**
   * The plan's own baseline year (e.g. 2020 for the Demonstration Zone plan); else the indicator's
   * `progress.baseYear`, else 2015. Progress is measured from the first value at or after it.
   */
  readonly baselineYear?: number
  /** Thresholds for this target's progress, over the indicator's `progress.thresholds` and the published ones. */
  readonly progressThresholds?: Partial<ProgressThresholds>
  readonly binding: boolean
  /** The document the target comes from, e.g. "Demonstration Zone master plan 2021-2035". */
  readonly source: I18nText
}

/** A target as the registry holds it: with its id and the plugin that declared it. */
export type Target = TargetDefinition & { readonly id: string; readonly plugin: string }

/** The default id of a target. */
export const targetId = (t: TargetDefinition): string => t.id ?? `${t.indicator}@${t.scope}/${t.kind}/${t.dueYear}`

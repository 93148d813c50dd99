/**
 * Three published methods side by side (issue #17): the StatCan / Open SDG progress status that tijian reports, the
 * SDSN SDR trend and ESCAP's anticipated progress, each mapped onto one ordinal scale so that disagreement can be
 * decided (see docs/methods.md, "Method comparison").
 *
 * The common scale, best first: `on-track` (met, or on course to meet the target by its due year), `progressing`
 * (moving towards it, not fast enough), `limited` (barely moving towards it), `regressing` (moving away).
 *
 * | common class | Open SDG | SDSN SDR | ESCAP |
 * | --- | --- | --- | --- |
 * | on-track | target-achieved, substantial | achieved, on-track | achieve-target |
 * | progressing | moderate | moderately-improving | acceleration-needed |
 * | limited | limited | stagnating | acceleration-needed |
 * | regressing | deterioration | decreasing | regress |
 *
 * ESCAP does not separate progressing from limited: its `acceleration-needed` admits both classes. A judgement is
 * **method-dependent** when at least two methods could assess the series and no common class is admitted by all of
 * those that could: the methods tell a reader different things about the same series.
 */
import { escapAnticipated, type EscapAnticipated, type EscapStatus } from "./EscapAnticipated.js"
import type { Progress, ProgressStatus, TowardsTarget } from "./Progress.js"
import { sdsnTrend, type SdsnTrend, type SdsnTrendStatus } from "./SdsnTrend.js"

/** The common ordinal scale, best first. */
export type CommonClass = "on-track" | "progressing" | "limited" | "regressing"

/** The common classes in order, best first. */
export const commonClasses: ReadonlyArray<CommonClass> = ["on-track", "progressing", "limited", "regressing"]

/** A method's result with the common classes it admits (none when the method could not assess the series). */
export type OnCommonScale<R> = R & { readonly classes: ReadonlyArray<CommonClass> }

/**
 * The three methods' judgements of one series against one target (or without a target: only Open SDG can judge),
 * and whether they disagree.
 */
export interface MethodComparison {
  readonly openSdg: OnCommonScale<Progress>
  readonly sdsn: OnCommonScale<SdsnTrend>
  readonly escap: OnCommonScale<EscapAnticipated>
  /** The common classes every assessing method admits (empty when they disagree or none could assess). */
  readonly agreed: ReadonlyArray<CommonClass>
  /** True when two or more methods could assess the series and no common class is admitted by all of them. */
  readonly methodDependent: boolean
}

const openSdgClasses: Readonly<Record<ProgressStatus, ReadonlyArray<CommonClass>>> = {
  "target-achieved": ["on-track"],
  substantial: ["on-track"],
  moderate: ["progressing"],
  limited: ["limited"],
  deterioration: ["regressing"],
  "insufficient-data": [],
}

const sdsnClasses: Readonly<Record<SdsnTrendStatus, ReadonlyArray<CommonClass>>> = {
  achieved: ["on-track"],
  "on-track": ["on-track"],
  "moderately-improving": ["progressing"],
  stagnating: ["limited"],
  decreasing: ["regressing"],
  "not-assessable": [],
}

const escapClasses: Readonly<Record<EscapStatus, ReadonlyArray<CommonClass>>> = {
  "achieve-target": ["on-track"],
  "acceleration-needed": ["progressing", "limited"],
  regress: ["regressing"],
  "not-assessable": [],
}

/**
 * Compares the methods. `openSdg` is the progress tijian already computed for the target (or without one);
 * `towards` what it was measured from, or undefined when there is no target to judge against (`unassessed`:
 * `no-target`) or the target could not be assessed (`fewer-than-two-years`).
 *
 * @example
 * const input = { base: { year: 2015, value: 50 }, current: { year: 2022, value: 64 }, aim: 80, towards: 1, dueYear: 2030, met: false } as const
 * compareMethods(progressTowardsTarget(input), input).methodDependent // false: all three on-track
 */
export const compareMethods = (
  openSdg: Progress,
  towards: TowardsTarget | undefined,
  unassessed: "no-target" | "fewer-than-two-years" = "no-target",
): MethodComparison => {
  const sdsn: SdsnTrend = towards ? sdsnTrend(towards) : { status: "not-assessable", reason: unassessed }
  const escap: EscapAnticipated = towards ? escapAnticipated(towards) : { status: "not-assessable", reason: unassessed }
  const scaled = [openSdgClasses[openSdg.status], sdsnClasses[sdsn.status], escapClasses[escap.status]]
  const assessing = scaled.filter((c) => c.length > 0)
  const agreed = assessing.length === 0 ? [] : commonClasses.filter((c) => assessing.every((a) => a.includes(c)))
  return {
    openSdg: { ...openSdg, classes: scaled[0]! },
    sdsn: { ...sdsn, classes: scaled[1]! },
    escap: { ...escap, classes: scaled[2]! },
    agreed,
    methodDependent: assessing.length >= 2 && agreed.length === 0,
  }
}

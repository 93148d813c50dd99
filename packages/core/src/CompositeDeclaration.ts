/**
 * A composite a plugin declares (its indicator, input weights, method and the choices its uncertainty analysis
 * varies), and the ranking of a group's members by it with rank intervals and Sobol' indices: what a report
 * section, the API (`GET /api/v1/composites/...`) and the CLI (`tijian composites`) all show from one computation.
 */
import { Either } from "effect"
import type { AggregationMethod } from "./Compose.js"
import {
  type CompositeFactor,
  type CompositeUncertainty,
  type CompositeUncertaintyOptions,
  compositeUncertainty,
  type FactorIndices,
} from "./CompositeUncertainty.js"
import type { CompositeError } from "./Errors.js"
import type { MemberValues } from "./Plugin.js"
import type { I18nText } from "./Text.js"
import { validateWeights } from "./Weights.js"

/**
 * A composite: `indicator` is the plugin's (derived) composite indicator, `weights` its inputs' weights (>= 0,
 * sum 1), `method` its aggregation; `uncertainty` the choices its analysis varies (default: noisy weights with
 * p = 0.2, `method` and the other of arithmetic/geometric, scores as given or min-max to [1, 100], and the
 * imputation where a ranked member lacks an input; N = 1,000, seed 1).
 *
 * @example
 * { indicator: "beauty.composite", weights: { "beauty.growth": 0.5, "beauty.green-expansion": 0.5 }, method: "arithmetic" }
 */
export interface CompositeDeclaration<Ref extends string = string> {
  readonly indicator: Ref
  readonly weights: Readonly<Partial<Record<Ref, number>>>
  readonly method: AggregationMethod
  /** A member missing more than this share of the inputs is not ranked. Default 0.2. */
  readonly maxMissingShare?: number
  readonly uncertainty?: CompositeUncertaintyOptions
}

/** One member's composite, rank and rank interval, and what moves its rank. */
export interface MemberRanking {
  readonly code: string
  readonly name: I18nText
  readonly composite: number | null
  readonly rank: number | null
  readonly medianRank: number | null
  readonly rankInterval: readonly [number, number] | null
  readonly mostInfluential: CompositeFactor | null
  readonly sensitivity: ReadonlyArray<FactorIndices> | null
  readonly missing: ReadonlyArray<string>
  /** Its interval is wider than `robustWidth` places. */
  readonly notRobust: boolean
}

/** The members' ranking: members by base rank (unranked last) and the analysis that produced it. */
export interface MembersRanking extends Omit<CompositeUncertainty, "units"> {
  readonly members: ReadonlyArray<MemberRanking>
  /** The widest interval still called robust, in places (see `robustWidth`). */
  readonly robustWidth: number
  /** Why alternatives were left out (a score not positive, an input without spread), or empty. */
  readonly skipped: ReadonlyArray<string>
}

/**
 * The widest rank interval (95th minus 5th percentile, in places) still called robust: a tenth of the ranked
 * members, rounded down — 0 below 10 members (any movement counts), 2 for 27.
 *
 * @example
 * robustWidth(27) // 2
 */
export const robustWidth = (ranked: number): number => Math.floor(ranked / 10)

/** The weights with every declared input, as `compositeUncertainty` takes them. */
const weightsOf = (declaration: CompositeDeclaration): Record<string, number> =>
  Object.fromEntries(Object.entries(declaration.weights).filter((e): e is [string, number] => e[1] !== undefined))

/** A problem with a declaration: an unknown indicator, or invalid weights. */
export interface CompositeDeclarationProblem {
  readonly reason: "unknown-indicator" | "invalid-definition"
  readonly message: string
}

/** What is wrong with a declaration, given the indicators that exist (empty when it is sound). */
export const compositeDeclarationProblems = (declaration: CompositeDeclaration, known: (id: string) => boolean): ReadonlyArray<CompositeDeclarationProblem> => [
  ...[declaration.indicator, ...Object.keys(declaration.weights)]
    .filter((id) => !known(id))
    .map((id) => ({ reason: "unknown-indicator" as const, message: `names indicator "${id}", which no plugin declares` })),
  ...Either.match(validateWeights(weightsOf(declaration), "its weights"), {
    onLeft: (e) => [{ reason: "invalid-definition" as const, message: e.message }],
    onRight: () => [],
  }),
]

/**
 * Ranks the members by the declared composite of their values, varying the declared choices. When an as-given
 * score is not positive, the geometric and harmonic means are left out, and when an input has no spread, the
 * normalisations other than "as given" (`skipped` says why) rather than the ranking refused.
 *
 * @example
 * rankMembers(declaration, context.members) // Right({ members: [{ code: "310000", rank: 1, rankInterval: [1, 1], ... }], ... })
 */
export const rankMembers = (declaration: CompositeDeclaration, members: ReadonlyArray<MemberValues>): Either.Either<MembersRanking, CompositeError> => {
  const weights = weightsOf(declaration)
  const ids = Object.keys(weights)
  const values = Object.fromEntries(members.map((m) => [m.code, Object.fromEntries(ids.map((id) => [id, m.values[id]]))]))
  const other: AggregationMethod = declaration.method === "arithmetic" ? "geometric" : "arithmetic"
  const options: CompositeUncertaintyOptions = {
    aggregations: [declaration.method, other],
    normalisations: ["as-given", "min-max"],
    samples: 1000,
    ...declaration.uncertainty,
    maxMissingShare: declaration.maxMissingShare ?? 0.2,
  }
  // the data can rule alternatives out (a score of 0 under a geometric mean, an input without spread to min-max):
  // run without them and say so, down to the arithmetic mean of the scores as given
  const skipped: Array<string> = []
  let current = options
  let result = compositeUncertainty(values, weights, current)
  for (let retry = 0; retry < 2 && Either.isLeft(result); retry++) {
    const { reason, message } = result.left
    if (reason === "non-positive-input" && current.aggregations!.some((m) => m !== "arithmetic")) {
      skipped.push(`only the arithmetic mean is run: ${message}`)
      current = { ...current, aggregations: ["arithmetic"] }
    } else if (reason === "no-spread" && current.normalisations!.some((n) => n !== "as-given")) {
      skipped.push(`only the scores as given are used: ${message}`)
      current = { ...current, normalisations: ["as-given"] }
    } else break
    result = compositeUncertainty(values, weights, current)
  }
  return Either.map(result, ({ units, ...analysis }) => {
    const width = robustWidth(units.filter((u) => u.rank !== null).length)
    const byCode = new Map(members.map((m) => [m.code, m]))
    return {
      ...analysis,
      members: units.map((u) => ({
        code: u.unit,
        name: byCode.get(u.unit)!.name,
        composite: u.composite,
        rank: u.rank,
        medianRank: u.medianRank,
        rankInterval: u.rankInterval,
        mostInfluential: u.mostInfluential,
        sensitivity: u.sensitivity,
        missing: u.missing,
        notRobust: u.rankInterval !== null && u.rankInterval[1] - u.rankInterval[0] > width,
      })),
      robustWidth: width,
      skipped,
    }
  })
}

/**
 * Sensitivity of a composite to its weights and aggregation method: the interval of each region's composite
 * and of its rank across scenarios (JRC/OECD uncertainty analysis, simplified).
 */
import { Either } from "effect"
import { type AggregationMethod, aggregateScores } from "./Compose.js"
import type { CompositeError } from "./Errors.js"
import { seededRandom } from "./Random.js"
import { renormalise, type Weights } from "./Weights.js"

/** Scenarios to run. */
export interface SensitivityOptions {
  /** Each weight scaled by 1 - p and 1 + p in turn, then renormalised. Default 0.2. */
  readonly perturbation?: number
  /** Extra scenarios with every weight scaled by a uniform draw in [1 - p, 1 + p], renormalised. Default 0. */
  readonly randomDraws?: number
  /** Seed of the draws, so a run is repeatable. Default 1. */
  readonly seed?: number
  /** Methods to try. Default both. */
  readonly methods?: ReadonlyArray<AggregationMethod>
}

/** One region's composite and rank under the base weights, and their intervals over all scenarios. */
export interface RegionSensitivity {
  readonly region: string
  readonly composite: number
  readonly compositeInterval: readonly [number, number]
  readonly rank: number
  readonly rankInterval: readonly [number, number]
}

/** A scenario: weights and a method. */
export interface Scenario {
  readonly weights: Weights
  readonly method: AggregationMethod
}

/** The scenarios: base weights, each weight +-p, and seeded random draws, under each method. */
export const scenarios = (weights: Weights, options: SensitivityOptions = {}): ReadonlyArray<Scenario> => {
  const p = options.perturbation ?? 0.2
  const ids = Object.keys(weights)
  const sets: Array<Weights> = [weights]
  for (const id of ids) {
    for (const factor of [1 - p, 1 + p]) sets.push(renormalise({ ...weights, [id]: weights[id]! * factor }))
  }
  const next = seededRandom(options.seed ?? 1)
  for (let i = 0; i < (options.randomDraws ?? 0); i++) {
    sets.push(renormalise(Object.fromEntries(ids.map((id) => [id, weights[id]! * (1 - p + 2 * p * next())]))))
  }
  return (options.methods ?? ["arithmetic", "geometric"]).flatMap((method) => sets.map((w) => ({ weights: w, method })))
}

const ranks = (values: ReadonlyArray<readonly [string, number]>): Map<string, number> => {
  const sorted = [...values].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
  const out = new Map<string, number>()
  sorted.forEach(([region, v], i) => {
    // ties share the best rank
    const prior = sorted[i - 1]
    out.set(region, prior && prior[1] === v ? out.get(prior[0])! : i + 1)
  })
  return out
}

/**
 * Runs every scenario over every region's scores (region -> input id -> 0-100 score).
 *
 * @example
 * sensitivity({ A: { x: 90, y: 90 }, B: { x: 50, y: 70 } }, { x: 0.5, y: 0.5 }) // A keeps rank [1, 1]
 */
export const sensitivity = (
  scores: Readonly<Record<string, Readonly<Record<string, number>>>>,
  weights: Weights,
  options: SensitivityOptions = {},
): Either.Either<ReadonlyArray<RegionSensitivity>, CompositeError> => {
  const regions = Object.keys(scores).sort()
  const runs: Array<Map<string, number>> = []
  for (const s of scenarios(weights, options)) {
    const values = new Map<string, number>()
    for (const region of regions) {
      const v = aggregateScores(scores[region]!, s.weights, s.method)
      if (Either.isLeft(v)) return Either.left(v.left)
      values.set(region, v.right)
    }
    runs.push(values)
  }
  const rankRuns = runs.map((r) => ranks([...r.entries()]))
  return Either.right(
    regions.map((region) => {
      const values = runs.map((r) => r.get(region)!)
      const rs = rankRuns.map((r) => r.get(region)!)
      return {
        region,
        composite: values[0]!,
        compositeInterval: [Math.min(...values), Math.max(...values)] as const,
        rank: rs[0]!,
        rankInterval: [Math.min(...rs), Math.max(...rs)] as const,
      }
    }),
  )
}

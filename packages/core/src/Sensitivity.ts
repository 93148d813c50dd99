/**
 * Sensitivity of a composite to its weights and aggregation method (JRC/OECD Handbook, uncertainty analysis;
 * COINr `get_sensitivity`): every region's composite and rank across scenarios, reported as the median rank and
 * the 5th-95th percentile interval, so the interval does not widen just because more scenarios were drawn.
 */
import { Either } from "effect"
import { type AggregationMethod, aggregateScores } from "./Compose.js"
import { CompositeError } from "./Errors.js"
import { quantileOfSorted } from "./Quantile.js"
import { seededRandom } from "./Random.js"
import { renormalise, type Weights } from "./Weights.js"

/** Scenarios to run. */
export interface SensitivityOptions {
  /** Each weight scaled by 1 - p and 1 + p in turn, then renormalised; 0 <= p < 1. Default 0.2. */
  readonly perturbation?: number
  /**
   * Extra scenarios with every weight scaled by a uniform draw in [1 - p, 1 + p], renormalised (COINr's
   * `get_noisy_weights`: each weight plus uniform noise of +-p times itself). Default 0.
   */
  readonly randomDraws?: number
  /** Seed of the draws, so a run is repeatable. Default 1. */
  readonly seed?: number
  /**
   * Methods to try; the first gives the base composite and rank. Default arithmetic, then geometric when every
   * score is positive (a min-max-normalised set always has a 0, which a geometric mean refuses; the result's
   * `skipped` says so). A method asked for explicitly that cannot run is an error naming the region.
   */
  readonly methods?: ReadonlyArray<AggregationMethod>
}

/**
 * One region's composite and rank under the base scenario, and how they vary over all scenarios. Null when an
 * input with a weight is missing for the region: it is listed last, with `missing`, never ranked.
 */
export interface RegionSensitivity {
  readonly region: string
  readonly composite: number | null
  /** The 5th and 95th percentiles of the composite over the scenarios. */
  readonly compositeInterval: readonly [number, number] | null
  /** 1 = best; ties share the best rank. */
  readonly rank: number | null
  /** The median rank over the scenarios. */
  readonly medianRank: number | null
  /** The 5th and 95th percentiles of the rank over the scenarios (R's default quantile, as COINr reports). */
  readonly rankInterval: readonly [number, number] | null
  /** The best and worst rank in any scenario. */
  readonly rankRange: readonly [number, number] | null
  /** Inputs missing for the region (weight above 0, no finite score). */
  readonly missing: ReadonlyArray<string>
}

/** What was run and each region's result: ranked regions by base rank first, then those not computable. */
export interface SensitivityResult {
  readonly regions: ReadonlyArray<RegionSensitivity>
  /** How many scenarios (weight sets times methods) were run. */
  readonly scenarios: number
  readonly randomDraws: number
  readonly seed: number
  readonly perturbation: number
  readonly methods: ReadonlyArray<AggregationMethod>
  /** Why a default method was not run, or empty. */
  readonly skipped: ReadonlyArray<string>
}

/** A scenario: weights and a method. */
export interface Scenario {
  readonly weights: Weights
  readonly method: AggregationMethod
}

const invalid = (message: string) => new CompositeError({ reason: "invalid-options", message })

const orDie = <A>(e: Either.Either<A, CompositeError>): A => Either.getOrThrowWith(e, (l) => new Error(l.message))

/**
 * The scenarios: base weights, each weight +-p, and seeded random draws, under each method (default both).
 * Throws on a perturbation outside [0, 1) (a weight scaled by 0 or less is not a perturbation).
 */
export const scenarios = (weights: Weights, options: SensitivityOptions = {}): ReadonlyArray<Scenario> => {
  const p = options.perturbation ?? 0.2
  if (!(p >= 0 && p < 1)) throw new Error(`sensitivity: the perturbation ${p} must be at least 0 and below 1`)
  const ids = Object.keys(weights)
  const sets: Array<Weights> = [weights]
  for (const id of ids) {
    for (const factor of [1 - p, 1 + p]) sets.push(orDie(renormalise({ ...weights, [id]: weights[id]! * factor })))
  }
  const next = seededRandom(options.seed ?? 1)
  for (let i = 0; i < (options.randomDraws ?? 0); i++) {
    sets.push(orDie(renormalise(Object.fromEntries(ids.map((id) => [id, weights[id]! * (1 - p + 2 * p * next())])))))
  }
  return (options.methods ?? ["arithmetic", "geometric"]).flatMap((method) => sets.map((w) => ({ weights: w, method })))
}

const interval = (sorted: Float64Array): readonly [number, number] => [quantileOfSorted(sorted, 0.05), quantileOfSorted(sorted, 0.95)]

/**
 * Runs every scenario over every region's scores (region -> input id -> 0-100 score, possibly missing).
 *
 * @example
 * sensitivity({ A: { x: 90, y: 90 }, B: { x: 50, y: 70 } }, { x: 0.5, y: 0.5 }) // A keeps rank interval [1, 1]
 */
export const sensitivity = (
  scores: Readonly<Record<string, Readonly<Record<string, number | undefined>>>>,
  weights: Weights,
  options: SensitivityOptions = {},
): Either.Either<SensitivityResult, CompositeError> => {
  const p = options.perturbation ?? 0.2
  if (!(p >= 0 && p < 1)) return Either.left(invalid(`sensitivity: the perturbation ${p} must be at least 0 and below 1`))
  const draws = options.randomDraws ?? 0
  if (!(Number.isInteger(draws) && draws >= 0)) return Either.left(invalid(`sensitivity: randomDraws ${draws} must be a whole number >= 0`))
  if (options.methods?.length === 0) return Either.left(invalid("sensitivity: no aggregation method given"))
  const weighted = Object.keys(weights).filter((id) => weights[id]! > 0)
  const all = Object.keys(scores).sort()
  const missingOf = (region: string) => weighted.filter((id) => !Number.isFinite(scores[region]![id]))
  const regions = all.filter((r) => missingOf(r).length === 0)
  const nonPositive = regions.flatMap((r) => weighted.filter((id) => !(scores[r]![id]! > 0)).map((id) => `${r} (${id} = ${scores[r]![id]})`))
  const skipped: Array<string> = []
  let methods = options.methods
  if (!methods) {
    methods = nonPositive.length === 0 ? ["arithmetic", "geometric"] : ["arithmetic"]
    if (nonPositive.length > 0) {
      skipped.push(`geometric mean not run: it needs positive scores, and ${nonPositive.join(", ")} is not (rescale to [1, 100] to include it)`)
    }
  } else if (methods.includes("geometric") && nonPositive.length > 0) {
    return Either.left(
      new CompositeError({
        reason: "non-positive-input",
        message: `a geometric mean needs positive scores; region ${nonPositive.join(", region ")}. Use the arithmetic mean or rescale (e.g. min-max to [1, 100])`,
      }),
    )
  }
  // the base scenario through aggregateScores (it validates the weights); the rest, whose weights are renormalised
  // copies of them over scores already checked, by the same formulas over arrays
  const base = scenarios(weights, { ...options, methods })
  for (const region of regions) {
    const v = aggregateScores(scores[region]!, weights, methods[0]!)
    if (Either.isLeft(v)) return Either.left(new CompositeError({ reason: v.left.reason, message: `region ${region}: ${v.left.message}` }))
  }
  const table = regions.map((r) => weighted.map((id) => scores[r]![id]!))
  const logs = table.map((xs) => xs.map((x) => Math.log(x)))
  // composite and rank of region i in scenario j at [i][j]
  const values = regions.map(() => new Float64Array(base.length))
  const rankOf = regions.map(() => new Float64Array(base.length))
  const order = regions.map((_, i) => i)
  base.forEach((s, j) => {
    const w = weighted.map((id) => s.weights[id] ?? 0)
    regions.forEach((_, i) => {
      const xs = s.method === "arithmetic" ? table[i]! : logs[i]!
      let sum = 0
      for (let k = 0; k < w.length; k++) if (w[k]! > 0) sum += w[k]! * xs[k]!
      values[i]![j] = s.method === "arithmetic" ? sum : Math.exp(sum)
    })
    // best first; ties share the best rank (regions are in code order, so equal values list by code)
    order.sort((a, b) => values[b]![j]! - values[a]![j]! || a - b)
    order.forEach((i, k) => {
      const prior = order[k - 1]
      rankOf[i]![j] = prior !== undefined && values[prior]![j] === values[i]![j] ? rankOf[prior]![j]! : k + 1
    })
  })
  const ranked = regions.map((region, i): RegionSensitivity => {
    const vs = values[i]!.slice().sort()
    const rs = rankOf[i]!.slice().sort()
    return {
      region,
      composite: values[i]![0]!,
      compositeInterval: interval(vs),
      rank: rankOf[i]![0]!,
      medianRank: quantileOfSorted(rs, 0.5),
      rankInterval: interval(rs),
      rankRange: [rs[0]!, rs[rs.length - 1]!],
      missing: [],
    }
  })
  ranked.sort((a, b) => a.rank! - b.rank! || (a.region < b.region ? -1 : 1))
  const notComputable = all
    .filter((r) => !regions.includes(r))
    .map((region): RegionSensitivity => ({
      region,
      composite: null,
      compositeInterval: null,
      rank: null,
      medianRank: null,
      rankInterval: null,
      rankRange: null,
      missing: missingOf(region),
    }))
  return Either.right({ regions: [...ranked, ...notComputable], scenarios: base.length, randomDraws: draws, seed: options.seed ?? 1, perturbation: p, methods, skipped })
}

/**
 * Uncertainty and sensitivity of a composite's ranking over its method choices, as the JRC/OECD Handbook (step 7)
 * and COINr's `get_sensitivity` run them: every unit's composite is rebuilt many times, each time with the weights
 * drawn from COINr's noise model and the aggregation, normalisation and imputation each drawn uniformly from their
 * alternatives; each unit's median rank and 5th-95th percentile rank interval are read from the runs, and
 * first-order and total Sobol' indices (`sobolIndicesOfEach`) say which choice moves its rank.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"
import { impute } from "./Impute.js"
import { isPresent, minMax } from "./Normalise.js"
import { quantileOfSorted } from "./Quantile.js"
import { seededRandom } from "./Random.js"
import { rankScores } from "./RankScores.js"
import { sobolIndicesOfEach, uniformChoice } from "./Sobol.js"
import { zScore } from "./Standardise.js"
import { renormalise, validateWeights, type Weights } from "./Weights.js"

/** How the normalised scores are combined: `Σ w s`, `Π s^w` or `1 / Σ (w / s)` (the last two need scores > 0). */
export type ChoiceAggregation = "arithmetic" | "geometric" | "harmonic"

/**
 * How the values are put on one scale, over the ranked units: `as-given` (already scores, higher is better, e.g.
 * sub-indices 0-100), `min-max` to [1, 100], `z-score` to mean 100 and sd 10 (positive for up to 101 units, as
 * |z| <= (n - 1)/√n), `percentile-rank` to 1 + 99 (r - 1)/(n - 1).
 */
export type ChoiceNormalisation = "as-given" | "min-max" | "z-score" | "percentile-rank"

/**
 * How a missing value is handled: `available` (no imputation: the unit's weights are renormalised over its present
 * inputs, `compose`'s rule), or the `mean` or `median` of the other units (`impute`).
 */
export type ChoiceImputation = "available" | "mean" | "median"

/** An uncertain choice of the construction: one factor of the analysis. */
export type CompositeFactor = "weights" | "aggregation" | "normalisation" | "imputation"

/** The options of `compositeUncertainty`; the first alternative of each choice is the base (nominal) one. */
export interface CompositeUncertaintyOptions {
  /** Default ["arithmetic", "geometric"]. */
  readonly aggregations?: ReadonlyArray<ChoiceAggregation>
  /** Default ["as-given", "min-max"]. */
  readonly normalisations?: ReadonlyArray<ChoiceNormalisation>
  /** Default ["available", "mean", "median"]; varied only when a ranked unit lacks an input (else it cannot matter). */
  readonly imputations?: ReadonlyArray<ChoiceImputation>
  /** COINr's noise factor: each weight times a uniform draw in [1 - p, 1 + p], renormalised; 0 <= p < 1. Default 0.2. */
  readonly perturbation?: number
  /** How many noisy weight sets are drawn (COINr's `Nrep`); a run picks one uniformly. Default 100. */
  readonly weightSets?: number
  /** N of the Sobol' design: N (k + 2) runs for k factors, 2N of them the uncertainty sample. Default 500. */
  readonly samples?: number
  /** Seed of the weight sets and the design. Default 1. */
  readonly seed?: number
  /** A unit missing more than this share of its weighted inputs is not ranked. Default 0.2. */
  readonly maxMissingShare?: number
}

/** A factor's first-order and total Sobol' index for one output. */
export interface FactorIndices {
  readonly factor: CompositeFactor
  readonly firstOrder: number
  readonly total: number
}

/** One unit's composite and rank under the base choices, and its rank over the runs. */
export interface UnitUncertainty {
  readonly unit: string
  /** Under the base choices; null when the unit is not ranked (too much missing). */
  readonly composite: number | null
  /** 1 = best; ties share the best rank. */
  readonly rank: number | null
  readonly medianRank: number | null
  /** The 5th and 95th percentiles of its rank over the 2N runs (R's default quantile). */
  readonly rankInterval: readonly [number, number] | null
  /** The indices of its rank per varied factor; null when its rank never moves (no variance). */
  readonly sensitivity: ReadonlyArray<FactorIndices> | null
  /** The factor with the largest total index, or null. */
  readonly mostInfluential: CompositeFactor | null
  /** Weighted inputs it lacks (imputed, or its weights renormalised, depending on the run). */
  readonly missing: ReadonlyArray<string>
}

/** The analysis: units by base rank (unranked last), the factors varied, and the ranking's overall indices. */
export interface CompositeUncertainty {
  readonly units: ReadonlyArray<UnitUncertainty>
  /** The factors varied, in factor order, with their alternatives (none listed for the weights) and how many there are. */
  readonly factors: ReadonlyArray<{ readonly factor: CompositeFactor; readonly alternatives: ReadonlyArray<string>; readonly count: number }>
  /** Indices of the mean absolute rank shift from the base ranks over all ranked units (COINr's target); null when no rank moves. */
  readonly overall: ReadonlyArray<FactorIndices> | null
  readonly samples: number
  readonly runs: number
  readonly seed: number
  readonly perturbation: number
  readonly weightSets: number
}

const invalid = (message: string) => Either.left(new CompositeError({ reason: "invalid-options", message }))

type Table = ReadonlyArray<ReadonlyArray<number>>

/** The units' normalised scores of each input (NaN where missing) after one imputation and one normalisation. */
const prepare = (
  units: ReadonlyArray<string>,
  ids: ReadonlyArray<string>,
  values: (unit: string, id: string) => number | undefined,
  imputation: ChoiceImputation,
  normalisation: ChoiceNormalisation,
): Either.Either<Table, CompositeError> => {
  const columns: Array<ReadonlyArray<number>> = []
  for (const id of ids) {
    let column: Record<string, number | undefined> = Object.fromEntries(units.map((u) => [u, values(u, id)]))
    if (imputation !== "available") {
      const filled = impute(column, imputation)
      if (Either.isLeft(filled)) return Either.left(new CompositeError({ reason: filled.left.reason, message: `${id}: ${filled.left.message}` }))
      column = filled.right.values
    }
    const scaled =
      normalisation === "as-given"
        ? Either.right(column)
        : normalisation === "min-max"
          ? minMax(column, "higher-is-better", { range: [1, 100] })
          : normalisation === "z-score"
            ? zScore(column, "higher-is-better", { meanSd: [100, 10] })
            : Either.map(rankScores(column, "higher-is-better", "percentile-rank"), (r) =>
                Object.fromEntries(Object.entries(r).map(([u, x]) => [u, x === undefined ? undefined : 1 + 99 * x])),
              )
    if (Either.isLeft(scaled)) return Either.left(new CompositeError({ reason: scaled.left.reason, message: `${id} (${normalisation}): ${scaled.left.message}` }))
    columns.push(units.map((u) => scaled.right[u] ?? Number.NaN))
  }
  return Either.right(units.map((_, i) => columns.map((c) => c[i]!)))
}

/** The composite of one unit's scores (NaN = missing: weights renormalised over the present ones). */
const aggregate = (scores: ReadonlyArray<number>, w: ReadonlyArray<number>, method: ChoiceAggregation): number => {
  let total = 0
  let sum = 0
  for (let k = 0; k < w.length; k++) {
    const s = scores[k]!
    if (w[k]! === 0 || Number.isNaN(s)) continue
    total += w[k]!
    sum += method === "arithmetic" ? w[k]! * s : method === "geometric" ? w[k]! * Math.log(s) : w[k]! / s
  }
  return method === "arithmetic" ? sum / total : method === "geometric" ? Math.exp(sum / total) : total / sum
}

/** Ranks, best first; ties share the best rank. */
const rank = (values: ReadonlyArray<number>): Array<number> => {
  const order = values.map((_, i) => i).sort((a, b) => values[b]! - values[a]! || a - b)
  const ranks = new Array<number>(values.length)
  order.forEach((i, k) => {
    const prior = order[k - 1]
    ranks[i] = prior !== undefined && values[prior] === values[i] ? ranks[prior]! : k + 1
  })
  return ranks
}

/**
 * Runs the analysis over `values` (unit -> input id -> value, higher is better; missing as undefined or NaN) with
 * base `weights`. Refused when a combination of choices cannot be computed (e.g. a geometric mean over an as-given
 * score of 0: the message names the unit, input and choices), or when nothing varies.
 *
 * @example
 * compositeUncertainty({ A: { x: 100, y: 10 }, B: { x: 40, y: 40 } }, { x: 0.5, y: 0.5 }, { normalisations: ["as-given"], imputations: ["available"] })
 * // A first under the arithmetic mean (55 > 40), B under the geometric (31.6 < 40): both ranks move,
 * // all of it from the aggregation (total index ≈ 1, the weights' 0)
 */
export const compositeUncertainty = (
  values: Readonly<Record<string, Readonly<Record<string, number | undefined>>>>,
  weights: Weights,
  options: CompositeUncertaintyOptions = {},
): Either.Either<CompositeUncertainty, CompositeError> => {
  const aggregations = options.aggregations ?? ["arithmetic", "geometric"]
  const normalisations = options.normalisations ?? ["as-given", "min-max"]
  const imputations = options.imputations ?? ["available", "mean", "median"]
  const p = options.perturbation ?? 0.2
  const nSets = options.weightSets ?? 100
  const samples = options.samples ?? 500
  const seed = options.seed ?? 1
  const maxMissing = options.maxMissingShare ?? 0.2
  if (aggregations.length === 0 || normalisations.length === 0 || imputations.length === 0) return invalid("composite uncertainty: every choice needs at least one alternative")
  if (!(p >= 0 && p < 1)) return invalid(`composite uncertainty: the perturbation ${p} must be at least 0 and below 1`)
  if (!(Number.isInteger(nSets) && nSets >= 1)) return invalid(`composite uncertainty: weightSets ${nSets} must be a whole number >= 1`)
  const checked = validateWeights(weights)
  if (Either.isLeft(checked)) return Either.left(checked.left)
  const ids = Object.keys(weights).filter((id) => weights[id]! > 0)
  const value = (u: string, id: string) => {
    const x = values[u]?.[id]
    return isPresent(x) ? x : undefined
  }
  const all = Object.keys(values).sort()
  const missingOf = (u: string) => ids.filter((id) => value(u, id) === undefined)
  const units = all.filter((u) => missingOf(u).length / ids.length <= maxMissing && missingOf(u).length < ids.length)
  if (units.length < 2) return Either.left(new CompositeError({ reason: "no-values", message: `composite uncertainty: ranking needs two units with the inputs; ${units.length} of ${all.length} have them` }))

  // every imputation x normalisation table, checked once against every aggregation
  const tables = new Map<string, Table>()
  for (const imputation of imputations) {
    for (const normalisation of normalisations) {
      const t = prepare(units, ids, value, imputation, normalisation)
      if (Either.isLeft(t)) return Either.left(t.left)
      if (aggregations.some((m) => m !== "arithmetic")) {
        const bad = units.flatMap((u, i) =>
          ids.flatMap((id, k) => {
            const score = t.right[i]![k]!
            return !Number.isNaN(score) && !(score > 0) ? [`${u} (${id} = ${score})`] : []
          }),
        )
        if (bad.length > 0) {
          return Either.left(
            new CompositeError({
              reason: "non-positive-input",
              message: `the ${aggregations.filter((m) => m !== "arithmetic").join(" and ")} mean${aggregations.filter((m) => m !== "arithmetic").length > 1 ? "s need" : " needs"} positive scores; after ${imputation} imputation and ${normalisation} normalisation, ${bad.join(", ")} is not. Leave that combination out or rescale`,
            }),
          )
        }
      }
      tables.set(`${imputation}|${normalisation}`, t.right)
    }
  }
  const next = seededRandom(seed)
  const weightSets = Array.from({ length: nSets }, () => {
    const noisy = Object.fromEntries(ids.map((id) => [id, weights[id]! * (1 - p + 2 * p * next())]))
    return Either.getOrThrow(renormalise(noisy, ids))
  })
  const factors: Array<{ factor: CompositeFactor; alternatives: ReadonlyArray<string>; count: number }> = []
  if (p > 0) factors.push({ factor: "weights", alternatives: [], count: nSets })
  // imputation can only matter where a ranked unit lacks an input
  const anyMissing = units.some((u) => missingOf(u).length > 0)
  for (const [factor, alternatives] of [["aggregation", aggregations], ["normalisation", normalisations], ["imputation", anyMissing ? imputations : []]] as const) {
    if (alternatives.length > 1) factors.push({ factor, alternatives, count: alternatives.length })
  }
  if (factors.length === 0) return invalid("composite uncertainty: nothing varies (a perturbation of 0 and one alternative per choice)")

  const baseWeights = ids.map((id) => weights[id]!)
  const composites = (w: ReadonlyArray<number>, method: ChoiceAggregation, imputation: ChoiceImputation, normalisation: ChoiceNormalisation) =>
    tables.get(`${imputation}|${normalisation}`)!.map((row) => aggregate(row, w, method))
  const base = composites(baseWeights, aggregations[0]!, imputations[0]!, normalisations[0]!)
  const baseRanks = rank(base)
  const at = (x: ReadonlyArray<number>, factor: CompositeFactor) => x[factors.findIndex((f) => f.factor === factor)]
  // outputs: each unit's rank, then the mean absolute shift from the base ranks
  const model = (x: ReadonlyArray<number>): ReadonlyArray<number> => {
    const u = (f: CompositeFactor) => at(x, f)
    const w = u("weights") === undefined ? baseWeights : ids.map((id) => uniformChoice(u("weights")!, weightSets)[id]!)
    const pick = <A>(f: CompositeFactor, alts: ReadonlyArray<A>) => (u(f) === undefined ? alts[0]! : uniformChoice(u(f)!, alts))
    const ranks = rank(composites(w, pick("aggregation", aggregations), pick("imputation", imputations), pick("normalisation", normalisations)))
    return [...ranks, ranks.reduce((s, r, i) => s + Math.abs(r - baseRanks[i]!), 0) / ranks.length]
  }
  const run = sobolIndicesOfEach(model, factors.length, samples, seed + 1)
  if (Either.isLeft(run)) return Either.left(run.left)
  const indices = (o: number): ReadonlyArray<FactorIndices> | null => {
    const r = run.right.outputs[o]
    return r ? factors.map((f, i) => ({ factor: f.factor, firstOrder: r.firstOrder[i]!, total: r.total[i]! })) : null
  }
  const ranked = units.map((unit, i): UnitUncertainty => {
    const rs = Float64Array.from(run.right.sample, (y) => y[i]!).sort()
    const sensitivity = indices(i)
    const top = sensitivity ? [...sensitivity].sort((a, b) => b.total - a.total)[0]! : null
    return {
      unit,
      composite: base[i]!,
      rank: baseRanks[i]!,
      medianRank: quantileOfSorted(rs, 0.5),
      rankInterval: [quantileOfSorted(rs, 0.05), quantileOfSorted(rs, 0.95)],
      sensitivity,
      mostInfluential: top?.factor ?? null,
      missing: missingOf(unit),
    }
  })
  ranked.sort((a, b) => a.rank! - b.rank! || (a.unit < b.unit ? -1 : 1))
  const unranked = all
    .filter((u) => !units.includes(u))
    .map((unit): UnitUncertainty => ({ unit, composite: null, rank: null, medianRank: null, rankInterval: null, sensitivity: null, mostInfluential: null, missing: missingOf(unit) }))
  return Either.right({
    units: [...ranked, ...unranked],
    factors,
    overall: indices(units.length),
    samples,
    runs: run.right.runs,
    seed,
    perturbation: p,
    weightSets: nSets,
  })
}

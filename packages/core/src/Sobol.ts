/**
 * Variance-based sensitivity indices (Sobol'), for how much of an output's variance each uncertain input (a weight,
 * a method choice coded as a number) explains, as the JRC/OECD Handbook's sensitivity analysis and COINr's
 * `SA_estimate` report them. Estimators: Saltelli et al. (2010), *Computer Physics Communications* 181, 259-270 —
 * first order `S_i = mean((f(B) - m) (f(A_B^i) - f(A))) / V` and Jansen's total effect
 * `ST_i = mean((f(A) - f(A_B^i))²) / 2V` — over two seeded uniform sample matrices A and B in [0, 1)^k, where
 * A_B^i is A with its i-th column from B; m and V are the mean and variance of f over A and B together. Centring
 * f(B) on m (as SALib standardises its outputs) leaves the estimate unbiased, since f(A_B^i) - f(A) has mean 0, and
 * keeps its variance down when the mean is large against the spread (a rank of 1 or 2). N (k + 2) model runs.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"
import { seededRandom } from "./Random.js"

/** First-order and total Sobol' indices per input, in input order. */
export interface SobolIndices {
  readonly firstOrder: ReadonlyArray<number>
  readonly total: ReadonlyArray<number>
  /** Model runs made: N (k + 2). */
  readonly runs: number
}

/** First-order and total indices of one output; null when the output does not vary (the indices are undefined). */
export interface OutputSobolIndices {
  readonly firstOrder: ReadonlyArray<number>
  readonly total: ReadonlyArray<number>
}

/** Indices of every output of a vector-valued model, and its outputs at the 2N independent sample points. */
export interface SobolIndicesOfEach {
  /** Per output, in output order; null where the output has no variance over A and B. */
  readonly outputs: ReadonlyArray<OutputSobolIndices | null>
  /**
   * The model's outputs at the rows of A and then B: 2N independent draws of the inputs, an uncertainty sample
   * (percentiles of an output are read from it, as COINr's uncertainty analysis reads them from its runs).
   */
  readonly sample: ReadonlyArray<ReadonlyArray<number>>
  /** Model runs made: N (k + 2). */
  readonly runs: number
}

/**
 * A discrete input sampled uniformly over its alternatives: the uniform draw `u` in [0, 1) picks alternative
 * `floor(u m)` of m, so each is taken with probability 1/m (a method choice as a factor of `sobolIndices`).
 *
 * @example
 * uniformChoice(0.7, ["arithmetic", "geometric"]) // "geometric"
 */
export const uniformChoice = <A>(u: number, alternatives: ReadonlyArray<A>): A =>
  alternatives[Math.min(alternatives.length - 1, Math.floor(u * alternatives.length))]!

/**
 * `sobolIndices` for a model with several outputs (e.g. every unit's rank), from the same runs: each output gets
 * its own variance and indices, null when it does not vary.
 *
 * @example
 * sobolIndicesOfEach((x) => [x[0]!, 3], 2, 1_000, 1) // outputs[0] first order ≈ [1, 0]; outputs[1] null
 */
export const sobolIndicesOfEach = (
  model: (inputs: ReadonlyArray<number>) => ReadonlyArray<number>,
  k: number,
  samples: number,
  seed = 1,
): Either.Either<SobolIndicesOfEach, CompositeError> => {
  if (!(Number.isInteger(k) && k >= 1 && Number.isInteger(samples) && samples >= 2)) {
    return Either.left(new CompositeError({ reason: "invalid-options", message: `Sobol' indices need k >= 1 inputs and N >= 2 samples; k = ${k}, N = ${samples}` }))
  }
  const next = seededRandom(seed)
  const draw = () => Array.from({ length: samples }, () => Array.from({ length: k }, () => next()))
  const a = draw()
  const b = draw()
  const fa = a.map(model)
  const fb = b.map(model)
  const m = fa[0]!.length
  const sample = [...fa, ...fb]
  const means = Array.from({ length: m }, (_, o) => sample.reduce((s, y) => s + y[o]!, 0) / sample.length)
  const variance = means.map((mean, o) => sample.reduce((s, y) => s + (y[o]! - mean) ** 2, 0) / sample.length)
  const first = Array.from({ length: m }, () => new Array<number>(k).fill(0))
  const tot = Array.from({ length: m }, () => new Array<number>(k).fill(0))
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < samples; j++) {
      const y = model(a[j]!.map((x, c) => (c === i ? b[j]![i]! : x)))
      for (let o = 0; o < m; o++) {
        first[o]![i]! += (fb[j]![o]! - means[o]!) * (y[o]! - fa[j]![o]!)
        tot[o]![i]! += (fa[j]![o]! - y[o]!) ** 2
      }
    }
  }
  const outputs = variance.map((v, o) =>
    v > 0 ? { firstOrder: first[o]!.map((s) => s / samples / v), total: tot[o]!.map((s) => s / (2 * samples) / v) } : null,
  )
  return Either.right({ outputs, sample, runs: samples * (k + 2) })
}

/**
 * Estimates the indices of `model` over k inputs, each uniform in [0, 1) (map them to choices inside the model,
 * e.g. with `uniformChoice`), from `samples` (N) rows per matrix, seeded.
 *
 * @example
 * sobolIndices((x) => x[0]! + 2 * x[1]!, 2, 10_000, 1) // first order ≈ [0.2, 0.8] (variances 1/12 and 4/12 of 5/12)
 */
export const sobolIndices = (
  model: (inputs: ReadonlyArray<number>) => number,
  k: number,
  samples: number,
  seed = 1,
): Either.Either<SobolIndices, CompositeError> =>
  Either.flatMap(sobolIndicesOfEach((x) => [model(x)], k, samples, seed), (r) => {
    const only = r.outputs[0]
    if (!only) return Either.left(new CompositeError({ reason: "no-spread", message: "Sobol' indices are undefined: the output does not vary" }))
    return Either.right({ firstOrder: only.firstOrder, total: only.total, runs: r.runs })
  })

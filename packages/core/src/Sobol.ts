/**
 * Variance-based sensitivity indices (Sobol'), for how much of an output's variance each uncertain input (a weight,
 * a method choice coded as a number) explains, as the JRC/OECD Handbook's sensitivity analysis and COINr's
 * `SA_estimate` report them. Estimators: Saltelli et al. (2010), *Computer Physics Communications* 181, 259-270 —
 * first order `S_i = mean(f(B) (f(A_B^i) - f(A))) / V` and Jansen's total effect
 * `ST_i = mean((f(A) - f(A_B^i))²) / 2V` — over two seeded uniform sample matrices A and B in [0, 1)^k, where
 * A_B^i is A with its i-th column from B; V is the variance of f over A and B together. N (k + 2) model runs.
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

/**
 * Estimates the indices of `model` over k inputs, each uniform in [0, 1) (map them to choices inside the model),
 * from `samples` (N) rows per matrix, seeded.
 *
 * @example
 * sobolIndices((x) => x[0]! + 2 * x[1]!, 2, 10_000, 1) // first order ≈ [0.2, 0.8] (variances 1/12 and 4/12 of 5/12)
 */
export const sobolIndices = (
  model: (inputs: ReadonlyArray<number>) => number,
  k: number,
  samples: number,
  seed = 1,
): Either.Either<SobolIndices, CompositeError> => {
  if (!(Number.isInteger(k) && k >= 1 && Number.isInteger(samples) && samples >= 2)) {
    return Either.left(new CompositeError({ reason: "invalid-options", message: `Sobol' indices need k >= 1 inputs and N >= 2 samples; k = ${k}, N = ${samples}` }))
  }
  const next = seededRandom(seed)
  const draw = () => Array.from({ length: samples }, () => Array.from({ length: k }, () => next()))
  const a = draw()
  const b = draw()
  const fa = a.map(model)
  const fb = b.map(model)
  const all = [...fa, ...fb]
  const mean = all.reduce((s, y) => s + y, 0) / all.length
  const variance = all.reduce((s, y) => s + (y - mean) ** 2, 0) / all.length
  if (!(variance > 0)) {
    return Either.left(new CompositeError({ reason: "no-spread", message: "Sobol' indices are undefined: the output does not vary" }))
  }
  const firstOrder: Array<number> = []
  const total: Array<number> = []
  for (let i = 0; i < k; i++) {
    let first = 0
    let tot = 0
    for (let j = 0; j < samples; j++) {
      const abi = a[j]!.map((x, c) => (c === i ? b[j]![i]! : x))
      const y = model(abi)
      first += fb[j]! * (y - fa[j]!)
      tot += (fa[j]! - y) ** 2
    }
    firstOrder.push(first / samples / variance)
    total.push(tot / (2 * samples) / variance)
  }
  return Either.right({ firstOrder, total, runs: samples * (k + 2) })
}

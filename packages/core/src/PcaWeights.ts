/**
 * Weights from principal component analysis, an option the JRC/OECD Handbook describes and never tijian's default:
 * the first principal component of the indicators' correlation matrix, each weight the squared loading of an
 * indicator on it (the loadings of a unit eigenvector, squared, sum to 1). It rewards indicators that move together
 * and gives an indicator uncorrelated with the rest a weight near 0 — a statistical view, not a policy one.
 */
import { Either } from "effect"
import { correlation, type IndicatorTable } from "./Consistency.js"
import { CompositeError } from "./Errors.js"
import type { Weights } from "./Weights.js"

/** PCA weights and the share of the variance the first component explains. */
export interface PcaWeights {
  readonly weights: Weights
  /** The first eigenvalue over k: the share of the indicators' standardised variance on the first component. */
  readonly explainedShare: number
}

/**
 * PCA weights of `ids` over the units with all of them (pairwise correlations; power iteration for the first
 * eigenvector, to 1e-12).
 *
 * @example
 * // x and y correlate (r = 0.5), z is uncorrelated with both: R = [[1, .5, 0], [.5, 1, 0], [0, 0, 1]]
 * pcaWeights(table, ["x", "y", "z"]) // first eigenvector (1, 1, 0)/sqrt 2 -> Right({ x: 0.5, y: 0.5, z: 0 }), share 1.5 / 3
 */
export const pcaWeights = (table: IndicatorTable, ids: ReadonlyArray<string>): Either.Either<PcaWeights, CompositeError> => {
  const k = ids.length
  if (k < 2) return Either.left(new CompositeError({ reason: "invalid-options", message: `PCA weights need at least 2 indicators; ${k} given` }))
  const r: Array<Array<number>> = ids.map(() => ids.map(() => 1))
  for (let i = 0; i < k; i++) {
    for (let j = i + 1; j < k; j++) {
      const c = correlation(table, ids[i]!, ids[j]!)
      if (Either.isLeft(c)) return Either.left(c.left)
      r[i]![j] = c.right
      r[j]![i] = c.right
    }
  }
  // power iteration on R + I (same eigenvectors, eigenvalues shifted to be positive, so the largest dominates)
  let v = ids.map(() => 1 / Math.sqrt(k))
  let lambda = 0
  for (let iter = 0; iter < 10_000; iter++) {
    const w = r.map((row, i) => row.reduce((s, x, j) => s + x * v[j]!, 0) + v[i]!)
    const norm = Math.sqrt(w.reduce((s, x) => s + x * x, 0))
    const nextV = w.map((x) => x / norm)
    const moved = Math.max(...nextV.map((x, i) => Math.abs(x - v[i]!)))
    v = nextV
    lambda = norm - 1
    if (moved < 1e-12) break
  }
  return Either.right({ weights: Object.fromEntries(ids.map((id, i) => [id, v[i]! ** 2])), explainedShare: lambda / k })
}

/**
 * Statistical coherence of a dimension's indicators (JRC/OECD Handbook, step 4; COINr `get_corr`, `get_cronbach`):
 * the Pearson correlation of two indicators across units, and Cronbach's alpha of a set — how far they measure one
 * thing. Computed over the units that have every indicator (complete cases).
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"
import { isPresent } from "./Normalise.js"

/** Indicator id -> unit -> value (possibly missing). */
export type IndicatorTable = Readonly<Record<string, Readonly<Record<string, number | undefined>>>>

const completeCases = (table: IndicatorTable, ids: ReadonlyArray<string>): ReadonlyArray<ReadonlyArray<number>> => {
  const units = [...new Set(ids.flatMap((id) => Object.keys(table[id] ?? {})))].sort()
  return units.filter((u) => ids.every((id) => isPresent(table[id]?.[u]))).map((u) => ids.map((id) => table[id]![u]!))
}

const covariance = (rows: ReadonlyArray<ReadonlyArray<number>>, i: number, j: number): number => {
  const n = rows.length
  const mi = rows.reduce((s, r) => s + r[i]!, 0) / n
  const mj = rows.reduce((s, r) => s + r[j]!, 0) / n
  return rows.reduce((s, r) => s + (r[i]! - mi) * (r[j]! - mj), 0) / (n - 1)
}

/**
 * Pearson correlation of two indicators over the units with both.
 *
 * @example
 * correlation({ x: { a: 1, b: 2, c: 3 }, y: { a: 1, b: 3, c: 2 } }, "x", "y") // cov 0.5 / (1 · 1) = Right(0.5)
 */
export const correlation = (table: IndicatorTable, x: string, y: string): Either.Either<number, CompositeError> => {
  const rows = completeCases(table, [x, y])
  if (rows.length < 3) {
    return Either.left(new CompositeError({ reason: "no-values", message: `a correlation needs at least 3 units with both ${x} and ${y}; ${rows.length} have` }))
  }
  const sx = covariance(rows, 0, 0)
  const sy = covariance(rows, 1, 1)
  if (!(sx > 0 && sy > 0)) {
    return Either.left(new CompositeError({ reason: "no-spread", message: `a correlation needs spread in both ${x} and ${y}` }))
  }
  return Either.right(covariance(rows, 0, 1) / Math.sqrt(sx * sy))
}

/**
 * Cronbach's alpha `k / (k - 1) · (1 - Σ var_i / var(Σ x_i))` of k >= 2 indicators over the units with all of them
 * (the sum's variance is the sum of the covariance matrix). Near 1: they move together; the Handbook reads 0.7 or
 * more as consistent.
 *
 * @example
 * cronbachAlpha({ x: { a: 1, b: 2, c: 3 }, y: { a: 1, b: 3, c: 2 } }, ["x", "y"]) // 2 (1 - 2 / 3) = Right(0.667)
 */
export const cronbachAlpha = (table: IndicatorTable, ids: ReadonlyArray<string>): Either.Either<number, CompositeError> => {
  const k = ids.length
  if (k < 2) return Either.left(new CompositeError({ reason: "invalid-options", message: `Cronbach's alpha needs at least 2 indicators; ${k} given` }))
  const rows = completeCases(table, ids)
  if (rows.length < 2) {
    return Either.left(new CompositeError({ reason: "no-values", message: `Cronbach's alpha needs at least 2 units with every indicator; ${rows.length} have` }))
  }
  let diagonal = 0
  let total = 0
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const c = covariance(rows, i, j)
      total += c
      if (i === j) diagonal += c
    }
  }
  if (!(total > 0)) {
    return Either.left(new CompositeError({ reason: "no-spread", message: `Cronbach's alpha is undefined: the sum of ${ids.join(", ")} does not vary` }))
  }
  return Either.right((k / (k - 1)) * (1 - diagonal / total))
}

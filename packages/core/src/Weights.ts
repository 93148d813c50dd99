/**
 * Weights of a composite index: equal, explicit, or nested (indicators -> sub-index -> composite). Weights are
 * non-negative and sum to 1 at every level; nested weights flatten to effective weights per indicator.
 */
import { Either } from "effect"
import { CompositeError } from "./Errors.js"

/** Weights keyed by input id, each >= 0, summing to 1. */
export type Weights = Readonly<Record<string, number>>

/** A node of a nested weighting: a leaf input, or a group of children with their weights within the group. */
export type WeightTree =
  | { readonly id: string; readonly weight: number }
  | { readonly id: string; readonly weight: number; readonly children: ReadonlyArray<WeightTree> }

const TOLERANCE = 1e-9

/** Equal weights over these inputs. */
export const equalWeights = (ids: ReadonlyArray<string>): Weights => Object.fromEntries(ids.map((id) => [id, 1 / ids.length]))

/**
 * Checks explicit weights: every weight finite and >= 0, and the sum 1 (within 1e-9).
 *
 * @example
 * validateWeights({ a: 0.5, b: 0.6 }) // Left: "weights sum to 1.1, not 1 ..."
 */
export const validateWeights = (weights: Weights, where = "weights"): Either.Either<Weights, CompositeError> => {
  const bad = Object.entries(weights).filter(([, w]) => !Number.isFinite(w) || w < 0)
  if (bad.length > 0) {
    return Either.left(
      new CompositeError({
        reason: "invalid-weights",
        message: `${where}: weights must be finite and >= 0; ${bad.map(([k, w]) => `${k} = ${w}`).join(", ")}`,
      }),
    )
  }
  const sum = Object.values(weights).reduce((s, w) => s + w, 0)
  if (Math.abs(sum - 1) > TOLERANCE) {
    return Either.left(
      new CompositeError({
        reason: "invalid-weights",
        message: `${where}: weights sum to ${Number(sum.toFixed(12))}, not 1; divide each by the sum to renormalise`,
      }),
    )
  }
  return Either.right(weights)
}

/**
 * Rescales non-negative weights over `ids` so they sum to 1 (each id's share of their total). When the ids carry no
 * weight at all the result is refused (`zero-weight`): falling back to equal weights would turn an input weighted 0
 * into the whole composite.
 *
 * @example
 * renormalise({ a: 0.5, b: 0.3, c: 0.2 }, ["a", "c"]) // Right({ a: 0.714..., c: 0.285... })
 * renormalise({ a: 1, b: 0 }, ["b"])                  // Left(zero-weight)
 */
export const renormalise = (weights: Weights, ids: ReadonlyArray<string> = Object.keys(weights)): Either.Either<Weights, CompositeError> => {
  const total = ids.reduce((s, id) => s + (weights[id] ?? 0), 0)
  if (!(total > 0)) {
    return Either.left(
      new CompositeError({
        reason: "zero-weight",
        message: `not computable: the inputs present (${ids.length > 0 ? ids.join(", ") : "none"}) carry a total weight of 0`,
      }),
    )
  }
  return Either.right(Object.fromEntries(ids.map((id) => [id, (weights[id] ?? 0) / total])))
}

/**
 * Flattens nested weights into effective leaf weights (the product of the weights on the path), validating each
 * level.
 *
 * @example
 * flattenWeights({ id: "composite", weight: 1, children: [
 *   { id: "carbon", weight: 0.5, children: [{ id: "co2", weight: 0.5 }, { id: "non-fossil", weight: 0.5 }] },
 *   { id: "growth", weight: 0.5 }] }) // Right({ co2: 0.25, "non-fossil": 0.25, growth: 0.5 })
 */
export const flattenWeights = (tree: WeightTree): Either.Either<Weights, CompositeError> => {
  const out: Record<string, number> = {}
  const visit = (node: WeightTree, factor: number): CompositeError | undefined => {
    if (!("children" in node)) {
      out[node.id] = (out[node.id] ?? 0) + factor
      return undefined
    }
    const level = Object.fromEntries(node.children.map((c) => [c.id, c.weight]))
    const checked = validateWeights(level, `weights under ${node.id}`)
    if (Either.isLeft(checked)) return checked.left
    for (const child of node.children) {
      const error = visit(child, factor * child.weight)
      if (error) return error
    }
    return undefined
  }
  const error = visit(tree, 1)
  return error ? Either.left(error) : Either.right(out)
}

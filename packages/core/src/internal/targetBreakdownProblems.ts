/**
 * What is wrong with the breakdown a target addresses (`dimensions`), checked when the registry is built against the
 * indicator's declared dimensions: one dimension the indicator declares, one of its codes, and no benchmark (a
 * benchmark region's registered value is a total).
 */
import type { Indicator } from "../Indicator.js"
import type { TargetDefinition } from "../Target.js"
import { closest } from "./suggest.js"
import type { TargetProblem } from "./targetProblems.js"

const didYouMean = (text: string, candidates: ReadonlyArray<string>) => {
  const near = closest(text, candidates)
  return near === undefined ? "" : ` (did you mean "${near}"?)`
}

/**
 * Every problem of `t.dimensions` for `indicator` (undefined when no plugin declares it: reported elsewhere),
 * phrased to follow `target "<id>" of plugin "<plugin>"`.
 *
 * @example
 * targetBreakdownProblems({ ..., dimensions: { mode: "metr" } }, greenShare)
 * // [{ reason: "invalid-definition", message: 'addresses code "metr" of dimension "mode" of "mob.green-share", which is not one of its codes metro, bus, bike (did you mean "metro"?)' }]
 */
export const targetBreakdownProblems = (t: TargetDefinition, indicator: Indicator | undefined): ReadonlyArray<TargetProblem> => {
  const codes = t.dimensions as unknown
  if (codes === undefined || indicator === undefined) return []
  const invalid = (message: string): TargetProblem => ({ reason: "invalid-definition", message })
  if (typeof codes !== "object" || codes === null || Array.isArray(codes)) {
    return [invalid(`has dimensions ${JSON.stringify(codes)}; give one dimension and code, e.g. dimensions: { mode: "metro" }`)]
  }
  const entries = Object.entries(codes as Record<string, unknown>)
  const declared = indicator.dimensions ?? []
  if (declared.length === 0) return [invalid(`addresses a breakdown of "${indicator.id}", which declares no dimensions; remove dimensions to target its total`)]
  if (entries.length !== 1) {
    return [invalid(`addresses ${entries.length} dimensions of "${indicator.id}"; a target addresses one code of one dimension, e.g. dimensions: { ${declared[0]!.id}: "${declared[0]!.codes[0]!.code}" }`)]
  }
  const [id, code] = entries[0]!
  const dimension = declared.find((d) => d.id === id)
  if (!dimension) {
    const ids = declared.map((d) => d.id)
    return [invalid(`addresses dimension "${id}" of "${indicator.id}", which declares ${ids.join(", ")}${didYouMean(id, ids)}`)]
  }
  const known = dimension.codes.map((c) => c.code)
  if (typeof code !== "string" || !known.includes(code)) {
    return [invalid(`addresses code "${String(code)}" of dimension "${id}" of "${indicator.id}", which is not one of its codes ${known.join(", ")}${didYouMean(String(code), known)}`)]
  }
  if (t.standard?.family === "benchmark") {
    return [invalid(`is a benchmark on a breakdown; a benchmark region's value is its total, so target the total or give a value`)]
  }
  return []
}

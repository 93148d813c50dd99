/**
 * What is wrong with one target declaration, checked when the registry is built: the types already refuse most of
 * it, but a plugin written in JavaScript, or built from data, reaches the registry unchecked.
 */
import type { RegistryError } from "../Errors.js"
import type { RegionSet } from "../Region.js"
import type { TargetDefinition } from "../Target.js"

/** A problem, phrased to follow `target "<id>" of plugin "<plugin>"`. */
export interface TargetProblem {
  readonly reason: RegistryError["reason"]
  readonly message: string
}

const KINDS = new Set(["at-least", "at-most", "band", "equals", "no-decrease-from-baseline", "forecast"])
const FAMILIES = new Set(["national", "local", "plan", "benchmark"])
const finite = (n: unknown): n is number => typeof n === "number" && Number.isFinite(n)

/** Every problem of `t` (unknown kind, missing or stray fields, a standard that names no region). */
export const targetProblems = (t: TargetDefinition, regions: RegionSet): ReadonlyArray<TargetProblem> => {
  const problems: Array<TargetProblem> = []
  const invalid = (message: string) => problems.push({ reason: "invalid-definition", message })
  // Read loosely: the declaration may not be what its type says.
  const d = t as unknown as Record<string, unknown>
  const kind = String(d.kind)
  if (!KINDS.has(kind)) {
    invalid(`has kind "${kind}"; it must be one of ${[...KINDS].join(", ")}`)
    return problems
  }
  if (!Number.isInteger(d.dueYear)) invalid(`needs dueYear as a whole year`)
  const standard = d.standard as { family?: unknown; issuer?: unknown; region?: unknown } | undefined
  const benchmark = standard?.family === "benchmark"
  if ((kind === "at-least" || kind === "at-most" || kind === "equals") && !benchmark && !finite(d.value)) {
    invalid(`is ${kind} and needs a finite value`)
  }
  if (kind === "band" && !(finite(d.lo) && finite(d.hi) && d.lo <= d.hi)) invalid(`is a band and needs lo <= hi`)
  if (kind !== "band" && (d.lo !== undefined || d.hi !== undefined)) invalid(`is ${kind} and cannot have lo or hi (only a band has them)`)
  if (kind === "no-decrease-from-baseline" && !Number.isInteger(d.baselineYear)) {
    invalid(`is no-decrease-from-baseline and needs baselineYear, the year whose value is the red line`)
  }
  if (kind === "forecast") {
    if (!finite(d.value)) invalid(`is a forecast and needs a finite value`)
    if (d.expects !== "growth" && d.expects !== "decline") invalid(`is a forecast and needs expects: "growth" or "decline"`)
    if (d.binding === true) invalid(`is a forecast, which cannot be binding (a forecast is not a goal)`)
    if (standard !== undefined) invalid(`is a forecast, which stands for no standard`)
    if (d.madeIn !== undefined && !(Number.isInteger(d.madeIn) && (d.madeIn as number) <= (d.dueYear as number))) {
      invalid(`has madeIn ${String(d.madeIn)}; it must be a whole year not after the due year`)
    }
  } else if (typeof d.binding !== "boolean") invalid(`needs binding: true (约束性) or false (预期性)`)
  if (standard !== undefined && kind !== "forecast") {
    if (!FAMILIES.has(String(standard.family))) {
      invalid(`has standard family "${String(standard.family)}"; it must be one of ${[...FAMILIES].join(", ")}`)
    } else if (standard.family === "local" && !(typeof standard.issuer === "string" && regions.scope(standard.issuer))) {
      problems.push({ reason: "unknown-region", message: `has a local standard issued by "${String(standard.issuer)}", which is not a known region` })
    } else if (benchmark) {
      if (!(typeof standard.region === "string" && regions.scope(standard.region)?._tag === "region")) {
        problems.push({ reason: "unknown-region", message: `has a benchmark "${String(standard.region)}", which is not a known region` })
      }
      if (kind !== "at-least" && kind !== "at-most") invalid(`is a benchmark, which must be at-least or at-most (not ${kind})`)
      if (d.value !== undefined) invalid(`is a benchmark and cannot have a value: the benchmark region's own value is the standard`)
    }
  }
  return problems
}

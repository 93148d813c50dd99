/**
 * Dimensions: how an indicator's value is broken down (green travel share by mode, redline area by type). An
 * indicator declares its dimensions, each with a code list; a value with codes for some of them is a breakdown of
 * the cell's total, stored under a canonical text key beside it (`""` for the total).
 */
import type { I18nText } from "./Text.js"
import type { RuleSeverity } from "./ValidationRule.js"

/** One code of a dimension's code list, e.g. `{ code: "metro", name: { zh: "地铁", en: "metro" } }`. */
export interface DimensionCode {
  readonly code: string
  readonly name: I18nText
}

/**
 * A dimension an indicator is broken down by: its id, name and codes (in the order reports show them).
 * `additive`: the codes partition the total, so a complete breakdown (a value for every code) adds up to the total
 * within `tolerance` (relative, default 0.001 = 0.1%). `severity` says what a sum that does not add up does, as for
 * validation rules: `error` (the default) refuses the write; `warning` stores it and reports the failed sum in the
 * write's `warnings` (rule `core.breakdown-sum/<indicator>/<dimension>`).
 *
 * @example
 * const mode: Dimension = {
 *   id: "mode", name: { zh: "方式", en: "mode" }, additive: true,
 *   codes: [{ code: "metro", name: { zh: "地铁", en: "metro" } }, { code: "bus", name: { zh: "公交", en: "bus" } }],
 * }
 */
export interface Dimension {
  readonly id: string
  readonly name: I18nText
  readonly codes: ReadonlyArray<DimensionCode>
  readonly additive?: boolean
  readonly tolerance?: number
  /** What a sum that does not add up does (additive dimensions only): `error` (default) refuses the write, `warning` stores and reports it. */
  readonly severity?: RuleSeverity
}

/** The codes of a breakdown by dimension id, e.g. `{ mode: "metro" }`; none (or `{}`) is the total. */
export type DimensionCodes = Readonly<Record<string, string>>

/** The breakdown key of a total. */
export const TOTAL_BREAKDOWN = ""

/** The relative tolerance of an additive dimension that declares none: 0.1%. */
export const DEFAULT_ADDITIVE_TOLERANCE = 0.001

/** The longest breakdown key stored (the column is `varchar(200)`). */
export const MAX_BREAKDOWN_LENGTH = 200

const DIMENSION_ID = /^[a-z][a-z0-9-]*$/
const CODE = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/

/**
 * The canonical key of a breakdown: `dimension=code` pairs in the indicator's declaration order, joined by `;`
 * (`""` for the total). Dimensions the indicator does not declare are left out: validate first.
 *
 * @example
 * breakdownKey([mode, purpose], { purpose: "work", mode: "metro" }) // "mode=metro;purpose=work"
 * breakdownKey([mode, purpose], undefined) // ""
 */
export const breakdownKey = (dimensions: ReadonlyArray<Dimension> | undefined, codes: DimensionCodes | undefined): string => {
  if (codes === undefined || dimensions === undefined) return TOTAL_BREAKDOWN
  return dimensions
    .filter((d) => codes[d.id] !== undefined)
    .map((d) => `${d.id}=${codes[d.id]}`)
    .join(";")
}

/**
 * The codes of a breakdown key, read back without the indicator: the inverse of `breakdownKey`.
 *
 * @example
 * codesOfBreakdown("mode=metro;purpose=work") // { mode: "metro", purpose: "work" }
 */
export const codesOfBreakdown = (key: string): DimensionCodes =>
  key === TOTAL_BREAKDOWN
    ? {}
    : Object.fromEntries(
        key.split(";").map((pair) => {
          const at = pair.indexOf("=")
          return [pair.slice(0, at), pair.slice(at + 1)]
        }),
      )

/** Whether codes name any dimension (a breakdown rather than the total). */
export const isBreakdown = (codes: DimensionCodes | undefined): boolean => codes !== undefined && Object.keys(codes).length > 0

/**
 * What is wrong with an indicator's dimension declarations, as messages (empty: nothing): ids and codes well
 * formed and unique, names in both languages, a tolerance in [0, 1), a severity of "error" or "warning" and only on an
 * additive dimension.
 *
 * @example
 * dimensionDeclarationProblems("demo.green-share", [{ id: "Mode", ... }])
 * // ['indicator "demo.green-share": dimension id "Mode" must be lower-case kebab-case (e.g. "mode", "redline-type")']
 */
export const dimensionDeclarationProblems = (indicator: string, dimensions: ReadonlyArray<Dimension>): Array<string> => {
  const where = `indicator "${indicator}"`
  const problems: Array<string> = []
  const ids = new Set<string>()
  for (const d of dimensions) {
    if (!DIMENSION_ID.test(d.id)) problems.push(`${where}: dimension id "${d.id}" must be lower-case kebab-case (e.g. "mode", "redline-type")`)
    if (ids.has(d.id)) problems.push(`${where}: dimension "${d.id}" is declared twice`)
    ids.add(d.id)
    if (!d.name?.zh || !d.name?.en) problems.push(`${where}: dimension "${d.id}" needs a name in zh and en`)
    if (d.codes.length === 0) problems.push(`${where}: dimension "${d.id}" declares no codes`)
    const codes = new Set<string>()
    for (const c of d.codes) {
      if (!CODE.test(c.code)) problems.push(`${where}: code "${c.code}" of dimension "${d.id}" must be letters, digits, "_", "." or "-" (no spaces, "=" or ";")`)
      if (codes.has(c.code)) problems.push(`${where}: code "${c.code}" of dimension "${d.id}" is declared twice`)
      codes.add(c.code)
      if (!c.name?.zh || !c.name?.en) problems.push(`${where}: code "${c.code}" of dimension "${d.id}" needs a name in zh and en`)
    }
    if (d.tolerance !== undefined && !(d.tolerance >= 0 && d.tolerance < 1)) {
      problems.push(`${where}: dimension "${d.id}" has tolerance ${d.tolerance}, not a ratio in [0, 1) (0.001 = 0.1%)`)
    }
    if (d.severity !== undefined && d.severity !== "error" && d.severity !== "warning") {
      problems.push(`${where}: dimension "${d.id}" has severity "${String(d.severity)}", not "error" or "warning"`)
    } else if (d.severity !== undefined && !d.additive) {
      problems.push(`${where}: dimension "${d.id}" has severity "${d.severity}" but is not additive: a severity says what a sum that does not add up does (declare it additive, or drop the severity)`)
    }
  }
  const longest = breakdownKey(dimensions, Object.fromEntries(dimensions.map((d) => [d.id, d.codes.reduce((a, c) => (c.code.length > a.length ? c.code : a), "")])))
  if (longest.length > MAX_BREAKDOWN_LENGTH) problems.push(`${where}: its longest breakdown key is ${longest.length} characters, over the ${MAX_BREAKDOWN_LENGTH} stored: use shorter ids or codes`)
  return problems
}

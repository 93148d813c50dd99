/**
 * The dimensions of a calculator's values: a computed value may be a breakdown (`dimensions: { "redline-type":
 * "water-conservation" }`) as a written one may. Its codes are checked against the indicator's declaration when the
 * run ends, so a calculator that emits an undeclared dimension or code fails as the calculator's error naming the
 * value, not as a row problem of a write the agency never typed. Totals, sums and duplicates are checked when the
 * values are stored, by the same checks as every write (`checkBreakdowns`).
 */
import { breakdownKey, isBreakdown } from "./Dimension.js"
import { CalculatorError, type InputProblem } from "./Errors.js"
import type { IndicatorDefinition } from "./Indicator.js"
import { dimensionProblems } from "./ObservationProblems.js"
import type { ComputedValue } from "./Calculator.js"

/** How a value is named in a message: `ecology.redline-area-km2 (redline-type=water-conservation) for DEMO-ZONE in 2024`. */
const describeComputedValue = (value: ComputedValue, indicator?: IndicatorDefinition): string => {
  const codes = value.dimensions ?? {}
  const key = indicator?.dimensions ? breakdownKey(indicator.dimensions, codes) : ""
  const shown = key || Object.entries(codes).map(([d, c]) => `${d}=${c}`).join(";")
  return `${value.indicator}${shown ? ` (${shown})` : ""} for ${value.region} in ${value.year}`
}

/**
 * The problems of the dimensions of a run's values: one per undeclared dimension or unknown code, as an input
 * problem of the file `values` whose `row` is the value's position in the output (1-based) and whose `field` is
 * `dimensions.<id>`. Values of indicators `indicatorOf` does not know are left to the write's checks. Pure.
 *
 * @example
 * computedDimensionProblems([{ indicator: "mob.green-share", region: "320500", year: 2024, value: 0.3, dimensions: { mode: "tram" } }], registry.indicator)
 * // [{ file: "values", row: 1, field: "dimensions.mode",
 * //    message: 'value 1 (mob.green-share (mode=tram) for 320500 in 2024): unknown mode code "tram" (the codes of mode: metro, bus, bike)' }]
 */
export const computedDimensionProblems = (
  values: ReadonlyArray<ComputedValue>,
  indicatorOf: (id: string) => IndicatorDefinition | undefined,
): Array<InputProblem> =>
  values.flatMap((value, index) => {
    const indicator = indicatorOf(value.indicator)
    if (indicator === undefined || !isBreakdown(value.dimensions)) return []
    return dimensionProblems(indicator, value.dimensions!, index).map((p) => ({
      file: "values",
      row: index + 1,
      field: p.field,
      message: `value ${index + 1} (${describeComputedValue(value, indicator)}): ${p.message}`,
    }))
  })

/**
 * The `CalculatorError` (reason `failed`: the calculator's output, not the user's input, is wrong) refusing a run
 * whose values carry undeclared dimensions or unknown codes, or undefined when every code is declared.
 *
 * @example
 * const refused = checkComputedDimensions("ecology.redline-integrity", output.values, registry.indicator)
 * if (refused) return yield* Effect.fail(refused)
 */
export const checkComputedDimensions = (
  calculator: string,
  values: ReadonlyArray<ComputedValue>,
  indicatorOf: (id: string) => IndicatorDefinition | undefined,
): CalculatorError | undefined => {
  const problems = computedDimensionProblems(values, indicatorOf)
  if (problems.length === 0) return undefined
  const shown = problems.slice(0, 5).map((p) => p.message).join("; ")
  return new CalculatorError({
    reason: "failed",
    message: `${calculator} returned ${new Set(problems.map((p) => p.row)).size} value(s) with dimensions its indicators do not declare: ${shown}${problems.length > 5 ? "; ..." : ""}`,
    problems,
  })
}

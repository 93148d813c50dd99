/**
 * Turning a calculator run into observations to register: each computed value with its provenance (calculator,
 * plugin version, every input file's name and SHA-256, the parameters) as its source, and the calculator's note
 * (how the figure was made) as its note, so a report can say how a figure was made.
 */
import { type CalculatorOutput, type CalculatorProvenance, type NewObservation, type ObservationStatus, provenanceSource } from "@tijian/core/plugin"

/**
 * The observations of a run, ready for `registerObservations`.
 *
 * @example
 * const { output, provenance } = await runCalculator(commuteCalculator, rail, request)
 * yield* registerObservations(toObservations(output, provenance, { agency: "sh-transport" }), asOf)
 */
export const toObservations = (
  output: CalculatorOutput,
  provenance: CalculatorProvenance,
  options: { readonly agency: string; readonly status?: ObservationStatus },
): Array<NewObservation> =>
  output.values.map((v) => ({
    indicator: v.indicator,
    region: v.region,
    year: v.year,
    value: v.value,
    agency: options.agency,
    source: provenanceSource(provenance),
    ...(v.note !== undefined ? { note: v.note } : {}),
    ...(v.dimensions !== undefined ? { dimensions: v.dimensions } : {}),
    ...(options.status !== undefined ? { status: options.status } : {}),
  }))

/**
 * The calculators the registry offers, as the API lists them, and looking one up by id.
 */
import { describeParams, type I18nText, type ParamDescription, type Registry } from "@tijian/core"
import type { CalculatorEntry } from "./runWithBudget.js"

/** A calculator as `GET /api/v1/calculators` lists it. */
export interface CalculatorDescription {
  readonly id: string
  readonly plugin: string
  readonly name: I18nText
  readonly description: I18nText
  readonly inputs: ReadonlyArray<{ readonly name: string; readonly format: string; readonly required: boolean; readonly description: I18nText }>
  /** From the calculator's parameter Schema: unit or form, default as a user writes it, zh/en, JSON Schema. */
  readonly parameters: ReadonlyArray<ParamDescription>
  readonly produces: ReadonlyArray<string>
}

/** Describes a calculator (no functions; a required parameter shows `default: null`). */
export const describeCalculator = ({ plugin, calculator: c }: CalculatorEntry): CalculatorDescription => ({
  id: c.id,
  plugin: plugin.id,
  name: c.name,
  description: c.description,
  inputs: c.inputs.map((i) => ({ name: i.name, format: i.format, required: i.required, description: i.description })),
  parameters: describeParams(c.params),
  produces: c.produces,
})

/** The calculator with this id, or undefined. */
export const findCalculator = (registry: Registry.RegistryService, id: string): CalculatorEntry | undefined =>
  registry.calculators.find((e) => e.calculator.id === id)

/** A message for an unknown calculator id that lists the known ones. */
export const unknownCalculatorMessage = (registry: Registry.RegistryService, id: string): string => {
  const known = registry.calculators.map((e) => e.calculator.id)
  return `no calculator "${id}"; ${known.length > 0 ? `the calculators are ${known.join(", ")}` : "no plugin registered here declares a calculator"}`
}

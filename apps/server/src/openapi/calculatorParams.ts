/**
 * The calculators' parameter Schemas in the OpenAPI document: one component per calculator
 * (`CalculatorParams.<id>`), generated from the `params` Struct it declares, and a run's multipart `params` field
 * documented as one of them (the one of the calculator in the path).
 */
import { type Calculator, describeParams } from "@tijian/core"
import type { OpenApiOperation } from "./document.js"
import type { JsonSchema } from "./jsonSchema.js"

/** The component name of a calculator's parameters. */
export const paramsComponentName = (id: string): string => `CalculatorParams.${id}`

/** One JSON Schema component per calculator: an object of its parameters, the required ones listed. */
export const calculatorParamsComponents = (calculators: ReadonlyArray<Pick<Calculator, "id" | "params">>): Record<string, JsonSchema> =>
  Object.fromEntries(
    calculators.map((c) => {
      const params = describeParams(c.params)
      const required = params.filter((p) => p.required).map((p) => p.name)
      return [
        paramsComponentName(c.id),
        {
          type: "object",
          description: `The parameters of ${c.id}; omitted ones take their defaults. A value may also be sent as text (a form field, \`--param key=value\`).`,
          properties: Object.fromEntries(params.map((p) => [p.name, { ...p.schema, title: p.type, "x-description-zh": p.description.zh }])),
          ...(required.length > 0 ? { required } : {}),
          additionalProperties: false,
        },
      ]
    }),
  )

/** The run operation with its `params` field documented as one of the calculators' components. */
export const withCalculatorParams = (operation: OpenApiOperation, components: ReadonlyArray<string>): OpenApiOperation => {
  if (operation.operationId !== "runCalculator" || components.length === 0) return operation
  const form = operation.requestBody?.content["multipart/form-data"]
  const schema = form?.schema as { properties?: Record<string, JsonSchema> } | undefined
  if (!form || !schema?.properties?.params) return operation
  const params = { ...schema.properties.params, oneOf: components.map((name) => ({ $ref: `#/components/schemas/${name}` })) } as JsonSchema
  return {
    ...operation,
    requestBody: {
      ...operation.requestBody,
      content: { ...operation.requestBody.content, "multipart/form-data": { ...form, schema: { ...schema, properties: { ...schema.properties, params } } } },
    },
  }
}

/**
 * Effect Schemas as JSON Schema inside the OpenAPI document. Request bodies are `JSONSchema.make(schema)` itself
 * (the schema the handler decodes, strict about extra members as the Schema says); response bodies are
 * generated with extra members allowed (a client should not break when a field is added). Named schemas
 * (`identifier` annotations) go to `components.schemas` and are referred to there.
 */
import { JSONSchema, Schema } from "effect"

/** A JSON Schema object, as it appears in the document. */
export type JsonSchema = { readonly [key: string]: unknown }

/** `components.schemas` while it is filled. */
export type SchemaComponents = Record<string, JsonSchema>

/** The JSON Schema dialect of request bodies (JSONSchema.make's `openApi3.1` target). */
export const TARGET = "openApi3.1" as const

const COMPONENTS = "#/components/schemas/"

/** Rewrites `$ref`s into `#/$defs/` to `components.schemas`, and drops Effect's internal `$id`s (`/schemas/unknown`). */
const relocate = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(relocate)
  if (typeof value !== "object" || value === null) return value
  const out: Record<string, unknown> = {}
  for (const [key, member] of Object.entries(value)) {
    if (key === "$id" && typeof member === "string" && member.startsWith("/schemas/")) continue
    if (key === "$ref" && typeof member === "string" && member.startsWith("#/$defs/")) {
      out[key] = COMPONENTS + member.slice("#/$defs/".length)
      continue
    }
    out[key] = relocate(member)
  }
  return out
}

const addComponent = (components: SchemaComponents, name: string, schema: JsonSchema) => {
  const existing = components[name]
  if (existing !== undefined && JSON.stringify(existing) !== JSON.stringify(schema)) {
    throw new Error(`two different schemas are named "${name}" in the OpenAPI document; give one another identifier`)
  }
  components[name] = schema
}

/**
 * A request body schema: `JSONSchema.make(schema, { target: "openApi3.1" })` without its `$schema` (the
 * document's dialect applies) and with any `$defs` moved to `components`.
 *
 * @example
 * requestSchema(LockBody, components) // { type: "object", required: ["reason"], properties: { reason: { type: "string", minLength: 1, ... } }, additionalProperties: false }
 */
export const requestSchema = (schema: Schema.Schema.Any, components: SchemaComponents): JsonSchema => {
  const { $schema: _dialect, $defs, ...body } = JSONSchema.make(schema, { target: TARGET })
  for (const [name, definition] of Object.entries($defs ?? {})) addComponent(components, name, relocate(definition) as JsonSchema)
  return relocate(body) as JsonSchema
}

/**
 * A response body schema: a `$ref` to `components.schemas` for a named schema (its named parts added there
 * too), else the schema inline. Extra members are allowed.
 */
export const responseSchema = (schema: Schema.Schema.Any, components: SchemaComponents): JsonSchema => {
  const definitions: Record<string, JSONSchema.JsonSchema7> = {}
  const body = JSONSchema.fromAST(schema.ast, {
    definitions,
    definitionPath: COMPONENTS,
    target: TARGET,
    additionalPropertiesStrategy: "allow",
  })
  for (const [name, definition] of Object.entries(definitions)) addComponent(components, name, relocate(definition) as JsonSchema)
  return relocate(body) as JsonSchema
}

/** Whether a body is described by an Effect Schema (else it is a plain JSON Schema, e.g. a file). */
export const isEffectSchema = (value: unknown): value is Schema.Schema.Any => Schema.isSchema(value)

/**
 * The parts of the OpenAPI document the endpoint objects (`endpoint/Endpoint.ts`) share: request headers,
 * ETag headers, JSON content, error responses. Each endpoint declares who may call it; the document adds the
 * 401/403/500 responses and the security requirement that follow from that rule.
 */
import { YEAR_RANGE } from "@tijian/core"
import type { Schema } from "effect"
import type { JsonSchema } from "./jsonSchema.js"
import { ErrorBody } from "./schemas.js"

/** The HTTP methods the API uses. */
export type Method = "get" | "post" | "put" | "delete"

/** A path, query or header parameter. Path parameters are always required. */
export interface ParameterSpec {
  readonly name: string
  readonly in: "path" | "query" | "header"
  readonly description: string
  readonly required?: boolean
  readonly schema: JsonSchema
  readonly example: string | number | boolean
}

/** A body's schema: the Effect Schema a handler decodes (or a response schema), or plain JSON Schema (files, forms). */
export type BodySchema = Schema.Schema.Any | JsonSchema

/** One media type of a body. */
export interface MediaSpec {
  readonly schema: BodySchema
  readonly example?: unknown
  /** Multipart only: the content type of named parts. */
  readonly encoding?: Readonly<Record<string, { readonly contentType: string }>>
}

/** A request body. */
export interface BodySpec {
  readonly description: string
  readonly content: Readonly<Record<string, MediaSpec>>
}

/** A response header. */
export interface HeaderSpec {
  readonly description: string
  readonly schema: JsonSchema
  readonly example?: string
}

/** A response. */
export interface ResponseSpec {
  readonly description: string
  readonly headers?: Readonly<Record<string, HeaderSpec>>
  readonly content?: Readonly<Record<string, MediaSpec>>
}

/** One operation of the API as the document lists it (from an endpoint object), its path relative to `/api/v1`. */
export interface RouteSpec {
  readonly method: Method
  readonly path: string
  readonly operationId: string
  readonly tag: string
  readonly summary: string
  readonly description: string
  readonly parameters?: ReadonlyArray<ParameterSpec>
  readonly body?: BodySpec
  /** The success responses and every error the route itself can return (401, 403 and 500 follow from the route's access rule, `auth/access.ts`). */
  readonly responses: Readonly<Record<number, ResponseSpec>>
}

// ------------------------------------------------------------------------------------------------ parts

/** JSON content of a schema, with an example. */
export const json = (schema: BodySchema, example?: unknown): Readonly<Record<string, MediaSpec>> => ({
  "application/json": example === undefined ? { schema } : { schema, example },
})

/** A JSON response encoded through `schema` (see `endpoint/Endpoint.ts`). */
export const ok = <S extends Schema.Schema.Any>(description: string, schema: S, example?: Schema.Schema.Type<S>): ResponseSpec & { readonly schema: S } => ({
  description,
  schema,
  content: json(schema, example),
})

/** An error response: the error body (or a variant with typed `details`) and an example of it. */
export const error = (description: string, code: string, message: string, schema: BodySchema = ErrorBody, details?: unknown): ResponseSpec => ({
  description,
  content: json(schema, { error: { code, message, ...(details === undefined ? {} : { details }) } }),
})

/** 400 for a path or query parameter that does not parse. */
export const badYear = error(
  "A path or query parameter does not parse (a year, `asOf`).",
  "bad-request",
  `year must be a whole year between ${YEAR_RANGE.min} and ${YEAR_RANGE.max}, not "20x3"`,
)

const text = { type: "string" } as const

/** `If-Match`: the ETag of the revision being revised. */
export const ifMatch = (description: string): ParameterSpec => ({
  name: "If-Match",
  in: "header",
  description,
  schema: text,
  example: '"1"',
})

/** The `ETag` header of a cell's current revision. */
export const etagHeader: Readonly<Record<string, HeaderSpec>> = {
  ETag: { description: 'The revision as an entity tag, e.g. "3"; send it back as If-Match to revise the value.', schema: text, example: '"1"' },
}

/** Binary content (an Excel workbook). */
export const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
export const binary: JsonSchema = { type: "string", format: "binary" }

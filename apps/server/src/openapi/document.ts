/**
 * The OpenAPI 3.1 document of the API, built from the endpoint objects (`endpoints.ts`): one operation per
 * endpoint, the security and the 401/403/500 responses that follow from its access rule, its Schemas as JSON
 * Schema (named ones in `components.schemas`). The document depends on the settings: whether reads need a token, the body limit.
 */
import { type AccessRule, ROLES_OF_RULE } from "../auth/AccessRule.js"
import type { ApiSettings } from "../http.js"
import type { Calculator } from "@tijian/core"
import { calculatorParamsComponents, withCalculatorParams } from "./calculatorParams.js"
import { isEffectSchema, type JsonSchema, requestSchema, responseSchema, type SchemaComponents } from "./jsonSchema.js"
import type { AnyEndpoint } from "../endpoint/Endpoint.js"
import { parameterDocs } from "../endpoint/parameters.js"
import { TAGS } from "../endpoint/tags.js"
import { ENDPOINTS } from "../endpoints.js"
import * as S from "./schemas.js"
import { type BodySchema, error, type MediaSpec, type Method, type ResponseSpec, type RouteSpec } from "./table.js"

/** One media type of a body, as in the document. */
export interface OpenApiMedia {
  readonly schema: JsonSchema
  readonly example?: unknown
  readonly encoding?: Readonly<Record<string, { readonly contentType: string }>>
}

/** A parameter, as in the document. */
export interface OpenApiParameter {
  readonly name: string
  readonly in: "path" | "query" | "header"
  readonly description: string
  readonly required: boolean
  readonly schema: JsonSchema
  readonly example: unknown
}

/** A response, as in the document. */
export interface OpenApiResponse {
  readonly description: string
  readonly headers?: Readonly<Record<string, { readonly description: string; readonly schema: JsonSchema; readonly example?: string }>>
  readonly content?: Readonly<Record<string, OpenApiMedia>>
}

/** An operation, as in the document. `x-roles` lists the token roles that may call it, when a role is needed. */
export interface OpenApiOperation {
  readonly operationId: string
  readonly tags: ReadonlyArray<string>
  readonly summary: string
  readonly description: string
  readonly security?: ReadonlyArray<Readonly<Record<string, ReadonlyArray<string>>>>
  readonly "x-roles"?: ReadonlyArray<string>
  readonly parameters?: ReadonlyArray<OpenApiParameter>
  readonly requestBody?: { readonly description: string; readonly required: true; readonly content: Readonly<Record<string, OpenApiMedia>> }
  readonly responses: Readonly<Record<string, OpenApiResponse>>
}

/** The OpenAPI document (the subset this API uses). */
export interface OpenApiDocument {
  readonly openapi: "3.1.0"
  readonly info: { readonly title: string; readonly version: string; readonly summary: string; readonly description: string; readonly license: { readonly name: string; readonly identifier: string } }
  readonly servers: ReadonlyArray<{ readonly url: string; readonly description: string }>
  readonly tags: ReadonlyArray<{ readonly name: string; readonly description: string }>
  readonly paths: Readonly<Record<string, Partial<Record<Method, OpenApiOperation>>>>
  readonly components: {
    readonly securitySchemes: Readonly<Record<string, { readonly type: "http"; readonly scheme: "bearer"; readonly bearerFormat: string; readonly description: string }>>
    readonly schemas: Readonly<Record<string, JsonSchema>>
  }
}

/** The base path of every operation. */
export const API_BASE = "/api/v1"

const OPTIONAL_TOKEN = [{}, { bearer: [] }] as const
const REQUIRED_TOKEN = [{ bearer: [] }] as const

const BAD_TOKEN = "a token was sent but is malformed, unknown, revoked or expired"

const MIB = 1024 * 1024

/** A body limit as people read it: `200 MiB`, or bytes when it is not whole MiB. */
const bodyLimit = (bytes: number) => (bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes} bytes`)

/** An endpoint as a row of the document: its parameters (path, query, headers) and its access rule. */
const specOf = (endpoint: AnyEndpoint): RouteSpec & { readonly access: AccessRule } => {
  const parameters = [...parameterDocs(endpoint.params, "path"), ...parameterDocs(endpoint.query, "query"), ...(endpoint.headers ?? [])]
  return {
    method: endpoint.method,
    path: endpoint.path,
    operationId: endpoint.operationId,
    tag: endpoint.tag,
    summary: endpoint.summary,
    description: endpoint.description,
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(endpoint.body ? { body: endpoint.body } : {}),
    responses: endpoint.responses,
    access: endpoint.access,
  }
}


/** The security requirement, roles and automatic responses of an access rule. */
const accessOf = (access: AccessRule, settings: ApiSettings) => {
  const unauthorized = (description: string) => error(description, "unauthorized", "the bearer token was revoked; ask an admin for a new one")
  const internal = error("Unexpected (storage, registry): the body reveals nothing internal; the server log has the details.", "internal-error", "internal server error; the server log has the details")
  const needsToken = access === "agency" || access === "approval" || access === "admin" || (access === "read" && settings.readsNeedToken)
  const auto: Record<number, ResponseSpec> = {}
  if (access !== "public") {
    auto[401] = unauthorized(needsToken ? `No token, or ${BAD_TOKEN.replace("a token was sent but ", "one that ")}.` : `Only when ${BAD_TOKEN}: this route needs no token.`)
    auto[500] = internal
  }
  if (access === "agency") {
    auto[403] = error(
      "The token may not write this: a reviewer token, or rows outside the token's region subtree or plugins (`details` lists every one; nothing was stored).",
      "forbidden",
      "1 row(s) are outside this token's scope; nothing was stored",
      S.RowProblemsError,
      [{ index: 0, field: "region", message: "this token writes 320500 (Suzhou (Jiangsu)) and the regions within it, not 310000 (Shanghai)" }],
    )
  }
  if (access === "admin") auto[403] = error("Not an admin token.", "forbidden", "an agency token may not do this; it needs an admin token")
  if (access === "approval") {
    auto[403] = error(
      "The token may not take this action here: a reviewer token; an agency submitting outside its regions or plugins, or approving; an approver acting on its own region or outside the regions below it, or submitting.",
      "forbidden",
      "an approver for 320000 approves the data sets of the regions below it, not 310000 (Shanghai)",
    )
  }
  return {
    auto,
    security: access === "public" ? undefined : needsToken ? REQUIRED_TOKEN : OPTIONAL_TOKEN,
    roles: access === "public" || access === "read" ? undefined : ROLES_OF_RULE[access],
  }
}

/**
 * Makes the document.
 *
 * @example
 * const doc = makeOpenApiDocument({ readsNeedToken: false, maxBodyBytes: 200 * 1024 * 1024 })
 * doc.paths["/observations"]?.post?.operationId // "registerObservations"
 */
export const makeOpenApiDocument = (
  settings: ApiSettings,
  endpoints: ReadonlyArray<AnyEndpoint> = ENDPOINTS,
  /** The calculators the registered plugins declare: each one's parameter Schema becomes a component, and a run's `params` is one of them. */
  calculators: ReadonlyArray<Pick<Calculator, "id" | "params">> = [],
): OpenApiDocument => {
  const schemas: SchemaComponents = {}
  const paramsComponents = calculatorParamsComponents(calculators)
  Object.assign(schemas, paramsComponents)
  const responseBody = (schema: BodySchema) => (isEffectSchema(schema) ? responseSchema(schema, schemas) : schema)
  const media = (content: Readonly<Record<string, MediaSpec>>, body: (schema: BodySchema) => JsonSchema) =>
    Object.fromEntries(
      Object.entries(content).map(([type, m]): [string, OpenApiMedia] => [
        type,
        { schema: body(m.schema), ...(m.example === undefined ? {} : { example: m.example }), ...(m.encoding ? { encoding: m.encoding } : {}) },
      ]),
    )
  const response = (r: ResponseSpec): OpenApiResponse => ({
    description: r.description,
    ...(r.headers ? { headers: r.headers } : {}),
    ...(r.content ? { content: media(r.content, responseBody) } : {}),
  })
  const operation = (route: RouteSpec & { readonly access: AccessRule }): OpenApiOperation => {
    const { auto, security, roles } = accessOf(route.access, settings)
    const responses = { ...auto, ...route.responses }
    if (responses[413]) responses[413] = { ...responses[413], description: `${responses[413].description} The limit here is ${bodyLimit(settings.maxBodyBytes)}.` }
    return {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      description: route.description,
      ...(security ? { security } : {}),
      ...(roles ? { "x-roles": roles } : {}),
      ...(route.parameters
        ? {
            parameters: route.parameters.map((p) => ({
              name: p.name,
              in: p.in,
              description: p.description,
              required: p.in === "path" ? true : (p.required ?? false),
              schema: p.schema,
              example: p.example,
            })),
          }
        : {}),
      ...(route.body
        ? {
            requestBody: {
              description: route.body.description,
              required: true as const,
              content: media(route.body.content, (schema) => (isEffectSchema(schema) ? requestSchema(schema, schemas) : schema)),
            },
          }
        : {}),
      responses: Object.fromEntries(
        Object.entries(responses)
          .sort(([a], [b]) => Number(a) - Number(b))
          .map(([status, r]) => [status, response(r)]),
      ),
    }
  }

  const paths: Record<string, Partial<Record<Method, OpenApiOperation>>> = {}
  for (const route of endpoints.map(specOf)) {
    const item = (paths[route.path] ??= {})
    if (item[route.method]) throw new Error(`two endpoints are ${route.method.toUpperCase()} ${route.path}`)
    item[route.method] = withCalculatorParams(operation(route), Object.keys(paramsComponents))
  }

  return {
    openapi: "3.1.0",
    info: {
      title: "tijian 体检 API",
      version: "1",
      summary: "Register a regional plan's indicator values and read their evaluation.",
      description:
        "Agencies register annual indicator values for their regions; the server evaluates them against the plans' targets and publishes the annual report. " +
        `Reads are ${settings.readsNeedToken ? "for token holders only (the server sets readsNeedToken): without a token only health, readiness, this document and the docs page answer" : "public (unless the server sets readsNeedToken: then only health, readiness, this document and the docs page answer without a token)"}; writes need a bearer token (\`Authorization: Bearer tj_...\`) that an admin creates with \`pnpm tijian tokens create\`. ` +
        "Every error is `{ \"error\": { \"code\", \"message\", \"details\"? } }`.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: API_BASE, description: "This server" }],
    tags: TAGS.map((t) => ({ name: t.name, description: t.description })),
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "tj_<16 hex>_<43 characters>",
          description:
            "`Authorization: Bearer tj_...`. A token has a role (agency, reviewer, admin); an agency token writes its region, the regions within it, and optionally only some plugins. An admin creates tokens with `pnpm tijian tokens create`.",
        },
      },
      schemas: Object.fromEntries(Object.entries(schemas).sort(([a], [b]) => a.localeCompare(b))),
    },
  }
}

/**
 * One object per endpoint: its method and path, its path and query parameters as Effect Schemas (decoded
 * before the handler runs; a parameter that does not decode is a 400 naming it), its request body, the
 * responses it can give (each JSON success with the Schema it is encoded through), who may call it, and the
 * handler. The app mounts these objects (`mount.ts`), the access table reads their rules (`auth/access.ts`),
 * and the OpenAPI document and the docs page are generated from them (`openapi/document.ts`): one definition,
 * three uses.
 *
 * Why a small `defineEndpoint` rather than hono-openapi: the server already turns Effect Schemas into JSON Schema
 * with named components (`openapi/jsonSchema.ts`), its 400s say in words what a parameter must be, its bodies
 * are read as streams in several formats (JSON, CSV, xlsx, multipart) that a validator middleware would buffer,
 * and its access rules and error statuses are its own. An object type and two functions do all of it.
 */
import type { Schema } from "effect"
import type { Context } from "hono"
import type { ContentfulStatusCode } from "hono/utils/http-status"
import type { AccessRule } from "../auth/AccessRule.js"
import type { AppEnv, Deps } from "../http.js"
import type { BodySpec, Method, ParameterSpec, ResponseSpec } from "../openapi/table.js"
import type { Tag } from "./tags.js"

/** A JSON response whose body is encoded through `schema` (made with `ok(...)`). */
export interface JsonResponse<S extends Schema.Schema.Any = Schema.Schema.Any> extends ResponseSpec {
  readonly schema: S
}

/** The responses of an endpoint by status: successes and every error the endpoint itself can give. */
export type Responses = Readonly<Record<number, ResponseSpec>>

/** The statuses of `R` that answer JSON through a Schema. */
export type JsonStatus<R extends Responses> = { [K in keyof R]: R[K] extends JsonResponse ? K : never }[keyof R] & number

/** The decoded value a JSON response of status `K` carries. */
export type JsonValue<R extends Responses, K extends keyof R> = R[K] extends JsonResponse<infer S> ? Schema.Schema.Type<S> : never

/** Answers JSON with one of the endpoint's declared statuses, encoding the value through that response's Schema. */
export type Reply<R extends Responses> = <K extends JsonStatus<R>>(
  status: K,
  value: JsonValue<R, K>,
  headers?: Readonly<Record<string, string>>,
) => Response

/** What a handler receives: the request context, the app's dependencies, the decoded parameters, `reply`. */
export interface EndpointRequest<P extends Schema.Struct.Fields, Q extends Schema.Struct.Fields, R extends Responses> {
  readonly c: Context<AppEnv>
  readonly deps: Deps
  readonly params: Schema.Struct.Type<P>
  readonly query: Schema.Struct.Type<Q>
  readonly reply: Reply<R>
}

/** One operation of the API under `/api/v1`. */
export interface Endpoint<P extends Schema.Struct.Fields = Record<never, never>, Q extends Schema.Struct.Fields = Record<never, never>, R extends Responses = Responses> {
  readonly method: Method
  /** The path as OpenAPI writes it, relative to `/api/v1`: `/years/{year}`. */
  readonly path: string
  /** The path as Hono matches it, when `{name}` → `:name` is not enough (`/templates/:region/:year` for `/templates/{region}/{year}.xlsx`). */
  readonly honoPath?: string
  readonly operationId: string
  readonly tag: Tag
  readonly summary: string
  readonly description: string
  /** Who may call it (see `auth/access.ts`); the document adds the 401/403/500 answers and security that follow. */
  readonly access: AccessRule
  /** Path parameters, each decoded from its text; a failure is a 400 with the Schema's message. */
  readonly params?: Schema.Struct<P>
  /** Query parameters, likewise; unknown ones are ignored. */
  readonly query?: Schema.Struct<Q>
  /** Request headers the endpoint reads (documented; the handler parses them, e.g. `If-Match`). */
  readonly headers?: ReadonlyArray<ParameterSpec>
  /** The request body: its media types and Schemas (the handler reads it, streaming where it can). */
  readonly body?: BodySpec
  readonly responses: R
  readonly handle: (request: EndpointRequest<P, Q, R>) => Response | Promise<Response>
}

/** An endpoint of any parameters and responses, as lists hold them. */
export type AnyEndpoint = Endpoint<any, any, any>

/**
 * Declares an endpoint (an identity function that lets TypeScript infer the parameter and response types).
 *
 * @example
 * export const getYearLock = defineEndpoint({
 *   method: "get", path: "/years/{year}", operationId: "getYearLock", tag: "Years", access: "read",
 *   summary: "...", description: "...",
 *   params: Schema.Struct({ year: YearParam }),
 *   responses: { 200: ok("The year's lock.", S.YearLock), 400: badYear },
 *   handle: async ({ deps, params, reply }) => reply(200, await lockOf(deps, params.year)),
 * })
 */
export const defineEndpoint = <P extends Schema.Struct.Fields = Record<never, never>, Q extends Schema.Struct.Fields = Record<never, never>, R extends Responses = Responses>(
  endpoint: Endpoint<P, Q, R>,
): Endpoint<P, Q, R> => endpoint

/** The Hono path of an endpoint (relative to `/api/v1`). */
export const honoPathOf = (endpoint: Pick<AnyEndpoint, "path" | "honoPath">): string =>
  endpoint.honoPath ?? endpoint.path.replace(/\{([A-Za-z0-9_]+)\}/g, ":$1")

/** A status as Hono types it. */
export const asStatus = (status: number) => status as ContentfulStatusCode

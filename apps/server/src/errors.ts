/**
 * Errors as HTTP responses, in one place: the server's own tagged errors and core's (`ApiError`) each map to a
 * status and the JSON body `{ "error": { "code", "message", "details"? } }` through one map that is total over
 * the union (an error added without a status does not compile). Anything unexpected is a 500 whose body
 * reveals nothing internal.
 */
import type { CoreError } from "@tijian/core"
import { Data } from "effect"
import type { ContentfulStatusCode } from "hono/utils/http-status"

/** A request the server cannot read (a malformed path parameter or query). */
export class BadRequest extends Data.TaggedError("BadRequest")<{
  readonly message: string
  readonly details?: unknown
}> {}

/** No route matches the method and path. */
export class UnknownRoute extends Data.TaggedError("UnknownRoute")<{
  readonly method: string
  readonly path: string
}> {}

/** No valid token (none, malformed, unknown, revoked or expired): 401. */
export class Unauthorized extends Data.TaggedError("Unauthorized")<{ readonly message: string }> {}

/** The token is valid but may not do this (role, region scope, plugins): 403. `details` lists offending rows. */
export class Forbidden extends Data.TaggedError("Forbidden")<{ readonly message: string; readonly details?: unknown }> {}

/** A revision of an existing value was sent without `If-Match`: 428. */
export class PreconditionRequired extends Data.TaggedError("PreconditionRequired")<{ readonly message: string }> {}

/** An `If-Match` names no tag of the current value (or `*` and there is none): 412; `details.etag` is the current ETag. */
export class PreconditionFailed extends Data.TaggedError("PreconditionFailed")<{ readonly message: string; readonly details?: unknown }> {}

/** The body is larger than the configured limit: 413. */
export class PayloadTooLarge extends Data.TaggedError("PayloadTooLarge")<{ readonly message: string }> {}

/** Every heavy job slot (calculator runs) is taken: 429 with `Retry-After`. */
export class CalculatorBusy extends Data.TaggedError("CalculatorBusy")<{ readonly message: string; readonly retryAfterSeconds: number }> {}

/** The body's content type is not one the route reads: 415. */
export class UnsupportedMediaType extends Data.TaggedError("UnsupportedMediaType")<{ readonly message: string }> {}

/** No format the client accepts can be made: 406; `details.formats` lists those that can. */
export class NotAcceptable extends Data.TaggedError("NotAcceptable")<{ readonly message: string; readonly details?: unknown }> {}

/** A boundary that cannot be used (not GeoJSON polygons, out-of-range or unclosed rings, too large): 422. */
export class InvalidBoundary extends Data.TaggedError("InvalidBoundary")<{
  readonly message: string
  /** Each problem with where it is (`feature 2, polygon 0, ring 1`) and how to fix it. */
  readonly problems: ReadonlyArray<{ readonly where: string; readonly message: string }>
}> {}

/**
 * A write or submission that plugins' validation rules of severity `error` refuse: 422 `rule-violations`, `details`
 * lists each failed rule with both sides' values and the cells read (those given by the request with their `row`).
 */
export class RuleViolations extends Data.TaggedError("RuleViolations")<{
  /** Default `rule-violations`; a submission with warnings not acknowledged is `warnings-not-acknowledged`; values flagged against their history without a note `outlier-needs-note`. */
  readonly code?: "rule-violations" | "warnings-not-acknowledged" | "outlier-needs-note"
  readonly message: string
  readonly violations: ReadonlyArray<unknown>
}> {}

/** A write sent to a read-only instance (one serving a read replica): 503 `read-only`, naming where writes go. */
export class ReadOnlyInstance extends Data.TaggedError("ReadOnlyInstance")<{ readonly message: string; readonly primaryUrl?: string }> {}

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: {
    /** A stable kebab-case code, e.g. `not-found`, `invalid-observations`, `write-conflict`. */
    readonly code: string
    readonly message: string
    readonly details?: unknown
    /** On 5xx answers: the request's id (`X-Request-Id`), for the user to quote and the operator to find in the log. */
    readonly requestId?: string
  }
}

/** An error as a status and a body. */
export interface HttpError {
  readonly status: ContentfulStatusCode
  readonly body: ErrorBody
  /** Headers the answer needs, e.g. `Retry-After` on a 429. */
  readonly headers?: Readonly<Record<string, string>>
}

const response = (status: ContentfulStatusCode, code: string, message: string, details?: unknown): HttpError => ({
  status,
  body: { error: { code, message, ...(details === undefined ? {} : { details }) } },
})

/** Every error the server answers with its own status: its own errors and core's. */
export type ServerError =
  | BadRequest
  | UnknownRoute
  | Unauthorized
  | Forbidden
  | PreconditionRequired
  | PreconditionFailed
  | PayloadTooLarge
  | CalculatorBusy
  | UnsupportedMediaType
  | NotAcceptable
  | InvalidBoundary
  | RuleViolations
  | ReadOnlyInstance

/** Every expected error that reaches the edge: a handler's Effects may fail with these and nothing else (`runOrThrow`). */
export type ApiError = ServerError | CoreError

/** The answer to each error, by tag: total over `ApiError`, so an error without a status does not compile. */
const ANSWERS: { readonly [T in ApiError["_tag"]]: (error: Extract<ApiError, { readonly _tag: T }>) => HttpError } = {
  BadRequest: (e) => response(400, "bad-request", e.message, e.details),
  Unauthorized: (e) => response(401, "unauthorized", e.message),
  Forbidden: (e) => response(403, "forbidden", e.message, e.details),
  NotFound: (e) => response(404, "not-found", e.message),
  UnknownRoute: (e) => response(404, "not-found", `no route ${e.method} ${e.path}; the API is under /api/v1 (e.g. GET /api/v1/health)`),
  NotAcceptable: (e) => response(406, "not-acceptable", e.message, e.details),
  WriteConflict: (e) => response(409, "write-conflict", e.message, { reason: e.reason }),
  PreconditionFailed: (e) => response(412, "precondition-failed", e.message, e.details),
  PayloadTooLarge: (e) => response(413, "payload-too-large", e.message),
  UnsupportedMediaType: (e) => response(415, "unsupported-media-type", e.message),
  InvalidObservations: (e) => response(422, "invalid-observations", e.message, e.problems),
  InvalidBoundary: (e) => response(422, "invalid-boundary", e.message, e.problems),
  RuleViolations: (e) => response(422, e.code ?? "rule-violations", e.message, e.violations),
  PreconditionRequired: (e) => response(428, "precondition-required", e.message),
  CalculatorBusy: (e) => ({ ...response(429, "too-many-calculator-runs", e.message), headers: { "Retry-After": String(e.retryAfterSeconds) } }),
  CalculatorError: (e) => {
    switch (e.reason) {
      case "timeout":
        return response(503, "calculator-timeout", e.message)
      case "too-large":
        return response(413, "payload-too-large", e.message, e.problems)
      case "invalid-input":
      case "invalid-parameter":
      case "failed":
        return response(422, "invalid-calculator-input", e.message, e.problems)
    }
  },
  // Too few values to rank a composite's members: the data asked for are not there (422). Any other composite that
  // cannot be formed from stored data is the server's fault, said in the method's words.
  CompositeError: (e) => (e.reason === "no-values" ? response(422, "composite-not-computable", e.message) : response(500, "composite-error", e.message)),
  ReadOnlyInstance: (e) => response(503, "read-only", e.message, e.primaryUrl === undefined ? undefined : { primaryUrl: e.primaryUrl }),
  RegistryError: (e) => response(500, "registry-error", e.message),
  // The cause (driver message, SQL) goes to the server log only: it can name tables, columns and values.
  StorageError: () => response(500, "storage-error", "the database could not complete this request; nothing was stored. The server log has the details"),
}

/** Whether `error` is one of the errors the server answers with its own status. */
export const isApiError = (error: unknown): error is ApiError => {
  const tag = error instanceof Error ? (error as { readonly _tag?: unknown })._tag : undefined
  return typeof tag === "string" && Object.hasOwn(ANSWERS, tag)
}

/**
 * Maps an error to its HTTP response (see `ANSWERS` for each status); anything else is a 500 whose body reveals
 * nothing.
 *
 * @example
 * toHttpError(new NotFound({ reason: "region", message: "no region 999999" }))
 * // { status: 404, body: { error: { code: "not-found", message: "no region 999999" } } }
 */
export const toHttpError = (error: unknown): HttpError => {
  if (!isApiError(error)) return response(500, "internal-error", "internal server error; the server log has the details")
  const answer = ANSWERS[error._tag] as (e: ApiError) => HttpError
  return answer(error)
}

/**
 * Errors as HTTP responses, in one place: core's tagged errors (and the server's own `BadRequest`) map to a
 * status and the JSON body `{ "error": { "code", "message", "details"? } }`. Anything unexpected is a 500
 * whose body reveals nothing internal.
 */
import { CalculatorError, InvalidObservations, NotFound, RegistryError, StorageError, WriteConflict } from "@tijian/core"
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

/**
 * Maps an error to its HTTP response: `BadRequest` 400, `Unauthorized` 401, `Forbidden` 403, `NotFound` and
 * `UnknownRoute` 404, `NotAcceptable` 406, `WriteConflict` 409 (stale revision, locked year), `PayloadTooLarge` 413,
 * `UnsupportedMediaType` 415, `InvalidObservations` and `CalculatorError` 422 (details = the row problems),
 * `PreconditionFailed` 412, `PreconditionRequired` 428, `CalculatorBusy` 429 (with `Retry-After`), a `CalculatorError` of reason `timeout`
 * 503 `calculator-timeout` (overload, not bad input), `RegistryError` and `StorageError` 500, anything else 500.
 *
 * @example
 * toHttpError(new NotFound({ reason: "region", message: "no region 999999" }))
 * // { status: 404, body: { error: { code: "not-found", message: "no region 999999" } } }
 */
export const toHttpError = (error: unknown): HttpError => {
  if (error instanceof NotFound) return response(404, "not-found", error.message)
  if (error instanceof InvalidObservations) return response(422, "invalid-observations", error.message, error.problems)
  if (error instanceof WriteConflict) return response(409, "write-conflict", error.message, { reason: error.reason })
  if (error instanceof UnknownRoute) {
    return response(404, "not-found", `no route ${error.method} ${error.path}; the API is under /api/v1 (e.g. GET /api/v1/health)`)
  }
  if (error instanceof BadRequest) return response(400, "bad-request", error.message, error.details)
  if (error instanceof Unauthorized) return response(401, "unauthorized", error.message)
  if (error instanceof Forbidden) return response(403, "forbidden", error.message, error.details)
  if (error instanceof PreconditionRequired) return response(428, "precondition-required", error.message)
  if (error instanceof PreconditionFailed) return response(412, "precondition-failed", error.message, error.details)
  if (error instanceof NotAcceptable) return response(406, "not-acceptable", error.message, error.details)
  if (error instanceof PayloadTooLarge) return response(413, "payload-too-large", error.message)
  if (error instanceof UnsupportedMediaType) return response(415, "unsupported-media-type", error.message)
  if (error instanceof InvalidBoundary) return response(422, "invalid-boundary", error.message, error.problems)
  if (error instanceof CalculatorBusy) return { ...response(429, "too-many-calculator-runs", error.message), headers: { "Retry-After": String(error.retryAfterSeconds) } }
  if (error instanceof CalculatorError && error.reason === "timeout") return response(503, "calculator-timeout", error.message)
  if (error instanceof CalculatorError && error.reason === "too-large") return response(413, "payload-too-large", error.message, error.problems)
  if (error instanceof CalculatorError) return response(422, "invalid-calculator-input", error.message, error.problems)
  if (error instanceof RegistryError) return response(500, "registry-error", error.message)
  // The cause (driver message, SQL) goes to the server log only: it can name tables, columns and values.
  if (error instanceof StorageError) return response(500, "storage-error", "the database could not complete this request; nothing was stored. The server log has the details")
  return response(500, "internal-error", "internal server error; the server log has the details")
}

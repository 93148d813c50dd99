/**
 * Errors as HTTP responses, in one place: core's tagged errors (and the server's own `BadRequest`) map to a
 * status and the JSON body `{ "error": { "code", "message", "details"? } }`. Anything unexpected is a 500
 * whose body reveals nothing internal.
 */
import { InvalidObservations, NotFound, RegistryError, StorageError, WriteConflict } from "@tijian/core"
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

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: {
    /** A stable kebab-case code, e.g. `not-found`, `invalid-observations`, `write-conflict`. */
    readonly code: string
    readonly message: string
    readonly details?: unknown
  }
}

/** An error as a status and a body. */
export interface HttpError {
  readonly status: ContentfulStatusCode
  readonly body: ErrorBody
}

const response = (status: ContentfulStatusCode, code: string, message: string, details?: unknown): HttpError => ({
  status,
  body: { error: { code, message, ...(details === undefined ? {} : { details }) } },
})

/**
 * Maps an error to its HTTP response: `NotFound` and `UnknownRoute` 404, `InvalidObservations` 422 (details = the row problems),
 * `WriteConflict` 409, `BadRequest` 400, `RegistryError` and `StorageError` 500, anything else 500.
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
  if (error instanceof RegistryError) return response(500, "registry-error", error.message)
  if (error instanceof StorageError) return response(500, "storage-error", error.message)
  return response(500, "internal-error", "internal server error; the server log has the details")
}

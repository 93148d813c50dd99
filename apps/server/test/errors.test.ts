import {
  CalculatorError,
  CompositeError,
  DEFAULT_INPUT_LIMITS,
  inputTooLarge,
  InvalidObservations,
  NotFound,
  RegistryError,
  StorageError,
  WriteConflict,
} from "@tijian/core"
import { Data, Effect } from "effect"
import { describe, expect, expectTypeOf, it } from "vitest"
import {
  type ApiError,
  BadRequest,
  CalculatorBusy,
  Forbidden,
  InvalidBoundary,
  isApiError,
  NotAcceptable,
  PayloadTooLarge,
  PreconditionFailed,
  PreconditionRequired,
  toHttpError,
  Unauthorized,
  UnknownRoute,
  UnsupportedMediaType,
} from "../src/errors.js"
import { type AppRuntime, type AppServices, runOrThrow } from "../src/runtime.js"

describe("toHttpError", () => {
  it("maps NotFound to 404", () => {
    expect(toHttpError(new NotFound({ reason: "region", message: "no region 999999" }))).toEqual({
      status: 404,
      body: { error: { code: "not-found", message: "no region 999999" } },
    })
  })

  it("maps InvalidObservations to 422 with the problems as details", () => {
    const problems = [{ index: 0, field: "value", message: "120 is outside the valid range 0..100" }]
    expect(toHttpError(new InvalidObservations({ message: "1 problem(s) in 1 row(s)", problems }))).toEqual({
      status: 422,
      body: { error: { code: "invalid-observations", message: "1 problem(s) in 1 row(s)", details: problems } },
    })
  })

  it("maps WriteConflict to 409", () => {
    const r = toHttpError(new WriteConflict({ reason: "stale-revision", message: "row 0 is at revision 2" }))
    expect(r.status).toBe(409)
    expect(r.body.error).toMatchObject({ code: "write-conflict", message: "row 0 is at revision 2" })
  })

  it("maps a too-large input to 413 naming the setting that raises the limit; other calculator errors stay 422", () => {
    const limits = { ...DEFAULT_INPUT_LIMITS, maxUnpackedBytes: 8 * 1024 * 1024 }
    const r = toHttpError(inputTooLarge({ file: "feed.zip", limit: "maxUnpackedBytes", limits, atLeast: true }))
    expect([r.status, r.body.error.code, r.body.error.message]).toEqual([
      413,
      "payload-too-large",
      "feed.zip holds more than 8 MiB unpacked bytes (limit maxUnpackedBytes = 8 MiB); split the input, or raise inputLimits.maxUnpackedMb in tijian.config.json (docs/security.md)",
    ])
    const invalid = toHttpError(new CalculatorError({ reason: "invalid-input", message: "bad row", problems: [] }))
    expect([invalid.status, invalid.body.error.code]).toEqual([422, "invalid-calculator-input"])
  })

  it("maps the server's own errors", () => {
    expect(toHttpError(new BadRequest({ message: "bad year" })).status).toBe(400)
    expect(toHttpError(new BadRequest({ message: "bad year" })).body.error.code).toBe("bad-request")
    expect(toHttpError(new UnknownRoute({ method: "GET", path: "/x" })).status).toBe(404)
  })

  it("maps registry errors to 500 with their message, storage errors to 500 without theirs (SQL stays in the log)", () => {
    const registry = toHttpError(new RegistryError({ reason: "cycle", message: "a -> b -> a" }))
    expect(registry).toEqual({ status: 500, body: { error: { code: "registry-error", message: "a -> b -> a" } } })
    const storage = toHttpError(new StorageError({ reason: "query", message: "append observations: SqliteError: Expression tree is too large (maximum depth 1000)" }))
    expect(storage).toEqual({
      status: 500,
      body: { error: { code: "storage-error", message: "the database could not complete this request; nothing was stored. The server log has the details" } },
    })
  })

  it("maps anything else to a 500 that reveals nothing", () => {
    for (const e of [new Error("secret path /etc/x"), "a string", undefined]) {
      const r = toHttpError(e)
      expect(r.status).toBe(500)
      expect(r.body.error.code).toBe("internal-error")
      expect(r.body.error.message).not.toContain("secret")
    }
  })
})

describe("the error map is total over ApiError", () => {
  it("gives every tag its own status and code (one of each error, checked against the table in errors.ts)", () => {
    const one: ReadonlyArray<[ApiError, number, string]> = [
      [new BadRequest({ message: "m" }), 400, "bad-request"],
      [new Unauthorized({ message: "m" }), 401, "unauthorized"],
      [new Forbidden({ message: "m" }), 403, "forbidden"],
      [new NotFound({ reason: "region", message: "m" }), 404, "not-found"],
      [new UnknownRoute({ method: "GET", path: "/x" }), 404, "not-found"],
      [new NotAcceptable({ message: "m" }), 406, "not-acceptable"],
      [new WriteConflict({ reason: "year-locked", message: "m" }), 409, "write-conflict"],
      [new PreconditionFailed({ message: "m" }), 412, "precondition-failed"],
      [new PayloadTooLarge({ message: "m" }), 413, "payload-too-large"],
      [new UnsupportedMediaType({ message: "m" }), 415, "unsupported-media-type"],
      [new InvalidObservations({ message: "m", problems: [] }), 422, "invalid-observations"],
      [new InvalidBoundary({ message: "m", problems: [] }), 422, "invalid-boundary"],
      [new PreconditionRequired({ message: "m" }), 428, "precondition-required"],
      [new CalculatorBusy({ message: "m", retryAfterSeconds: 3 }), 429, "too-many-calculator-runs"],
      [new CalculatorError({ reason: "timeout", message: "m", problems: [] }), 503, "calculator-timeout"],
      [new CalculatorError({ reason: "failed", message: "m", problems: [] }), 422, "invalid-calculator-input"],
      [new CompositeError({ reason: "no-values", message: "m" }), 422, "composite-not-computable"],
      [new CompositeError({ reason: "no-spread", message: "m" }), 500, "composite-error"],
      [new RegistryError({ reason: "cycle", message: "m" }), 500, "registry-error"],
      [new StorageError({ reason: "query", message: "m" }), 500, "storage-error"],
    ]
    expect(one.map(([e]) => isApiError(e))).toEqual(one.map(() => true))
    expect(one.map(([e]) => [e._tag, toHttpError(e).status, toHttpError(e).body.error.code])).toEqual(one.map(([e, s, c]) => [e._tag, s, c]))
    expect(toHttpError(new CalculatorBusy({ message: "m", retryAfterSeconds: 3 })).headers).toEqual({ "Retry-After": "3" })
  })

  it("does not take a foreign object with a known tag, or a tag it does not know, for one of its errors", () => {
    expect(isApiError({ _tag: "NotFound", message: "not an Error" })).toBe(false)
    expect(isApiError(Object.assign(new Error("m"), { _tag: "ParseError" }))).toBe(false)
    expect(toHttpError(Object.assign(new Error("m"), { _tag: "ParseError" })).status).toBe(500)
  })

  it("types the edge: an Effect that may fail with an error outside ApiError is not accepted by runOrThrow", () => {
    class Unmapped extends Data.TaggedError("Unmapped")<{ readonly message: string }> {}
    const mapped: Effect.Effect<number, NotFound> = Effect.succeed(1)
    const unmapped: Effect.Effect<number, Unmapped> = Effect.succeed(1)
    expectTypeOf(runOrThrow<number, NotFound>).parameter(1).toEqualTypeOf<Effect.Effect<number, NotFound, AppServices>>()
    type Accepts<E> = E extends ApiError ? true : false
    expectTypeOf<Accepts<NotFound | BadRequest>>().toEqualTypeOf<true>()
    expectTypeOf<Accepts<Unmapped>>().toEqualTypeOf<false>()
    // @ts-expect-error an error without a status cannot reach the edge
    const run = (runtime: AppRuntime) => runOrThrow(runtime, unmapped)
    expect([typeof run, Effect.isEffect(mapped)]).toEqual(["function", true])
  })
})

import { CalculatorError, DEFAULT_INPUT_LIMITS, inputTooLarge, InvalidObservations, NotFound, RegistryError, StorageError, WriteConflict } from "@tijian/core"
import { describe, expect, it } from "vitest"
import { BadRequest, toHttpError, UnknownRoute } from "../src/errors.js"

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

/**
 * Examples, and the parameters and responses several endpoints share (`endpoints.ts`). The
 * examples are checked against their Schemas by `test/openapi.test.ts`; the error messages are the server's own.
 */
import type * as R from "./reportSchemas.js"
import * as S from "./schemas.js"
import { error } from "./table.js"

// ------------------------------------------------------------------------------------------------ examples

/** A stored revision, as every example shows it. */
export const stored: typeof S.StoredObservation.Type = {
  id: "beauty.growth/320500/2023/r1",
  indicator: "beauty.growth",
  region: "320500",
  year: 2023,
  revision: 1,
  value: 82.28,
  agency: "suzhou-stats",
  submittedAt: "2025-03-01T00:00:00.000Z",
  source: "Suzhou statistical yearbook 2024",
  note: null,
  sourceZh: null,
  sourceEn: null,
  noteZh: null,
  noteEn: null,
  status: "final",
  etag: '"1"',
}
export const revised = { ...stored, id: "beauty.growth/320500/2023/r2", revision: 2, value: 82.5, note: "corrected GDP deflator", etag: '"2"' }
export const row = { indicator: "beauty.growth", region: "320500", year: 2023, value: 82.28, source: "Suzhou statistical yearbook 2024" }
export const lockEvent: typeof S.YearLockEvent.Type = {
  year: 2022,
  seq: 1,
  action: "lock",
  actor: "yrd-office",
  reason: "2022 report published",
  at: "2025-03-01T00:00:00.000Z",
}
export const edition: typeof R.EditionInfo.Type = {
  scope: "YRD",
  year: 2022,
  edition: 1,
  publishedAt: "2025-03-01T00:00:00.000Z",
  publishedBy: "yrd-office",
  asOf: "2025-03-01T00:00:00.000Z",
  contentHash: "9cd3c80b06e679260edc1c0c29ac88e9c01ee75df22fd82f220c264e5d53bc09",
}

// ------------------------------------------------------------------------------------------------ shared responses

/** A 404 with the server's message. */
export const notFound = (what: string, message: string) => error(`No such ${what}.`, "not-found", message)
export const conflict = (description: string, message: string, reason: string) =>
  error(description, "write-conflict", message, S.WriteConflictError, { reason })
export const staleMessage = "row 0: beauty.growth for 320500 in 2023 is at revision 2, not 1; read it again and resend your change against revision 2"
export const staleOrLocked = conflict(
  "A row revises a cell without naming its current revision (a new value for a cell that has one needs `revision`), or its year is locked; nothing was stored.",
  staleMessage,
  "stale-revision",
)
export const notJson = error("The body is not sent as `application/json`.", "unsupported-media-type", 'send JSON with Content-Type: application/json (got "text/plain")')
export const invalidRows = error(
  "A row is invalid (unknown indicator or region, a derived indicator, a value out of range, a duplicate cell); nothing was stored. `details` lists every problem. " +
    "Or a plugin's validation rule of severity `error` fails on the values as they would be after the write: code `rule-violations`, `details` lists each failed rule (`RuleResult`: both sides' values and the cells read, those of this request with their `row` index).",
  "invalid-observations",
  "1 problem(s) in 1 row(s); nothing was stored",
  S.RowProblemsError,
  [{ index: 0, field: "value", message: "182 is outside the valid range 0..100 of beauty.growth (index 0-100)" }],
)
export const tooLarge = (what: string) =>
  error(`The ${what} is larger than the server accepts; nothing was stored.`, "payload-too-large", "the body exceeds this server's limit of 200 MiB per request")
export const unknownScope = notFound("region or group", 'no region or group has code "999999"; regions are identified by code (e.g. 320500), see GET /api/v1/regions')

/**
 * Observation endpoints: register values (JSON), read current values (as of a time), read one cell with its ETag,
 * revise one cell with If-Match, read a cell's full history.
 */
import { InvalidObservations, NotFound, ObservationStore, Registry, type StoredObservation } from "@tijian/core"
import { Effect, Either, ParseResult, Schema } from "effect"
import type { Context } from "hono"
import { BilingualText, type BilingualTextValue, splitText } from "../bilingualText.js"
import { BadRequest, PreconditionRequired } from "../errors.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { IndicatorParam, RegionParam, YearParam } from "../endpoint/parameters.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { conflict, invalidRows, notFound, notJson, revised, row, staleMessage, staleOrLocked, stored } from "../openapi/examples.js"
import * as S from "../openapi/schemas.js"
import { badYear, error, etagHeader, ifMatch, json, ok } from "../openapi/table.js"
import { readJsonBody } from "../jsonBody.js"
import { countedProblems, listProblems } from "../listedProblems.js"
import { CurrentValuesQuery, currentQueryOf, knownNames } from "./exports.js"
import { runOrThrow } from "../runtime.js"
import { type IncomingRow, type WriteResult, writeRows } from "../writes.js"
import { parseIfMatch, revisionIfMatched } from "./ifMatch.js"

/** One value as sent in JSON. `revision` is the revision it revises (absent for a new cell). */
export const ObservationInput = Schema.Struct({
  indicator: Schema.String,
  region: Schema.String,
  year: Schema.Number,
  value: Schema.Number,
  source: Schema.optionalWith(BilingualText("source"), { exact: true }),
  note: Schema.optionalWith(BilingualText("note"), { exact: true }),
  status: Schema.optional(Schema.Literal("provisional", "final")),
  revision: Schema.optional(Schema.Number),
  dimensions: Schema.optionalWith(
    Schema.Record({ key: Schema.String, value: Schema.String }).annotations({
      description: 'For a breakdown: its code in each dimension the indicator declares (`GET /indicators/{id}`, `dimensions`), e.g. `{"mode": "metro"}`; absent for the total.',
      message: () => 'dimensions must be an object of codes by dimension id, e.g. {"mode": "metro"} (leave it out for the total)',
    }),
    { exact: true },
  ),
})

/** The body of `POST /observations`. */
export const ObservationsBody = Schema.Struct({ observations: Schema.Array(ObservationInput) })

/** The body of `PUT /observations/{indicator}/{region}/{year}`. */
export const CellBody = Schema.Struct({
  value: Schema.Number,
  source: Schema.optionalWith(BilingualText("source"), { exact: true }),
  note: Schema.optionalWith(BilingualText("note"), { exact: true }),
  status: Schema.optional(Schema.Literal("provisional", "final")),
})

/** A stored revision as JSON, with its ETag (texts per language null when not given). */
export const observationJson = (o: StoredObservation) => ({
  ...o,
  sourceZh: o.sourceZh ?? null,
  sourceEn: o.sourceEn ?? null,
  noteZh: o.noteZh ?? null,
  noteEn: o.noteEn ?? null,
  etag: etag(o.revision),
})

/**
 * The body of a write's 201: the new revisions (an import lists the first 1,000), how many were stored and
 * left unchanged, and the write's stamp (the `submittedAt` of every revision it stored; null if none).
 */
export const writeResultJson = (result: WriteResult) => ({
  stored: result.stored.map(observationJson),
  count: result.count,
  unchanged: result.unchanged,
  submittedAt: result.submittedAt,
  warnings: result.warnings,
  ruleErrors: result.ruleErrors,
  outliers: result.outliers,
})

/** A decoded JSON row's source and note as a row's fields: plain text and text per language. */
const withTexts = <R extends { readonly source?: BilingualTextValue; readonly note?: BilingualTextValue }>(r: R) => {
  const source = splitText(r.source)
  const note = splitText(r.note)
  return {
    ...r,
    source: source.plain,
    note: note.plain,
    sourceZh: source.zh,
    sourceEn: source.en,
    noteZh: note.zh,
    noteEn: note.en,
  }
}

/** The ETag of a revision. */
export const etag = (revision: number) => `"${revision}"`

/** The JSON body, read within the body size limit (413 past it, without reading the rest); see `readJsonBody`. */
const readJson = (c: Context<AppEnv>, deps: Deps): Promise<unknown> =>
  readJsonBody(c, {
    maxBytes: deps.settings.maxBodyBytes,
    wrongType: (type) => `send JSON with Content-Type: application/json (got "${type}"); CSV and Excel go to POST /api/v1/observations/import`,
  })

/** Decodes `POST /observations`: a structural problem is a 400, a problem in a row a 422 naming index and field. */
const decodeRows = (body: unknown): ReadonlyArray<IncomingRow> => {
  if (typeof body !== "object" || body === null || !Array.isArray((body as { observations?: unknown }).observations)) {
    throw new BadRequest({ message: 'the body must be {"observations": [{"indicator", "region", "year", "value", "source"?, "note"?}]}; source and note are text or {"zh", "en"}' })
  }
  // Row by row, so that 200,000 bad rows cost a count each past the first thousand problems, not one error tree.
  const items = (body as { observations: ReadonlyArray<unknown> }).observations
  const rows: Array<IncomingRow> = []
  function* problemsOf(): Generator<{ index: number; field: string; message: string }> {
    for (let index = 0; index < items.length; index++) {
      const decoded = decodeRow(items[index])
      if (Either.isRight(decoded)) rows.push(withTexts(decoded.right))
      else {
        for (const issue of ParseResult.ArrayFormatter.formatErrorSync(decoded.left)) {
          yield { index, field: issue.path.map(String).join(".") || "row", message: issue.message }
        }
      }
    }
  }
  const problems = listProblems(problemsOf())
  if (problems.total === 0) return rows
  throw new InvalidObservations({ message: `${countedProblems(problems)} of the JSON; nothing was stored`, problems: problems.listed })
}

const decodeRow = Schema.decodeUnknownEither(ObservationInput, { errors: "all" })

type Cell = { readonly indicator: string; readonly region: string; readonly year: number }

const currentOf = async (deps: Deps, k: Cell) =>
  (await runOrThrow(deps.runtime, Effect.flatMap(ObservationStore.ObservationStore, (s) => s.history(k.indicator, k.region, k.year)))).at(-1)
const named = (k: Cell) => `${k.indicator} for ${k.region} in ${k.year}`
const noValue = (k: Cell) => new NotFound({ reason: "observation", message: `no value of ${k.indicator} for ${k.region} in ${k.year} yet` })

/** The path of one cell. */
const CellPath = Schema.Struct({ indicator: IndicatorParam, region: RegionParam, year: YearParam() })

const preconditionFailed = error(
  "If-Match names no current tag (a stale or opaque tag; weak tags never match, RFC 9110 strong comparison), or is `*` and the cell has no value; nothing was stored. `details.etag` is the current ETag.",
  "precondition-failed",
  'beauty.growth for 320500 in 2023 is at revision 2 (ETag "2"), which If-Match does not name; read it again and resend your change with If-Match: "2"',
)

export const registerObservations = defineEndpoint({
  method: "post",
  path: "/observations",
  operationId: "registerObservations",
  tag: "Observations",
  access: "agency",
  summary: "Register values (JSON)",
  description:
    "Registers a batch of values, all or nothing. A row with `dimensions` (`{\"mode\": \"metro\"}`, codes of the indicator's declared dimensions) is a breakdown of the cell's total: its total must be stored or in the same batch, and the breakdowns of an additive dimension must add up to the total within its tolerance (422 naming the rows otherwise); read them with `GET /observations/breakdowns`. A row for a cell that already has a value must name the revision it revises (`revision`, or the `If-Match` header for a batch of one row), else the batch fails with 409. A row equal to the current value is left alone (`unchanged`), so sending the same batch twice changes nothing. Without `source`, the value is recorded as registered through the API. `source` and `note` are text, or text per language: `{\"zh\": \"苏州统计年鉴2024\", \"en\": \"Suzhou statistical yearbook 2024\"}` (either key may be left out, not both); reports show the page's language, else the other. A source or note of another shape is a 422 naming the row and field (`source.zh must be text`).",
  headers: [ifMatch("Only for a batch of one row: the ETag of the revision it revises (instead of `revision`).")],
  body: { description: "The rows.", content: json(ObservationsBody, { observations: [row] }) },
  responses: {
    201: ok("Stored: the new revisions, and how many rows were unchanged.", S.WriteResult, { stored: [stored], count: 1, unchanged: 0, submittedAt: stored.submittedAt, warnings: [], ruleErrors: [], outliers: [] }),
    400: error(
      "The body is not JSON or not `{ observations: [...] }`, or If-Match is malformed or sent with several rows.",
      "bad-request",
      "If-Match applies to one value; for several, give each row its `revision`",
    ),
    409: staleOrLocked,
    412: preconditionFailed,
    415: notJson,
    422: invalidRows,
  },
  handle: async ({ c, deps, reply }) => {
    const principal = requirePrincipal(c)
    let rows = decodeRows(await readJson(c, deps))
    const ifMatch = c.req.header("if-match")
    if (ifMatch !== undefined) {
      const condition = parseIfMatch(ifMatch)
      if (rows.length !== 1) throw new BadRequest({ message: "If-Match applies to one value; for several, give each row its `revision`" })
      const row = rows[0]!
      rows = [{ ...row, revision: revisionIfMatched(condition, (await currentOf(deps, row))?.revision, named(row)) }]
    }
    const result = await runOrThrow(deps.runtime, writeRows(principal, rows, deps.now().toISOString()))
    return reply(201, writeResultJson(result))
  },
})

export const listObservations = defineEndpoint({
  method: "get",
  path: "/observations",
  operationId: "listObservations",
  tag: "Observations",
  access: "read",
  summary: "Current values",
  description: "The current revision of every matching cell. Each filter takes one value or a comma-separated list; `asOf` reads the values as they stood at that time.",
  query: CurrentValuesQuery,
  responses: {
    200: ok("The values.", S.ObservationList, { observations: [stored] }),
    400: badYear,
    404: notFound("indicator or region", 'no indicator has id "beauty.growht"; did you mean "beauty.growth"? (see GET /api/v1/indicators)'),
  },
  handle: async ({ deps, query: q, reply }) => {
    const found = await runOrThrow(
      deps.runtime,
      Effect.gen(function* () {
        yield* knownNames(yield* Registry.Registry, { indicators: q.indicator, regions: q.region })
        return yield* Effect.flatMap(ObservationStore.ObservationStore, (s) => s.current(currentQueryOf(q)))
      }),
    )
    return reply(200, { observations: found.map(observationJson) })
  },
})

export const getObservation = defineEndpoint({
  method: "get",
  path: "/observations/{indicator}/{region}/{year}",
  operationId: "getObservation",
  tag: "Observations",
  access: "read",
  summary: "One value, with its ETag",
  description: "The current revision of one cell. Its `ETag` header (also `etag` in the body) is what `PUT` needs as `If-Match`.",
  params: CellPath,
  responses: {
    200: { ...ok("The current revision.", S.StoredObservation, stored), headers: etagHeader },
    400: badYear,
    404: notFound("value", "no value of beauty.growth for 320500 in 2023 yet"),
  },
  handle: async ({ deps, params: k, reply }) => {
    const current = await currentOf(deps, k)
    if (!current) throw noValue(k)
    return reply(200, observationJson(current), { ETag: etag(current.revision) })
  },
})

export const putObservation = defineEndpoint({
  method: "put",
  path: "/observations/{indicator}/{region}/{year}",
  operationId: "putObservation",
  tag: "Observations",
  access: "agency",
  summary: "Set or revise one value",
  description:
    "Sets the first value of a cell (no `If-Match`; 201) or revises it (`If-Match` with the current ETag; 200). Revising without `If-Match` is refused with 428; with an ETag that is no longer current, with 412 (If-Match per RFC 9110: `*`, a list of tags, strong comparison). Either way a new revision is appended: the history keeps every earlier one.",
  params: CellPath,
  headers: [ifMatch("The ETag of the current revision; required when the cell already has a value.")],
  body: {
    description: "The value.",
    content: json(CellBody, { value: 82.5, source: "Suzhou statistical yearbook 2024", note: "corrected GDP deflator" }),
  },
  responses: {
    200: { ...ok("Revised: the new revision.", S.StoredObservation, revised), headers: etagHeader },
    201: { ...ok("The cell's first value.", S.StoredObservation, stored), headers: etagHeader },
    400: error("The year or If-Match does not parse, or the body is not JSON.", "bad-request", 'If-Match must be * or the ETag of the current value in double quotes (e.g. "3", as GET returned it), not abc'),
    409: conflict("The value changed between the If-Match check and the write, or the year is locked; nothing was stored.", staleMessage, "stale-revision"),
    412: preconditionFailed,
    415: notJson,
    422: invalidRows,
    428: error(
      "The cell already has a value and no If-Match was sent.",
      "precondition-required",
      'beauty.growth for 320500 in 2023 already has a value (revision 1); send If-Match: "1" to revise it',
    ),
  },
  handle: async ({ c, deps, params: k, reply }) => {
    const principal = requirePrincipal(c)
    const decoded = Schema.decodeUnknownEither(CellBody, { errors: "all" })(await readJson(c, deps))
    if (Either.isLeft(decoded)) {
      const problems = ParseResult.ArrayFormatter.formatErrorSync(decoded.left).map((i) => ({ index: 0, field: i.path.map(String).join(".") || "body", message: i.message }))
      throw new InvalidObservations({ message: "the value is invalid; nothing was stored", problems })
    }
    const ifMatch = c.req.header("if-match")
    if (ifMatch !== undefined) parseIfMatch(ifMatch) // a malformed header is a 400 before anything is read
    const current = await currentOf(deps, k)
    if (current && ifMatch === undefined) {
      throw new PreconditionRequired({
        message: `${k.indicator} for ${k.region} in ${k.year} already has a value (revision ${current.revision}); send If-Match: ${etag(current.revision)} to revise it`,
      })
    }
    const revision = ifMatch === undefined ? 0 : revisionIfMatched(parseIfMatch(ifMatch), current?.revision, named(k))
    const result = await runOrThrow(deps.runtime, writeRows(principal, [{ ...k, ...withTexts(decoded.right), revision }], deps.now().toISOString()))
    const stored = result.stored[0]!
    return reply(current ? 200 : 201, observationJson(stored), { ETag: etag(stored.revision) })
  },
})

export const getObservationHistory = defineEndpoint({
  method: "get",
  path: "/observations/{indicator}/{region}/{year}/history",
  operationId: "getObservationHistory",
  tag: "Observations",
  access: "read",
  summary: "Every revision of one value",
  description: "Every revision of the cell, oldest first: who sent which value when, from which source, with which note.",
  params: CellPath,
  responses: {
    200: ok("The revisions.", S.ObservationHistory, { indicator: "beauty.growth", region: "320500", year: 2023, revisions: [stored, revised] }),
    400: badYear,
    404: notFound("value", "no value of beauty.growth for 320500 in 2023 yet"),
  },
  handle: async ({ deps, params: k, reply }) => {
    const revisions = await runOrThrow(deps.runtime, Effect.flatMap(ObservationStore.ObservationStore, (s) => s.history(k.indicator, k.region, k.year)))
    if (revisions.length === 0) throw noValue(k)
    return reply(200, { indicator: k.indicator, region: k.region, year: k.year, revisions: revisions.map(observationJson) })
  },
})

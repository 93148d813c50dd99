/**
 * Observation routes: register values (JSON), read current values (as of a time), read one cell with its ETag,
 * revise one cell with If-Match, read a cell's full history.
 */
import { InvalidObservations, NotFound, ObservationStore, type StoredObservation } from "@tijian/core"
import { Effect, Either, ParseResult, Schema } from "effect"
import { type Context, Hono } from "hono"
import { BilingualText, type BilingualTextValue, splitText } from "../bilingualText.js"
import { BadRequest, PreconditionRequired } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal } from "../http.js"
import { readJsonBody } from "../jsonBody.js"
import { countedProblems, listProblems } from "../listedProblems.js"
import { parseAsOf, parseYear } from "../parse.js"
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

/** A stored revision as JSON, with its ETag. */
export const observationJson = (o: StoredObservation) => ({ ...o, etag: etag(o.revision) })

/**
 * The body of a write's 201: the new revisions (an import lists the first 1,000), how many were stored and
 * left unchanged, and the write's stamp (the `submittedAt` of every revision it stored; null if none).
 */
export const writeResultJson = (result: WriteResult) => ({
  stored: result.stored.map(observationJson),
  count: result.count,
  unchanged: result.unchanged,
  submittedAt: result.submittedAt,
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

/** The observation routes. */
export const observationRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()
  const run = <A, E>(effect: Effect.Effect<A, E, any>) => runOrThrow(deps.runtime, effect)

  const currentOf = async (k: { readonly indicator: string; readonly region: string; readonly year: number }) =>
    (await run(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.history(k.indicator, k.region, k.year)))).at(-1)
  const named = (k: { readonly indicator: string; readonly region: string; readonly year: number }) => `${k.indicator} for ${k.region} in ${k.year}`

  api.post("/observations", async (c) => {
    const principal = requirePrincipal(c)
    let rows = decodeRows(await readJson(c, deps))
    const ifMatch = c.req.header("if-match")
    if (ifMatch !== undefined) {
      const condition = parseIfMatch(ifMatch)
      if (rows.length !== 1) throw new BadRequest({ message: "If-Match applies to one value; for several, give each row its `revision`" })
      const row = rows[0]!
      rows = [{ ...row, revision: revisionIfMatched(condition, (await currentOf(row))?.revision, named(row)) }]
    }
    const result = await run(writeRows(principal, rows, deps.now().toISOString()))
    return c.json(writeResultJson(result), 201)
  })

  api.get("/observations", async (c) => {
    const q = c.req.query()
    const list = (v: string | undefined) => (v === undefined ? undefined : v.split(",").filter((x) => x !== ""))
    const years = list(q.year)?.map((y) => parseYear(y))
    const found = await run(
      Effect.flatMap(ObservationStore.ObservationStore, (s) =>
        s.current({
          ...(q.indicator ? { indicators: list(q.indicator)! } : {}),
          ...(q.region ? { regions: list(q.region)! } : {}),
          ...(years ? { years } : {}),
          ...(q.asOf ? { asOf: parseAsOf(q.asOf) } : {}),
        }),
      ),
    )
    return c.json({ observations: found.map(observationJson) })
  })

  const cell = (c: Context<AppEnv>) => ({
    indicator: c.req.param("indicator")!,
    region: c.req.param("region")!,
    year: parseYear(c.req.param("year")!),
  })

  api.get("/observations/:indicator/:region/:year", async (c) => {
    const k = cell(c)
    const current = await currentOf(k)
    if (!current) {
      throw new NotFound({ reason: "observation", message: `no value of ${k.indicator} for ${k.region} in ${k.year} yet` })
    }
    c.header("ETag", etag(current.revision))
    return c.json(observationJson(current))
  })

  api.put("/observations/:indicator/:region/:year", async (c) => {
    const principal = requirePrincipal(c)
    const k = cell(c)
    const decoded = Schema.decodeUnknownEither(CellBody, { errors: "all" })(await readJson(c, deps))
    if (Either.isLeft(decoded)) {
      const problems = ParseResult.ArrayFormatter.formatErrorSync(decoded.left).map((i) => ({ index: 0, field: i.path.map(String).join(".") || "body", message: i.message }))
      throw new InvalidObservations({ message: "the value is invalid; nothing was stored", problems })
    }
    const ifMatch = c.req.header("if-match")
    if (ifMatch !== undefined) parseIfMatch(ifMatch) // a malformed header is a 400 before anything is read
    const current = await currentOf(k)
    if (current && ifMatch === undefined) {
      throw new PreconditionRequired({
        message: `${k.indicator} for ${k.region} in ${k.year} already has a value (revision ${current.revision}); send If-Match: ${etag(current.revision)} to revise it`,
      })
    }
    const revision = ifMatch === undefined ? 0 : revisionIfMatched(parseIfMatch(ifMatch), current?.revision, named(k))
    const result = await run(writeRows(principal, [{ ...k, ...withTexts(decoded.right), revision }], deps.now().toISOString()))
    const stored = result.stored[0]!
    c.header("ETag", etag(stored.revision))
    return c.json(observationJson(stored), current ? 200 : 201)
  })

  api.get("/observations/:indicator/:region/:year/history", async (c) => {
    const k = cell(c)
    const revisions = await run(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.history(k.indicator, k.region, k.year)))
    if (revisions.length === 0) {
      throw new NotFound({ reason: "observation", message: `no value of ${k.indicator} for ${k.region} in ${k.year} yet` })
    }
    return c.json({ indicator: k.indicator, region: k.region, year: k.year, revisions: revisions.map(observationJson) })
  })

  return api
}

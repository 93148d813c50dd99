/**
 * Report editions: publish (admin) freezes the current report as an immutable edition; editions are listed,
 * served exactly as published (JSON by default, or the page, Markdown, CSV: see `serveEdition.ts`), listed and
 * compared (JSON by default, or the page: see `editionPages.ts`).
 */
import { Database, Editions, Engine } from "@tijian/core"
import { Effect, Schema } from "effect"
import { actorOf } from "../audit/AuditLog.js"
import { withAuditedDatabase } from "../audit/auditedStore.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { optional, ScopeParam, TextParam, WordParam, YearParam, YearTextParam } from "../endpoint/parameters.js"
import { requirePrincipal } from "../http.js"
import { conflict, edition as editionExample, notFound, unknownScope } from "../openapi/examples.js"
import * as R from "../openapi/reportSchemas.js"
import * as S from "../openapi/schemas.js"
import { badYear, error, ok } from "../openapi/table.js"
import { MEDIA_TYPES } from "../render/negotiate.js"
import { runOrThrow } from "../runtime.js"
import { serveEditionDiff, serveEditionList } from "./editionPages.js"
import { ifNoneMatch, LangParam } from "./reports.js"
import { EDITION_FORMATS, editionServerOf } from "./serveEdition.js"

/** An edition number, from 1 (the handler reads it, with an optional format extension). */
const EditionNumber = (description: string, example: string) =>
  TextParam(description, example).annotations({ jsonSchema: { type: "integer", minimum: 1 } })

const editionPage = WordParam("json (the default) or html.", ["json", "html"], "html")

export const publishReport = defineEndpoint({
  method: "post",
  path: "/reports/{scope}/{year}/publish",
  operationId: "publishReport",
  tag: "Reports",
  access: "admin",
  summary: "Publish an edition of the report",
  description: "Freezes the report as it stands now as the next immutable edition. Refused (409 edition-unchanged) when the latest edition already has the same data.",
  params: Schema.Struct({ scope: ScopeParam, year: YearParam(undefined, 2022) }),
  responses: {
    201: ok("The new edition.", R.EditionInfo, editionExample),
    400: badYear,
    404: unknownScope,
    409: conflict("The latest edition already has these data.", "edition 1 of YRD 2022 already has these data; publish again after a revision", "edition-unchanged"),
  },
  handle: async ({ c, deps, params: { scope, year }, reply }) => {
    const principal = requirePrincipal(c)
    const at = deps.now().toISOString()
    const edition = await runOrThrow(
      deps.runtime,
      Effect.gen(function* () {
        const report = yield* Effect.flatMap(Engine.Engine, (e) => e.evaluate({ scope, year }))
        // recorded in the audit log in the edition's own transaction
        const audit = (edition: Editions.EditionInfo) => ({
          at: edition.publishedAt,
          action: "edition.publish" as const,
          actor: actorOf(principal),
          targets: [`${edition.scope}/${edition.year}/editions/${edition.edition}`],
          count: 1,
          details: { asOf: edition.asOf, contentHash: edition.contentHash },
        })
        return yield* withAuditedDatabase(audit, (database) =>
          Effect.flatMap(Editions.make.pipe(Effect.provideService(Database.Database, database)), (e) => e.publish(report, principal.agency, at)),
        )
      }),
    )
    return reply(201, edition)
  },
})

export const listEditions = defineEndpoint({
  method: "get",
  path: "/reports/{scope}/{year}/editions",
  operationId: "listEditions",
  tag: "Reports",
  access: "read",
  summary: "The published editions of a report",
  description:
    "Every edition of the scope and year, oldest first. With `Accept: text/html` or `format=html`, the list as a page in `lang` (number, published at and by, content hash, links to each edition and to the diff of consecutive editions; the same page is served at `/reports/{scope}/{year}/editions`, and its JSON at `/reports/{scope}/{year}/editions.json`).",
  params: Schema.Struct({ scope: ScopeParam, year: YearTextParam() }),
  query: Schema.Struct({ format: optional(editionPage), lang: optional(LangParam("the HTML page")) }),
  responses: {
    200: {
      description: "The editions, or their page.",
      content: { [MEDIA_TYPES.json[0]!]: { schema: R.EditionList, example: { editions: [editionExample] } }, [MEDIA_TYPES.html[0]!]: { schema: { type: "string" } } },
    },
    400: badYear,
    404: unknownScope,
  },
  handle: ({ c, deps }) => serveEditionList(deps, c, undefined, "json"),
})

export const getEdition = defineEndpoint({
  method: "get",
  path: "/reports/{scope}/{year}/editions/{edition}",
  operationId: "getEdition",
  tag: "Reports",
  access: "read",
  summary: "One edition, exactly as published",
  description:
    "The report JSON byte for byte as published (its ETag is the content hash), or, chosen by an extension on the edition (`1.md`, `1.csv`, `1.html`), `format`, else the `Accept` header, the edition's HTML page, Markdown or CSV in `lang`, rendered from that JSON (ETag: the SHA-256 of the bytes; the same page is served at `/reports/{scope}/{year}/editions/{edition}`). The page and the Markdown name the edition, when it was published and the later edition that supersedes it (or that it is the latest). JSON, CSV and a superseded edition's page never change (`Cache-Control: public, max-age=31536000, immutable`); the latest edition's page and Markdown are `no-cache` (they change once, when superseded). A matching `If-None-Match` gets a 304.",
  params: Schema.Struct({ scope: ScopeParam, year: YearTextParam(), edition: EditionNumber("The edition number, from 1.", "1") }),
  query: Schema.Struct({
    format: optional(WordParam("json (the default), html, md or csv.", EDITION_FORMATS, "html")),
    lang: optional(LangParam("the page, Markdown or CSV")),
  }),
  headers: [ifNoneMatch("An ETag served before: 304 when it is this representation's.", '"9cd3c80b06e679260edc1c0c29ac88e9c01ee75df22fd82f220c264e5d53bc09"')],
  responses: {
    200: {
      description: "The report as published, or its page, Markdown or CSV.",
      content: {
        [MEDIA_TYPES.json[0]!]: { schema: R.Report },
        [MEDIA_TYPES.html[0]!]: { schema: { type: "string" } },
        [MEDIA_TYPES.md[0]!]: { schema: { type: "string" } },
        [MEDIA_TYPES.csv[0]!]: { schema: { type: "string" } },
      },
      headers: { ETag: { description: "JSON: the report's content hash, quoted; HTML: the SHA-256 of the page's bytes, quoted.", schema: { type: "string" } } },
    },
    304: { description: "`If-None-Match` names this representation's ETag: not sent again." },
    400: error("The year or edition number does not parse, or `format` is not json, html, md or csv.", "bad-request", 'an edition is a number from 1 (see .../editions), not "x"'),
    404: notFound("edition", "YRD 2022 has no edition 3; see .../editions for the list"),
    406: error("The `Accept` header rules out every format; `details` lists them.", "not-acceptable", "none of the report formats matches Accept: image/png; ...", S.ErrorBody, { formats: EDITION_FORMATS }),
  },
  handle: ({ c, deps, params }) => editionServerOf(deps)(c, params, "json"),
})

export const diffEditions = defineEndpoint({
  method: "get",
  path: "/reports/{scope}/{year}/editions/{a}/diff/{b}",
  operationId: "diffEditions",
  tag: "Reports",
  access: "read",
  summary: "What changed between two editions",
  description:
    "The values and judgements (target met, progress, grade, status) that changed from edition `a` to edition `b`, and the revisions that entered or left. With `Accept: text/html` or `format=html`, a page in `lang` with old and new side by side in each indicator's decimals (also served at `/reports/{scope}/{year}/editions/{a}/diff/{b}`; `.../diff/{b}.json` there for the JSON). `a` may be later than `b` (the page says so); `a` = `b` changes nothing.",
  params: Schema.Struct({
    scope: ScopeParam,
    year: YearTextParam(),
    a: EditionNumber("The edition compared from.", "1"),
    b: EditionNumber("The edition compared to.", "2"),
  }),
  query: Schema.Struct({ format: optional(editionPage), lang: optional(LangParam("the HTML page")) }),
  responses: {
    200: { description: "The difference, or its page.", content: { [MEDIA_TYPES.json[0]!]: { schema: R.EditionDiff }, [MEDIA_TYPES.html[0]!]: { schema: { type: "string" } } } },
    400: error("The year or an edition number does not parse.", "bad-request", 'an edition is a number from 1 (see .../editions), not "x"'),
    404: notFound("edition", "YRD 2022 has no edition 3; see .../editions for the list"),
  },
  handle: ({ c, deps }) => serveEditionDiff(deps, c, "json"),
})

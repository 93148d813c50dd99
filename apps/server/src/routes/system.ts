/**
 * System endpoints, served before authentication: `/health` (the process answers), `/ready` (its database
 * answers and its schema is current: a load balancer sends traffic while it is 200), the OpenAPI document and
 * the API reference page rendered from it (built once, on first request).
 */
import { Database, Registry } from "@tijian/core"
import { Effect } from "effect"
import type { Kysely } from "kysely"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import type { Deps } from "../http.js"
import { makeOpenApiDocument, type OpenApiDocument } from "../openapi/document.js"
import { renderDocsPage } from "../openapi/html.js"
import * as S from "../openapi/schemas.js"
import { ok } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"
import { pendingServerMigrations } from "../storage/migrations.js"

/** Nothing but the page itself and inline styles: no script, no external request. */
const DOCS_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

export const health = defineEndpoint({
  method: "get",
  path: "/health",
  operationId: "health",
  tag: "System",
  access: "public",
  summary: "Is the server up?",
  description: "Answers 200 while the server runs; touches no storage.",
  responses: { 200: ok("The server is up.", S.Health, { status: "ok" }) },
  handle: ({ reply }) => reply(200, { status: "ok" }),
})

/** The migrations the database has not run, core's then the server's; fails when the database does not answer. */
const pendingEverywhere = Effect.gen(function* () {
  const { db } = yield* Database.Database
  const core = yield* Database.pendingMigrations(db)
  const server = yield* pendingServerMigrations(db as unknown as Kysely<unknown>)
  return [...core, ...server]
})

export const ready = defineEndpoint({
  method: "get",
  path: "/ready",
  operationId: "ready",
  tag: "System",
  access: "public",
  summary: "Can the server serve requests now?",
  description: "200 while the database answers and its schema is current (no migration pending); 503 otherwise. Send traffic to an instance while it is ready.",
  responses: {
    200: ok("The server is ready.", S.Ready, { status: "ready" }),
    503: ok("The database does not answer, or a migration has not run.", S.NotReady, { status: "not-ready", reason: "database-unavailable" }),
  },
  handle: async ({ deps, reply }) => {
    const pending = await runOrThrow(deps.runtime, pendingEverywhere).catch(() => undefined)
    if (pending === undefined) return reply(503, { status: "not-ready", reason: "database-unavailable" })
    if (pending.length > 0) return reply(503, { status: "not-ready", reason: "migrations-pending", pending })
    return reply(200, { status: "ready" })
  },
})

const documents = new WeakMap<Deps, OpenApiDocument>()
/** The document, with the parameter Schemas of the calculators the registered plugins declare. */
const documentOf = async (deps: Deps) => {
  let document = documents.get(deps)
  if (document === undefined) {
    const registry = await runOrThrow(deps.runtime, Registry.Registry)
    documents.set(deps, (document = makeOpenApiDocument(deps.settings, undefined, registry.calculators.map((e) => e.calculator))))
  }
  return document
}

export const openApi = defineEndpoint({
  method: "get",
  path: "/openapi.json",
  operationId: "openapi",
  tag: "System",
  access: "public",
  summary: "This API as an OpenAPI 3.1 document",
  description: "Generated from the same endpoint definitions and Schemas as this reference; feed it to a client generator.",
  responses: { 200: { description: "The OpenAPI document.", content: { "application/json": { schema: { type: "object" } } } } },
  handle: async ({ c, deps }) => c.json(await documentOf(deps)),
})

export const docs = defineEndpoint({
  method: "get",
  path: "/docs",
  operationId: "docs",
  tag: "System",
  access: "public",
  summary: "This API reference (HTML)",
  description: "A self-contained page rendered from the OpenAPI document: no script, no external asset; it works offline.",
  responses: { 200: { description: "The page.", content: { "text/html": { schema: { type: "string" } } } } },
  handle: async ({ c, deps }) => {
    c.header("Content-Security-Policy", DOCS_POLICY)
    return c.html(renderDocsPage(await documentOf(deps), new URL(c.req.url).origin))
  },
})

/** The system endpoints, in the order the docs show them. */
export const systemEndpoints = [health, ready, openApi, docs]

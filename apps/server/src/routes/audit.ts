/**
 * The audit endpoint: `GET /audit` (admin) reads the append-only audit log, oldest first, a page at a time. There
 * is deliberately no route that changes it: any other method on `/audit` is a 404.
 */
import { Schema } from "effect"
import { AUDIT_ACTIONS, listAudit } from "../audit/AuditLog.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { OneOfParam, optional, TextParam, WholeNumberParam } from "../endpoint/parameters.js"
import { error, ok } from "../openapi/table.js"
import { runOrThrow } from "../runtime.js"

/** One audit entry as the API returns it (for the OpenAPI document). */
export const AuditEntry = Schema.Struct({
  seq: Schema.Number,
  at: Schema.String,
  action: Schema.Literal(...AUDIT_ACTIONS),
  actor: Schema.Struct({ tokenId: Schema.NullOr(Schema.String), agency: Schema.String, role: Schema.NullOr(Schema.String) }),
  targets: Schema.Array(Schema.String),
  count: Schema.Number,
  details: Schema.Record({ key: Schema.String, value: Schema.Unknown }),
})

/** The body of `GET /audit`: a page of entries, oldest first; `next` is the `after` of the next page, or null. */
export const AuditPage = Schema.Struct({ entries: Schema.Array(AuditEntry), next: Schema.NullOr(Schema.Number) })

/** The default and the largest page. */
export const AUDIT_PAGE = { default: 100, max: 1000 } as const

/**
 * `GET /audit` answers `{ entries: [{ seq, at, action, actor: { tokenId, agency, role }, targets, count, details }],
 * next }`; `next` is the `after` of the next page, or null on the last one.
 */
export const listAuditEntries = defineEndpoint({
  method: "get",
  path: "/audit",
  operationId: "listAudit",
  tag: "Audit",
  access: "admin",
  summary: "The audit log",
  description:
    "Every change, oldest first: values written (JSON, PUT, imports, calculator commits), years locked and unlocked, tokens created and revoked, each with who (token id, agency, role; `local-cli` for the command line), what (the action, up to 100 target ids, how many things changed, details) and when. An entry is written in the same transaction as its change. The log cannot be changed: there is no route for it, and the database refuses updates and deletes. Page with `after` set to the previous page's `next`.",
  query: Schema.Struct({
    after: optional(WholeNumberParam("after", 0, Number.MAX_SAFE_INTEGER, "Only entries after this `seq` (the previous page's `next`).", 100)),
    limit: optional(WholeNumberParam("limit", 1, AUDIT_PAGE.max, `At most this many entries (default ${AUDIT_PAGE.default}).`, 100)),
    action: optional(OneOfParam("action", AUDIT_ACTIONS, "Only this action.")),
    agency: optional(TextParam("Only entries by this agency.", "suzhou-stats")),
    token: optional(TextParam("Only entries by this token id.", "0f3a9c2b7d1e4a56")),
  }),
  responses: {
    200: ok("A page of entries, oldest first; `next` is the `after` of the next page, or null on the last.", AuditPage, {
      entries: [
        {
          seq: 1,
          at: "2025-03-01T00:00:00.000Z",
          action: "observations.write",
          actor: { tokenId: "0f3a9c2b7d1e4a56", agency: "suzhou-stats", role: "agency" },
          targets: ["beauty.growth/320500/2023/r1"],
          count: 1,
          details: { unchanged: 0 },
        },
      ],
      next: null,
    }),
    400: error("`after`, `limit` or `action` is not valid.", "bad-request", 'limit must be a whole number from 1 to 1000, not "0"'),
  },
  handle: async ({ deps, query, reply }) => {
    const limit = query.limit ?? AUDIT_PAGE.default
    const entries = await runOrThrow(
      deps.runtime,
      listAudit({
        limit,
        ...(query.after !== undefined ? { after: query.after } : {}),
        ...(query.action !== undefined ? { action: query.action } : {}),
        ...(query.agency !== undefined ? { agency: query.agency } : {}),
        ...(query.token !== undefined ? { tokenId: query.token } : {}),
      }),
    )
    const last = entries.at(-1)
    return reply(200, { entries, next: entries.length === limit && last ? last.seq : null })
  },
})

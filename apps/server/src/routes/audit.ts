/**
 * The audit route: `GET /audit` (admin) reads the append-only audit log, oldest first, a page at a time. There
 * is deliberately no route that changes it: any other method on `/audit` is a 404.
 */
import { Schema } from "effect"
import { Hono } from "hono"
import { AUDIT_ACTIONS, type AuditAction, type AuditQuery, listAudit } from "../audit/AuditLog.js"
import { BadRequest } from "../errors.js"
import type { AppEnv, Deps } from "../http.js"
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

const wholeNumber = (name: string, text: string, min: number, max: number): number => {
  if (!/^\d{1,15}$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new BadRequest({ message: `${name} must be a whole number from ${min} to ${max}, not "${text}"` })
  }
  return Number(text)
}

/** The query of `GET /audit`, checked: `after` (a seq), `limit`, `action`, `agency`, `token`. */
const auditQuery = (q: Record<string, string>): AuditQuery => {
  const action = q.action
  if (action !== undefined && !AUDIT_ACTIONS.includes(action as AuditAction)) {
    throw new BadRequest({ message: `action must be one of ${AUDIT_ACTIONS.join(", ")}, not "${action}"` })
  }
  return {
    ...(q.after !== undefined ? { after: wholeNumber("after", q.after, 0, Number.MAX_SAFE_INTEGER) } : {}),
    limit: q.limit === undefined ? AUDIT_PAGE.default : wholeNumber("limit", q.limit, 1, AUDIT_PAGE.max),
    ...(action !== undefined ? { action: action as AuditAction } : {}),
    ...(q.agency !== undefined ? { agency: q.agency } : {}),
    ...(q.token !== undefined ? { tokenId: q.token } : {}),
  }
}

/**
 * The audit routes. `GET /audit` answers `{ entries: [{ seq, at, action, actor: { tokenId, agency, role },
 * targets, count, details }], next }`; `next` is the `after` of the next page, or null on the last one.
 */
export const auditRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()

  api.get("/audit", async (c) => {
    const query = auditQuery(c.req.query())
    const entries = await runOrThrow(deps.runtime, listAudit(query))
    const last = entries.at(-1)
    return c.json({ entries, next: entries.length === query.limit && last ? last.seq : null })
  })

  return api
}

/**
 * The audit log: an append-only record of every change made through the server — values written, years locked
 * and unlocked, tokens created and revoked, report editions published, calculator runs committed, plugins' reference data loaded — with who (token id, agency, role), what (action, target ids, a
 * count, details) and when. Entries are inserted in the same transaction as the change they record (see
 * `auditedStore.ts` and `TokenStore`); the database refuses to update or delete them.
 */
import { Database, StorageError } from "@tijian/core"
import { Effect } from "effect"
import type { Kysely, Transaction } from "kysely"
import type { Principal } from "../auth/Principal.js"
import type { AuditLogTable, ServerSchema } from "../storage/serverSchema.js"

/** What was done. */
export type AuditAction =
  | "observations.write"
  | "year.lock"
  | "year.unlock"
  | "token.create"
  | "token.revoke"
  | "edition.publish"
  | "boundary.put"
  | "boundary.delete"
  | "agency.names"
  | "approval.submit"
  | "approval.approve"
  | "approval.return"
  | "approval.reopen"
  | "plugins.sync"
  | "calculator.run"

/** The actions, for validating a filter. */
export const AUDIT_ACTIONS: ReadonlyArray<AuditAction> = [
  "observations.write",
  "year.lock",
  "year.unlock",
  "token.create",
  "token.revoke",
  "edition.publish",
  "boundary.put",
  "boundary.delete",
  "agency.names",
  "approval.submit",
  "approval.approve",
  "approval.return",
  "approval.reopen",
  "plugins.sync",
  "calculator.run",
]

/** Who did it: a token (id, agency, role) or the local CLI (no token). */
export interface AuditActor {
  readonly tokenId: string | null
  readonly agency: string
  readonly role: string | null
}

/** The actor of commands run on the server's own machine (`pnpm tijian tokens ...`), which need no token. */
export const CLI_ACTOR: AuditActor = { tokenId: null, agency: "local-cli", role: null }

/** The actor of a request. */
export const actorOf = (principal: Principal): AuditActor => ({ tokenId: principal.tokenId, agency: principal.agency, role: principal.role })

/** An entry to record. */
export interface AuditRecord {
  readonly at: string
  readonly action: AuditAction
  readonly actor: AuditActor
  /** The ids acted on; only the first `AUDIT_TARGETS_MAX` are kept (`count` says how many there were). */
  readonly targets: ReadonlyArray<string>
  readonly count: number
  readonly details?: Readonly<Record<string, unknown>>
}

/** A recorded entry, numbered in commit order. */
export interface AuditEntry extends AuditRecord {
  readonly seq: number
  readonly details: Readonly<Record<string, unknown>>
}

/** How many target ids one entry keeps (a 1,000,000-row import is one entry with its count, not a million ids). */
export const AUDIT_TARGETS_MAX = 100

/**
 * Inserts an entry, inside the caller's transaction when given one.
 *
 * @example
 * await insertAudit(trx, { at, action: "year.lock", actor, targets: ["year/2023"], count: 1, details: { reason } })
 */
export const insertAudit = async (db: Kysely<ServerSchema> | Transaction<ServerSchema>, record: AuditRecord): Promise<void> => {
  const targets = record.targets.slice(0, AUDIT_TARGETS_MAX)
  const details = { ...record.details, ...(record.targets.length > targets.length ? { targetsOmitted: record.targets.length - targets.length } : {}) }
  await db
    .insertInto("audit_log")
    .values({
      at: record.at,
      action: record.action,
      actor_token_id: record.actor.tokenId,
      actor_agency: record.actor.agency,
      actor_role: record.actor.role,
      targets: JSON.stringify(targets),
      count: record.count,
      details: JSON.stringify(details),
    })
    .execute()
}

/** Which entries to read: after a `seq` (for paging), at most `limit`, optionally one action, agency or token. */
export interface AuditQuery {
  readonly after?: number
  readonly limit: number
  readonly action?: AuditAction
  readonly agency?: string
  readonly tokenId?: string
}

const toEntry = (r: AuditLogTable & { seq: number | string }): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  action: r.action as AuditAction,
  actor: { tokenId: r.actor_token_id, agency: r.actor_agency, role: r.actor_role },
  targets: JSON.parse(r.targets) as Array<string>,
  count: Number(r.count),
  details: JSON.parse(r.details) as Record<string, unknown>,
})

/** Reads entries oldest first. */
export const readAudit = async (db: Kysely<ServerSchema>, q: AuditQuery): Promise<ReadonlyArray<AuditEntry>> => {
  let select = db.selectFrom("audit_log").selectAll()
  if (q.after !== undefined) select = select.where("seq", ">", q.after)
  if (q.action !== undefined) select = select.where("action", "=", q.action)
  if (q.agency !== undefined) select = select.where("actor_agency", "=", q.agency)
  if (q.tokenId !== undefined) select = select.where("actor_token_id", "=", q.tokenId)
  const rows = await select.orderBy("seq").limit(q.limit).execute()
  return rows.map((r) => toEntry(r as AuditLogTable & { seq: number | string }))
}

/** The server's tables over the core database (the same connection; the server's migrations add its tables). */
export const serverDb = (db: Database.DatabaseService["db"]): Kysely<ServerSchema> => db as unknown as Kysely<ServerSchema>

/** Reads entries as an effect over the database. */
export const listAudit = (q: AuditQuery): Effect.Effect<ReadonlyArray<AuditEntry>, StorageError, Database.Database> =>
  Effect.flatMap(Database.Database, ({ db }) =>
    Effect.tryPromise({
      try: () => readAudit(serverDb(db), q),
      catch: (e) => new StorageError({ reason: "query", message: `read audit log: ${String(e)}` }),
    }),
  )

/**
 * API tokens: created (shown once), listed, revoked, and checked on each request. A token is
 * `tj_<id>_<secret>`; only the SHA-256 of the secret is stored, compared in constant time. Creating and
 * revoking a token each record an audit entry in the same transaction (never the secret nor its hash).
 */
import { Database, StorageError } from "@tijian/core"
import { Context, Effect, Layer } from "effect"
import type { Kysely } from "kysely"
import { createHash, randomBytes, timingSafeEqual } from "node:crypto"
import { type AuditActor, CLI_ACTOR, insertAudit } from "../audit/AuditLog.js"
import { migrateServer } from "../storage/migrations.js"
import type { ServerSchema, TokenTable } from "../storage/serverSchema.js"
import type { Principal, Role } from "./Principal.js"

/** A token as listed (never with its secret). */
export interface TokenInfo {
  readonly id: string
  readonly role: Role
  readonly agency: string
  readonly region: string | null
  readonly plugins: ReadonlyArray<string> | null
  readonly createdAt: string
  readonly expiresAt: string | null
  readonly revokedAt: string | null
}

/** What a new token may do. */
export interface NewToken {
  readonly role: Role
  readonly agency: string
  readonly region?: string | null
  readonly plugins?: ReadonlyArray<string> | null
  readonly expiresAt?: string | null
}

/** Why a presented token was not accepted. */
export type Rejection = "malformed" | "unknown" | "revoked" | "expired"

/**
 * The token store's operations. `now` is passed in (ISO time); `by` is who is recorded in the audit log
 * (default: the local CLI, the only place tokens are made today).
 */
export interface TokenStoreService {
  readonly create: (token: NewToken, now: string, by?: AuditActor) => Effect.Effect<{ readonly token: string; readonly info: TokenInfo }, StorageError>
  readonly list: () => Effect.Effect<ReadonlyArray<TokenInfo>, StorageError>
  /** Revokes a token; false when there is no such token or it was already revoked (nothing is recorded then). */
  readonly revoke: (id: string, now: string, by?: AuditActor) => Effect.Effect<boolean, StorageError>
  readonly authenticate: (presented: string, now: string) => Effect.Effect<Principal | Rejection, StorageError>
  readonly countAdmins: (now: string) => Effect.Effect<number, StorageError>
}

/** The token store service tag. */
export class TokenStore extends Context.Tag("@tijian/server/TokenStore")<TokenStore, TokenStoreService>() {}

const sha256 = (text: string) => createHash("sha256").update(text).digest("hex")

const info = (r: TokenTable): TokenInfo => ({
  id: r.id,
  role: r.role as Role,
  agency: r.agency,
  region: r.region,
  plugins: r.plugins === null ? null : (JSON.parse(r.plugins) as Array<string>),
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
})

const TOKEN = /^tj_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/

const query = <A>(what: string, run: () => Promise<A>) =>
  Effect.tryPromise({ try: run, catch: (e) => new StorageError({ reason: "query", message: `${what}: ${String(e)}` }) })

/** Makes the store over the database, migrating the server's tables first. */
export const make = Effect.gen(function* () {
  const { db: coreDb, readOnly } = yield* Database.Database
  const db = coreDb as unknown as Kysely<ServerSchema>
  yield* migrateServer(coreDb as unknown as Kysely<unknown>, { readOnly: readOnly ?? false })

  const create: TokenStoreService["create"] = (token, now, by = CLI_ACTOR) =>
    query("create token", async () => {
      const id = randomBytes(8).toString("hex")
      const secret = randomBytes(32).toString("base64url")
      const row: TokenTable = {
        id,
        secret_sha256: sha256(secret),
        role: token.role,
        agency: token.agency,
        region: token.region ?? null,
        plugins: token.plugins ? JSON.stringify([...token.plugins].sort()) : null,
        created_at: now,
        expires_at: token.expiresAt ?? null,
        revoked_at: null,
      }
      const scope = { role: row.role, agency: row.agency, region: row.region, plugins: info(row).plugins, expiresAt: row.expires_at }
      await db.transaction().execute(async (trx) => {
        await trx.insertInto("api_tokens").values(row).execute()
        await insertAudit(trx, { at: now, action: "token.create", actor: by, targets: [id], count: 1, details: scope })
      })
      return { token: `tj_${id}_${secret}`, info: info(row) }
    })

  const list: TokenStoreService["list"] = () =>
    query("list tokens", async () => (await db.selectFrom("api_tokens").selectAll().orderBy("created_at").orderBy("id").execute()).map(info))

  const revoke: TokenStoreService["revoke"] = (id, now, by = CLI_ACTOR) =>
    query("revoke token", () =>
      db.transaction().execute(async (trx) => {
        const r = await trx.updateTable("api_tokens").set({ revoked_at: now }).where("id", "=", id).where("revoked_at", "is", null).executeTakeFirst()
        const revoked = Number(r.numUpdatedRows) > 0
        if (revoked) await insertAudit(trx, { at: now, action: "token.revoke", actor: by, targets: [id], count: 1 })
        return revoked
      }),
    )

  const authenticate: TokenStoreService["authenticate"] = (presented, now) =>
    query("check token", async (): Promise<Principal | Rejection> => {
      const m = TOKEN.exec(presented)
      if (!m) return "malformed"
      const row = await db.selectFrom("api_tokens").selectAll().where("id", "=", m[1]!).executeTakeFirst()
      const expected = Buffer.from(row?.secret_sha256 ?? sha256("no such token"), "hex")
      const given = Buffer.from(sha256(m[2]!), "hex")
      const equal = timingSafeEqual(expected, given)
      if (!row || !equal) return "unknown"
      if (row.revoked_at !== null) return "revoked"
      if (row.expires_at !== null && row.expires_at <= now) return "expired"
      const t = info(row)
      return { tokenId: t.id, role: t.role, agency: t.agency, region: t.region, plugins: t.plugins }
    })

  const countAdmins: TokenStoreService["countAdmins"] = (now) =>
    query("count admin tokens", async () => {
      const rows = await db.selectFrom("api_tokens").select(["expires_at"]).where("role", "=", "admin").where("revoked_at", "is", null).execute()
      return rows.filter((r) => r.expires_at === null || r.expires_at > now).length
    })

  return { create, list, revoke, authenticate, countAdmins } satisfies TokenStoreService
})

/** The token store over whichever `Database` is provided. */
export const layer: Layer.Layer<TokenStore, StorageError, Database.Database> = Layer.effect(TokenStore, make)

/**
 * What the reliability, access and audit tests share: an app over a fresh database of one backend, named
 * tokens of every kind, a request helper, and a content hash of every table (to show a refused request
 * changed nothing).
 */
import { CORE_TABLES, type CopiedTable, Database, tableChecksum } from "@tijian/core"
import { Effect } from "effect"
import type { Kysely } from "kysely"
import { type AppOptions, makeApp } from "../../src/app.js"
import { TokenStore } from "../../src/auth/TokenStore.js"
import { builtinPlugins } from "../../src/plugins.js"
import { type AppRuntime, makeRuntime, runOrThrow } from "../../src/runtime.js"
import type { Backend } from "../backends.js"

/** Every table of the database, core's and the server's, with the key that orders it. */
export const ALL_TABLES: ReadonlyArray<CopiedTable> = [...CORE_TABLES, { name: "api_tokens", key: ["id"] }, { name: "audit_log", key: ["seq"] }]

/** The tokens every harness makes: one per role and scope, and the broken ones. */
export const TOKEN_SPECS = {
  admin: { role: "admin", agency: "yrd-office" },
  reviewer: { role: "reviewer", agency: "expert-panel" },
  suzhouJs: { role: "agency", agency: "suzhou-bureau", region: "320500" },
  suzhouAh: { role: "agency", agency: "suzhou-anhui-bureau", region: "341300" },
  revoked: { role: "agency", agency: "old-bureau", region: "320500" },
  expired: { role: "agency", agency: "old-bureau", region: "320500", expiresAt: "2025-02-01T00:00:00.000Z" },
  jiangsuApprover: { role: "approver", agency: "jiangsu-dc", region: "320000" },
} as const

export type TokenName = keyof typeof TOKEN_SPECS

/** A response as the tests read it. */
export interface Reply {
  readonly status: number
  readonly headers: Headers
  readonly text: string
  readonly json: any
}

/** An app over a fresh database with the tokens of `TOKEN_SPECS`. */
export interface Harness {
  readonly runtime: AppRuntime
  readonly app: ReturnType<typeof makeApp>
  readonly tokens: Readonly<Record<TokenName, string>>
  readonly tokenIds: Readonly<Record<TokenName, string>>
  /** Calls the app; `token` is a name of `TOKEN_SPECS` or a literal token; an object body is sent as JSON. */
  readonly call: (
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ) => Promise<Reply>
  /** SHA-256 and row count of every table, as one comparable value. */
  readonly contentHash: () => Promise<Record<string, string>>
  readonly dispose: () => Promise<void>
}

/** The clock of every harness: tokens are made on 2025-01-01, requests run on 2025-03-01. */
export const HARNESS_NOW = new Date("2025-03-01T00:00:00.000Z")

export const makeHarness = async (backend: Backend, options: AppOptions = {}): Promise<Harness> => {
  const runtime = makeRuntime({ filename: await backend.database(), plugins: builtinPlugins })
  const app = makeApp(runtime, { now: () => HARNESS_NOW, ...options })
  const tokens = {} as Record<TokenName, string>
  const tokenIds = {} as Record<TokenName, string>
  for (const [name, spec] of Object.entries(TOKEN_SPECS) as Array<[TokenName, (typeof TOKEN_SPECS)[TokenName]]>) {
    const made = await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.create(spec, "2025-01-01T00:00:00.000Z")))
    tokens[name] = made.token
    tokenIds[name] = made.info.id
    if (name === "revoked") await runOrThrow(runtime, Effect.flatMap(TokenStore, (s) => s.revoke(made.info.id, "2025-01-15T00:00:00.000Z")))
  }
  const call: Harness["call"] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers }
    if (opts.token !== undefined) headers.authorization = `Bearer ${tokens[opts.token as TokenName] ?? opts.token}`
    let body: string | Uint8Array | ReadableStream<Uint8Array> | undefined
    if (opts.body !== undefined) {
      if (typeof opts.body === "string" || opts.body instanceof Uint8Array) body = opts.body
      else {
        body = JSON.stringify(opts.body)
        headers["content-type"] ??= "application/json"
      }
    }
    const res = await app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) })
    const text = await res.text()
    let json: unknown
    try {
      json = JSON.parse(text)
    } catch {
      json = undefined
    }
    return { status: res.status, headers: res.headers, text, json }
  }
  const contentHash = async () => {
    const db = (await runOrThrow(runtime, Database.Database)).db as unknown as Kysely<any>
    const sums: Record<string, string> = {}
    for (const t of ALL_TABLES) {
      const { rows, sha256 } = await tableChecksum(db, t)
      sums[t.name] = `${rows}:${sha256}`
    }
    return sums
  }
  return { runtime, app, tokens, tokenIds, call, contentHash, dispose: () => runtime.dispose() }
}

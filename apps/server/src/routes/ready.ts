/**
 * `GET /api/v1/ready`: whether this server can serve requests now — its database answers and its schema is
 * current (no migration of core or of the server pending). A load balancer or orchestrator sends traffic while
 * it is 200 and stops while it is 503; `/health` only says that the process answers.
 */
import { Database } from "@tijian/core"
import { Effect } from "effect"
import { Hono } from "hono"
import type { Kysely } from "kysely"
import type { AppEnv, Deps } from "../http.js"
import { runOrThrow } from "../runtime.js"
import { pendingServerMigrations } from "../storage/migrations.js"

/** The body of a ready answer. */
export interface ReadyBody {
  readonly status: "ready"
}

/** The body of a not-ready answer: why, for the operator (no driver text). */
export interface NotReadyBody {
  readonly status: "not-ready"
  readonly reason: "database-unavailable" | "migrations-pending"
  /** The migrations not yet run, when `reason` is `migrations-pending`. */
  readonly pending?: ReadonlyArray<string>
}

/** The migrations the database has not run, core's then the server's; fails when the database does not answer. */
const pendingEverywhere = Effect.gen(function* () {
  const { db } = yield* Database.Database
  const core = yield* Database.pendingMigrations(db)
  const server = yield* pendingServerMigrations(db as unknown as Kysely<unknown>)
  return [...core, ...server]
})

/**
 * The readiness route.
 *
 * @example
 * await app.request("/api/v1/ready") // 200 {"status":"ready"}; 503 {"status":"not-ready","reason":"database-unavailable"}
 */
export const readyRoutes = (deps: Deps) =>
  new Hono<AppEnv>().get("/ready", async (c) => {
    const pending = await runOrThrow(deps.runtime, pendingEverywhere).catch(() => undefined)
    if (pending === undefined) return c.json({ status: "not-ready", reason: "database-unavailable" } satisfies NotReadyBody, 503)
    if (pending.length > 0) return c.json({ status: "not-ready", reason: "migrations-pending", pending } satisfies NotReadyBody, 503)
    return c.json({ status: "ready" } satisfies ReadyBody, 200)
  })

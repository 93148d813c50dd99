/**
 * `GET /api/v1/ready`: 200 while the database answers and no migration is pending; 503 with the reason otherwise.
 */
import { Database } from "@tijian/core"
import { Effect } from "effect"
import { sql } from "kysely"
import { describe, expect, it } from "vitest"
import { makeApp } from "../src/app.js"
import { builtinPlugins } from "../src/plugins.js"
import { makeRuntime, runOrThrow } from "../src/runtime.js"

const ready = async (app: ReturnType<typeof makeApp>) => {
  const res = await app.request("/api/v1/ready")
  return { status: res.status, body: await res.json() }
}

describe("GET /api/v1/ready", () => {
  it("is 200 ready on a migrated database, without a token even when reads need one", async () => {
    const runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
    expect(await ready(makeApp(runtime, { settings: { readsNeedToken: true } }))).toEqual({ status: 200, body: { status: "ready" } })
    await runtime.dispose()
  })

  it("is 503 migrations-pending, naming them, when the schema is behind", async () => {
    const runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
    const app = makeApp(runtime)
    expect((await ready(app)).status).toBe(200)
    await runOrThrow(runtime, Effect.flatMap(Database.Database, ({ db }) => Effect.promise(() => sql`DELETE FROM tijian_server_migration WHERE name = '0002_audit_log'`.execute(db))))
    expect(await ready(app)).toEqual({ status: 503, body: { status: "not-ready", reason: "migrations-pending", pending: ["0002_audit_log"] } })
    await runtime.dispose()
  })

  it("is 503 database-unavailable once the database is closed", async () => {
    const runtime = makeRuntime({ filename: ":memory:", plugins: builtinPlugins })
    const app = makeApp(runtime)
    expect((await ready(app)).status).toBe(200)
    await runOrThrow(runtime, Effect.flatMap(Database.Database, ({ db }) => Effect.promise(() => db.destroy())))
    expect(await ready(app)).toEqual({ status: 503, body: { status: "not-ready", reason: "database-unavailable" } })
    await runtime.dispose()
  })
})

/**
 * Year routes: lock a published year, unlock it (admin, with a reason), read its lock history.
 */
import { ObservationStore } from "@tijian/core"
import { Effect, Either, Schema } from "effect"
import { Hono } from "hono"
import { BadRequest } from "../errors.js"
import { type AppEnv, type Deps, requireRole } from "../http.js"
import { parseYear } from "../parse.js"
import { runOrThrow } from "../runtime.js"

/** The body of lock and unlock: why. */
export const LockBody = Schema.Struct({ reason: Schema.String.pipe(Schema.minLength(1)) })

/** The year routes. */
export const yearRoutes = (deps: Deps) => {
  const api = new Hono<AppEnv>()
  const run = <A, E>(effect: Effect.Effect<A, E, any>) => runOrThrow(deps.runtime, effect)

  for (const action of ["lock", "unlock"] as const) {
    api.post(`/years/:year/${action}`, async (c) => {
      const principal = requireRole(c, ["admin"])
      const year = parseYear(c.req.param("year"))
      const body = await c.req.json().catch(() => undefined)
      const decoded = Schema.decodeUnknownEither(LockBody)(body)
      if (Either.isLeft(decoded)) throw new BadRequest({ message: `send {"reason": "..."}: every ${action} records why` })
      const request = { actor: principal.agency, reason: decoded.right.reason, at: deps.now().toISOString() }
      const event = await run(
        Effect.flatMap(ObservationStore.ObservationStore, (s) => (action === "lock" ? s.lockYear(year, request) : s.unlockYear(year, request))),
      )
      return c.json(event, 201)
    })
  }

  api.get("/years/:year", async (c) => {
    const year = parseYear(c.req.param("year"))
    return c.json(await run(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.yearLock(year))))
  })

  api.get("/years", async (c) => c.json({ locked: await run(Effect.flatMap(ObservationStore.ObservationStore, (s) => s.lockedYears())) }))

  return api
}

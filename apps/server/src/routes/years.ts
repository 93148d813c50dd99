/**
 * Year routes: lock a published year, unlock it (admin, with a reason; each recorded in the audit log in the
 * same transaction), read its lock history.
 */
import { ObservationStore, type YearLockEvent } from "@tijian/core"
import { Effect, Either, Schema } from "effect"
import { Hono } from "hono"
import { actorOf } from "../audit/AuditLog.js"
import { withAuditedStore } from "../audit/auditedStore.js"
import { BadRequest } from "../errors.js"
import { type AppEnv, type Deps, readBodyText, requirePrincipal } from "../http.js"
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
      const principal = requirePrincipal(c)
      const year = parseYear(c.req.param("year"))
      const text = await readBodyText(c, deps)
      const body = (() => {
        try {
          return JSON.parse(text) as unknown
        } catch {
          return undefined
        }
      })()
      const decoded = Schema.decodeUnknownEither(LockBody)(body)
      if (Either.isLeft(decoded)) throw new BadRequest({ message: `send {"reason": "..."}: every ${action} records why` })
      const request = { actor: principal.agency, reason: decoded.right.reason, at: deps.now().toISOString() }
      const audit = (event: YearLockEvent) => ({
        at: event.at,
        action: `year.${action}` as const,
        actor: actorOf(principal),
        targets: [`year/${year}`],
        count: 1,
        details: { reason: event.reason, seq: event.seq },
      })
      const event = await run(
        withAuditedStore(audit, (s) => (action === "lock" ? s.lockYear(year, request) : s.unlockYear(year, request))),
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

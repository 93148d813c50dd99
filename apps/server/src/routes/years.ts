/**
 * Year endpoints: lock a published year, unlock it (admin, with a reason; each recorded in the audit log in the
 * same transaction), read its lock history.
 */
import { ObservationStore, type YearLockEvent } from "@tijian/core"
import { Effect, Either, Schema } from "effect"
import { actorOf } from "../audit/AuditLog.js"
import { withAuditedStore } from "../audit/auditedStore.js"
import { BadRequest } from "../errors.js"
import { defineEndpoint } from "../endpoint/Endpoint.js"
import { YearParam } from "../endpoint/parameters.js"
import { readBodyText, requirePrincipal } from "../http.js"
import { badYear, error, json, ok } from "../openapi/table.js"
import { conflict, lockEvent } from "../openapi/examples.js"
import * as S from "../openapi/schemas.js"
import { runOrThrow } from "../runtime.js"

/** The body of lock and unlock: why. */
export const LockBody = Schema.Struct({ reason: Schema.String.pipe(Schema.minLength(1)) })

const reportYear = Schema.Struct({ year: YearParam(undefined, 2022) })

const lockOrUnlock = (action: "lock" | "unlock") =>
  defineEndpoint({
    method: "post",
    path: `/years/{year}/${action}`,
    operationId: `${action}Year`,
    tag: "Years",
    access: "admin",
    summary: action === "lock" ? "Lock a year" : "Unlock a year",
    description:
      action === "lock"
        ? "Locks a published year: no new revision of any of its values is accepted (409 year-locked) until an admin unlocks it. The reason is recorded."
        : "Unlocks a year so its values can be revised again. The reason is recorded beside the lock.",
    params: reportYear,
    body: {
      description: "Why; every lock and unlock records it.",
      content: json(LockBody, { reason: action === "lock" ? "2022 report published" : "correction of the 2022 sewage figures" }),
    },
    responses: {
      201: ok("The recorded event.", S.YearLockEvent, action === "lock" ? lockEvent : { ...lockEvent, seq: 2, action, reason: "correction of the 2022 sewage figures" }),
      400: error("The year does not parse, or the body has no non-empty `reason`.", "bad-request", `send {"reason": "..."}: every ${action} records why`),
      409: conflict(
        `The year is ${action === "lock" ? "already locked" : "not locked"}.`,
        action === "lock" ? "2022 is already locked (since 2025-03-01T00:00:00.000Z by yrd-office)" : "2022 is not locked; there is nothing to unlock",
        "lock-state",
      ),
    },
    handle: async ({ c, deps, params: { year }, reply }) => {
      const principal = requirePrincipal(c)
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
      const event = await runOrThrow(
        deps.runtime,
        withAuditedStore(audit, (s) => (action === "lock" ? s.lockYear(year, request) : s.unlockYear(year, request))),
      )
      return reply(201, event)
    },
  })

export const lockYear = lockOrUnlock("lock")
export const unlockYear = lockOrUnlock("unlock")

export const listLockedYears = defineEndpoint({
  method: "get",
  path: "/years",
  operationId: "listLockedYears",
  tag: "Years",
  access: "read",
  summary: "Locked years",
  description: "The years locked now.",
  responses: { 200: ok("The locked years.", S.LockedYears, { locked: [2022] }) },
  handle: async ({ deps, reply }) =>
    reply(200, { locked: await runOrThrow(deps.runtime, Effect.flatMap(ObservationStore.ObservationStore, (s) => s.lockedYears())) }),
})

export const getYear = defineEndpoint({
  method: "get",
  path: "/years/{year}",
  operationId: "getYear",
  tag: "Years",
  access: "read",
  summary: "A year's lock state and history",
  description: "Whether the year is locked, with every lock and unlock (who, when, why), oldest first.",
  params: reportYear,
  responses: { 200: ok("The lock state.", S.YearLockState, { year: 2022, locked: true, events: [lockEvent] }), 400: badYear },
  handle: async ({ deps, params: { year }, reply }) =>
    reply(200, await runOrThrow(deps.runtime, Effect.flatMap(ObservationStore.ObservationStore, (s) => s.yearLock(year)))),
})

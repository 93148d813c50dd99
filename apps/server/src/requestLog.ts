/**
 * Request ids and the access log: every answer carries `X-Request-Id` (the client's own when it sent a sane
 * one, else a new UUID), and each request can write one JSON line to the access log when it has been answered.
 * The id is what a user quotes from a 500 (`error.requestId`) and what finds that request's lines in the log.
 */
import type { MiddlewareHandler } from "hono"
import { matchedRoutes } from "hono/route"
import { randomUUID } from "node:crypto"
import type { AppEnv } from "./http.js"

/** The header that carries the request id in and out. */
export const REQUEST_ID_HEADER = "X-Request-Id"

/** One line of the access log (written as JSON). */
export interface AccessLogLine {
  /** When the answer was ready, ISO 8601 UTC. */
  readonly time: string
  readonly requestId: string
  readonly method: string
  /** The route pattern that answered (`/api/v1/years/:year`), never the raw path; null when no route matched (404). */
  readonly route: string | null
  readonly status: number
  /** From the request's arrival to its answer's headers, in milliseconds (a streamed body may go on after). */
  readonly durationMs: number
  /** The id of the token that was admitted (16 hex digits, as `tijian tokens list` shows it), never the token itself; null without one. */
  readonly tokenId: string | null
}

/** Where access-log lines go. */
export type AccessLog = (line: AccessLogLine) => void

/** The access log of the server start: one JSON line per request on stdout. */
export const stdoutAccessLog: AccessLog = (line) => void process.stdout.write(`${JSON.stringify(line)}\n`)

/** A request id a client may choose: 1 to 128 visible ASCII characters (no spaces, no control characters). */
const SANE_ID = /^[\x21-\x7e]{1,128}$/

/**
 * The id of a request: the client's `X-Request-Id` when it is sane (see `SANE_ID`), else a new UUID.
 *
 * @example
 * requestIdOf("order-42/retry-1") // "order-42/retry-1"
 * requestIdOf("has spaces")       // a new UUID such as "0b6f6c1e-3c1a-4f0e-9d0b-6a2f6f1c7d55"
 */
export const requestIdOf = (sent: string | undefined): string => (sent !== undefined && SANE_ID.test(sent) ? sent : randomUUID())

/**
 * The middleware, first in the app: sets the request id (`c.get("requestId")`) and its header on the answer,
 * and, when `log` is given, writes the request's access-log line once it is answered.
 *
 * @example
 * app.use("*", tagRequests(stdoutAccessLog))
 * // {"time":"2026-12-06T20:10:00.000Z","requestId":"…","method":"GET","route":"/api/v1/health","status":200,"durationMs":0.4,"tokenId":null}
 */
export const tagRequests = (log?: AccessLog): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now()
  const requestId = requestIdOf(c.req.header(REQUEST_ID_HEADER))
  c.set("requestId", requestId)
  c.header(REQUEST_ID_HEADER, requestId)
  await next()
  if (!c.res.headers.has(REQUEST_ID_HEADER)) {
    try {
      c.res.headers.set(REQUEST_ID_HEADER, requestId)
    } catch {
      // a response with immutable headers (none the app makes today) goes out without the id
    }
  }
  if (log === undefined) return
  const route = matchedRoutes(c).find((r) => r.method !== "ALL")
  log({
    time: new Date().toISOString(),
    requestId,
    method: c.req.method,
    route: route?.path ?? null,
    status: c.res.status,
    durationMs: Math.round((performance.now() - started) * 10) / 10,
    tokenId: c.get("principal")?.tokenId ?? null,
  })
}

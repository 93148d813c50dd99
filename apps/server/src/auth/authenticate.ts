/**
 * The authentication middleware, in front of every route but health and docs: reads `Authorization: Bearer
 * <token>`, checks it, and sets the principal; counts the request against the rate limit of its token (or of
 * the client address when it has no valid token); refuses a body announced larger than the limit before any of
 * it is read.
 *
 * A URL with an encoded control character (`%00`..`%1F`, `%7F`) in its path or query is a 400 before anything
 * else: no code, id or time contains one, and PostgreSQL refuses NUL in text (it would otherwise be a 500).
 *
 * No header: anonymous (routes decide). A header with a bad, revoked or expired token: 401 at once. Over the
 * rate limit: 429 with `Retry-After` (seconds). A `Content-Length` over `maxBodyBytes`: 413. Routes that read a
 * body also count its bytes as they read (a body may come without a length, or lie).
 */
import type { Context, MiddlewareHandler } from "hono"
import { Effect } from "effect"
import { BadRequest, PayloadTooLarge, Unauthorized } from "../errors.js"
import { type AppEnv, DEFAULT_RATE_LIMIT, type Deps } from "../http.js"
import { runOrThrow } from "../runtime.js"
import { fixedWindowLimiter, type RateLimiter } from "./rateLimit.js"
import { TokenStore } from "./TokenStore.js"

const messages = {
  malformed: "the bearer token is malformed; tokens look like tj_<16 hex>_<43 characters>",
  unknown: "the bearer token is not known (wrong or deleted); ask an admin for a new one",
  revoked: "the bearer token was revoked; ask an admin for a new one",
  expired: "the bearer token has expired; ask an admin for a new one",
} as const

// One limiter per app (the API and the pages share it), keyed by the app's dependencies.
const limiters = new WeakMap<Deps, RateLimiter>()
const limiterOf = (deps: Deps): RateLimiter => {
  let limiter = limiters.get(deps)
  if (!limiter) {
    limiter = fixedWindowLimiter(deps.settings.rateLimit ?? DEFAULT_RATE_LIMIT)
    limiters.set(deps, limiter)
  }
  return limiter
}

/** The client's address as the socket sees it ("unknown" in process, e.g. `app.request` in tests). */
const clientAddress = (c: Context<AppEnv>): string =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? "unknown"

/** The body of a 429, shaped like every other error. */
const tooManyRequests = (c: Context<AppEnv>, retryAfterSeconds: number, who: string) =>
  c.json(
    {
      error: {
        code: "rate-limited",
        message: `too many requests from ${who}; retry after ${retryAfterSeconds} s (Retry-After), or ask the administrator about the rate limit`,
      },
    },
    429,
    { "Retry-After": String(retryAfterSeconds) },
  )

const MIB = 1024 * 1024
const formatBytes = (bytes: number): string => (bytes >= MIB && bytes % MIB === 0 ? `${bytes / MIB} MiB` : `${bytes.toLocaleString("en-US")} bytes`)

/** A 413 for a body announced larger than the limit, before any of it is read (worded as the upload readers word it). */
const checkAnnouncedLength = (c: Context<AppEnv>, maxBytes: number) => {
  const announced = Number(c.req.header("content-length") ?? Number.NaN)
  if (Number.isFinite(announced) && announced > maxBytes) {
    throw new PayloadTooLarge({
      message:
        `the body is ${formatBytes(announced)}, over this server's limit of ${formatBytes(maxBytes)} per request (TIJIAN_MAX_BODY_MB); ` +
        `split the file into smaller files, or ask the administrator to raise the limit; nothing was stored`,
    })
  }
}

const ENCODED_CONTROL = /%(?:[01][0-9a-f]|7f)/i

/** A 400 for a path or query with an encoded control character. */
const checkUrl = (c: Context<AppEnv>) => {
  const url = c.req.url
  const pathAndQuery = url.slice(url.indexOf("/", url.indexOf("//") + 2))
  const found = ENCODED_CONTROL.exec(pathAndQuery)
  if (found) {
    throw new BadRequest({
      message: `the URL contains the encoded control character ${found[0].toUpperCase()}; codes, ids, years and times never contain one: check the link`,
    })
  }
}

/** Checks the URL, sets `principal` from the Authorization header, then applies the rate limit and the body limit. */
export const authenticate =
  (deps: Deps): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    checkUrl(c)
    const limiter = limiterOf(deps)
    const limitBy = (key: string, who: string) => {
      const verdict = limiter.hit(key, deps.now().getTime())
      return verdict.allowed ? undefined : tooManyRequests(c, verdict.retryAfterSeconds, who)
    }
    const anonymous = () => limitBy(`address:${clientAddress(c)}`, "this address")
    const header = c.req.header("authorization")
    if (header === undefined) {
      const refused = anonymous()
      if (refused) return refused
      c.set("principal", undefined)
    } else {
      const m = /^Bearer\s+(\S+)\s*$/i.exec(header)
      const result = m
        ? await runOrThrow(deps.runtime, Effect.flatMap(TokenStore, (s) => s.authenticate(m[1]!, deps.now().toISOString())))
        : undefined
      if (result === undefined || typeof result === "string") {
        const refused = anonymous()
        if (refused) return refused
        throw new Unauthorized({ message: result === undefined ? "the Authorization header must be `Bearer <token>`" : messages[result] })
      }
      const refused = limitBy(`token:${result.tokenId}`, "this token")
      if (refused) return refused
      c.set("principal", result)
    }
    checkAnnouncedLength(c, deps.settings.maxBodyBytes)
    return next()
  }

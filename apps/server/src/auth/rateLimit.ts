/**
 * A fixed-window rate limit per key (a token id, or a client address for requests without a valid token):
 * at most `requests` in each window of `windowSeconds` aligned on the clock; the next request is refused with
 * the seconds until the window ends. State lives in this process (several server instances each count their
 * own); a window's counts are dropped as soon as the next window starts, so memory is bounded by the number
 * of distinct callers within one window.
 */
import type { RateLimit } from "../http.js"

/** The verdict on one request. */
export type RateVerdict = { readonly allowed: true } | { readonly allowed: false; readonly retryAfterSeconds: number }

/** Counts requests per key. */
export interface RateLimiter {
  /** Counts one request of `key` at `nowMs` (epoch milliseconds) and says whether it is allowed. */
  readonly hit: (key: string, nowMs: number) => RateVerdict
}

/**
 * Makes a limiter. `requests: 0` allows everything.
 *
 * @example
 * const limiter = fixedWindowLimiter({ requests: 2, windowSeconds: 60 })
 * limiter.hit("t1", 0); limiter.hit("t1", 1000) // allowed, allowed
 * limiter.hit("t1", 2000) // { allowed: false, retryAfterSeconds: 58 }
 */
export const fixedWindowLimiter = (limit: RateLimit): RateLimiter => {
  const windowMs = limit.windowSeconds * 1000
  let window = Number.NaN
  const counts = new Map<string, number>()
  return {
    hit: (key, nowMs) => {
      if (limit.requests <= 0) return { allowed: true }
      const current = Math.floor(nowMs / windowMs)
      if (current !== window) {
        window = current
        counts.clear()
      }
      const count = (counts.get(key) ?? 0) + 1
      counts.set(key, count)
      if (count <= limit.requests) return { allowed: true }
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(((current + 1) * windowMs - nowMs) / 1000)) }
    },
  }
}

/**
 * The app's write generation: a counter this process bumps after every request that may have written (any method
 * but GET, HEAD and OPTIONS, unless refused with a 4xx: observations in JSON, CSV or Excel, calculator runs, year
 * locks and unlocks, edition publishing). Cached live pages are keyed by it, so a write through this app shows on
 * the next request even when it does not move the database's write clock (publishing an edition does not). Writes by another
 * process (the CLI importing into the same SQLite file, a second server on PostgreSQL) are seen through the write
 * clock instead (`ObservationStore.lastChangeReader`), which the live pages read on every request too.
 */
import type { MiddlewareHandler } from "hono"

/** A counter of the writes this app served. */
export interface WriteGeneration {
  /** The current generation: changes after every request that may have written. */
  readonly current: () => number
  /** Counts a write. */
  readonly bump: () => void
}

/** A fresh counter, at 0. */
export const makeWriteGeneration = (): WriteGeneration => {
  let generation = 0
  return { current: () => generation, bump: () => void generation++ }
}

const READS = new Set(["GET", "HEAD", "OPTIONS"])

/**
 * Middleware bumping `generation` once a request that may write has been answered, before the answer leaves: a
 * client that reads after the write's 201 sees it. A refused write (4xx: unauthenticated, invalid, conflicting)
 * stored nothing, since writes are all or nothing, so it bumps nothing: nobody can empty the cache with bad
 * requests. A 5xx bumps, in case it failed after storing. A read that began before the bump renders under the
 * old generation, so what it caches is never served again.
 */
export const countWrites =
  (generation: WriteGeneration): MiddlewareHandler =>
  async (c, next) => {
    let refused = false
    try {
      await next()
      refused = c.res.status >= 400 && c.res.status < 500
    } finally {
      if (!READS.has(c.req.method) && !refused) generation.bump()
    }
  }

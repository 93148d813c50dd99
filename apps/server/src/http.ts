/**
 * What every route module receives: the runtime, the clock, the settings; and the Hono environment with the
 * caller's principal.
 */
import type { InputLimits } from "@tijian/core"
import type { Context } from "hono"
import { Readable } from "node:stream"
import { aRole, type Principal, type Role } from "./auth/Principal.js"
import type { CalculatorPool } from "./calculators/CalculatorPool.js"
import type { Metrics } from "./metrics.js"
import { Forbidden, Unauthorized } from "./errors.js"
import { readBodyBytes } from "./import/requestBody.js"
import type { BodyCache } from "./routes/BodyCache.js"
import type { AppRuntime } from "./runtime.js"
import type { WriteGeneration } from "./writeGeneration.js"

/** Settings that change how the API behaves. */
export interface ApiSettings {
  /** Require a token for reads (reports, observations) too. Default false: reads are public. */
  readonly readsNeedToken: boolean
  /** Largest request body accepted, in bytes (imports, calculator inputs). Default 200 MiB. */
  readonly maxBodyBytes: number
  /**
   * Requests allowed per token (per client address for requests without a valid token) in each fixed window;
   * one more is a 429 with `Retry-After`. Counted per server process. Default `DEFAULT_RATE_LIMIT`;
   * `requests: 0` turns the limit off.
   */
  readonly rateLimit?: RateLimit
  /**
   * Bytes of rendered pages and documents kept in memory (live reports, published editions), least recently
   * used out. Default `DEFAULT_BODY_CACHE_BYTES` (64 MiB); 0 keeps nothing (every request renders).
   */
  readonly pageCacheBytes?: number
  /** How large uploaded files may grow once read (unpacked bytes, zip entries, rows, features, vertices, raster pixels). Default core's `DEFAULT_INPUT_LIMITS`. */
  readonly inputLimits?: InputLimits
  /** How long a calculator run may take, in milliseconds; then its thread is stopped (503). Default 5 minutes. */
  readonly calculatorTimeoutMs?: number
  /** Calculator runs at once; one more gets 429. Default: the number of cores. */
  readonly calculatorMaxJobs?: number
  /** Heap of each calculator thread, in MiB. Default 2048. */
  readonly calculatorMaxHeapMb?: number
  /** Origins whose pages may read public data across sites (CORS, reads only; `*` for any). Default none: off. */
  readonly corsOrigins?: ReadonlyArray<string>
  /**
   * A read-only instance (over a PostgreSQL replica, or a SQLite copy): every request that would write is answered
   * 503 `read-only` before it is read, naming `primaryUrl` (where writes go) when given. Default false.
   */
  readonly readOnly?: boolean
  /** The base URL of the instance that takes writes, named in a read-only instance's refusals. */
  readonly primaryUrl?: string
}

/** A fixed-window rate limit. */
export interface RateLimit {
  readonly requests: number
  readonly windowSeconds: number
}

/**
 * The default rate limit: 6,000 requests a minute per token (100 a second on average), generous enough for
 * any agency's client and for the test suites, low enough to stop a runaway script.
 */
export const DEFAULT_RATE_LIMIT: RateLimit = { requests: 6000, windowSeconds: 60 }

/** Dependencies of the route modules. */
export interface Deps {
  readonly runtime: AppRuntime
  readonly now: () => Date
  readonly settings: ApiSettings
  /** The app's rendered bodies (live reports, editions), under the byte budget `settings.pageCacheBytes`. */
  readonly bodies: BodyCache
  /** Bumped after every request that may write; keys the cached live reports. */
  readonly writes: WriteGeneration
  /** Where calculator runs go: worker threads, at most `settings.calculatorMaxJobs` at once. */
  readonly calculators: CalculatorPool
  /** The app's metrics (`GET /metrics`). */
  readonly metrics: Metrics
}

/** The Hono environment: the authenticated principal, if any. */
export interface AppEnv {
  Variables: { principal: Principal | undefined; /** The request id (`requestLog.ts`), on every request. */ requestId: string }
}

/** The caller's principal, or a 401 when there is none (the access table, `auth/access.ts`, has already checked its role). */
export const requirePrincipal = (c: Context<AppEnv>): Principal => {
  const principal = c.get("principal")
  if (!principal) {
    throw new Unauthorized({ message: "this needs a token: send Authorization: Bearer <token> (an admin creates one with `pnpm tijian tokens create`)" })
  }
  return principal
}

/** The caller's principal if its role is one of `roles`; else 401 (no token) or 403 (wrong role). */
export const requireRole = (c: Context<AppEnv>, roles: ReadonlyArray<Role>): Principal => {
  const principal = requirePrincipal(c)
  if (!roles.includes(principal.role)) {
    const others = roles.slice(1)
    const alternatives = others.length === 0 ? "" : `${others.slice(0, -1).map((r) => `, ${r}`).join("")} or ${others.at(-1)!}`
    throw new Forbidden({ message: `${aRole(principal.role)} token may not do this; it needs ${aRole(roles[0]!)}${alternatives} token` })
  }
  return principal
}

/**
 * Node's request stream under the request, when the app is served by `@hono/node-server` (not under
 * `app.request()` in tests): reading it directly keeps backpressure on the socket.
 */
export const nodeRequestOf = (c: Context<AppEnv>): Readable | undefined => {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming
  return incoming instanceof Readable ? incoming : undefined
}

/**
 * The body as text, read within `maxBodyBytes` (413 as soon as more arrive, whatever Content-Length said);
 * bytes that are not UTF-8 become U+FFFD, which JSON parsing then refuses or keeps as text.
 */
export const readBodyText = async (c: Context<AppEnv>, deps: Pick<Deps, "settings">): Promise<string> =>
  new TextDecoder().decode(await readBodyBytes(c.req.raw, deps.settings.maxBodyBytes))

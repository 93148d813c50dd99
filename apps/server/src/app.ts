/**
 * The HTTP app: every route module under `/api/v1` and the pages, the access table applied to each request
 * (`auth/access.ts`), and one error handler that turns any failure into `{ "error": { "code", "message",
 * "details"? } }` with its status (a 401 with `WWW-Authenticate: Bearer`; a 5xx adds `requestId`). Every answer
 * carries `X-Request-Id`, and each request can write an access-log line (`requestLog.ts`).
 */
import { Hono } from "hono"
import { enforceAccess } from "./auth/access.js"
import { mountEndpoints } from "./endpoint/mount.js"
import { ENDPOINTS } from "./endpoints.js"
import { toHttpError, UnknownRoute } from "./errors.js"
import { corsForReads } from "./cors.js"
import { makeMetrics, measureRequests, type Metrics } from "./metrics.js"
import { metricsRoutes } from "./routes/metrics.js"
import { type CalculatorPool, makeCalculatorPool } from "./calculators/CalculatorPool.js"
import type { ApiSettings, AppEnv, Deps } from "./http.js"
import { pagesRoutes } from "./routes/pages.js"
import { type AccessLog, stdoutAccessLog, tagRequests } from "./requestLog.js"
import type { AppRuntime } from "./runtime.js"
import { type BodyCache, makeBodyCache } from "./routes/BodyCache.js"
import { countWrites, makeWriteGeneration } from "./writeGeneration.js"
import { refuseWrites } from "./readOnly.js"

/** Options of the app. */
export interface AppOptions {
  /** The current time (stamps writes; reports without `asOf`). Default: the system clock. */
  readonly now?: () => Date
  /** Where unexpected (500) errors are logged, with the request's id. Default: `console.error`, one line that starts with the id. */
  readonly logError?: (error: unknown, requestId: string) => void
  /**
   * The access log: one line per request (see `requestLog.ts`). `true` writes JSON lines to stdout (what the
   * server start does unless `accessLog` is off); a function receives each line. Default: none (quiet tests).
   */
  readonly accessLog?: boolean | AccessLog
  readonly settings?: Partial<ApiSettings>
  /** The cache of rendered bodies. Default: a fresh one with the budget `settings.pageCacheBytes`. */
  readonly bodyCache?: BodyCache
  /** Where calculator runs go. Default: a fresh pool sized by `settings.calculatorMaxJobs` and `calculatorMaxHeapMb` (its idle threads do not keep the process alive). */
  /** The app's metrics. Default: a fresh set in its own registry. */
  readonly metrics?: Metrics
  readonly calculatorPool?: CalculatorPool
}

/** Default settings: public reads, 200 MiB bodies. */
export const defaultSettings: ApiSettings = { readsNeedToken: false, maxBodyBytes: 200 * 1024 * 1024 }

/** The challenge of every 401: a bearer token (an admin creates one with `pnpm tijian tokens create`). */
const WWW_AUTHENTICATE = 'Bearer realm="tijian"'

/**
 * Makes the app over a runtime.
 *
 * @example
 * const app = makeApp(makeRuntime({ filename: ":memory:", plugins: builtinPlugins }))
 * const res = await app.request("/api/v1/health") // 200 {"status":"ok"}
 */
export const makeApp = (runtime: AppRuntime, options: AppOptions = {}): Hono<AppEnv> => {
  const settings = { ...defaultSettings, ...options.settings }
  const deps: Deps = {
    runtime,
    now: options.now ?? (() => new Date()),
    settings,
    bodies: options.bodyCache ?? makeBodyCache(settings.pageCacheBytes),
    writes: makeWriteGeneration(),
    metrics: options.metrics ?? makeMetrics(),
    calculators:
      options.calculatorPool ??
      makeCalculatorPool({ maxJobs: settings.calculatorMaxJobs, maxHeapMb: settings.calculatorMaxHeapMb }),
  }
  const logError = options.logError ?? ((error: unknown, requestId: string) => console.error(`request ${requestId} failed:`, error))
  const accessLog = options.accessLog === true ? stdoutAccessLog : options.accessLog === false ? undefined : options.accessLog

  const api = new Hono<AppEnv>()
  mountEndpoints(api, ENDPOINTS, deps)

  const app = new Hono<AppEnv>()
  app.use("*", tagRequests(accessLog))
  app.use("*", measureRequests(deps.metrics))
  app.use("*", refuseWrites(settings))
  app.use("*", countWrites(deps.writes))
  app.use("*", corsForReads(settings.corsOrigins ?? []))
  app.use("*", enforceAccess(deps))
  app.route("/api/v1", api)
  app.route("/", pagesRoutes(deps))
  app.route("/", metricsRoutes(deps))
  app.notFound((c) => {
    const { status, body } = toHttpError(new UnknownRoute({ method: c.req.method, path: c.req.path }))
    return c.json(body, status)
  })
  app.onError((error, c) => {
    const { status, body: plain, headers } = toHttpError(error)
    const requestId = c.get("requestId")
    if (status >= 500 && status !== 503) logError(error, requestId)
    const body = status >= 500 ? { error: { ...plain.error, requestId } } : plain
    return c.json(body, status, { ...headers, ...(status === 401 ? { "WWW-Authenticate": WWW_AUTHENTICATE } : {}) })
  })
  return app
}

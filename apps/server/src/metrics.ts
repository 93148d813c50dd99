/**
 * Metrics in the Prometheus text format (`GET /metrics`), with prom-client: requests counted and timed by method,
 * route pattern and status; rows stored by imports; evaluation time of live reports. Each app has its own registry,
 * so several apps in one process (tests) never share or clash. Routes are patterns (`/api/v1/years/:year`), never
 * raw paths, so the number of series stays bounded whatever clients send.
 */
import type { MiddlewareHandler } from "hono"
import { matchedRoutes } from "hono/route"
import { Counter, Histogram, Registry } from "prom-client"
import type { AppEnv } from "./http.js"

/** The app's metrics. */
export interface Metrics {
  readonly registry: Registry
  readonly requests: Counter<"method" | "route" | "status">
  readonly requestSeconds: Histogram<"method" | "route" | "status">
  readonly importRows: Counter<"format">
  readonly evaluationSeconds: Histogram<never>
}

/**
 * Makes the metrics of one app.
 *
 * @example
 * const metrics = makeMetrics()
 * await metrics.registry.metrics() // "# HELP tijian_http_requests_total ..."
 */
export const makeMetrics = (): Metrics => {
  const registry = new Registry()
  return {
    registry,
    requests: new Counter({
      name: "tijian_http_requests_total",
      help: "HTTP requests answered, by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      registers: [registry],
    }),
    requestSeconds: new Histogram({
      name: "tijian_http_request_duration_seconds",
      help: "Time from a request's arrival to its answer's headers, by method, route pattern and status",
      labelNames: ["method", "route", "status"] as const,
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [registry],
    }),
    importRows: new Counter({
      name: "tijian_import_rows_stored_total",
      help: "Revisions stored by file imports, by format",
      labelNames: ["format"] as const,
      registers: [registry],
    }),
    evaluationSeconds: new Histogram({
      name: "tijian_report_evaluation_seconds",
      help: "Time to evaluate a live report (a page or JSON not served from the cache)",
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  }
}

/** The known methods; anything else is counted as OTHER, so a client cannot add series. */
const METHODS = new Set(["GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH"])

/**
 * Counts and times every request (put it first, beside the request ids).
 *
 * @example
 * app.use("*", measureRequests(metrics))
 */
export const measureRequests = (metrics: Metrics): MiddlewareHandler<AppEnv> => async (c, next) => {
  const started = performance.now()
  await next()
  const route = matchedRoutes(c).find((r) => r.method !== "ALL")?.path ?? "unmatched"
  const labels = { method: METHODS.has(c.req.method) ? c.req.method : "OTHER", route, status: String(c.res.status) }
  metrics.requests.inc(labels)
  metrics.requestSeconds.observe(labels, (performance.now() - started) / 1000)
}

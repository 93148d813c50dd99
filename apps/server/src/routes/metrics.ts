/**
 * `GET /metrics`: the app's metrics in the Prometheus text format (see `metrics.ts`). A read: open unless reads need
 * a token, when a scraper sends a reviewer token as `Authorization: Bearer`.
 */
import { Hono } from "hono"
import type { AppEnv, Deps } from "../http.js"

/** The metrics route. */
export const metricsRoutes = (deps: Deps): Hono<AppEnv> => {
  const api = new Hono<AppEnv>()
  api.get("/metrics", async (c) => c.body(await deps.metrics.registry.metrics(), 200, { "Content-Type": deps.metrics.registry.contentType }))
  return api
}

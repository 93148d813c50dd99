/**
 * CORS for public reads, so a ministry or city site can fetch reports and figures from its own pages. Off unless
 * origins are configured (`corsOrigins`, `TIJIAN_CORS_ORIGINS`). Only reads are shared: an answer of a route whose
 * access rule is `public` or `read` (auth/access.ts) carries `Access-Control-Allow-Origin` for a listed origin; a
 * preflight is answered for GET and HEAD only, so a browser never sends a cross-site write. No cookies are used, so
 * credentials are never allowed; a token goes in `Authorization` when reads need one.
 */
import type { MiddlewareHandler } from "hono"
import { matchedRoutes } from "hono/route"
import { accessRuleOf } from "./auth/access.js"
import type { AppEnv } from "./http.js"

/** A configured origin: `*`, or a scheme and host (and port) without a path, e.g. `https://www.ndrc.gov.cn`. */
export const ORIGIN = /^(\*|https?:\/\/[^/\s?#]+)$/

const ALLOWED_HEADERS = "Authorization, Accept, Accept-Language, If-None-Match, X-Request-Id"
const EXPOSED_HEADERS = "ETag, X-Request-Id, Content-Disposition, Content-Language"

/**
 * The CORS middleware for `origins` (none: off). Put it before the access middleware: a preflight carries no token.
 *
 * @example
 * app.use("*", corsForReads(["https://www.ndrc.gov.cn"]))
 */
export const corsForReads = (origins: ReadonlyArray<string>): MiddlewareHandler<AppEnv> => {
  const any = origins.includes("*")
  return async (c, next) => {
    const origin = c.req.header("origin")
    if (origins.length === 0 || origin === undefined || !(any || origins.includes(origin))) return next()
    if (c.req.method === "OPTIONS" && c.req.header("access-control-request-method") !== undefined) {
      const wanted = c.req.header("access-control-request-method")!.toUpperCase()
      if (wanted !== "GET" && wanted !== "HEAD") return c.body(null, 204, { Vary: "Origin" })
      return c.body(null, 204, {
        "Access-Control-Allow-Origin": origin,
        "Access-Control-Allow-Methods": "GET, HEAD",
        "Access-Control-Allow-Headers": ALLOWED_HEADERS,
        "Access-Control-Max-Age": "600",
        Vary: "Origin",
      })
    }
    await next()
    const route = matchedRoutes(c).find((r) => r.method !== "ALL")
    const rule = route === undefined ? undefined : accessRuleOf(route.method, route.path)
    // a copy, since a response's headers may be immutable
    c.res = new Response(c.res.body, c.res)
    c.res.headers.append("Vary", "Origin")
    if ((c.req.method === "GET" || c.req.method === "HEAD") && (rule === "public" || rule === "read")) {
      c.res.headers.set("Access-Control-Allow-Origin", origin)
      c.res.headers.set("Access-Control-Expose-Headers", EXPOSED_HEADERS)
    }
  }
}

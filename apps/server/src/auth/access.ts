/**
 * Who may call each route, declared in one table: every (method, path) the app serves, API and pages, has one
 * rule, and one middleware (`enforceAccess`) applies it before any handler runs. A route missing from the table
 * is refused to every caller (fail closed); a test checks that every route the app registers is in it. The
 * OpenAPI document states each operation's security from the same table.
 *
 * Rules:
 * - `public`: served without reading a token at all (health, readiness, the OpenAPI document, the docs page);
 * - `read`: open to anyone, unless the setting `readsNeedToken` is on: then any valid token (401 without one);
 * - `agency`: writes, an agency token (the handler checks its region subtree and plugins) or an admin token;
 * - `admin`: an admin token.
 *
 * Outside `public`, a token that is sent must be valid (401 otherwise), and requests count against the rate limit.
 */
import type { Context, MiddlewareHandler } from "hono"
import { matchedRoutes } from "hono/route"
import { Forbidden } from "../errors.js"
import { type AppEnv, type Deps, requirePrincipal, requireRole } from "../http.js"
import { authenticate } from "./authenticate.js"

/** Who may call a route (see the module comment). */
export type AccessRule = "public" | "read" | "agency" | "admin"

/** The HTTP methods the app routes (HEAD is answered by the GET route). */
export type RouteMethod = "GET" | "POST" | "PUT" | "DELETE"

/** One row of the access table: a route as the app registers it (Hono pattern, full path) and its rule. */
export interface RouteAccess {
  readonly method: RouteMethod
  readonly path: string
  readonly rule: AccessRule
}

const api = (method: RouteMethod, path: string, rule: AccessRule): RouteAccess => ({ method, path: `/api/v1${path}`, rule })
const page = (path: string): RouteAccess => ({ method: "GET", path, rule: "read" })

/** Every route the app serves and who may call it. */
export const ROUTE_ACCESS: ReadonlyArray<RouteAccess> = [
  api("GET", "/health", "public"),
  api("GET", "/ready", "public"),
  api("GET", "/openapi.json", "public"),
  api("GET", "/docs", "public"),
  // reference data
  api("GET", "/indicators", "read"),
  api("GET", "/indicators/:id", "read"),
  api("GET", "/regions", "read"),
  api("GET", "/regions/:code", "read"),
  api("GET", "/targets", "read"),
  api("GET", "/regions/:code/boundary", "read"),
  api("PUT", "/regions/:code/boundary", "admin"),
  api("DELETE", "/regions/:code/boundary", "admin"),
  api("GET", "/agencies", "read"),
  api("PUT", "/agencies/:agency", "admin"),
  // observations
  api("GET", "/observations", "read"),
  api("GET", "/observations/:indicator/:region/:year", "read"),
  api("GET", "/observations/:indicator/:region/:year/history", "read"),
  api("POST", "/observations", "agency"),
  api("PUT", "/observations/:indicator/:region/:year", "agency"),
  api("POST", "/observations/import", "agency"),
  api("GET", "/templates/:region/:file", "agency"),
  api("GET", "/calculators", "read"),
  api("POST", "/calculators/:id/runs", "agency"),
  // years: a lock names its agency, time and reason
  api("GET", "/years", "read"),
  api("GET", "/years/:year", "read"),
  api("POST", "/years/:year/lock", "admin"),
  api("POST", "/years/:year/unlock", "admin"),
  // reports, editions, exports
  api("GET", "/reports/:scope/:year", "read"),
  api("GET", "/reports/:scope/:year/comparison", "read"),
  api("POST", "/reports/:scope/:year/publish", "admin"),
  api("GET", "/reports/:scope/:year/editions", "read"),
  api("GET", "/reports/:scope/:year/editions/:edition", "read"),
  api("GET", "/reports/:scope/:year/editions/:a/diff/:b", "read"),
  api("GET", "/export/sdmx.csv", "read"),
  api("GET", "/audit", "admin"),
  // pages for people, published editions included
  page("/"),
  page("/reports/:scope/:year"),
  page("/reports/:scope/:year/overview"),
  page("/reports/:scope/:year/editions"),
  page("/reports/:scope/:year/editions.json"),
  page("/reports/:scope/:year/editions.html"),
  page("/reports/:scope/:year/editions/:edition"),
  page("/reports/:scope/:year/editions/:a/diff/:b"),
  page("/embed/:scope/:year/:indicator"),
  // request counts, latency, import rows, evaluation time (Prometheus)
  page("/metrics"),
]

/** A path with every parameter segment (`:code`, `{code}`, `{year}.xlsx`) as `:`, so Hono and OpenAPI paths compare. */
const shapeOf = (path: string) =>
  path
    .split("/")
    .map((segment) => (segment.includes(":") || segment.includes("{") ? ":" : segment))
    .join("/")

const byRoute = new Map(ROUTE_ACCESS.map((r) => [`${r.method} ${shapeOf(r.path)}`, r.rule]))

/**
 * The rule of a route, given as registered (`/api/v1/years/:year`) or as the OpenAPI document writes it
 * (`/api/v1/years/{year}`); undefined when the table does not declare it.
 *
 * @example
 * accessRuleOf("GET", "/api/v1/years/{year}") // "read"
 */
export const accessRuleOf = (method: string, path: string): AccessRule | undefined => byRoute.get(`${method.toUpperCase()} ${shapeOf(path)}`)

/** Refuses the caller unless `rule` admits it: 401 without a (required) token, 403 for a token of the wrong role. */
const admit = (c: Context<AppEnv>, rule: AccessRule, deps: Deps) => {
  if (rule === "read" && deps.settings.readsNeedToken) requirePrincipal(c)
  if (rule === "agency") requireRole(c, ["agency", "admin"])
  if (rule === "admin") requireRole(c, ["admin"])
}

/**
 * The access middleware, in front of every route: finds the route the request will reach and applies its rule.
 * `public` routes are served at once; every other request is authenticated (`authenticate`), then admitted or
 * refused. A route the table does not declare is refused (401 without a token, 403 with one). A request that
 * reaches no route is a `read` (its 404 reveals nothing, and it is a 401 when reads need a token).
 */
export const enforceAccess = (deps: Deps): MiddlewareHandler<AppEnv> => {
  const authenticated = authenticate(deps)
  return async (c, next) => {
    // the app registers middleware with `use` (method ALL) and handlers with get/post/put/delete only
    const route = matchedRoutes(c).find((r) => r.method !== "ALL")
    const rule = route === undefined ? "read" : accessRuleOf(route.method, route.path)
    if (rule === "public") return next()
    return authenticated(c, async () => {
      if (rule === undefined) {
        requirePrincipal(c)
        throw new Forbidden({ message: `${route!.method} ${route!.path} is not in the server's access table, so it is refused; report this to the administrator` })
      }
      admit(c, rule, deps)
      await next()
    })
  }
}
